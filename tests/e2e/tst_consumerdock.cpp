// SPDX-License-Identifier: GPL-3.0-or-later
// What a new user does, on the real stack: open the capstone, press Run on the unified consumer, and
// see PG-n and MY-n rows with their source_database arrive in the Unified Consumer dock, the job's event
// rate on its node, and its group on the Lag panel's message chart once it commits; then Stop.
// The real generated job runs on a local Flink (PyFlink from `stack/flink fetch`); the window, its
// dock and its node are the product's own. Saves a screenshot of the rows.
#include "capstoneconnectors.h"
#include "consumer/consumerpanel.h"
#include "consumer/consumerrunner.h"
#include "consumer/consumerservice.h"
#include "consumerfixtures.h"
#include "guitestsupport.h"
#include "lag/lagchart.h"
#include "lag/lagmonitor.h"
#include "lag/lagpanel.h"
#include "mainwindow/mainwindow.h"
#include "stackclient.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/topologyscene.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QSet>
#include <QTableView>
#include <QTest>
#include <QUuid>

using namespace cdc;
using namespace cdc::e2e;
using consumer::JobState;

namespace {
constexpr int kRows = 10;
const QString kConsumerNode = QStringLiteral("consumer-pyflink");
} // namespace

class TstConsumerDock : public QObject
{
    Q_OBJECT

    StackEnvironment m_env;
    std::unique_ptr<CapstoneConnectors> m_capstone;
    std::unique_ptr<topology::ProjectDocument> m_document;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_run;

    consumer::ConsumerService *service() const { return m_window->consumerService(); }

