// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18 part 6, "One story for a failure": for every sandbox incident, in the real main window
// (offscreen, 1366×768), the node on the canvas, the Connectors row, the Diagnostics dock and the status
// bar say the same thing — the same state, the same severity and colour, the same count and the same
// live lag value — and none says "No problems" or "Lag: OK" meanwhile; after the incident's recovery
// all four are healthy again. The burst, which is no failure, must leave all four healthy. Screenshots
// of the task-FAILED incident go to the test output folder.
#include "common/sourcecolors.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorspanel.h"
#include "health/pipelinehealth.h"
#include "lag/lagchart.h"
#include "lag/lagmonitor.h"
#include "lag/lagpanel.h"
#include "mainwindow/mainwindow.h"
#include "sandbox/burstbanner.h"
#include "sandbox/guidedtour.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxcontroller.h"
#include "stream/eventtablemodel.h"
#include "stream/eventviewer.h"
#include "stream/querylineedit.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"
#include "validation/diagnosticspanel.h"

#include "guitestsupport.h"
#include "tourchecks.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <algorithm>
#include <limits>
#include <memory>

using namespace cdc;
using cdc::guitest::outputDir;
using connect::ConnectorsModel;
using health::Severity;

namespace {

// Fast enough that a stopped connector crosses the sandbox's 4 MB WAL warning in a few seconds
// (1,000 changes/s × 1,180 bytes), rather than the ~35 s it takes at the default 200 events/s.
constexpr int kRate = 2000;
constexpr int kFailTimeoutMs = 30'000;
constexpr int kLagTimeoutMs = 60'000;
constexpr int kRecoverTimeoutMs = 120'000;
const auto kPostgres = QStringLiteral("postgres-outbox");
const auto kMySql = QStringLiteral("mysql-outbox");
const auto kPostgresNode = QStringLiteral("connector-postgres");
const auto kMySqlNode = QStringLiteral("connector-mysql");

// "warning — 4.3 MB behind": a lag's level and value as the status bar and Diagnostics word them.
QString levelAndValue(const QString &text)
{
    static const QRegularExpression words(QStringLiteral("(warning|critical) — (.+?) behind"));
    const auto m = words.match(text);
    return m.hasMatch() ? m.captured(0) : QString();
}

} // namespace

// A check made of many in a helper: the test stops where the helper failed.
#define CHECK_STORY(call)                                                                                              \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

class TstIncidentStory : public QObject
{
    Q_OBJECT

    std::unique_ptr<topology::ProjectDocument> m_document;
    std::unique_ptr<ui::MainWindow> m_window;

    ui::SandboxController *controller() const { return m_window->sandbox(); }
    health::PipelineHealth *health() const { return m_window->pipelineHealth(); }
    ConnectorsModel *connectors() const { return m_window->connectorsPanel()->model(); }
    QTreeView *tree() const { return m_window->connectorsPanel()->treeView(); }
    ui::NodeItem *node(const QString &id) const { return m_window->topologyScene()->nodeItem(id); }
    ui::DiagnosticsPanel *diagnostics() const
    {
        return m_window->dock(QStringLiteral("diagnosticsDock"))->findChild<ui::DiagnosticsPanel *>();
    }
    QLabel *statusLabel(const QString &name) const { return m_window->statusBar()->findChild<QLabel *>(name); }
    QString problemText() const { return statusLabel(QStringLiteral("problemStatus"))->text(); }
    QString lagText() const { return statusLabel(QStringLiteral("lagStatus"))->text(); }
    QString rowText(const QString &connector) const
    {
        return connectors()->connectorIndex(connector, ConnectorsModel::StateColumn).data().toString();
    }
    QStringList diagnosticsEntries() const
    {
        QStringList out;
        QListWidget *list = diagnostics()->list();
        for (int i = 0; list->isVisible() && i < list->count(); ++i)
            out << list->item(i)->text();
        return out;
    }
    // The Diagnostics entry whose first line starts with `head`, or empty.
    QString entry(const QString &head) const
    {
        for (const QString &e : diagnosticsEntries()) {
            if (e.startsWith(head))
                return e;
        }
        return {};
    }
    // The status-bar badge is in the severity's colour (plain when Ok).
    static bool badgeIn(QLabel *label, Severity severity)
    {
        if (severity == Severity::Ok)
            return label->styleSheet().isEmpty();
        return label->styleSheet().contains(ui::severityColor(severity).name());
    }
    bool isHealthy() const
    {
        return health()->liveIssues().isEmpty() && node(kPostgresNode)->runtimeState() == QLatin1String("RUNNING") &&
               node(kMySqlNode)->runtimeState() == QLatin1String("RUNNING") &&
               rowText(kPostgres) == QLatin1String("RUNNING") && rowText(kMySql) == QLatin1String("RUNNING") &&
               lagText() == QLatin1String("Lag: OK");
    }

