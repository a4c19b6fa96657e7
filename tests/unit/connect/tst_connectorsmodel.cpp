// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the connectors tree's rules: a row shows the worst of its connector's and its tasks' states
// (a RUNNING connector with a FAILED task is FAILED), a failure is announced once when it begins, and
// a refresh that changes nothing says nothing.
#include "connect/connectorsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <initializer_list>

using namespace cdc::connect;

namespace {

QStringList states(std::initializer_list<const char *> names)
{
    QStringList out;
    for (const char *name : names)
        out << QString::fromLatin1(name);
    return out;
}

ConnectorOverview overview(const QString &name, const QString &state, const QStringList &taskStates)
{
    ConnectorOverview c;
    c.status.name = name;
    c.status.state = state;
    c.info.name = name;
    for (int i = 0; i < taskStates.size(); ++i)
        c.status.tasks << TaskStatus{i, taskStates.at(i), QStringLiteral("w:8083"), {}};
    return c;
}

} // namespace

class TstConnectorsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void worstStateOfConnectorAndTasks_data()
    {
        QTest::addColumn<QString>("connector");
        QTest::addColumn<QStringList>("tasks");
        QTest::addColumn<QString>("worst");
        QTest::newRow("all running") << QStringLiteral("RUNNING") << states({"RUNNING", "RUNNING"})
                                     << QStringLiteral("RUNNING");
        QTest::newRow("a task failed") << QStringLiteral("RUNNING") << states({"RUNNING", "FAILED"})
                                       << QStringLiteral("FAILED");
        QTest::newRow("connector failed") << QStringLiteral("FAILED") << states({}) << QStringLiteral("FAILED");
        QTest::newRow("failed over paused")
            << QStringLiteral("PAUSED") << states({"PAUSED", "FAILED"}) << QStringLiteral("FAILED");
        QTest::newRow("paused over unassigned")
            << QStringLiteral("RUNNING") << states({"UNASSIGNED", "PAUSED"}) << QStringLiteral("PAUSED");
        QTest::newRow("unassigned over running")
            << QStringLiteral("RUNNING") << states({"UNASSIGNED"}) << QStringLiteral("UNASSIGNED");
        QTest::newRow("a tie keeps the connector's")
            << QStringLiteral("STOPPED") << states({"PAUSED"}) << QStringLiteral("STOPPED");
    }

    void worstStateOfConnectorAndTasks()
    {
        QFETCH(QString, connector);
        QFETCH(QStringList, tasks);
        QFETCH(QString, worst);
        QCOMPARE(worstState(overview(QStringLiteral("c"), connector, tasks).status), worst);
    }

    void theRowSaysTheWorstAndWhereItComesFrom()
    {
        ConnectorsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConnectors({overview(QStringLiteral("a"), QStringLiteral("RUNNING"), states({"RUNNING", "FAILED"})),
                             overview(QStringLiteral("b"), QStringLiteral("RUNNING"), states({"RUNNING"})),
                             overview(QStringLiteral("c"), QStringLiteral("FAILED"), states({"FAILED"}))});
        const QModelIndex a = model.connectorIndex(QStringLiteral("a"));
        QCOMPARE(a.siblingAtColumn(ConnectorsModel::StateColumn).data().toString(),
                 QStringLiteral("FAILED · 1/2 tasks · connector RUNNING"));
        QCOMPARE(a.data(ConnectorsModel::StateRole).toString(), QStringLiteral("RUNNING")); // its own, for operations
        QCOMPARE(a.data(ConnectorsModel::WorstStateRole).toString(), QStringLiteral("FAILED"));
        QCOMPARE(a.data(ConnectorsModel::StateToneRole).toInt(), int(StateTone::Bad));
        const QModelIndex b = model.connectorIndex(QStringLiteral("b"));
        QCOMPARE(b.siblingAtColumn(ConnectorsModel::StateColumn).data().toString(), QStringLiteral("RUNNING"));
        QCOMPARE(b.data(ConnectorsModel::StateToneRole).toInt(), int(StateTone::Good));
        // The connector itself failed: the badge is its own state, nothing more to say.
        QCOMPARE(
            model.connectorIndex(QStringLiteral("c")).siblingAtColumn(ConnectorsModel::StateColumn).data().toString(),
            QStringLiteral("FAILED"));
        const QModelIndex task = model.taskIndex(QStringLiteral("a"), 1);
        QCOMPARE(task.data(ConnectorsModel::WorstStateRole).toString(), QStringLiteral("FAILED"));
        QCOMPARE(task.siblingAtColumn(ConnectorsModel::StateColumn).data().toString(), QStringLiteral("FAILED"));
    }

    void aFailureIsAnnouncedOnceWhenItBegins()
    {
        ConnectorsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy started(&model, &ConnectorsModel::failureStarted);
        QSignalSpy updated(&model, &ConnectorsModel::connectorsUpdated);
        const QList<ConnectorOverview> healthy{
            overview(QStringLiteral("pg"), QStringLiteral("RUNNING"), states({"RUNNING"})),
            overview(QStringLiteral("my"), QStringLiteral("RUNNING"), states({"RUNNING"}))};
        model.setConnectors(healthy);
        QCOMPARE(started.count(), 0);
        QCOMPARE(updated.count(), 1);
        model.setConnectors(healthy);
        QCOMPARE(updated.count(), 1); // nothing changed, nothing said

        QList<ConnectorOverview> failing = healthy;
        failing[0].status.tasks[0].state = QStringLiteral("FAILED");
        model.setConnectors(failing);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).toString(), QStringLiteral("pg"));
        QCOMPARE(updated.count(), 2);
        // Still failing, with a new trace: not a new failure.
        failing[0].status.tasks[0].trace = QStringLiteral("java.net.SocketException: Connection reset");
        model.setConnectors(failing);
        QCOMPARE(started.count(), 1);
        QCOMPARE(updated.count(), 3);
        // Recovered, then failing again: a new failure.
        model.setConnectors(healthy);
        model.setConnectors(failing);
        QCOMPARE(started.count(), 2);
        // A connector that arrives failed is announced too.
        QList<ConnectorOverview> more = failing;
        more << overview(QStringLiteral("new"), QStringLiteral("FAILED"), {});
        model.setConnectors(more);
        QCOMPARE(started.count(), 3);
        QCOMPARE(started.at(2).at(0).toString(), QStringLiteral("new"));
        model.clear();
        QCOMPARE(updated.count(), 7);
    }
};

QTEST_GUILESS_MAIN(TstConnectorsModel)
#include "tst_connectorsmodel.moc"
