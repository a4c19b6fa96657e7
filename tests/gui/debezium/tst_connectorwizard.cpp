// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the connector wizards with QTest from the first page to export and Finish, offscreen, and
// saves a screenshot of every page: the step indicator, defaults from the project and the sandbox, red
// inline errors with their fix, the review's project checks, Cancel's question and Finish when editing.
#include "debezium/connectoractions.h"
#include "debezium/connectorwizard.h"
#include "debezium/wizardpages.h"
#include "sandbox/sandboxtypes.h"
#include "topology/projectdocument.h"
#include "topology/templates.h"

#include "guitestsupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

#include <nlohmann/json.hpp>

using namespace cdc;
using namespace cdc::ui;

namespace {

using cdc::guitest::outputDir;

void type(QWidget *page, const char *objectName, const QString &text)
{
    auto *edit = page->findChild<QLineEdit *>(QLatin1String(objectName));
    QVERIFY2(edit, objectName);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QString str(const nlohmann::json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

void shoot(ConnectorWizard *wizard, const QString &name)
{
    QApplication::processEvents(); // the layouts settle after a text changes
    QVERIFY(wizard->grab().save(outputDir() + QStringLiteral("/wizard-%1-%2.png").arg(name).arg(wizard->currentId())));
}

QPushButton *buttonWithText(QWidget *parent, const QString &text)
{
    for (QPushButton *b : parent->findChildren<QPushButton *>()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

// Cancel on a wizard with edits: the question comes, and Discard closes the wizard.
void cancelDiscarding(QPointer<ConnectorWizard> wizard)
{
    wizard->reject();
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = wizard->findChild<QMessageBox *>(QStringLiteral("discardQuestion"))) &&
                question->isVisible());
    QTest::mouseClick(question->button(QMessageBox::Discard), Qt::LeftButton);
    QTRY_VERIFY(!wizard);
}

QStringList rules(const ReviewPage *review)
{
    QStringList found;
    for (const validation::ProjectDiagnostic &d : review->diagnostics())
        found << d.rule;
    return found;
}

bool isRed(const QColor &c)
{
    return c.red() > 150 && c.red() > c.green() + 60 && c.red() > c.blue() + 60;
}

} // namespace

class TstConnectorWizard : public QObject
{
    Q_OBJECT

    // The import wizard for `path`, paged to its review; null when it did not open.
    QPointer<ConnectorWizard> importToReview(const QString &path)
    {
        QPointer<ConnectorWizard> wizard = m_actions->startImport(path);
        if (!wizard || !QTest::qWaitForWindowExposed(wizard))
            return nullptr;
        for (int i = 0; i < 5; ++i)
            wizard->next();
        return wizard;
    }

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<topology::ProjectDocument>();
        QVERIFY(
            m_document->load(topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone"))).value(), {}));
        m_window = std::make_unique<QWidget>();
        m_actions = new ConnectorActions(m_document.get(), m_window.get());
    }

    void cleanup()
    {
        m_window.reset();
        m_document.reset();
    }

    void postgresWizardFromFirstPageToExport()
    {
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QAbstractButton *next = wizard->button(QWizard::NextButton);

        type(wizard->currentPage(), "name", QStringLiteral("orders-pg"));
        type(wizard->currentPage(), "host", QStringLiteral("pg.internal"));
        type(wizard->currentPage(), "passwordReference", QStringLiteral("hunter2"));
        // A plain password is a red error under its field, and Next waits for it.
        QVERIFY(!next->isEnabled());
        shoot(wizard, QStringLiteral("postgres-password-error"));
        wizard->next(); // the review must still mask it: go on regardless

        type(wizard->currentPage(), "outboxTable", QStringLiteral("sales.outbox"));
        type(wizard->currentPage(), "topicPrefix", QStringLiteral("sales"));
        shoot(wizard, QStringLiteral("postgres"));
        QTest::mouseClick(next, Qt::LeftButton);

        // A slot name PostgreSQL would refuse keeps Next disabled, in red, with the linter's fix.
        auto *replication = qobject_cast<AnswersPage *>(wizard->currentPage());
        type(replication, "slotName", QStringLiteral("Orders-Slot"));
        QVERIFY(!next->isEnabled());
        QVERIFY2(replication->shownFinding(QStringLiteral("slot.name")).contains(QStringLiteral("refuses")),
                 qPrintable(replication->shownFinding(QStringLiteral("slot.name"))));
        shoot(wizard, QStringLiteral("postgres-invalid"));
        auto *fix = replication->findChild<QPushButton *>(QStringLiteral("fix-slot.name"));
        QVERIFY(fix && fix->isVisible());
        QTest::mouseClick(fix, Qt::LeftButton);
        QCOMPARE(replication->findChild<QLineEdit *>(QStringLiteral("slotName"))->text(),
                 QStringLiteral("orders_slot"));
        QVERIFY(next->isEnabled());
        type(replication, "slotName", QStringLiteral("orders_pg"));
        QVERIFY(next->isEnabled());
        shoot(wizard, QStringLiteral("postgres"));
        QTest::mouseClick(next, Qt::LeftButton);
        shoot(wizard, QStringLiteral("postgres"));
        QTest::mouseClick(next, Qt::LeftButton);
        shoot(wizard, QStringLiteral("postgres"));
        QTest::mouseClick(next, Qt::LeftButton);

        auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
        QVERIFY(review);
        shoot(wizard, QStringLiteral("postgres-plaintext"));
        // The plaintext password is an error that blocks Finish, until it is a reference. The project's
        // checks see that the connector writes the same topics as postgres-outbox (another database).
        QCOMPARE(rules(review), (QStringList{QStringLiteral("plaintext-password"), QStringLiteral("shared-topics")}));
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        const QString shown = review->findChild<QPlainTextEdit *>(QStringLiteral("configJson"))->toPlainText();
        QVERIFY(shown.contains(QStringLiteral("\"database.password\": \"********\"")));
        QVERIFY(!shown.contains(QStringLiteral("hunter2")));
        QVERIFY(review->findChild<QLabel *>(QStringLiteral("diagnosticDetail"))
                    ->text()
                    .contains(QStringLiteral("plain text")));
        while (wizard->currentId() > 0)
            wizard->back();
        type(wizard->currentPage(), "passwordReference", QStringLiteral("${env:PG_PASSWORD}"));
        QVERIFY(next->isEnabled());
        for (int i = 0; i < 5; ++i)
            wizard->next();
        QCOMPARE(wizard->currentPage(), review);
        QCOMPARE(rules(review), QStringList{QStringLiteral("shared-topics")});
        QVERIFY(review->diagnostics().front().message.contains(QStringLiteral("postgres-outbox")));
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled()); // a warning does not block
        shoot(wizard, QStringLiteral("postgres"));

        const auto config = nlohmann::json::parse(
            review->findChild<QPlainTextEdit *>(QStringLiteral("configJson"))->toPlainText().toStdString());
        QCOMPARE(str(config["name"]), QStringLiteral("orders-pg"));
        QCOMPARE(str(config["config"]["database.hostname"]), QStringLiteral("pg.internal"));
        QCOMPARE(str(config["config"]["slot.name"]), QStringLiteral("orders_pg"));
        QCOMPARE(str(config["config"]["table.include.list"]), QStringLiteral("sales.outbox"));
        QCOMPARE(str(config["config"]["predicates.isOutboxTable.pattern"]), QStringLiteral("sales\\.sales\\.outbox"));
        QCOMPARE(str(config["config"]["transforms.outbox.route.topic.replacement"]),
                 QStringLiteral("outbox.event.postgres.${routedByValue}"));

        QTemporaryDir dir;
        const QString curl = dir.filePath(QStringLiteral("orders.sh"));
        QVERIFY(review->saveExport(WizardExport::Curl, curl));
        QFile f(curl);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("/connectors/orders-pg/config"));

        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QTRY_VERIFY(!wizard); // closed and deleted
        const topology::Node *node = m_document->topology()->node(QStringLiteral("connector-postgres-2"));
        QVERIFY(node);
        QCOMPARE(node->name, QStringLiteral("orders-pg"));
        QCOMPARE(node->properties.value(QStringLiteral("slot.name")), QStringLiteral("orders_pg"));
        const auto edges = m_document->topology()->edgesOf(node->id);
        // From the PostgreSQL database and the Connect cluster, and to the topic node its routing matches.
        QCOMPARE(edges.size(), 3u);
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QVERIFY(!m_document->topology()->node(QStringLiteral("connector-postgres-2")));
    }

    void failedConnectionTestSaysWhyInDarkPalette()
    {
        // A port nothing listens on: the test runs off the GUI thread and reports the refusal.
        const QPalette original = QApplication::palette();
        QApplication::setPalette(cdc::guitest::darkPalette());
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        type(wizard->currentPage(), "host", QStringLiteral("127.0.0.1"));
        wizard->currentPage()->findChild<QSpinBox *>(QStringLiteral("port"))->setValue(1);
        type(wizard->currentPage(), "testPassword", QStringLiteral("irrelevant"));
        auto *test = wizard->currentPage()->findChild<QPushButton *>();
        for (QPushButton *b : wizard->currentPage()->findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("Test Connection"))
                test = b;
        }
        QTest::mouseClick(test, Qt::LeftButton);
        auto *result = wizard->currentPage()->findChild<QLabel *>(QStringLiteral("testResult"));
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✗")), 15000);
        QVERIFY2(result->text().contains(QStringLiteral("Cannot connect")), qPrintable(result->text()));
        QVERIFY(!result->text().contains(QStringLiteral("irrelevant"))); // the password is never shown
        QVERIFY(test->isEnabled());
        QVERIFY(isRed(result->palette().color(QPalette::WindowText)));
        shoot(wizard, QStringLiteral("connection-failed-dark"));
        cancelDiscarding(wizard);
        QApplication::setPalette(original);
    }