    // All four places say both connectors run and nothing is wrong, in the same words.
    void verifyHealthy()
    {
        for (const auto &[connector, nodeId] : {std::pair{kPostgres, kPostgresNode}, std::pair{kMySql, kMySqlNode}}) {
            QCOMPARE(node(nodeId)->runtimeState(), QStringLiteral("RUNNING"));
            QCOMPARE(node(nodeId)->severity(), Severity::Ok);
            QCOMPARE(rowText(connector), QStringLiteral("RUNNING"));
            QCOMPARE(connectors()->connectorIndex(connector).data(ConnectorsModel::StateToneRole).toInt(),
                     int(connect::StateTone::Good));
        }
        QVERIFY2(diagnostics()->summaryText().startsWith(QStringLiteral("✓ No problems found in 9 node(s).")),
                 qPrintable(diagnostics()->summaryText()));
        QVERIFY(diagnosticsEntries().isEmpty());
        QCOMPARE(problemText(), QStringLiteral("No problems"));
        QVERIFY(badgeIn(statusLabel(QStringLiteral("problemStatus")), Severity::Ok));
        QCOMPARE(lagText(), QStringLiteral("Lag: OK"));
        QVERIFY(badgeIn(statusLabel(QStringLiteral("lagStatus")), Severity::Ok));
    }

    // `connector`'s task 0 is FAILED, and all four places say so, in red, with the trace's line.
    void verifyTaskFailed(const QString &connector, const QString &nodeId, const QString &traceWords)
    {
        // The node.
        QCOMPARE(node(nodeId)->runtimeState(), QStringLiteral("FAILED"));
        QCOMPARE(node(nodeId)->severity(), Severity::Error);
        QVERIFY2(node(nodeId)->toolTip().contains(QStringLiteral("task 0 FAILED")),
                 qPrintable(node(nodeId)->toolTip()));
        // Its Connectors row: the worst state, its tone, opened on the failed task.
        const QModelIndex row = connectors()->connectorIndex(connector);
        QCOMPARE(rowText(connector), QStringLiteral("FAILED · 1/1 tasks · connector RUNNING"));
        QCOMPARE(row.data(ConnectorsModel::StateToneRole).toInt(), int(connect::StateTone::Bad));
        QVERIFY(tree()->isExpanded(row));
        const QString traceLine =
            connectors()->taskIndex(connector, 0).data(ConnectorsModel::TraceSummaryRole).toString();
        QVERIFY2(traceLine.contains(traceWords), qPrintable(traceLine));
        // Diagnostics: the failure with the same line of the trace, and a summary that counts it.
        const QString failure = entry(connector + QStringLiteral(" · task 0 FAILED\n"));
        QVERIFY2(!failure.isEmpty(), qPrintable(diagnosticsEntries().join(QStringLiteral(" | "))));
        QVERIFY2(failure.endsWith(u'\n' + traceLine), qPrintable(failure));
        const health::HealthSummary &summary = health()->summary();
        QCOMPARE(summary.severity, Severity::Error);
        QVERIFY(summary.errors >= 1);
        QCOMPARE(diagnostics()->summaryText(), summary.counts + QStringLiteral(". Click one to select its node."));
        QVERIFY(!diagnostics()->summaryText().contains(QStringLiteral("No problems")));
        // The status bar: the same count and words, red; what it counts under the pointer.
        QCOMPARE(problemText(), summary.counts);
        QVERIFY(statusLabel(QStringLiteral("problemStatus"))
                    ->toolTip()
                    .contains(connector + QStringLiteral(": task 0 FAILED")));
        QVERIFY(badgeIn(statusLabel(QStringLiteral("problemStatus")), Severity::Error));
        QVERIFY(!problemText().contains(QStringLiteral("No problems")));
        QVERIFY(lagText() != QLatin1String("Lag: OK"));
        // The other connector still runs, and says so everywhere.
        const bool postgres = connector == kPostgres;
        const QString other = postgres ? kMySql : kPostgres;
        QCOMPARE(node(postgres ? kMySqlNode : kPostgresNode)->runtimeState(), QStringLiteral("RUNNING"));
        QCOMPARE(rowText(other), QStringLiteral("RUNNING"));
        QVERIFY(entry(other + QStringLiteral(" · task")).isEmpty());
    }

