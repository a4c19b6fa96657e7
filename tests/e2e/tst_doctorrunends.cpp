// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18 on the real stack: whole Doctor runs of the GUI's runner end in bounded time, with every check
// returning before its deadline and the consumer group really described (the real broker offers
// DescribeGroups); Cancel in the middle of a run returns at once with the findings so far, in the runner
// and in the dock, and the next run is whole.
#include "doctor/doctorpanel.h"
#include "doctor/doctorrun.h"
#include "doctor/findingsview.h"
#include "doctor/kafkaadmin.h"
#include "doctorfixtures.h"
#include "stackclient.h"

#include <QAction>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <algorithm>

using namespace cdc;
using namespace cdc::e2e;

Q_DECLARE_METATYPE(cdc::doctor::Findings)

class TestDoctorRunEnds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        qRegisterMetaType<doctor::Findings>();
        m_plan = doctor::planFor(doctorProject(m_env, randomSecret().left(8)), &m_env);
    }

    void cleanupTestCase() { closeStackDatabases(); }

    void theRealBrokerOffersWhatTheDoctorAsks()
    {
        doctor::KafkaAdmin admin(m_env.value(QStringLiteral("KAFKA_BOOTSTRAP")));
        QVERIFY2(admin.metadata(5000).error.isEmpty(), qPrintable(admin.metadata(5000).error));
        QCOMPARE(admin.supports(doctor::KafkaApi::FindCoordinator), doctor::KafkaAdmin::Support::Offered);
        QCOMPARE(admin.supports(doctor::KafkaApi::DescribeGroups), doctor::KafkaAdmin::Support::Offered);
        QCOMPARE(admin.supports(doctor::KafkaApi::DescribeConfigs), doctor::KafkaAdmin::Support::Offered);
    }

    void threeWholeRunsEnd()
    {
        doctor::DoctorRunner runner;
        QSignalSpy finished(&runner, &doctor::DoctorRunner::finished);
        QSignalSpy checks(&runner, &doctor::DoctorRunner::checkFinished);
        for (int run = 1; run <= 3; ++run) {
            QElapsedTimer t;
            t.start();
            runner.start(m_plan);
            QVERIFY2(finished.wait(60000), qPrintable(QStringLiteral("run %1 did not end in 60 s").arg(run)));
            QCOMPARE(finished.last().at(1).toBool(), false);
            QCOMPARE(checks.size(), 7 * run); // project, Connect, PostgreSQL, MariaDB, Kafka, consumer, its group
            const doctor::Findings found = finished.last().at(0).value<doctor::Findings>();
            QCOMPARE(problemChecks(found), QStringList{});
            const doctor::Finding *group = findingOf(found, QStringLiteral("kafka.consumer-group"));
            QVERIFY(group);
            QCOMPARE(group->title,
                     QStringLiteral("Consumer group unified-orders does not exist yet: the consumer has not run."));
            QVERIFY2(!group->evidence.contains(QStringLiteral("not sent")), qPrintable(group->evidence));
            qInfo("run %d on the stack took %lld ms", run, t.elapsed());
        }
    }

    void cancelInTheMiddleReturnsAtOnce()
    {
        doctor::DoctorRunner runner;
        QSignalSpy finished(&runner, &doctor::DoctorRunner::finished);
        QSignalSpy checks(&runner, &doctor::DoctorRunner::checkFinished);
        // Cancelled as soon as the PostgreSQL check starts (the project's and Connect's have finished).
        QString cancelledAt;
        connect(&runner, &doctor::DoctorRunner::progress, this,
                [&runner, &cancelledAt](int step, int, const QString &what) {
                    if (step == 2 && cancelledAt.isEmpty()) {
                        cancelledAt = what;
                        runner.cancel();
                    }
                });
        runner.start(m_plan);
        QTRY_VERIFY_WITH_TIMEOUT(!cancelledAt.isEmpty(), 60000);
        QCOMPARE(finished.size(), 1); // emitted inside cancel(), with no event loop in between
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QVERIFY(cancelledAt.startsWith(QStringLiteral("Checking PostgreSQL at ")));
        const doctor::Findings partial = finished.at(0).at(0).value<doctor::Findings>();
        QCOMPARE(checks.size(), 2);
        QVERIFY(findingOf(partial, QStringLiteral("connect.plugins")));
        QVERIFY(!findingOf(partial, QStringLiteral("pg.connect")));
        QVERIFY(!runner.isRunning());

        // The next run is whole: the abandoned check's answer does not end up in it.
        disconnect(&runner, &doctor::DoctorRunner::progress, this, nullptr);
        runner.start(m_plan);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        const doctor::Findings whole = finished.at(1).at(0).value<doctor::Findings>();
        QCOMPARE(std::count_if(whole.begin(), whole.end(),
                               [](const doctor::Finding &f) { return f.check == QLatin1String("pg.connect"); }),
                 1);
    }

    void theDockCancelsAtOnceOnTheStack()
    {
        ui::DoctorPanel panel;
        panel.setPlanProvider([this]() -> Result<doctor::DoctorPlan> { return m_plan; });
        panel.resize(1100, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.runAction()->trigger();
        QVERIFY(panel.isRunning());
        // Some findings show while the run goes on.
        QTRY_VERIFY_WITH_TIMEOUT(!panel.findingsView()->findings().empty(), 30000);
        auto *cancel = panel.findChild<QToolButton *>(QStringLiteral("doctorCancel"));
        QVERIFY(cancel && cancel->isVisible());
        const std::size_t shown = panel.findingsView()->findings().size();
        panel.cancelAction()->trigger(); // what the button does
        QVERIFY(!panel.isRunning());
        QVERIFY(!cancel->isVisible());
        QVERIFY(panel.runAction()->isEnabled());
        QVERIFY2(panel.summaryText().startsWith(QStringLiteral("Cancelled after ")), qPrintable(panel.summaryText()));
        QCOMPARE(panel.findingsView()->findings().size(), shown);
        // And again, to the end.
        panel.runAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 60000);
        QVERIFY2(panel.summaryText().startsWith(QStringLiteral("0 errors, 0 warnings")),
                 qPrintable(panel.summaryText()));
    }

private:
    StackEnvironment m_env;
    doctor::DoctorPlan m_plan;
};

QTEST_MAIN(TestDoctorRunEnds)
#include "tst_doctorrunends.moc"
