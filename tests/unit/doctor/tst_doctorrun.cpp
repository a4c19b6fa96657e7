// SPDX-License-Identifier: GPL-3.0-or-later
// A Doctor run with checks of the test's own (through DoctorRunner's constructor and runChecks()): each
// check's findings as it finishes, in order; a check past its deadline is a warning and the run goes on;
// Cancel during a check that blocks returns at once with the findings so far; a runner destroyed during
// such a check does not wait for it; the blocking runChecks() of cdcctl keeps the same deadlines and Cancel.
#include "doctor/doctorrun.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

using namespace cdc::doctor;

Q_DECLARE_METATYPE(cdc::doctor::Findings)

namespace {

// What a blocking check waits on: opened by the test, or after 30 s (a test that fails must still end).
struct Gate
{
    std::mutex mutex;
    std::condition_variable opened;
    bool open = false;
    std::atomic_bool entered = false;
    std::atomic_bool left = false;

    void wait()
    {
        entered = true;
        std::unique_lock lock(mutex);
        opened.wait_for(lock, std::chrono::seconds(30), [this] { return open; });
        left = true;
    }
    void release()
    {
        {
            std::lock_guard lock(mutex);
            open = true;
        }
        opened.notify_all();
    }
};

Finding finding(const QString &check, Severity severity)
{
    Finding f;
    f.check = check;
    f.area = Area::Kafka;
    f.severity = severity;
    f.title = check;
    return f;
}

DoctorCheck quickCheck(const QString &id, Severity severity = Severity::Ok)
{
    return {id,
            QStringLiteral("Checking %1").arg(id),
            Area::Kafka,
            id,
            10000,
            [id, severity](DoctorContext &) { return Findings{finding(id + QStringLiteral(".done"), severity)}; }};
}

DoctorCheck blockingCheck(const QString &id, std::shared_ptr<Gate> gate, int deadlineMs = 60000)
{
    return {id,
            QStringLiteral("Waiting in %1").arg(id),
            Area::Kafka,
            QStringLiteral("Server %1").arg(id),
            deadlineMs,
            [id, gate](DoctorContext &) {
                gate->wait();
                return Findings{finding(id + QStringLiteral(".late"), Severity::Error)};
            }};
}

QStringList checksOf(const Findings &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out << f.check;
    return out;
}

DoctorCheckFactory factoryOf(DoctorChecks checks)
{
    return [checks](const DoctorPlan &, const DoctorOptions &) { return checks; };
}

} // namespace

class TestDoctorRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Findings>(); }

    void findingsComeAsEachCheckFinishes()
    {
        // The second check learns what the first put in the context (the worker's answer, in a real run).
        DoctorCheck connect = quickCheck(QStringLiteral("connect"));
        connect.run = [](DoctorContext &context) {
            WorkerState worker;
            worker.reached = true;
            worker.url = QStringLiteral("http://worker:8083");
            context.worker = worker;
            return Findings{finding(QStringLiteral("connect.done"), Severity::Ok)};
        };
        DoctorCheck kafka = quickCheck(QStringLiteral("kafka"));
        kafka.run = [](DoctorContext &context) {
            return Findings{finding(context.knownWorker() ? context.knownWorker()->url : QStringLiteral("no worker"),
                                    Severity::Warning)};
        };
        DoctorRunner runner(factoryOf({quickCheck(QStringLiteral("project")), connect, kafka}));
        QSignalSpy progress(&runner, &DoctorRunner::progress);
        QSignalSpy checks(&runner, &DoctorRunner::checkFinished);
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start({});
        QVERIFY(runner.isRunning());
        QVERIFY(finished.wait(10000));
        QCOMPARE(checks.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(checks.at(i).at(0).toInt(), i);
        QCOMPARE(checksOf(checks.at(1).at(1).value<Findings>()), QStringList{QStringLiteral("connect.done")});
        QCOMPARE(checksOf(checks.at(2).at(1).value<Findings>()), QStringList{QStringLiteral("http://worker:8083")});
        QCOMPARE(checksOf(finished.at(0).at(0).value<Findings>()),
                 (QStringList{QStringLiteral("project.done"), QStringLiteral("connect.done"),
                              QStringLiteral("http://worker:8083")}));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QStringList steps;
        for (const QList<QVariant> &p : progress)
            steps << QStringLiteral("%1/%2 %3").arg(p.at(0).toInt()).arg(p.at(1).toInt()).arg(p.at(2).toString());
        QCOMPARE(steps, (QStringList{QStringLiteral("0/3 Checking project"), QStringLiteral("1/3 Checking connect"),
                                     QStringLiteral("2/3 Checking kafka"), QStringLiteral("3/3 Done")}));
        QVERIFY(!runner.isRunning());
    }

    void aCheckPastItsDeadlineIsAWarningAndTheRunGoesOn()
    {
        auto gate = std::make_shared<Gate>();
        DoctorRunner runner(
            factoryOf({quickCheck(QStringLiteral("project")), blockingCheck(QStringLiteral("kafka"), gate, 300),
                       quickCheck(QStringLiteral("after"))}));
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start({});
        QVERIFY(finished.wait(10000));
        const Findings found = finished.at(0).at(0).value<Findings>();
        QCOMPARE(checksOf(found), (QStringList{QStringLiteral("project.done"), QStringLiteral("kafka.deadline"),
                                               QStringLiteral("after.done")}));
        QCOMPARE(found[1].severity, Severity::Warning);
        QCOMPARE(found[1].subject, QStringLiteral("Server kafka"));
        QCOMPARE(found[1].title,
                 QStringLiteral("Server kafka did not answer within 0.3 s; the Doctor stopped waiting and went on."));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY(gate->entered);
        QVERIFY(!gate->left); // still blocked: nobody waited for it
        gate->release();
    }

    void cancelReturnsAtOnceWithTheFindingsSoFar()
    {
        auto gate = std::make_shared<Gate>();
        DoctorRunner runner(
            factoryOf({quickCheck(QStringLiteral("project"), Severity::Warning),
                       blockingCheck(QStringLiteral("kafka"), gate), quickCheck(QStringLiteral("never"))}));
        QSignalSpy checks(&runner, &DoctorRunner::checkFinished);
        QSignalSpy finished(&runner, &DoctorRunner::finished);
        runner.start({});
        QVERIFY(checks.wait(10000));
        QTRY_VERIFY(gate->entered);
        QVERIFY(runner.isRunning());
        runner.cancel();
        // Before cancel() returned: no event loop ran in between.
        QCOMPARE(finished.size(), 1);
        QCOMPARE(checksOf(finished.at(0).at(0).value<Findings>()), QStringList{QStringLiteral("project.done")});
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QVERIFY(!runner.isRunning());
        QVERIFY(!gate->left);

        // The abandoned check ends later; its findings go nowhere, and the next run is a run of its own.
        gate->release();
        QTRY_VERIFY(gate->left);
        runner.start({}); // the same checks: the gate is open now

        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(
            checksOf(finished.at(1).at(0).value<Findings>()),
            (QStringList{QStringLiteral("project.done"), QStringLiteral("kafka.late"), QStringLiteral("never.done")}));
        QCOMPARE(checks.size(), 4); // project; then project, kafka, never
    }

    void aRunnerDestroyedDuringABlockedCheckDoesNotWaitForIt()
    {
        auto gate = std::make_shared<Gate>();
        auto *runner = new DoctorRunner(factoryOf({blockingCheck(QStringLiteral("kafka"), gate)}));
        runner->start({});
        QTRY_VERIFY(gate->entered);
        QElapsedTimer t;
        t.start();
        delete runner;
        // Waiting would take until the gate's 30 s: far more than this.
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!gate->left);
        gate->release(); // its thread ends, and finds no runner to tell
        QTRY_VERIFY(gate->left);
    }

    void theBlockingRunKeepsTheDeadlines()
    {
        auto gate = std::make_shared<Gate>();
        const Findings found =
            runChecks({quickCheck(QStringLiteral("project")), blockingCheck(QStringLiteral("kafka"), gate, 300)});
        QCOMPARE(checksOf(found), (QStringList{QStringLiteral("project.done"), QStringLiteral("kafka.deadline")}));
        QVERIFY(!gate->left);
        gate->release();
    }

    void theBlockingRunStopsAtCancel()
    {
        auto gate = std::make_shared<Gate>();
        std::atomic_bool cancelled = false;
        // Cancelled from another thread as soon as the blocking check has started.
        std::thread canceller([&cancelled, gate] {
            while (!gate->entered)
                std::this_thread::yield();
            cancelled = true;
        });
        QStringList steps;
        const Findings found = runChecks(
            {quickCheck(QStringLiteral("project")), blockingCheck(QStringLiteral("kafka"), gate),
             quickCheck(QStringLiteral("never"))},
            [&steps](int step, int steps_, const QString &what) {
                steps << QStringLiteral("%1/%2 %3").arg(step).arg(steps_).arg(what);
            },
            &cancelled);
        canceller.join();
        QCOMPARE(checksOf(found), QStringList{QStringLiteral("project.done")});
        QCOMPARE(steps, (QStringList{QStringLiteral("0/3 Checking project"), QStringLiteral("1/3 Waiting in kafka")}));
        QVERIFY(!gate->left);
        gate->release();
    }

    void theStandardChecksHaveTheirDeadline()
    {
        DoctorPlan plan;
        plan.kafkaBootstrap = QStringLiteral("127.0.0.1:9092");
        plan.hasCluster = true;
        plan.cluster.url = QUrl(QStringLiteral("http://127.0.0.1:8083"));
        DoctorOptions options;
        options.timeoutSeconds = 3;
        const DoctorChecks checks = doctorChecks(plan, options);
        QStringList whats;
        for (const DoctorCheck &c : checks) {
            whats << c.what;
            QCOMPARE(c.deadlineMs, 14000); // 4 × 3 s + 2 s
        }
        QCOMPARE(whats, (QStringList{QStringLiteral("Checking the project"),
                                     QStringLiteral("Asking Kafka Connect at http://127.0.0.1:8083"),
                                     QStringLiteral("Asking Kafka at 127.0.0.1:9092")}));
    }
};

QTEST_GUILESS_MAIN(TestDoctorRun)
#include "tst_doctorrun.moc"