    // The Connectors tree shows the failed task without scrolling: its row is in the viewport, whole,
    // and so is the connector's state, unelided.
    void verifyTaskInSight(const QString &connector)
    {
        const QModelIndex state = connectors()->connectorIndex(connector, ConnectorsModel::StateColumn);
        QVERIFY(tree()->header()->sectionSize(ConnectorsModel::StateColumn) >=
                static_cast<const QAbstractItemView *>(tree())->sizeHintForIndex(state).width());
        const auto where = [this](const QRect &cell) {
            return QStringLiteral("%1,%2 %3×%4 in %5×%6 px")
                .arg(cell.x())
                .arg(cell.y())
                .arg(cell.width())
                .arg(cell.height())
                .arg(tree()->viewport()->width())
                .arg(tree()->viewport()->height());
        };
        QVERIFY2(tree()->viewport()->rect().contains(tree()->visualRect(state)),
                 qPrintable(where(tree()->visualRect(state))));
        const QRect task = tree()->visualRect(connectors()->taskIndex(connector, 0));
        QVERIFY2(tree()->viewport()->rect().contains(task), qPrintable(where(task)));
    }

    // Every lag issue is in Diagnostics with the value the status bar and the node show, now.
    void verifyLagAgrees()
    {
        const QString lag = lagText();
        const QString words = levelAndValue(lag);
        QVERIFY2(!words.isEmpty(), qPrintable(lag));
        int lagIssues = 0;
        bool statusMatched = false;
        for (const health::LiveIssue &issue : health()->liveIssues()) {
            if (issue.kind != health::LiveIssue::Kind::Lag)
                continue;
            ++lagIssues;
            const QString e = entry(issue.subject + QStringLiteral(" · lag "));
            QVERIFY2(!e.isEmpty(), qPrintable(diagnosticsEntries().join(QStringLiteral(" | "))));
            QCOMPARE(levelAndValue(e), levelAndValue(issue.title));
            // The node of the series is tinted at least this much.
            QVERIFY(node(issue.nodeId)->severity() >= issue.severity);
            QVERIFY2(node(issue.nodeId)->toolTip().contains(issue.title), qPrintable(node(issue.nodeId)->toolTip()));
            if (lag.startsWith(issue.statusText)) {
                statusMatched = true;
                QCOMPARE(levelAndValue(e), words); // the same number, unit and level as the status bar
                QVERIFY(badgeIn(statusLabel(QStringLiteral("lagStatus")), issue.severity));
            }
        }
        QVERIFY(lagIssues >= 1);
        QVERIFY2(statusMatched, qPrintable(lag));
        QVERIFY(!problemText().contains(QStringLiteral("No problems")));
        QCOMPARE(problemText(), health()->summary().counts);
        QVERIFY(diagnostics()->summaryText().startsWith(health()->summary().counts + u'.'));
    }

    // Triggers (or, when lasting, recovers) an incident from the Sandbox menu.
    void toggle(sandbox::Incident incident) { controller()->incidentAction(incident)->trigger(); }

