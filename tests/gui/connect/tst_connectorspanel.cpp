// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Connectors panel against a scripted Kafka Connect 4.1 worker (FakeConnect): rows and
// states, refreshes that keep selection and expansion, operations and the requests they send, the
// delete confirmation, errors in the panel, a slow worker that must not block the window, the trace,
// offsets, cluster and deploy dialogs, connector badges on the canvas, and screenshots.
#include "common/emptystate.h"
#include "common/messagebar.h"
#include "connect/clusterdialog.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorspanel.h"
#include "connect/deploydialog.h"
#include "connect/offsetsdialog.h"
#include "connect/tracedialog.h"
#include "mainwindow/mainwindow.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/templates.h"
#include "topology/topologyscene.h"

#ifndef Q_MOC_RUN // moc reads included headers, and loses its place in the samples' raw strings
#include "connect/connectsamples.h"
#endif
#include "guitestsupport.h"
#include "support/fakeconnect.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace cdc;
using connect::ConnectorsModel;

namespace {

using cdc::guitest::darkPalette;
using cdc::guitest::outputDir;

const QString kPostgres = QStringLiteral("postgres-outbox");
const QString kMySql = QStringLiteral("mysql-outbox");
const QString kSink = QStringLiteral("reporting-sink");

// A worker that answers like the capstone stack's Kafka Connect.
void scriptWorker(FakeConnect &fake)
{
    fake.on("GET", QStringLiteral("/"), {200, connectsamples::serverInfo()});
    fake.on("GET", connectsamples::connectorsPath(), {200, connectsamples::connectorsOverview()});
    fake.on("GET", QStringLiteral("/connectors"), {200, connectsamples::connectorNames()});
    fake.setFallback({202, {}});
}

connect::ClusterSettings clusterOf(const FakeConnect &fake)
{
    connect::ClusterSettings s;
    s.name = QStringLiteral("local");
    s.url = fake.url();
    s.timeoutMs = 5000;
    s.readRetries = 0;
    return s;
}

template<typename T>
T *waitForChild(QWidget *parent, const QString &name)
{
    T *found = nullptr;
    if (!QTest::qWaitFor([&] { return (found = parent->findChild<T *>(name)) != nullptr; }, 3000))
        return nullptr;
    return found;
}

// A panel on a worker, shown, with its first refresh answered.
struct Rig
{
    Rig()
    {
        scriptWorker(fake);
        panel.resize(460, 480);
        panel.setRefreshInterval(0); // the tests refresh by hand
        panel.show();
        panel.setClusters({clusterOf(fake)});
    }
    bool loaded()
    {
        return QTest::qWaitFor([this] { return panel.model()->rowCount() == 3; }, 5000);
    }

    FakeConnect fake;
    ui::ConnectorsPanel panel;
};

// The capstone template's connectors, as Deploy takes them.
std::vector<debezium::ConnectorConfig> capstoneConnectors()
{
    const topology::ProjectTemplate *t = topology::findTemplate(QStringLiteral("capstone"));
    auto project = topology::loadTemplate(*t);
    return debezium::connectorsOf(project.value());
}

} // namespace

class TestConnectorsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("connectors"));
        qunsetenv("CDC_STACK_ENV");
        qunsetenv("CDC_STACK_DIR");
    }

    void emptyStateSaysHowToAddACluster()
    {
        ui::ConnectorsPanel panel;
        panel.show();
        QVERIFY(!panel.isShowingConnectors());
        auto *empty = panel.findChild<ui::EmptyState *>();
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->explanation().contains(QStringLiteral("REST URL")));
        QPushButton *add = nullptr;
        for (QPushButton *b : empty->findChildren<QPushButton *>()) {
            if (b->isVisible())
                add = b;
        }
        QVERIFY(add);
        QCOMPARE(add->text(), QStringLiteral("Add Cluster"));
        QVERIFY(!panel.actions().pause->isEnabled());
    }

    void stackEnvironmentIsOfferedWhenTheProjectHasNoCluster()
    {
        QTemporaryDir dir;
        QFile env(dir.filePath(QStringLiteral("stack.env")));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("KAFKA_BOOTSTRAP=127.0.0.1:19092\nCONNECT_URL=http://127.0.0.1:18083\n");
        env.close();
        qputenv("CDC_STACK_DIR", dir.path().toLocal8Bit());
        ui::ConnectorsPanel panel;
        qunsetenv("CDC_STACK_DIR");
        panel.show();
        auto *use = panel.findChild<QAction *>(QStringLiteral("useStackCluster"));
        QVERIFY(use && use->isVisible());
        QVERIFY(use->text().contains(QStringLiteral("http://127.0.0.1:18083")));
        const auto buttons = panel.findChild<ui::EmptyState *>()->findChildren<QPushButton *>();
        QVERIFY(std::any_of(buttons.begin(), buttons.end(), [](QPushButton *b) {
            return b->isVisible() && b->text().contains(QStringLiteral("18083"));
        }));

        QSignalSpy edited(&panel, &ui::ConnectorsPanel::clustersEdited);
        use->trigger();
        QCOMPARE(edited.size(), 1);
        const auto clusters = edited.at(0).at(0).value<QList<connect::ClusterSettings>>();
        QCOMPARE(clusters.size(), 1);
        QCOMPARE(clusters.front().url, QUrl(QStringLiteral("http://127.0.0.1:18083")));
        QVERIFY(panel.isShowingConnectors());
    }

    void listsConnectorsAndTasksWithTheirStates()
    {
        FakeConnect fake;
        scriptWorker(fake);
        ui::ConnectorsPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setRefreshInterval(0);
        panel.show();
        QSignalSpy refreshed(&panel, &ui::ConnectorsPanel::connectorsRefreshed);
        panel.setClusters({clusterOf(fake)});
        QVERIFY(panel.isShowingConnectors());
        QTRY_COMPARE(panel.model()->rowCount(), 3);
        QTRY_VERIFY(panel.connectionText().contains(QStringLiteral("Kafka Connect 4.1.0")));

        ConnectorsModel *m = panel.model();
        // Sorted by name, with their state, type, worker and class.
        QCOMPARE(m->index(0, ConnectorsModel::NameColumn).data().toString(), kMySql);
        QCOMPARE(m->index(1, ConnectorsModel::NameColumn).data().toString(), kPostgres);
        QCOMPARE(m->index(2, ConnectorsModel::NameColumn).data().toString(), kSink);
        const QModelIndex postgres = m->connectorIndex(kPostgres);
        QCOMPARE(postgres.data(ConnectorsModel::StateRole).toString(), QStringLiteral("RUNNING"));
        QCOMPARE(postgres.data(ConnectorsModel::StateToneRole).toInt(), int(connect::StateTone::Good));
        QCOMPARE(postgres.siblingAtColumn(ConnectorsModel::TypeColumn).data().toString(), QStringLiteral("source"));
        QCOMPARE(postgres.siblingAtColumn(ConnectorsModel::WorkerColumn).data().toString(),
                 QStringLiteral("10.89.0.7:8083"));
        QCOMPARE(postgres.siblingAtColumn(ConnectorsModel::ClassColumn).data().toString(),
                 QStringLiteral("PostgresConnector"));
        QCOMPARE(postgres.data(ConnectorsModel::DatabaseKindRole).toString(), QStringLiteral("postgres"));
        QCOMPARE(m->rowCount(postgres), 1);

        // The MariaDB connector runs, its task failed: the row says FAILED (the worst of the two, in red),
        // and where it comes from, in words, not only in colour.
        const QModelIndex mysql = m->connectorIndex(kMySql);
        QCOMPARE(mysql.data(ConnectorsModel::StateRole).toString(), QStringLiteral("RUNNING"));
        QCOMPARE(mysql.data(ConnectorsModel::DatabaseKindRole).toString(), QStringLiteral("mysql"));
        QCOMPARE(mysql.siblingAtColumn(ConnectorsModel::StateColumn).data().toString(),
                 QStringLiteral("FAILED · 1/1 tasks · connector RUNNING"));
        QCOMPARE(mysql.data(ConnectorsModel::WorstStateRole).toString(), QStringLiteral("FAILED"));
        QCOMPARE(mysql.data(ConnectorsModel::StateToneRole).toInt(), int(connect::StateTone::Bad));
        const QModelIndex task = m->taskIndex(kMySql, 0);
        QCOMPARE(task.data().toString(), QStringLiteral("Task 0"));
        QCOMPARE(task.data(ConnectorsModel::StateRole).toString(), QStringLiteral("FAILED"));
        QCOMPARE(task.data(ConnectorsModel::StateToneRole).toInt(), int(connect::StateTone::Bad));
        QCOMPARE(task.data(ConnectorsModel::TraceRole).toString(), connectsamples::mysqlTrace());
        QCOMPARE(connect::worstState(m->connector(kMySql)->status), QStringLiteral("FAILED"));
        QCOMPARE(m->connectorIndex(kSink).data(ConnectorsModel::StateToneRole).toInt(),
                 int(connect::StateTone::Attention));
        // A connector with a failed task is opened on the first refresh.
        QVERIFY(panel.treeView()->isExpanded(mysql));
        QVERIFY(!panel.treeView()->isExpanded(postgres));
        QCOMPARE(refreshed.last().at(0).value<QList<connect::ConnectorOverview>>().size(), 3);

        // The failure's first useful line (the deepest cause) shows under the tree.
        QVERIFY(panel.detailsText().isEmpty());
        QVERIFY(panel.selectConnector(kMySql));
        QVERIFY(panel.detailsText().contains(QStringLiteral("mysql-outbox, task 0 FAILED on 10.89.0.7:8083")));
        QVERIFY(panel.detailsText().contains(
            QStringLiteral("ServerException: A slave with the same server_uuid/server_id as this slave")));
        QVERIFY(panel.actions().restartFailedTasks->isEnabled());
        QVERIFY(!panel.actions().restartTask->isEnabled());
        QVERIFY(panel.selectConnector(kMySql, 0));
        QVERIFY(panel.actions().restartTask->isEnabled());
        QVERIFY(panel.selectConnector(kSink));
        QVERIFY(panel.detailsText().isEmpty());
        QVERIFY(panel.actions().resume->isEnabled());
        QVERIFY(!panel.actions().pause->isEnabled());
    }

    void refreshKeepsSelectionAndExpansion()
    {
        Rig rig;
        QVERIFY(rig.loaded());
        QTreeView *tree = rig.panel.treeView();
        QAbstractItemModelTester tester(rig.panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(rig.panel.selectConnector(kPostgres, 0));
        QVERIFY(tree->isExpanded(rig.panel.model()->connectorIndex(kPostgres)));

        // A new connector sorts before the others, the sink is gone, the postgres task failed.
        QJsonObject all = QJsonDocument::fromJson(connectsamples::connectorsOverview()).object();
        QJsonObject added = all.take(kSink).toObject();
        const QString newName = QStringLiteral("a-new-connector");
        QJsonObject info = added.value(QStringLiteral("info")).toObject();
        info.insert(QStringLiteral("name"), newName);
        QJsonObject status = added.value(QStringLiteral("status")).toObject();
        status.insert(QStringLiteral("name"), newName);
        added.insert(QStringLiteral("info"), info);
        added.insert(QStringLiteral("status"), status);
        all.insert(newName, added);
        QJsonObject postgres = all.value(kPostgres).toObject();
        QJsonObject postgresStatus = postgres.value(QStringLiteral("status")).toObject();
        QJsonArray tasks = postgresStatus.value(QStringLiteral("tasks")).toArray();
        QJsonObject task = tasks.at(0).toObject();
        task.insert(QStringLiteral("state"), QStringLiteral("FAILED"));
        task.insert(QStringLiteral("trace"), connectsamples::mysqlTrace());
        tasks.replace(0, task);
        postgresStatus.insert(QStringLiteral("tasks"), tasks);
        postgres.insert(QStringLiteral("status"), postgresStatus);
        all.insert(kPostgres, postgres);
        const QByteArray body = QJsonDocument(all).toJson();
        rig.fake.on("GET", connectsamples::connectorsPath(), {200, body});
        rig.fake.on("GET", QStringLiteral("/connectors"),
                    {200, QByteArrayLiteral("[\"a-new-connector\", \"mysql-outbox\", \"postgres-outbox\"]")});
        rig.panel.refresh();
        QTRY_COMPARE(rig.panel.model()->connectorIndex(QStringLiteral("a-new-connector")).row(), 0);
        QVERIFY(!rig.panel.model()->connectorIndex(kSink).isValid());
        QCOMPARE(rig.panel.model()->rowCount(), 3);
        QCOMPARE(rig.panel.selectedConnector(), kPostgres);
        QCOMPARE(rig.panel.selectedTask(), 0);
        QVERIFY(tree->isExpanded(rig.panel.model()->connectorIndex(kPostgres)));
        QCOMPARE(rig.panel.model()->taskIndex(kPostgres, 0).data(ConnectorsModel::StateRole).toString(),
                 QStringLiteral("FAILED"));
    }

    void operationsSendTheirRequests()
    {
        Rig rig;
        QVERIFY(rig.loaded());
        QVERIFY(rig.panel.selectConnector(kPostgres));
        rig.panel.actions().pause->trigger();
        QTRY_COMPARE(rig.fake.count("PUT", QStringLiteral("/connectors/postgres-outbox/pause")), 1);
        QTRY_COMPARE(rig.panel.messageBar()->text(), QStringLiteral("Paused postgres-outbox."));
        QCOMPARE(rig.panel.messageBar()->kind(), ui::MessageBar::Kind::Information);
        // The operation is followed by a refresh.
        QTRY_COMPARE(rig.fake.count("GET", connectsamples::connectorsPath()), 2);

        // The same from the keyboard, with the focus in the tree.
        rig.panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&rig.panel));
        rig.panel.treeView()->setFocus();
        QTest::keyClick(rig.panel.treeView(), Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE(
            rig.fake.count("POST",
                           QStringLiteral("/connectors/postgres-outbox/restart?includeTasks=false&onlyFailed=false")),
            1);

        QVERIFY(rig.panel.selectConnector(kMySql, 0));
        rig.panel.actions().restartTask->trigger();
        QTRY_COMPARE(rig.fake.count("POST", QStringLiteral("/connectors/mysql-outbox/tasks/0/restart")), 1);
        rig.panel.actions().restartFailedTasks->trigger();
        QTRY_COMPARE(rig.fake.count(
                         "POST", QStringLiteral("/connectors/mysql-outbox/restart?includeTasks=true&onlyFailed=true")),
                     1);
        QVERIFY(rig.panel.selectConnector(kSink));
        rig.panel.actions().resume->trigger();
        QTRY_COMPARE(rig.fake.count("PUT", QStringLiteral("/connectors/reporting-sink/resume")), 1);
        rig.panel.actions().stop->trigger();
        QTRY_COMPARE(rig.fake.count("PUT", QStringLiteral("/connectors/reporting-sink/stop")), 1);
    }

    void deleteAsksFirst()
    {
        Rig rig;
        QVERIFY(rig.loaded());
        QVERIFY(rig.panel.selectConnector(kSink));
        const QString deletePath = QStringLiteral("/connectors/reporting-sink");

        // Cancel: nothing is sent.
        rig.panel.actions().remove->trigger();
        auto *box = waitForChild<QMessageBox>(&rig.panel, QStringLiteral("confirmDeleteConnector"));
        QVERIFY(box);
        QVERIFY(box->text().contains(kSink));
        QVERIFY(box->isVisible());
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!rig.panel.findChild<QMessageBox *>(QStringLiteral("confirmDeleteConnector")));
        QTest::qWait(50);
        QCOMPARE(rig.fake.count("DELETE", deletePath), 0);

        // Confirm: DELETE.
        rig.panel.actions().remove->trigger();
        box = waitForChild<QMessageBox>(&rig.panel, QStringLiteral("confirmDeleteConnector"));
        QVERIFY(box);
        auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmDelete"));
        QVERIFY(confirm);
        QCOMPARE(confirm->text(), QStringLiteral("Delete reporting-sink"));
        confirm->click();
        QTRY_COMPARE(rig.fake.count("DELETE", deletePath), 1);
        QTRY_COMPARE(rig.panel.messageBar()->text(), QStringLiteral("Deleted reporting-sink."));
    }

    void connectErrorsAreShownInThePanel()
    {
        Rig rig;
        QVERIFY(rig.loaded());
        rig.fake.on("PUT", QStringLiteral("/connectors/postgres-outbox/pause"),
                    {500, connectsamples::leaderUnreachable()});
        QVERIFY(rig.panel.selectConnector(kPostgres));
        rig.panel.actions().pause->trigger();
        QTRY_VERIFY(rig.panel.messageBar()->text().contains(
            QStringLiteral("IO Error trying to forward REST request: java.net.ConnectException: Connection refused")));
        QCOMPARE(rig.panel.messageBar()->kind(), ui::MessageBar::Kind::Error);
        QVERIFY(rig.panel.messageBar()->isVisible());

        // A refresh that fails says so on the connection line and keeps the last rows. (The one that
        // follows the pause is let finish first: a refresh asked for while one is in flight is dropped.)
        QTRY_VERIFY(!rig.panel.isRefreshing());
        rig.fake.on("GET", connectsamples::connectorsPath(), {500, connectsamples::leaderUnreachable()});
        rig.panel.refresh();
        QTRY_VERIFY(rig.panel.connectionText().contains(QStringLiteral("IO Error trying to forward REST request")));
        QCOMPARE(rig.panel.model()->rowCount(), 3);
        QVERIFY(rig.panel.grab().save(outputDir() + QStringLiteral("/connectors-error.png")));

        // And recovers on the next good answer.
        rig.fake.on("GET", connectsamples::connectorsPath(), {200, connectsamples::connectorsOverview()});
        rig.panel.refresh();
        QTRY_VERIFY(!rig.panel.connectionText().contains(QStringLiteral("IO Error")));
    }

    void aSlowWorkerDoesNotBlockTheWindow()
    {
        FakeConnect fake;
        scriptWorker(fake);
        fake.on("GET", connectsamples::connectorsPath(), {200, connectsamples::connectorsOverview(), 1500});
        ui::ConnectorsPanel panel;
        panel.setRefreshInterval(0);
        panel.show();
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(20);

        panel.setClusters({clusterOf(fake)}); // starts the first (slow) read
        QVERIFY(panel.isRefreshing());
        // While the worker takes its time the event loop keeps running and the panel answers.
        QTRY_VERIFY(ticks >= 10);
        QVERIFY(panel.isRefreshing());
        QCOMPARE(panel.model()->rowCount(), 0);
        panel.refresh(); // ignored: one read at a time
        panel.refresh();
        panel.actions().refresh->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 3, 5000);
        QVERIFY(!panel.isRefreshing());
        QTest::qWait(100);
        QCOMPARE(fake.count("GET", connectsamples::connectorsPath()), 1);
    }

    void fullTraceDialog()
    {
        Rig rig;
        QVERIFY(rig.loaded());
        QVERIFY(rig.panel.selectConnector(kMySql, 0));
        auto *showTrace = rig.panel.findChild<QPushButton *>(QStringLiteral("showTraceButton"));
        QVERIFY(showTrace && showTrace->isVisible());
        showTrace->click();
        auto *dialog = waitForChild<ui::TraceDialog>(&rig.panel, QStringLiteral("traceDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->textView()->toPlainText(), connectsamples::mysqlTrace());
        QVERIFY(dialog->textView()->isReadOnly());
        QVERIFY(QFontInfo(dialog->textView()->font()).fixedPitch());
        dialog->findChild<QPushButton *>(QStringLiteral("copyTrace"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), connectsamples::mysqlTrace());
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(dialog->grab().save(outputDir() + QStringLiteral("/connectors-trace.png")));
        dialog->close();
    }

    void offsetsAndTheirReset()
    {
        Rig rig;
        QVERIFY(rig.loaded());
        rig.fake.on("GET", QStringLiteral("/connectors/postgres-outbox/offsets"),
                    {200, connectsamples::postgresOffsets()});
        rig.fake.on("GET", QStringLiteral("/connectors/postgres-outbox/status"),
                    {200, connectsamples::postgresStopped()});
        rig.fake.on("DELETE", QStringLiteral("/connectors/postgres-outbox/offsets"),
                    {200, QByteArrayLiteral("{\"message\":\"The offsets for this connector have been reset "
                                            "successfully\"}")});
        QVERIFY(rig.panel.selectConnector(kPostgres));
        ui::OffsetsDialog *dialog = rig.panel.showOffsets();
        QVERIFY(dialog);
        QTRY_COMPARE(dialog->offsetList()->topLevelItemCount(), 1);
        QVERIFY(dialog->offsetList()->topLevelItem(0)->text(0).contains(QStringLiteral("LSN")));
        QVERIFY(dialog->rawJson()->toPlainText().contains(QStringLiteral("\"lsn\": 38314944")));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(dialog->grab().save(outputDir() + QStringLiteral("/connectors-offsets.png")));

        // The connector runs: the confirmation says it must be stopped, and offers to.
        dialog->findChild<QPushButton *>(QStringLiteral("resetOffsets"))->click();
        auto *box = waitForChild<QMessageBox>(dialog, QStringLiteral("confirmResetOffsets"));
        QVERIFY(box);
        QVERIFY(box->informativeText().contains(QStringLiteral("STOPPED")));
        QVERIFY(box->informativeText().contains(QStringLiteral("RUNNING")));
        QVERIFY(QTest::qWaitForWindowExposed(box));
        QVERIFY(box->grab().save(outputDir() + QStringLiteral("/connectors-reset-confirm.png")));
        auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmReset"));
        QCOMPARE(confirm->text(), QStringLiteral("Stop and Reset"));
        confirm->click();
        QTRY_COMPARE(rig.fake.count("PUT", QStringLiteral("/connectors/postgres-outbox/stop")), 1);
        QTRY_COMPARE(rig.fake.count("DELETE", QStringLiteral("/connectors/postgres-outbox/offsets")), 1);
        QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("were reset")));
        // Stop came before the reset.
        const auto seen = rig.fake.seen();
        qsizetype stop = -1;
        qsizetype reset = -1;
        for (qsizetype i = 0; i < seen.size(); ++i) {
            if (seen[i].verb == "PUT" && seen[i].pathAndQuery.endsWith(QStringLiteral("/stop")))
                stop = i;
            if (seen[i].verb == "DELETE" && seen[i].pathAndQuery.endsWith(QStringLiteral("/offsets")))
                reset = i;
        }
        QVERIFY(stop >= 0 && stop < reset);
        dialog->close();
    }

    void clusterDialogRefusesPlainPasswords()
    {
        ui::ConnectorsPanel panel;
        panel.show();
        QSignalSpy edited(&panel, &ui::ConnectorsPanel::clustersEdited);
        ui::ClusterDialog *dialog = panel.addCluster();
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("clusterName"))->setText(QStringLiteral("staging"));
        dialog->findChild<QLineEdit *>(QStringLiteral("clusterUrl"))
            ->setText(QStringLiteral("https://connect.staging:8083"));
        dialog->findChild<QLineEdit *>(QStringLiteral("clusterUsername"))->setText(QStringLiteral("cdc"));
        auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("clusterPasswordReference"));
        password->setText(QStringLiteral("hunter2"));
        auto *problem = dialog->findChild<QLabel *>(QStringLiteral("clusterProblem"));
        QVERIFY(problem->isVisible()); // said while typing
        QVERIFY(problem->text().contains(QStringLiteral("not the password itself")));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(dialog->grab().save(outputDir() + QStringLiteral("/connectors-cluster-dialog.png")));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QCOMPARE(edited.size(), 0);

        password->setText(QStringLiteral("${env:CONNECT_PASSWORD}"));
        QVERIFY(!problem->isVisible());
        dialog->accept();
        QCOMPARE(edited.size(), 1);
        const auto clusters = edited.at(0).at(0).value<QList<connect::ClusterSettings>>();
        QCOMPARE(clusters.size(), 1);
        QCOMPARE(clusters.front().name, QStringLiteral("staging"));
        QCOMPARE(clusters.front().passwordReference, QStringLiteral("${env:CONNECT_PASSWORD}"));
        QCOMPARE(panel.currentClusterName(), QStringLiteral("staging"));
    }

    void deployShowsThePlanThenTheOutcome()
    {
        Rig rig;
        QVERIFY(rig.loaded());
        std::vector<debezium::ConnectorConfig> project = capstoneConnectors();
        QCOMPARE(project.size(), std::size_t(2));
        debezium::ConnectorConfig inventory = project.front();
        inventory.name = QStringLiteral("inventory-postgres");
        inventory.nodeId = QStringLiteral("connector-inventory");
        inventory.config.insert(QStringLiteral("slot.name"), QStringLiteral("inventory"));
        project.push_back(inventory);

        const QString validate =
            QStringLiteral("/connector-plugins/io.debezium.connector.postgresql.PostgresConnector/config/validate");
        rig.fake.on("PUT", validate, {200, connectsamples::postgresRefused()});
        ui::DeployDialog *dialog = rig.panel.deploy(project);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->hasPlan());
        using Action = connect::PlannedConnector::Action;
        QCOMPARE(dialog->plan().count(Action::Create), 1);
        QCOMPARE(dialog->plan().count(Action::Update), 1);
        QCOMPARE(dialog->plan().count(Action::Unchanged), 1);
        QCOMPARE(dialog->plan().onlyOnCluster, QStringList{kSink});
        QTreeWidget *tree = dialog->planView();
        QCOMPARE(tree->topLevelItemCount(), 4); // three connectors and the drift
        QList<QTreeWidgetItem *> found = tree->findItems(kPostgres, Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.front()->text(1), QStringLiteral("update"));
        QCOMPARE(found.front()->childCount(), 2); // slot.name differs, snapshot.mode is only on the cluster
        QVERIFY(dialog->summaryText().contains(QStringLiteral("1 to create, 1 to update, 1 unchanged")));
        QVERIFY(dialog->applyButton()->isEnabled());
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(dialog->grab().save(outputDir() + QStringLiteral("/connectors-deploy-plan.png")));

        // The worker refuses a setting: nothing is applied, the refusal is shown on its property.
        QSignalSpy deployed(dialog, &ui::DeployDialog::deployed);
        dialog->applyButton()->click();
        QTRY_COMPARE(deployed.size(), 1);
        QCOMPARE(deployed.at(0).at(0).toBool(), false);
        QCOMPARE(rig.fake.count("POST", QStringLiteral("/connectors")), 0);
        QCOMPARE(rig.fake.count("PUT", QStringLiteral("/connectors/postgres-outbox/config")), 0);
        QVERIFY(dialog->summaryText().contains(QStringLiteral("Nothing was applied")));
        const auto refused =
            tree->findItems(QStringLiteral("database.password"), Qt::MatchExactly | Qt::MatchRecursive);
        QVERIFY(!refused.isEmpty());
        QVERIFY(refused.front()->text(2).contains(QStringLiteral("password authentication failed")));
        QVERIFY(dialog->grab().save(outputDir() + QStringLiteral("/connectors-deploy-refused.png")));
        dialog->close();

        // Valid: created and updated, then the panel refreshes.
        rig.fake.on("PUT", validate, {200, connectsamples::postgresValid()});
        rig.fake.on("POST", QStringLiteral("/connectors"),
                    {201, QByteArrayLiteral("{\"name\":\"inventory-postgres\",\"config\":{},\"tasks\":[],"
                                            "\"type\":\"source\"}")});
        rig.fake.on("PUT", QStringLiteral("/connectors/postgres-outbox/config"),
                    {200, QByteArrayLiteral("{\"name\":\"postgres-outbox\",\"config\":{},\"tasks\":[],"
                                            "\"type\":\"source\"}")});
        const int readsBefore = rig.fake.count("GET", connectsamples::connectorsPath());
        dialog = rig.panel.deploy(project);
        QTRY_VERIFY(dialog->hasPlan());
        QSignalSpy deployedOk(dialog, &ui::DeployDialog::deployed);
        dialog->applyButton()->click();
        QTRY_COMPARE(deployedOk.size(), 1);
        QCOMPARE(deployedOk.at(0).at(0).toBool(), true);
        QCOMPARE(rig.fake.count("POST", QStringLiteral("/connectors")), 1);
        QCOMPARE(rig.fake.count("PUT", QStringLiteral("/connectors/postgres-outbox/config")), 1);
        QVERIFY(dialog->summaryText().startsWith(QStringLiteral("Deployed to local")));
        QTRY_VERIFY(rig.fake.count("GET", connectsamples::connectorsPath()) > readsBefore + 1);
        QVERIFY(dialog->grab().save(outputDir() + QStringLiteral("/connectors-deploy-done.png")));
        dialog->close();
    }

    void canvasShowsConnectorStates()
    {
        FakeConnect fake;
        scriptWorker(fake);
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::ConnectorsPanel *panel = window.connectorsPanel();
        QCOMPARE(window.dock(QStringLiteral("connectorsDock"))->widget(), panel);
        panel->setRefreshInterval(0);
        panel->setClusters({clusterOf(fake)});
        ui::TopologyScene *scene = window.topologyScene();
        QTRY_COMPARE(scene->nodeItem(QStringLiteral("connector-postgres"))->runtimeState(), QStringLiteral("RUNNING"));
        QCOMPARE(scene->nodeItem(QStringLiteral("connector-mysql"))->runtimeState(), QStringLiteral("FAILED"));
        QCOMPARE(scene->nodeItem(QStringLiteral("db-postgres"))->runtimeState(), QString());
        QTRY_VERIFY(
            window.findChild<QLabel *>(QStringLiteral("connectStatus"))->text().contains(QStringLiteral("4.1.0")));
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/connectors-canvas-badges.png")));

        // The connector node's menu deploys that connector; a database node's does not.
        std::unique_ptr<QMenu> menu(window.createNodeMenu(QStringLiteral("connector-mysql")));
        QVERIFY(menu);
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("deployNode")));
        std::unique_ptr<QMenu> dbMenu(window.createNodeMenu(QStringLiteral("db-postgres")));
        QVERIFY(dbMenu && !dbMenu->findChild<QAction *>(QStringLiteral("deployNode")));
        menu->findChild<QAction *>(QStringLiteral("deployNode"))->trigger();
        auto *dialog = waitForChild<ui::DeployDialog>(panel, QStringLiteral("deployDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->hasPlan());
        QCOMPARE(dialog->plan().connectors.size(), 1);
        QCOMPARE(dialog->plan().connectors.front().name, kMySql);
        dialog->close();

        // Another cluster: the badges go until it answers.
        panel->setClusters({});
        QTRY_COMPARE(scene->nodeItem(QStringLiteral("connector-postgres"))->runtimeState(), QString());
    }

    void screenshots_data() { guitest::addScreenshotRows(); }

    void screenshots()
    {
        QFETCH(bool, dark);
        QFETCH(bool, empty);
        FakeConnect fake;
        scriptWorker(fake);
        ui::ConnectorsPanel panel;
        if (dark)
            panel.setPalette(darkPalette());
        panel.setRefreshInterval(0);
        panel.resize(380, 520);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        if (!empty) {
            panel.setClusters({clusterOf(fake)});
            QTRY_COMPARE(panel.model()->rowCount(), 3);
            QTRY_VERIFY(panel.connectionText().contains(QStringLiteral("4.1.0")));
            QVERIFY(panel.selectConnector(kMySql, 0));
        }
        if (empty) {
            // The whole explanation is shown, whatever its length.
            auto *explanation = panel.findChild<QLabel *>(QStringLiteral("emptyStateExplanation"));
            QVERIFY(explanation->height() >= explanation->heightForWidth(explanation->width()));
        }
        QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/connectors-%1.png").arg(tag)));
        if (!empty) {
            panel.resize(760, 520);
            QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/connectors-%1-wide.png").arg(tag)));
        }
    }
};

QTEST_MAIN(TestConnectorsPanel)
#include "tst_connectorspanel.moc"