    // This run's composite keys among the dock's rows, with their source_database.
    QHash<QString, QString> ourRows() const
    {
        QHash<QString, QString> out;
        consumer::UnifiedRowsModel *rows = service()->rows();
        for (int i = 0; i < rows->rowCount(); ++i) {
            const consumer::UnifiedRow &r = rows->row(i);
            if (r.payload.contains(m_run))
                out.insert(r.compositeKey, r.sourceDatabase);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        const Result<consumer::FlinkRuntime> runtime = locateFlinkRuntime();
        if (!runtime)
            CDC_E2E_SKIP_OR_FAIL(runtime.error().toString());
        guitest::useTestSettings(QStringLiteral("tst_consumerdock"));
        m_run = QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_capstone = std::make_unique<CapstoneConnectors>(m_env);
        QVERIFY2(m_capstone->startStreaming(), qPrintable(m_capstone->lastStatus()));
        QVERIFY(m_capstone->insertOutboxRows(true, 1, kRows, m_run));
        QVERIFY(m_capstone->insertOutboxRows(false, 1, kRows, m_run));

        m_document = std::make_unique<topology::ProjectDocument>();
        m_window = std::make_unique<ui::MainWindow>(m_document.get());
        m_window->setGeometry(0, 0, 1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openTemplate(QStringLiteral("capstone")));
        // The capstone as a user would point it at this stack: its broker, and a group of this run's own.
        topology::Project project = m_document->snapshot();
        for (topology::Node &node : project.nodes) {
            if (node.properties.contains(QStringLiteral("schema.history.internal.kafka.bootstrap.servers")))
                node.properties[QStringLiteral("schema.history.internal.kafka.bootstrap.servers")] =
                    m_env.value(QStringLiteral("KAFKA_BOOTSTRAP"));
            if (node.id == kConsumerNode)
                node.properties[QStringLiteral("group.id")] = QStringLiteral("dock-e2e-") + m_run;
        }
        QVERIFY(m_document->load(project, {}).ok());
    }

    void runShowsPgAndMyRowsWithTheirSource()
    {
        auto *dock = m_window->dock(QStringLiteral("consumerDock"));
        dock->show();
        dock->raise();
        QElapsedTimer clock;
        clock.start();
        m_window->consumerPanel()->runAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(service()->state() != JobState::Starting, 240000);
        QVERIFY2(service()->state() == JobState::Running, qPrintable(service()->failureReason()));
        QCOMPARE(m_window->topologyScene()->nodeItem(kConsumerNode)->runtimeState(), QStringLiteral("RUNNING"));
        QVERIFY(m_window->consumerPanel()->stopAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(ourRows().size() == 2 * kRows, 120000);
        qInfo("Run to %d rows in the dock: %lld ms", 2 * kRows, clock.elapsed());
        const QHash<QString, QString> rows = ourRows();
        for (int n = 1; n <= kRows; ++n) {
            QCOMPARE(rows.value(QStringLiteral("PG-%1").arg(n)), QStringLiteral("postgres"));
            QCOMPARE(rows.value(QStringLiteral("MY-%1").arg(n)), QStringLiteral("mysql"));
        }
        QVERIFY(m_window->consumerPanel()->rowsView()->isVisible());
        QVERIFY(m_window->grab().save(guitest::outputDir() + QStringLiteral("/consumer-rows.png")));
        QVERIFY(m_window->grab().save(QStringLiteral("/tmp/consumerops-rows-e2e.png")));
    }

    // Issue #19: the node shows the job's rate while it runs (rows counted in the dock).
    void theNodeShowsTheEventRate()
    {
        QVERIFY(m_window);
        QCOMPARE(service()->state(), JobState::Running);
        // Known once rows have been counted for a while; "0 ev/s" once they stop coming.
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->topologyScene()->nodeItem(kConsumerNode)->runtimeDetail().isEmpty(), 15000);
        QVERIFY2(m_window->topologyScene()->nodeItem(kConsumerNode)->runtimeDetail().endsWith(QStringLiteral(" ev/s")),
                 qPrintable(m_window->topologyScene()->nodeItem(kConsumerNode)->runtimeDetail()));
        QVERIFY(m_window->consumerPanel()->stateText().contains(service()->eventRateText()));
    }

    // Issue #19: once the job checkpoints it commits its group's offsets, and the Lag panel's message chart
    // has the group, at 0 once everything is consumed.
    void theGroupIsOnTheLagPanelsMessageChart()
    {
        QVERIFY(m_window);
        auto *start = m_window->findChild<QAction *>(QStringLiteral("startLagMonitoring"));
        QVERIFY(start && start->isEnabled());
        start->trigger();
        const QString series = QStringLiteral("group:dock-e2e-") + m_run;
        auto lastValue = [&]() -> std::optional<double> {
            const lag::TimeSeries *data = m_window->lagMonitor()->seriesData(series);
            const auto last = data ? data->last() : std::nullopt;
            return last ? std::optional<double>(last->max) : std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(lastValue().has_value(), 30000);
        // The job commits at each checkpoint (every 10 s): then nothing is left behind.
        QTRY_VERIFY_WITH_TIMEOUT(lastValue() == std::optional<double>(0.0), 90000);
        ui::LagChart *chart = m_window->lagPanel()->chart(lag::LagUnit::Messages);
        QVERIFY(chart);
        QVERIFY(chart->graphFor(series));
        bool onTheNode = false;
        for (const lag::SeriesKey &key : m_window->lagMonitor()->series())
            onTheNode = onTheNode || (key.id == series && key.nodeId == kConsumerNode);
        QVERIFY(onTheNode);
        auto *lagDock = m_window->dock(QStringLiteral("lagDock"));
        if (lagDock) {
            lagDock->show();
            lagDock->raise();
        }
        QTest::qWait(300);
        QVERIFY(m_window->lagPanel()->grab().save(QStringLiteral("/tmp/consumerops-lag-e2e.png")));
        m_window->findChild<QAction *>(QStringLiteral("stopLagMonitoring"))->trigger();
    }

    void stopEndsTheJob()
    {
        QVERIFY(m_window);
        m_window->consumerPanel()->stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!service()->isActive(), 90000);
        QCOMPARE(service()->state(), JobState::Stopped);
        QVERIFY(m_window->topologyScene()->nodeItem(kConsumerNode)->runtimeState().isEmpty());
        QVERIFY(m_window->consumerPanel()->runAction()->isEnabled());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_document.reset();
        if (m_capstone)
            m_capstone->removeAll();
        closeStackDatabases();
    }
};

QTEST_MAIN(TstConsumerDock)
#include "tst_consumerdock.moc"
