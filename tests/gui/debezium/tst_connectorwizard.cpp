// Drives the connector wizards with QTest from the first page to export and Finish, offscreen, and
// saves a screenshot of every page.
#include "debezium/connectoractions.h"
#include "debezium/connectorwizard.h"
#include "debezium/wizardpages.h"
#include "topology/projectdocument.h"
#include "topology/templates.h"

#include "guitestsupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
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
    QVERIFY(wizard->grab().save(outputDir() + QStringLiteral("/wizard-%1-%2.png").arg(name).arg(wizard->currentId())));
}

} // namespace

class TstConnectorWizard : public QObject
{
    Q_OBJECT

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
        shoot(wizard, QStringLiteral("postgres"));
        QTest::mouseClick(next, Qt::LeftButton);

        type(wizard->currentPage(), "outboxTable", QStringLiteral("sales.outbox"));
        type(wizard->currentPage(), "topicPrefix", QStringLiteral("sales"));
        shoot(wizard, QStringLiteral("postgres"));
        QTest::mouseClick(next, Qt::LeftButton);

        // A slot name PostgreSQL would refuse keeps Next disabled.
        type(wizard->currentPage(), "slotName", QStringLiteral("Orders-Slot"));
        QVERIFY(!next->isEnabled());
        shoot(wizard, QStringLiteral("postgres-invalid"));
        type(wizard->currentPage(), "slotName", QStringLiteral("orders_pg"));
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
        // The plaintext password is an error that blocks Finish, until it is a reference.
        QCOMPARE(review->diagnostics().size(), 1u);
        QCOMPARE(review->diagnostics().front().rule, QStringLiteral("plaintext-password"));
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
        for (int i = 0; i < 5; ++i)
            wizard->next();
        QCOMPARE(wizard->currentPage(), review);
        QCOMPARE(review->diagnostics().size(), 0u);
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
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
        QCOMPARE(edges.size(), 2u); // from the PostgreSQL database and from the Connect cluster
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QVERIFY(!m_document->topology()->node(QStringLiteral("connector-postgres-2")));
    }

    void failedConnectionTestSaysWhyInDarkPalette()
    {
        // A port nothing listens on: the test runs off the GUI thread and reports the refusal.
        const QPalette original = QApplication::palette();
        QApplication::setPalette(cdc::guitest::darkPalette());
        ConnectorWizard *wizard = m_actions->startNew(debezium::Flavour::PostgreSQL);
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
        shoot(wizard, QStringLiteral("connection-failed-dark"));
        wizard->reject();
        QApplication::setPalette(original);
    }

    void mysqlWizardKeepsServerIdsUnique()
    {
        ConnectorWizard *wizard = m_actions->startNew(debezium::Flavour::MariaDB);
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
        wizard->next();
        shoot(wizard, QStringLiteral("mysql"));
        wizard->next();
        wizard->next();
        auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
        QVERIFY(review);
        QStringList found;
        for (const debezium::Diagnostic &d : review->diagnostics())
            found << d.rule;
        QCOMPARE(found, QStringList{QStringLiteral("duplicate-server-id")});
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        shoot(wizard, QStringLiteral("mysql-duplicate"));
        QCOMPARE(wizard->config().value(QStringLiteral("connector.class")),
                 QStringLiteral("io.debezium.connector.mysql.MySqlConnector"));
        wizard->reject();
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
        ConnectorWizard *wizard = m_actions->startImport(path);
        QVERIFY(wizard);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        for (int i = 0; i < 5; ++i)
            wizard->next();
        auto *review = qobject_cast<ReviewPage *>(wizard->currentPage());
        QVERIFY(review);
        QStringList before;
        for (const debezium::Diagnostic &d : review->diagnostics())
            before << d.rule + u'@' + d.property;
        QVERIFY2(before.contains(QStringLiteral("renamed@database.server.name")), qPrintable(before.join(u',')));
        QVERIFY(before.contains(QStringLiteral("renamed@database.history.kafka.topic")));
        QVERIFY(before.contains(QStringLiteral("renamed@database.history.kafka.bootstrap.servers")));
        QVERIFY2(!before.join(u',').contains(QStringLiteral("conflict")), qPrintable(before.join(u',')));
        shoot(wizard, QStringLiteral("import-before"));

        QTest::mouseClick(review->findChild<QPushButton *>(QStringLiteral("migrateAll")), Qt::LeftButton);
        QStringList after;
        for (const debezium::Diagnostic &d : review->diagnostics())
            after << d.rule + u'@' + d.property;
        QVERIFY2(after.isEmpty(), qPrintable(after.join(u',')));
        QCOMPARE(wizard->config().value(QStringLiteral("topic.prefix")), QStringLiteral("dbserver1"));
        QCOMPARE(wizard->config().value(QStringLiteral("schema.history.internal.kafka.topic")),
                 QStringLiteral("schema-changes.inventory"));
        QCOMPARE(wizard->config().value(QStringLiteral("database.include.list")), QStringLiteral("inventory"));
        shoot(wizard, QStringLiteral("import-after"));
        wizard->reject();
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

private:
    std::unique_ptr<topology::ProjectDocument> m_document;
    std::unique_ptr<QWidget> m_window;
    ConnectorActions *m_actions = nullptr;
};

QTEST_MAIN(TstConnectorWizard)
#include "tst_connectorwizard.moc"