    void recoverAndVerifyHealthy(sandbox::Incident incident)
    {
        QAction *action = controller()->incidentAction(incident);
        QVERIFY(action->isChecked());
        action->trigger();
        QVERIFY(!action->isChecked());
        QVERIFY(controller()->sandbox()->activeIncidents().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(isHealthy(), kRecoverTimeoutMs);
        CHECK_STORY(verifyHealthy());
    }

    void saveWindow(const QString &name) { QVERIFY(m_window->grab().save(outputDir() + u'/' + name)); }

private Q_SLOTS:
    void initTestCase()
    {
        guitest::useTestSettings(QStringLiteral("tst_incidentstory"));
        QSettings().clear();
        m_document = std::make_unique<topology::ProjectDocument>();
        m_window = std::make_unique<ui::MainWindow>(m_document.get());
        m_window->setGeometry(0, 0, 1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy deployed(controller(), &ui::SandboxController::deployFinished);
        QVERIFY(controller()->start(kRate));
        QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 20'000);
        QVERIFY(deployed.at(0).at(0).toBool());
        m_window->connectorsPanel()->refresh();
        // The sandbox's project brings WAL thresholds for its rates.
        QCOMPARE(m_window->lagMonitor()->thresholds().postgresBytes.warning, double(sandbox::kSandboxWalWarningBytes));
        QCOMPARE(m_window->lagMonitor()->thresholds().postgresBytes.critical,
                 double(sandbox::kSandboxWalCriticalBytes));
    }

    void init()
    {
        // Every incident starts from a pipeline that runs and says so everywhere.
        QTRY_VERIFY_WITH_TIMEOUT(isHealthy(), kRecoverTimeoutMs);
        CHECK_STORY(verifyHealthy());
    }

    void cleanup()
    {
        // A test that failed half-way leaves its incident behind: the next one starts from a healthy pipeline.
        sandbox::Sandbox *box = controller()->sandbox();
        for (sandbox::Incident incident : box->activeIncidents())
            QVERIFY(box->recover(incident).ok());
    }

    void cleanupTestCase()
    {
        if (m_window)
            controller()->stop();
        m_window.reset();
        m_document.reset();
    }

    void taskFailed()
    {
        toggle(sandbox::Incident::TaskFailed);
        QTRY_COMPARE_WITH_TIMEOUT(node(kPostgresNode)->runtimeState(), QStringLiteral("FAILED"), kFailTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowText(kPostgres).startsWith(QStringLiteral("FAILED")), kFailTimeoutMs);
        CHECK_STORY(verifyTaskFailed(kPostgres, kPostgresNode, QStringLiteral("Connection reset")));
        CHECK_STORY(verifyTaskInSight(kPostgres));
        CHECK_STORY(saveWindow(QStringLiteral("story-task-failed.png")));

        // Clicking the failure in Diagnostics selects its node.
        QListWidget *list = diagnostics()->list();
        m_window->topologyScene()->clearSelection();
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->text().startsWith(kPostgres + QStringLiteral(" · task 0 FAILED"))) {
                list->scrollToItem(list->item(i));
                QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(i)).center());
            }
        }
        QVERIFY(node(kPostgresNode)->isSelected());

        // The connector was opened once; collapsed by the user, it stays collapsed through refreshes.
        const QModelIndex row = connectors()->connectorIndex(kPostgres);
        tree()->collapse(row);
        QSignalSpy refreshed(m_window->connectorsPanel(), &ui::ConnectorsPanel::connectorsRefreshed);
        m_window->connectorsPanel()->refresh();
        QVERIFY(refreshed.wait(10'000));
        QVERIFY(!tree()->isExpanded(connectors()->connectorIndex(kPostgres)));
        tree()->expand(connectors()->connectorIndex(kPostgres));

        // Its slot retains WAL meanwhile: the sandbox's threshold is crossed and the lag joins the story,
        // with the value of now in Diagnostics and in the status bar alike.
        QTRY_VERIFY_WITH_TIMEOUT(lagText().startsWith(QStringLiteral("Lag: PostgreSQL ")), kLagTimeoutMs);
        CHECK_STORY(verifyTaskFailed(kPostgres, kPostgresNode, QStringLiteral("Connection reset")));
        CHECK_STORY(verifyLagAgrees());
        QVERIFY(health()->summary().counts.contains(QStringLiteral("error")));
        // The chart shows the line crossed with its label whole, even on a short chart.
        ui::LagChart *wal = m_window->lagPanel()->chart(lag::LagUnit::Bytes);
        QTRY_VERIFY_WITH_TIMEOUT(wal->yAxis->range().upper > wal->warningLine()->point1->coords().y(), 10'000);
        QVERIFY2(wal->warningLabel()->topLeft->pixelPosition().y() >= wal->axisRect()->top(),
                 qPrintable(QStringLiteral("label top %1, plot top %2")
                                .arg(wal->warningLabel()->topLeft->pixelPosition().y())
                                .arg(wal->axisRect()->top())));
        CHECK_STORY(saveWindow(QStringLiteral("story-task-failed-wal.png")));
        // The value moves on and every place follows it.
        const QString before = lagText();
        QTRY_VERIFY_WITH_TIMEOUT(lagText() != before, 10'000);
        CHECK_STORY(verifyLagAgrees());
        const QPalette light = QApplication::palette();
        QApplication::setPalette(guitest::darkPalette());
        QTRY_COMPARE(diagnostics()->list()->palette().color(QPalette::Base),
                     guitest::darkPalette().color(QPalette::Base));
        CHECK_STORY(saveWindow(QStringLiteral("story-task-failed-wal-dark.png")));
        QApplication::setPalette(light);

        CHECK_STORY(recoverAndVerifyHealthy(sandbox::Incident::TaskFailed));
        CHECK_STORY(saveWindow(QStringLiteral("story-task-failed-recovered.png")));
    }

    void lagSpike()
    {
        toggle(sandbox::Incident::LagSpike);
        // Both databases fall behind: PostgreSQL in WAL bytes, MySQL in seconds.
        auto lagging = [this](const QString &nodeId) {
            const auto issues = health()->liveIssues();
            return std::any_of(issues.begin(), issues.end(), [&](const health::LiveIssue &i) {
                return i.kind == health::LiveIssue::Kind::Lag && i.nodeId == nodeId;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(lagging(kPostgresNode) && lagging(kMySqlNode), kLagTimeoutMs);
        CHECK_STORY(verifyLagAgrees());
        QVERIFY(lagText().endsWith(QStringLiteral(" (+1 more)")));
        // Nothing FAILED: the connectors run, slowly. The nodes are tinted, not badged FAILED.
        for (const auto &[connector, nodeId] : {std::pair{kPostgres, kPostgresNode}, std::pair{kMySql, kMySqlNode}}) {
            QCOMPARE(node(nodeId)->runtimeState(), QStringLiteral("RUNNING"));
            QVERIFY(node(nodeId)->severity() != Severity::Ok);
            QCOMPARE(rowText(connector), QStringLiteral("RUNNING"));
            QVERIFY(entry(connector + QStringLiteral(" · task")).isEmpty());
        }
        const health::HealthSummary &summary = health()->summary();
        QCOMPARE(summary.errors + summary.warnings, 2);
        QCOMPARE(problemText(), summary.counts);
        QVERIFY(badgeIn(statusLabel(QStringLiteral("problemStatus")), summary.severity));
        QCOMPARE(diagnostics()->summaryText(), summary.counts + QStringLiteral(". Click one to select its node."));
        // The lag keeps growing, and Diagnostics holds no stale value: it follows.
        const QString before = lagText();
        QTRY_VERIFY_WITH_TIMEOUT(lagText() != before, 10'000);
        CHECK_STORY(verifyLagAgrees());
        CHECK_STORY(saveWindow(QStringLiteral("story-lag-spike.png")));

        CHECK_STORY(recoverAndVerifyHealthy(sandbox::Incident::LagSpike));
    }

    void duplicateServerId()
    {
        toggle(sandbox::Incident::DuplicateServerId);
        QTRY_COMPARE_WITH_TIMEOUT(node(kMySqlNode)->runtimeState(), QStringLiteral("FAILED"), kFailTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowText(kMySql).startsWith(QStringLiteral("FAILED")), kFailTimeoutMs);
        CHECK_STORY(verifyTaskFailed(kMySql, kMySqlNode, QStringLiteral("same server_uuid/server_id")));
        CHECK_STORY(verifyTaskInSight(kMySql));
        // The troubleshooting guide's fix comes with it.
        QListWidget *list = diagnostics()->list();
        QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("database.server.id")));
        CHECK_STORY(recoverAndVerifyHealthy(sandbox::Incident::DuplicateServerId));
    }

    void slotDropped()
    {
        toggle(sandbox::Incident::SlotDropped);
        QTRY_COMPARE_WITH_TIMEOUT(node(kPostgresNode)->runtimeState(), QStringLiteral("FAILED"), kFailTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowText(kPostgres).startsWith(QStringLiteral("FAILED")), kFailTimeoutMs);
        CHECK_STORY(verifyTaskFailed(kPostgres, kPostgresNode, QStringLiteral("does not exist")));
        CHECK_STORY(verifyTaskInSight(kPostgres));
        CHECK_STORY(recoverAndVerifyHealthy(sandbox::Incident::SlotDropped));
    }

    void historyTopicMissing()
    {
        toggle(sandbox::Incident::HistoryTopicMissing);
        QTRY_COMPARE_WITH_TIMEOUT(node(kMySqlNode)->runtimeState(), QStringLiteral("FAILED"), kFailTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowText(kMySql).startsWith(QStringLiteral("FAILED")), kFailTimeoutMs);
        CHECK_STORY(verifyTaskFailed(kMySql, kMySqlNode, QStringLiteral("history topic")));
        CHECK_STORY(verifyTaskInSight(kMySql));
        CHECK_STORY(recoverAndVerifyHealthy(sandbox::Incident::HistoryTopicMissing));
    }

    void sameIdBurstIsNoFailure()
    {
        QSignalSpy burst(controller()->sandbox(), &sandbox::Sandbox::burstSent);
        QSignalSpy refreshed(m_window->connectorsPanel(), &ui::ConnectorsPanel::connectorsRefreshed);
        toggle(sandbox::Incident::SameIdBurst);
        QCOMPARE(burst.count(), 1);
        QVERIFY(!controller()->incidentAction(sandbox::Incident::SameIdBurst)->isCheckable()); // nothing to recover
        // The connectors are read again after it (the sandbox asks at once): still nothing to tell.
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 10'000);
        CHECK_STORY(verifyHealthy());
        QVERIFY(!problemText().contains(QStringLiteral("FAILED")));
    }

    // Issue 20: the burst uses the order id the tour and the incident's tooltip name, and leaves a banner in
    // the Events panel whose "Filter to these" shows that order's events from both databases, and only them.
    void burstBannerFiltersToTheTourOrder()
    {
        const QString id = QString::number(sandbox::burstOrderId);
        const QString pg = QStringLiteral("PG-") + id;
        const QString my = QStringLiteral("MY-") + id;
        // One id in the tour, the tooltip and the incident.
        QVERIFY(controller()->incidentAction(sandbox::Incident::SameIdBurst)->toolTip().contains(pg));
        QStringList tour;
        for (const ui::TourStep &step : ui::GuidedTour::capstoneSteps())
            tour << step.text;
        QVERIFY(tour.join(u' ').contains(QStringLiteral("order ") + id));
        QVERIFY(tour.join(u' ').contains(pg));

        ui::EventViewer *viewer = m_window->eventViewer();
        QDockWidget *events = m_window->dock(QStringLiteral("eventsDock"));
        events->show();
        events->raise();
        viewer->queryEdit()->clear();
        ui::BurstBanner *banner = controller()->burstBanner();
        if (!banner->isHidden()) // an earlier test's burst: the banner lasts until it is closed
            QTest::mouseClick(banner->closeButton(), Qt::LeftButton);
        QVERIFY(banner->isHidden());
        QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QSize window = m_window->size();
        const int eventsHeight = events->height();
        QSignalSpy burst(controller()->sandbox(), &sandbox::Sandbox::burstSent);
        toggle(sandbox::Incident::SameIdBurst);
        QCOMPARE(burst.count(), 1);
        QCOMPARE(burst.at(0).at(0).toLongLong(), sandbox::burstOrderId);
        QVERIFY(banner->isVisible());
        // It takes its room from the table: the dock and the window keep their size, and it is whole.
        QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(m_window->size(), window);
        QVERIFY2(events->height() - eventsHeight <= viewer->layout()->spacing(), // one more gap in the panel
                 qPrintable(QStringLiteral("%1 → %2 px").arg(eventsHeight).arg(events->height())));
        QVERIFY(banner->height() >= banner->heightForWidth(banner->width()));
        QCOMPARE(banner->text(),
                 QStringLiteral("Order %1 arrived from both databases — %2 and %3 are two orders.").arg(id, pg, my));
        QCOMPARE(banner->filterButton()->text(), QStringLiteral("Filter to these"));
        const stream::EventTableModel *model = viewer->model();
        // The keys of the table's last `tail` rows (all of them by default).
        const auto keys = [model](int tail = std::numeric_limits<int>::max()) {
            QStringList out;
            for (int row = std::max(0, model->rowCount() - tail); row < model->rowCount(); ++row)
                out << model->index(row, stream::EventTableModel::CompositeKeyColumn).data().toString();
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(keys(20'000).count(pg) >= 25 && keys(20'000).count(my) >= 25, 15'000);
        // It lasts: the rows kept coming, and it is still there.
        QVERIFY(banner->isVisible());
        QVERIFY(events->grab().save(outputDir() + QStringLiteral("/burst-banner.png")));
        QVERIFY(m_window->grab().save(outputDir() + QStringLiteral("/burst-banner-window.png")));

        QTest::mouseClick(banner->filterButton(), Qt::LeftButton);
        QVERIFY(banner->isHidden());
        QCOMPARE(viewer->queryEdit()->text(), sandbox::burstOrderQuery());
        // Only the order's rows, from both databases: the 25 of each burst at least.
        const auto onlyTheOrder = [&] {
            const QStringList shown = keys();
            return shown.count(pg) >= 25 && shown.count(my) >= 25 && shown.count(pg) + shown.count(my) == shown.size();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(onlyTheOrder(), qPrintable(keys().mid(0, 20).join(u' ')), 15'000);
        QVERIFY(events->grab().save(outputDir() + QStringLiteral("/burst-filtered.png")));

        // Closed rather than applied: the query stays as it is.
        viewer->queryEdit()->clear();
        toggle(sandbox::Incident::SameIdBurst);
        QVERIFY(banner->isVisible());
        const QPalette light = QApplication::palette();
        QApplication::setPalette(guitest::darkPalette());
        QTRY_COMPARE(viewer->palette().color(QPalette::Base), guitest::darkPalette().color(QPalette::Base));
        QVERIFY(events->grab().save(outputDir() + QStringLiteral("/burst-banner-dark.png")));
        QApplication::setPalette(light);
        QTest::mouseClick(banner->closeButton(), Qt::LeftButton);
        QVERIFY(banner->isHidden());
        QVERIFY(viewer->queryEdit()->text().isEmpty());
    }

    // Issue 20: over the running sandbox in a 1366×768 window, every step's callout is beside what it
    // explains (its nodes, or the Events and Lag panels), inside the window; Finish gives the canvas back.
    void tourCalloutBesideItsTarget()
    {
        ui::TopologyView *view = m_window->topologyView();
        m_window->topologyScene()->clearSelection();
        const QTransform transform = view->transform();
        const QPoint scroll(view->horizontalScrollBar()->value(), view->verticalScrollBar()->value());
        controller()->tourAction()->trigger();
        ui::GuidedTour *tour = controller()->guidedTour();
        CHECK_STORY(guitest::walkTour(*m_window, QStringLiteral("tour-1366")));
        const QPalette light = QApplication::palette();
        QApplication::setPalette(guitest::darkPalette());
        tour->showStep(2); // the topics, in dark
        QTRY_COMPARE(tour->palette().color(QPalette::ToolTipBase), guitest::darkPalette().color(QPalette::ToolTipBase));
        QTRY_COMPARE(m_window->palette().color(QPalette::Window), guitest::darkPalette().color(QPalette::Window));
        QTRY_VERIFY(guitest::tourPlacementProblem(*m_window, *tour, ui::GuidedTour::capstoneSteps().at(2)).isEmpty());
        CHECK_STORY(saveWindow(QStringLiteral("tour-1366-3-dark.png")));
        QApplication::setPalette(light);
        tour->showStep(tour->stepCount() - 1);
        QCOMPARE(tour->nextButton()->text(), QStringLiteral("Finish"));
        QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
        QVERIFY(!tour->isVisible());
        QVERIFY(m_window->topologyScene()->selectedItems().isEmpty());
        QCOMPARE(view->transform(), transform);
        QCOMPARE(QPoint(view->horizontalScrollBar()->value(), view->verticalScrollBar()->value()), scroll);
    }
};

// The screenshots are for a laptop's 1366×768: offscreen's default screen is 800×600, so the test
// gets a screen of that size (qoffscreenintegration.cpp reads its screens from a JSON config file).
CDC_GUITEST_MAIN_ON_SCREEN(TstIncidentStory, "laptop", QSize(1366, 768))
#include "tst_incidentstory.moc"