    void mysqlWizardKeepsServerIdsUnique()
    {
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::MariaDB);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        auto *flavour = wizard->currentPage()->findChild<QComboBox *>(QStringLiteral("flavour"));
        QVERIFY(flavour);
        flavour->setCurrentIndex(flavour->findText(QStringLiteral("MySQL")));
        shoot(wizard, QStringLiteral("mysql"));
        wizard->next();
        shoot(wizard, QStringLiteral("mysql"));
        wizard->next();
        auto *serverId = wizard->currentPage()->findChild<QSpinBox *>(QStringLiteral("serverId"));
        QCOMPARE(serverId->value(), 184055); // the capstone's MariaDB connector has 184054
        shoot(wizard, QStringLiteral("mysql"));
        serverId->setValue(184054);
        QVERIFY(qobject_cast<AnswersPage *>(wizard->currentPage())
                    ->shownFinding(QStringLiteral("database.server.id"))
                    .contains(QStringLiteral("mysql-outbox")));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        shoot(wizard, QStringLiteral("mysql-duplicate-id"));
        wizard->next();
        shoot(wizard, QStringLiteral("mysql"));
        wizard->next();
        wizard->next();
        auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
        QVERIFY(review);
        // The defaults are the project's MariaDB node, which mysql-outbox already captures into the
        // same topics: the project's checks say every event would arrive twice.
        QCOMPARE(rules(review),
                 (QStringList{QStringLiteral("duplicate-server-id"), QStringLiteral("duplicate-capture")}));
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        shoot(wizard, QStringLiteral("mysql-duplicate"));
        QCOMPARE(wizard->config().value(QStringLiteral("connector.class")),
                 QStringLiteral("io.debezium.connector.mysql.MySqlConnector"));
        cancelDiscarding(wizard);
    }

    void importedLegacyConfigIsMigrated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("legacy.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"name": "inventory", "config": {
            "connector.class": "io.debezium.connector.mysql.MySqlConnector",
            "database.hostname": "mysql", "database.port": "3306", "database.user": "debezium",
            "database.password": "${env:MYSQL_PASSWORD}", "database.server.id": "5400",
            "database.server.name": "dbserver1", "database.whitelist": "inventory",
            "database.history.kafka.bootstrap.servers": "kafka:9092",
            "database.history.kafka.topic": "schema-changes.inventory"}})");
        f.close();
        QPointer<ConnectorWizard> wizard = importToReview(path);
        QVERIFY(wizard);
        auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
        QVERIFY(review);
        QStringList before;
        for (const validation::ProjectDiagnostic &d : review->diagnostics())
            before << d.rule + u'@' + d.property;
        QVERIFY2(before.contains(QStringLiteral("renamed@database.server.name")), qPrintable(before.join(u',')));
        QVERIFY(before.contains(QStringLiteral("renamed@database.history.kafka.topic")));
        QVERIFY(before.contains(QStringLiteral("renamed@database.history.kafka.bootstrap.servers")));
        QVERIFY2(!before.join(u',').contains(QStringLiteral("conflict")), qPrintable(before.join(u',')));
        shoot(wizard, QStringLiteral("import-before"));

        QTest::mouseClick(review->findChild<QPushButton *>(QStringLiteral("migrateAll")), Qt::LeftButton);
        QStringList after;
        for (const validation::ProjectDiagnostic &d : review->diagnostics())
            after << d.rule + u'@' + d.property;
        QVERIFY2(after.isEmpty(), qPrintable(after.join(u',')));
        QCOMPARE(wizard->config().value(QStringLiteral("topic.prefix")), QStringLiteral("dbserver1"));
        QCOMPARE(wizard->config().value(QStringLiteral("schema.history.internal.kafka.topic")),
                 QStringLiteral("schema-changes.inventory"));
        QCOMPARE(wizard->config().value(QStringLiteral("database.include.list")), QStringLiteral("inventory"));
        shoot(wizard, QStringLiteral("import-after"));
        cancelDiscarding(wizard);
    }

    void oldKeyBesideItsNewKeyIsRemovedInOneClick()
    {
        // Issue 21: database.server.name beside topic.prefix runs on Debezium 3 (a warning, which does not
        // hold Finish); Apply Fix on the review page removes the old key.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("both.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"name\": \"orders\", \"config\": {"
                "\"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\","
                "\"database.hostname\": \"pg\", \"database.port\": \"5432\", \"database.user\": \"cdc\","
                "\"database.password\": \"${env:PG_PASSWORD}\", \"database.dbname\": \"orders\","
                "\"plugin.name\": \"pgoutput\", \"topic.prefix\": \"orders\", \"database.server.name\": \"orders\"}}");
        f.close();
        QPointer<ConnectorWizard> wizard = importToReview(path);
        QVERIFY(wizard);
        auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
        QVERIFY(review);
        int index = -1;
        for (std::size_t i = 0; i < review->diagnostics().size(); ++i) {
            if (review->diagnostics().at(i).rule == QLatin1String("renamed-conflict"))
                index = int(i);
        }
        QVERIFY2(index >= 0, qPrintable(rules(review).join(u',')));
        QCOMPARE(review->diagnostics().at(std::size_t(index)).severity, debezium::Severity::Warning);
        QVERIFY(review->isComplete());
        auto *list = review->findChild<QTreeWidget *>(QStringLiteral("diagnostics"));
        list->setCurrentItem(list->topLevelItem(index));
        auto *fix = review->findChild<QPushButton *>(QStringLiteral("applyFix"));
        QVERIFY(fix->isEnabled());
        QTest::mouseClick(fix, Qt::LeftButton);
        QVERIFY(!rules(review).contains(QStringLiteral("renamed-conflict")));
        QVERIFY(!wizard->config().config.contains(QStringLiteral("database.server.name")));
        QCOMPARE(wizard->config().value(QStringLiteral("topic.prefix")), QStringLiteral("orders"));
        cancelDiscarding(wizard);
    }

    void pastedTextIsImportedAndBrokenTextRefused()
    {
        ConnectorWizard *wizard = m_actions->startImportText(
            R"({"connector.class":"io.debezium.connector.postgresql.PostgresConnector","name":"pasted","slot.name":"s1"})",
            QStringLiteral("the clipboard"));
        QVERIFY(wizard);
        QCOMPARE(wizard->answers().name, QStringLiteral("pasted"));
        QCOMPARE(wizard->answers().slotName, QStringLiteral("s1"));
        wizard->reject();

        QTimer::singleShot(0, this, [] {
            // The refusal is a message box: close it and check what it said.
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QVERIFY2(box->text().contains(QStringLiteral("the clipboard:line 1")), qPrintable(box->text()));
            box->accept();
        });
        QVERIFY(!m_actions->startImportText("{not json", QStringLiteral("the clipboard")));
    }

    void editingAConnectorIsOneUndoStep()
    {
        ConnectorWizard *wizard = m_actions->startEdit(QStringLiteral("connector-postgres"));
        QVERIFY(wizard);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QCOMPARE(wizard->answers().slotName, QStringLiteral("outbox_postgres"));
        wizard->next();
        wizard->next();
        type(wizard->currentPage(), "slotName", QStringLiteral("outbox_postgres_v2"));
        for (int i = 0; i < 3; ++i)
            wizard->next();
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        wizard->accept();
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->topology()
                     ->node(QStringLiteral("connector-postgres"))
                     ->properties.value(QStringLiteral("slot.name")),
                 QStringLiteral("outbox_postgres_v2"));
        m_document->undoStack()->undo();
        QCOMPARE(m_document->topology()
                     ->node(QStringLiteral("connector-postgres"))
                     ->properties.value(QStringLiteral("slot.name")),
                 QStringLiteral("outbox_postgres"));
    }

    void everyPageSaysWhichStepItIs()
    {
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        const QStringList titles{QStringLiteral("Connection"),  QStringLiteral("Capture"),
                                 QStringLiteral("Replication"), QStringLiteral("Outbox Event Router"),
                                 QStringLiteral("Converters"),  QStringLiteral("Review")};
        auto *steps = wizard->findChild<QListWidget *>(QStringLiteral("wizardSteps"));
        QVERIFY(steps && steps->isVisible());
        QCOMPARE(steps->count(), 6);
        for (int i = 0; i < titles.size(); ++i) {
            QCOMPARE(wizard->currentPage()->title(), QStringLiteral("Step %1 of 6 — %2").arg(i + 1).arg(titles.at(i)));
            QCOMPARE(steps->currentRow(), i);
            QVERIFY(steps->item(i)->font().bold());
            wizard->next();
        }
        // Back through the side bar.
        QTest::mouseClick(steps->viewport(), Qt::LeftButton, {}, steps->visualItemRect(steps->item(1)).center());
        QCOMPARE(wizard->currentPage()->title(), QStringLiteral("Step 2 of 6 — Capture"));
        wizard->reject();
        QTRY_VERIFY(!wizard); // nothing was changed: no question
    }

    void defaultsComeFromTheProjectAndTheSandbox()
    {
        // The sandbox simulates the capstone's databases where its nodes say they are.
        const auto nodes = debezium::databaseTargets(m_document->snapshot());
        QCOMPARE(nodes.size(), sandbox::simulatedDatabases().size());
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const debezium::DatabaseTarget &simulated = sandbox::simulatedDatabases().at(i);
            QCOMPARE(simulated.kind, nodes.at(i).kind);
            QCOMPARE(simulated.host, nodes.at(i).host);
            QCOMPARE(simulated.port, nodes.at(i).port);
            QCOMPARE(simulated.database, nodes.at(i).database);
            QCOMPARE(simulated.outboxTable, nodes.at(i).outboxTable);
        }

        // A project whose PostgreSQL node listens on 5544: a new connector starts there.
        topology::Project project = m_document->snapshot();
        for (topology::Node &n : project.nodes) {
            if (n.id == QLatin1String("db-postgres"))
                n.properties[QStringLiteral("port")] = QStringLiteral("5544");
        }
        QVERIFY(m_document->load(project, {}));
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QCOMPARE(wizard->currentPage()->findChild<QSpinBox *>(QStringLiteral("port"))->value(), 5544);
        QCOMPARE(wizard->answers().passwordReference,
                 QStringLiteral("${file:/etc/cdc-studio/secrets.properties:pg.password}"));
        wizard->reject();
        QTRY_VERIFY(!wizard);

        // While the sandbox runs, its simulated databases win, and Test Connection checks against them.
        m_actions->setSimulatedDatabases([] { return sandbox::simulatedDatabases(); });
        wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QWidget *page = wizard->currentPage();
        QCOMPARE(page->findChild<QLineEdit *>(QStringLiteral("host"))->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(page->findChild<QSpinBox *>(QStringLiteral("port"))->value(), 15432);
        QCOMPARE(page->findChild<QLineEdit *>(QStringLiteral("database"))->text(), QStringLiteral("capstone"));
        QPushButton *test = buttonWithText(page, QStringLiteral("Test Connection"));
        QVERIFY(test);
        auto *result = page->findChild<QLabel *>(QStringLiteral("testResult"));
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY2(result->text().startsWith(QStringLiteral("✓ Simulated database — the sandbox serves tables "
                                                          "public.outbox, public.orders of capstone")),
                 qPrintable(result->text()));
        shoot(wizard, QStringLiteral("sandbox-test-passed"));
        page->findChild<QSpinBox *>(QStringLiteral("port"))->setValue(5432);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY2(result->text().startsWith(QStringLiteral("✗")), qPrintable(result->text()));
        QVERIFY(result->text().contains(QStringLiteral("No simulated database at 127.0.0.1:5432")));
        QVERIFY(result->text().contains(QStringLiteral("PostgreSQL at 127.0.0.1:15432, database capstone")));
        QVERIFY(isRed(result->palette().color(QPalette::WindowText)));
        shoot(wizard, QStringLiteral("sandbox-test-failed"));
        cancelDiscarding(wizard);
    }

    void inlineErrorsAreRedWithTheFieldFramed()
    {
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        auto *page = qobject_cast<AnswersPage *>(wizard->currentPage());
        QWidget *password = page->fieldOf(QStringLiteral("database.password"));
        QCOMPARE(password->property("cdcFinding").toString(), QString());
        type(page, "passwordReference", QStringLiteral("s3cret"));
        auto *message = page->findChild<QLabel *>(QStringLiteral("finding-database.password"));
        QVERIFY(message && message->isVisible());
        QCOMPARE(message->text(), QStringLiteral("✗ database.password holds a password in plain text."));
        QVERIFY(isRed(message->palette().color(QPalette::WindowText)));
        QCOMPARE(password->property("cdcFinding").toString(), QStringLiteral("error"));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        // The frame is painted: the field's pixels hold the red of the style sheet.
        const QImage image = password->grab().toImage();
        QVERIFY(isRed(image.pixelColor(1, image.height() / 2)));
        shoot(wizard, QStringLiteral("inline-error"));
        type(page, "name", QString());
        QVERIFY(page->shownFinding(QStringLiteral("name")).contains(QStringLiteral("Give the connector a name")));
        type(page, "name", QStringLiteral("orders"));
        type(page, "passwordReference", QStringLiteral("${env:PG_PASSWORD}"));
        QVERIFY(!message->isVisible());
        QCOMPARE(password->property("cdcFinding").toString(), QString());
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        cancelDiscarding(wizard);
    }

    void reviewRunsTheProjectChecks()
    {
        // The defaults capture the project's PostgreSQL outbox again, into postgres-outbox's topics.
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        for (int i = 0; i < 5; ++i)
            wizard->next();
        auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
        QVERIFY(review);
        QCOMPARE(rules(review), QStringList{QStringLiteral("duplicate-capture")});
        QVERIFY2(review->diagnostics().front().message.contains(QStringLiteral("every event would arrive twice")),
                 qPrintable(review->diagnostics().front().message));
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        shoot(wizard, QStringLiteral("review-duplicate"));

        // Another database and no Outbox Event Router: nothing to find, said in one line, no table.
        while (wizard->currentId() > 0)
            wizard->back();
        type(wizard->currentPage(), "database", QStringLiteral("archive"));
        for (int i = 0; i < 3; ++i)
            wizard->next();
        wizard->currentPage()->findChild<QCheckBox *>(QStringLiteral("outboxRouter"))->setChecked(false);
        wizard->next();
        wizard->next();
        QCOMPARE(wizard->currentPage(), review);
        QVERIFY2(review->diagnostics().empty(), qPrintable(rules(review).join(u',')));
        auto *summary = review->findChild<QLabel *>(QStringLiteral("diagnosticsSummary"));
        QVERIFY(summary->text().startsWith(QStringLiteral("✓ No problems found")));
        QVERIFY(!review->findChild<QTreeWidget *>(QStringLiteral("diagnostics"))->isVisible());
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        shoot(wizard, QStringLiteral("review-clean"));
        cancelDiscarding(wizard);
    }

    void cancelAsksOnlyWhenSomethingChanged()
    {
        QPointer<ConnectorWizard> wizard = m_actions->startEdit(QStringLiteral("connector-postgres"));
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        wizard->next();
        wizard->reject();
        QTRY_VERIFY(!wizard);

        wizard = m_actions->startEdit(QStringLiteral("connector-postgres"));
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        type(wizard->currentPage(), "user", QStringLiteral("cdc"));
        QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = wizard->findChild<QMessageBox *>(QStringLiteral("discardQuestion"))) &&
                    question->isVisible());
        QCOMPARE(question->text(), QStringLiteral("Discard the changes to this connector?"));
        QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(!wizard->findChild<QMessageBox *>(QStringLiteral("discardQuestion")));
        QVERIFY(wizard->isVisible()); // kept, with the edit
        QCOMPARE(wizard->currentPage()->findChild<QLineEdit *>(QStringLiteral("user"))->text(), QStringLiteral("cdc"));
        cancelDiscarding(wizard);
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void finishOnTheFirstPageWhenEditing()
    {
        QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QVERIFY(!wizard->button(QWizard::FinishButton)->isVisible()); // a new connector goes through the steps
        wizard->reject();
        QTRY_VERIFY(!wizard);

        wizard = m_actions->startEdit(QStringLiteral("connector-postgres"));
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QAbstractButton *finish = wizard->button(QWizard::FinishButton);
        QVERIFY(finish->isVisible());
        QVERIFY(finish->isEnabled());
        QVERIFY(wizard->button(QWizard::NextButton)->isVisible());
        // An error on the page still holds Finish back.
        type(wizard->currentPage(), "passwordReference", QStringLiteral("plain"));
        QVERIFY(!finish->isEnabled());
        shoot(wizard, QStringLiteral("edit-error"));
        type(wizard->currentPage(), "passwordReference", QStringLiteral("${env:PG_PASSWORD}"));
        type(wizard->currentPage(), "user", QStringLiteral("cdc"));
        QVERIFY(finish->isEnabled());
        shoot(wizard, QStringLiteral("edit-first-page"));
        QTest::mouseClick(finish, Qt::LeftButton);
        QTRY_VERIFY(!wizard);
        QCOMPARE(m_document->undoStack()->count(), 1);
        const topology::Node *node = m_document->topology()->node(QStringLiteral("connector-postgres"));
        QCOMPARE(node->properties.value(QStringLiteral("database.user")), QStringLiteral("cdc"));
        QCOMPARE(node->properties.value(QStringLiteral("slot.name")), QStringLiteral("outbox_postgres"));
    }

    void everyPageInLightAndDark()
    {
        const QPalette original = QApplication::palette();
        for (const bool dark : {false, true}) {
            QApplication::setPalette(dark ? cdc::guitest::darkPalette() : original);
            const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");
            QPointer<ConnectorWizard> wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
            QVERIFY(QTest::qWaitForWindowExposed(wizard));
            type(wizard->currentPage(), "passwordReference", QStringLiteral("hunter2"));
            shoot(wizard, QStringLiteral("pages-%1-error").arg(theme));
            type(wizard->currentPage(), "passwordReference", QStringLiteral("${env:PG_PASSWORD}"));
            type(wizard->currentPage(), "host", QStringLiteral("pg.internal"));
            for (int i = 0; i < 6; ++i) {
                shoot(wizard, QStringLiteral("pages-%1").arg(theme));
                wizard->next();
            }
            auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
            QVERIFY(review);
            QCOMPARE(rules(review), QStringList{QStringLiteral("shared-topics")});
            cancelDiscarding(wizard);
        }
        QApplication::setPalette(original);
    }

private:
    std::unique_ptr<topology::ProjectDocument> m_document;
    std::unique_ptr<QWidget> m_window;
    ConnectorActions *m_actions = nullptr;
};

QTEST_MAIN(TstConnectorWizard)
#include "tst_connectorwizard.moc"
