// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the sandbox in the window, offscreen: presentation mode restores what it changed, the guided
// tour steps and highlights, and the Sandbox menu runs a real in-process sandbox (connectors RUNNING,
// PG- and MY- events, lag series, an incident and its recovery, a clean stop), with its simulated
// unified consumer in the Unified Consumer dock. Saves screenshots.
#include "connect/connectclient.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorspanel.h"
#include "consumer/consumerpanel.h"
#include "consumer/consumerservice.h"
#include "doctor/checklistview.h"
#include "lag/lagmonitor.h"
#include "mainwindow/mainwindow.h"
#include "sandbox/guidedtour.h"
#include "sandbox/presentationmode.h"
#include "sandbox/ratecontrol.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxconsumer.h"
#include "sandbox/sandboxcontroller.h"
#include "stream/eventtablemodel.h"
#include "stream/eventviewer.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include "guitestsupport.h"
#include "tourchecks.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QUndoStack>

using namespace cdc;
using cdc::guitest::outputDir;

namespace {

QHash<QString, bool> dockVisibility(const ui::MainWindow &window)
{
    QHash<QString, bool> out;
    const auto docks = window.findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly);
    for (QDockWidget *dock : docks)
        out.insert(dock->objectName(), dock->isVisible());
    return out;
}

// The dock is the one showing (not hidden behind another tab).
bool isShowing(QDockWidget *dock)
{
    return dock && dock->isVisible() && !dock->visibleRegion().isEmpty();
}

QString taskState(const ui::MainWindow &window, const QString &connector)
{
    const connect::ConnectorOverview *c = window.connectorsPanel()->model()->connector(connector);
    if (!c || c->status.tasks.isEmpty())
        return {};
    return c->status.tasks.constFirst().state;
}

QStringList compositeKeys(const ui::MainWindow &window)
{
    QStringList keys;
    const stream::EventTableModel *model = window.eventViewer()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        keys << model->index(row, stream::EventTableModel::CompositeKeyColumn).data().toString();
    return keys;
}

bool anyStartsWith(const QStringList &keys, const QString &prefix)
{
    return std::any_of(keys.begin(), keys.end(), [&](const QString &k) { return k.startsWith(prefix); });
}

bool hasSeriesStartingWith(const lag::LagMonitor *monitor, const QString &prefix)
{
    const auto keys = monitor->series();
    return std::any_of(keys.begin(), keys.end(), [&](const lag::SeriesKey &k) {
        return k.id.startsWith(prefix) && monitor->seriesData(k.id) && !monitor->seriesData(k.id)->isEmpty();
    });
}

// The Unified Consumer dock's composite keys, as shown.
QStringList unifiedKeys(const ui::ConsumerPanel *panel)
{
    QStringList keys;
    const QAbstractItemModel *model = panel->rowsView()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        keys << model->index(row, consumer::UnifiedRowsModel::CompositeKey).data().toString();
    return keys;
}

QImage grabMenu(QMenu *menu, const QPoint &at)
{
    menu->popup(at);
    QTest::qWait(100);
    const QImage shot = menu->grab().toImage();
    menu->hide();
    return shot;
}

} // namespace

class TstSandboxUi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::useTestSettings(QStringLiteral("tst_sandboxui")); }

    void init() { QSettings().clear(); }

    void menuOffersEveryIncidentWithItsLesson()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        ui::SandboxController *controller = window.sandbox();
        QVERIFY(controller);
        QVERIFY(window.startSandboxAction()->isEnabled());
        QCOMPARE(window.startSandboxAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F5));
        // The Sandbox menu sits before Help.
        const QList<QAction *> menus = window.menuBar()->actions();
        QCOMPARE(menus.at(menus.size() - 2)->menu(), controller->menu());
        QCOMPARE(controller->incidentsMenu()->actions().size(), int(sandbox::incidents().size()));
        for (const sandbox::IncidentInfo &info : sandbox::incidents()) {
            QAction *action = controller->incidentAction(info.incident);
            QVERIFY(action);
            QCOMPARE(action->text(), info.title);
            QCOMPARE(action->statusTip(), info.lesson);
            QVERIFY(action->toolTip().contains(info.lesson.toHtmlEscaped()));
            QCOMPARE(action->isCheckable(), info.lasting);
            QVERIFY(!action->isEnabled()); // until the sandbox runs
        }
        QVERIFY(!controller->stopAction()->isEnabled());
        QVERIFY(controller->toolBar()->isHidden());
        // The sandbox's shortcuts are taken by nothing else in the window.
        QCOMPARE(controller->stopAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
        QCOMPARE(controller->presentationAction()->shortcut(), QKeySequence(Qt::Key_F11));
        const auto actions = window.findChildren<QAction *>();
        for (const QKeySequence &key : {window.startSandboxAction()->shortcut(), controller->stopAction()->shortcut(),
                                        controller->presentationAction()->shortcut()}) {
            const auto users =
                std::count_if(actions.begin(), actions.end(), [&](const QAction *a) { return a->shortcut() == key; });
            QVERIFY2(users == 1, qPrintable(key.toString()));
        }
    }

    void rateControlIsLogarithmic()
    {
        QCOMPARE(ui::RateControl::rateForPosition(0), 1);
        QCOMPARE(ui::RateControl::rateForPosition(ui::RateControl::kSteps), 50000);
        for (int rate : ui::RateControl::presets())
            QVERIFY(qAbs(ui::RateControl::rateForPosition(ui::RateControl::positionForRate(rate)) - rate) <=
                    rate / 50 + 1);
        ui::RateControl control;
        QSignalSpy chosen(&control, &ui::RateControl::rateChosen);
        control.setRate(1000);
        QCOMPARE(chosen.count(), 0); // the sandbox's own change is not echoed back
        QCOMPARE(control.slider()->value(), ui::RateControl::positionForRate(1000));
        control.spinBox()->setValue(10000);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toInt(), 10000);
        QCOMPARE(control.slider()->value(), ui::RateControl::positionForRate(10000));
    }

    void presentationModeRestoresTheWindow()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(100);

        const QFont font = QApplication::font();
        const QPalette palette = QApplication::palette();
        const QRect geometry = window.geometry();
        const QHash<QString, bool> docks = dockVisibility(window);
        auto *mainBar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QVERIFY(mainBar);
        const Qt::ToolButtonStyle barStyle = mainBar->toolButtonStyle();
        QHeaderView *columns = window.eventViewer()->tableView()->horizontalHeader();
        const int keyWidth = columns->sectionSize(stream::EventTableModel::CompositeKeyColumn);

        ui::PresentationMode *mode = window.sandbox()->presentationMode();
        window.sandbox()->presentationAction()->trigger();
        QVERIFY(mode->isActive());
        QVERIFY(window.sandbox()->presentationAction()->isChecked());
        QCOMPARE(QApplication::font().pointSizeF(), font.pointSizeF() * ui::PresentationMode::kFontScale);
        QTRY_COMPARE(window.font().pointSizeF(), font.pointSizeF() * ui::PresentationMode::kFontScale);
        QCOMPARE(window.topologyView()->font().pointSizeF(), font.pointSizeF()); // the canvas zooms instead
        QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::black));
        QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        // The sandbox's toolbar with words under its icons; the main toolbar out of the canvas's way.
        auto *sandboxBar = window.findChild<QToolBar *>(QStringLiteral("sandboxToolBar"));
        QVERIFY(sandboxBar);
        QCOMPARE(sandboxBar->toolButtonStyle(), Qt::ToolButtonTextUnderIcon);
        QVERIFY(!mainBar->isVisible());
        for (const QString &name : docks.keys())
            QCOMPARE(window.dock(name)->isVisible(), ui::PresentationMode::shownDocks().contains(name));
        QVERIFY(isShowing(window.dock(QStringLiteral("eventsDock"))));
        QVERIFY(isShowing(window.dock(QStringLiteral("lagDock"))));
        // The Unified Consumer stays a tab beside Events, one click from the demo's last step.
        QVERIFY(window.tabifiedDockWidgets(window.dock(QStringLiteral("eventsDock")))
                    .contains(window.dock(QStringLiteral("consumerDock"))));
        QVERIFY(!window.dock(QStringLiteral("consumerDock"))->isHidden());
        QCOMPARE(columns->sectionSize(stream::EventTableModel::CompositeKeyColumn),
                 int(keyWidth * ui::PresentationMode::kFontScale));

        window.sandbox()->presentationAction()->trigger();
        QVERIFY(!mode->isActive());
        QCOMPARE(QApplication::font(), font);
        QCOMPARE(QApplication::palette(), palette);
        QCOMPARE(mainBar->toolButtonStyle(), barStyle);
        QVERIFY(mainBar->isVisible());
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
        QTRY_COMPARE(window.geometry(), geometry);
        QCOMPARE(dockVisibility(window), docks);
        QCOMPARE(columns->sectionSize(stream::EventTableModel::CompositeKeyColumn), keyWidth);
        QTRY_COMPARE(window.font(), font);
    }

    void tourStepsForwardAndBackAndRaisesDocks()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // What the user had on the canvas before the tour: one node selected, a zoom and a scroll position.
        ui::TopologyView *view = window.topologyView();
        view->zoomIn();
        view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->minimum());
        window.topologyScene()->selectNode(QStringLiteral("sink-orders"));
        const QTransform transform = view->transform();
        const QPoint scroll(view->horizontalScrollBar()->value(), view->verticalScrollBar()->value());
        const auto selectedNodes = [&window] {
            QStringList ids;
            for (QGraphicsItem *item : window.topologyScene()->selectedItems()) {
                if (item->type() == ui::NodeItem::Type)
                    ids << static_cast<ui::NodeItem *>(item)->nodeId();
            }
            ids.sort();
            return ids;
        };
        const auto viewAsTheUserHadIt = [&] {
            QCOMPARE(selectedNodes(), QStringList{QStringLiteral("sink-orders")});
            QCOMPARE(view->transform(), transform);
            QCOMPARE(QPoint(view->horizontalScrollBar()->value(), view->verticalScrollBar()->value()), scroll);
        };

        window.sandbox()->tourAction()->trigger();
        ui::GuidedTour *tour = window.sandbox()->guidedTour();
        QVERIFY(tour->isVisible());
        QCOMPARE(tour->stepCount(), ui::GuidedTour::capstoneSteps().size());
        QVERIFY(tour->stepCount() >= 8);
        QCOMPARE(tour->currentStep(), 0);
        QCOMPARE(tour->counterLabel()->text(), QStringLiteral("Step 1 of %1").arg(tour->stepCount()));
        QVERIFY(!tour->backButton()->isEnabled());

        for (int i = 0; i < tour->stepCount(); ++i) {
            QCOMPARE(tour->currentStep(), i);
            const ui::TourStep &step = ui::GuidedTour::capstoneSteps().at(i);
            if (!step.dock.isEmpty())
                QVERIFY2(isShowing(window.dock(step.dock)), qPrintable(step.dock));
            QStringList expected = step.nodeIds;
            expected.sort();
            QCOMPARE(selectedNodes(), expected);
            // Issue 20: the callout sits beside what it explains, inside the window, never over it.
            QTRY_VERIFY2(guitest::tourPlacementProblem(window, *tour, step).isEmpty(),
                         qPrintable(guitest::tourPlacementProblem(window, *tour, step)));
            // Its text fits: every label gets the height it needs.
            for (QLabel *label : {tour->titleLabel(), tour->textLabel()})
                QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(step.title));
            if (i == 3) {
                QVERIFY(tour->grab().save(outputDir() + QStringLiteral("/sandbox-tour.png")));
                QVERIFY(window.grab().save(outputDir() + QStringLiteral("/sandbox-tour-window.png")));
            }
            if (i + 1 < tour->stepCount())
                QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
        }
        QCOMPARE(tour->nextButton()->text(), QStringLiteral("Finish"));
        QTest::mouseClick(tour->backButton(), Qt::LeftButton);
        QCOMPARE(tour->currentStep(), tour->stepCount() - 2);
        QTest::mouseClick(tour->backButton(), Qt::LeftButton);
        QCOMPARE(tour->currentStep(), tour->stepCount() - 3);
        QTest::mouseClick(tour->closeButton(), Qt::LeftButton);
        QVERIFY(!tour->isVisible());
        // Issue 20: the tour's selection goes, the user's comes back, and so do zoom and scroll position.
        viewAsTheUserHadIt();
        if (QTest::currentTestFailed())
            return;

        // The same after Finish, and after Esc.
        window.sandbox()->tourAction()->trigger();
        QCOMPARE(tour->currentStep(), 0);
        for (int i = 0; i + 1 < tour->stepCount(); ++i)
            tour->next();
        QCOMPARE(tour->nextButton()->text(), QStringLiteral("Finish"));
        QVERIFY(selectedNodes() != QStringList{QStringLiteral("sink-orders")});
        QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
        QVERIFY(!tour->isVisible());
        viewAsTheUserHadIt();
        if (QTest::currentTestFailed())
            return;
        window.sandbox()->tourAction()->trigger();
        tour->next();
        QTest::keyClick(tour->nextButton(), Qt::Key_Escape);
        QVERIFY(!tour->isVisible());
        viewAsTheUserHadIt();
        if (QTest::currentTestFailed())
            return;
    }

    // Issue 20: the tour over the running sandbox on a 1920×1080 screen: each step's callout beside its
    // target; screenshots of every step (light) and of the consumer step in dark.
    void tourBesideItsTargetsAtFullHd()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.setGeometry(0, 0, 1920, 1080);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::SandboxController *controller = window.sandbox();
        QSignalSpy deployed(controller, &ui::SandboxController::deployFinished);
        QVERIFY(controller->start());
        QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 15000);
        window.topologyScene()->clearSelection();

        controller->tourAction()->trigger();
        ui::GuidedTour *tour = controller->guidedTour();
        guitest::walkTour(window, QStringLiteral("tour-1920"));
        if (QTest::currentTestFailed())
            return;
        const QPalette light = QApplication::palette();
        QApplication::setPalette(guitest::darkPalette());
        QTRY_COMPARE(tour->palette().color(QPalette::ToolTipBase), guitest::darkPalette().color(QPalette::ToolTipBase));
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/tour-1920-%1-dark.png").arg(tour->stepCount())));
        QApplication::setPalette(light);
        tour->next(); // Finish
        QVERIFY(!tour->isVisible());
        QVERIFY(window.topologyScene()->selectedItems().isEmpty());
        controller->stop();
    }

    void sandboxRunsInTheWindow()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        const QString originalName = document.name();
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::SandboxController *controller = window.sandbox();
        QSignalSpy deployed(controller, &ui::SandboxController::deployFinished);

        window.startSandboxAction()->trigger();
        QVERIFY(controller->isRunning());
        QVERIFY(!window.startSandboxAction()->isEnabled());
        QVERIFY(controller->stopAction()->isEnabled());
        QVERIFY(controller->toolBar()->isVisible());
        // A fresh untitled document, not an edit of the user's: nothing to undo, nothing modified.
        QVERIFY(document.filePath().isEmpty());
        QVERIFY(!document.isModified());
        QCOMPARE(document.undoStack()->count(), 0);
        QCOMPARE(int(document.clusters().size()), 1);
        QCOMPARE(QUrl(document.clusters().front().url), controller->sandbox()->connectUrl());
        // The address a presenter copies for kcat.
        QLabel *status = controller->statusLabel();
        QVERIFY(status->isVisible());
        QCOMPARE(status->text(),
                 QStringLiteral("Sandbox: Kafka %1 · Connect %2")
                     .arg(controller->sandbox()->bootstrap(), controller->sandbox()->connectUrl().toString()));
        QVERIFY(status->textInteractionFlags() & Qt::TextSelectableByMouse);

        QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 15000);
        QVERIFY(deployed.at(0).at(0).toBool());
        window.connectorsPanel()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(taskState(window, QStringLiteral("postgres-outbox")), QStringLiteral("RUNNING"),
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(taskState(window, QStringLiteral("mysql-outbox")), QStringLiteral("RUNNING"), 10000);
        // Events from both databases, their keys made unique by source.
        QTRY_VERIFY_WITH_TIMEOUT(anyStartsWith(compositeKeys(window), QStringLiteral("PG-")), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(anyStartsWith(compositeKeys(window), QStringLiteral("MY-")), 15000);
        // Lag series in each database's unit.
        lag::LagMonitor *monitor = window.lagMonitor();
        QVERIFY(monitor->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(hasSeriesStartingWith(monitor, QStringLiteral("pg-slot:")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hasSeriesStartingWith(monitor, QStringLiteral("mysql-ms:")), 10000);
        QTest::qWait(1500); // a few more points on the charts for the screenshot
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/sandbox-running.png")));

        // An incident from the menu: the PostgreSQL task FAILS; unchecking recovers it.
        QAction *failed = controller->incidentAction(sandbox::Incident::TaskFailed);
        QVERIFY(failed->isEnabled());
        const QImage menuShot =
            grabMenu(controller->incidentsMenu(), window.mapToGlobal(window.rect().center() - QPoint(200, 150)));
        QVERIFY(menuShot.save(outputDir() + QStringLiteral("/sandbox-incidents-menu.png")));
        failed->trigger();
        QVERIFY(failed->isChecked());
        QCOMPARE(controller->sandbox()->activeIncidents(), QList<sandbox::Incident>{sandbox::Incident::TaskFailed});
        QTRY_COMPARE_WITH_TIMEOUT(taskState(window, QStringLiteral("postgres-outbox")), QStringLiteral("FAILED"),
                                  10000);
        QCOMPARE(taskState(window, QStringLiteral("mysql-outbox")), QStringLiteral("RUNNING"));
        window.connectorsPanel()->selectConnector(QStringLiteral("postgres-outbox"), 0);
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/sandbox-task-failed.png")));
        const QPalette light = QApplication::palette();
        QApplication::setPalette(guitest::darkPalette());
        QTest::qWait(300);
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/sandbox-task-failed-dark.png")));
        QApplication::setPalette(light);
        failed->trigger();
        QVERIFY(!failed->isChecked());
        QVERIFY(controller->sandbox()->activeIncidents().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(taskState(window, QStringLiteral("postgres-outbox")), QStringLiteral("RUNNING"),
                                  10000);

        // The same in presentation mode, for the projector.
        controller->presentationAction()->trigger();
        QTest::qWait(1200);
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/sandbox-presentation.png")));
        controller->guidedTour()->showStep(4);
        QTest::qWait(200);
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/sandbox-presentation-tour.png")));
        controller->guidedTour()->hide();
        controller->presentationAction()->trigger();

        // An incident that needs a connector the sandbox does not run is refused with the reason.
        connect::ClusterSettings cluster;
        cluster.url = controller->sandbox()->connectUrl();
        connect::ConnectClient client(cluster);
        bool removed = false;
        client.remove(QStringLiteral("mysql-outbox"), [&removed](Result<void> r) { removed = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 5000);
        QAction *duplicate = controller->incidentAction(sandbox::Incident::DuplicateServerId);
        duplicate->trigger();
        QVERIFY(!duplicate->isChecked());
        QMessageBox *error = nullptr;
        QTRY_VERIFY((error = window.findChild<QMessageBox *>(QStringLiteral("errorMessage"))) != nullptr);
        QVERIFY2(error->text().contains(QStringLiteral("none is deployed")), qPrintable(error->text()));
        QVERIFY(error->grab().save(outputDir() + QStringLiteral("/sandbox-incident-refused.png")));
        error->close();

        // Stopping undoes all of it: the project open before comes back, clean.
        controller->stopAction()->trigger();
        QVERIFY(!controller->isRunning());
        QVERIFY(!controller->sandbox()->isRunning());
        QVERIFY(!monitor->isRunning());
        QVERIFY(!status->isVisible());
        QVERIFY(controller->toolBar()->isHidden());
        QVERIFY(window.startSandboxAction()->isEnabled());
        QVERIFY(!failed->isEnabled());
        QCOMPARE(document.name(), originalName);
        QVERIFY(document.clusters().empty());
        QVERIFY(!document.isModified());
        const qsizetype rows = window.eventViewer()->model()->rowCount();
        QTest::qWait(1500);
        QCOMPARE(window.eventViewer()->model()->rowCount(), rows); // nothing arrives any more
        QApplication::setPalette(guitest::darkPalette());
        QTest::qWait(300);
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/sandbox-stopped-dark.png")));
        QApplication::setPalette(light);
    }

    // Issue 19, in the sandbox: no Flink runs, the dock shows the simulated consumer's rows and says so;
    // its state is the node's, Stop and Run reach it, the checklist ticks from its rows, and the burst
    // shows as PG-n and MY-n.
    void unifiedConsumerIsSimulated()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::SandboxController *controller = window.sandbox();
        ui::ConsumerPanel *panel = window.consumerPanel();
        consumer::ConsumerService *service = window.consumerService();
        QLabel *simulated = panel->simulatedLabel();
        QVERIFY(!service->isSimulated());
        QVERIFY(!simulated->isVisibleTo(panel));
        QSignalSpy deployed(controller, &ui::SandboxController::deployFinished);

        QVERIFY(controller->start());
        QVERIFY(service->isSimulated());
        QCOMPARE(simulated->text(), QStringLiteral("Simulated — no Flink runs in the sandbox"));
        QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 15000);
        QVERIFY(deployed.at(0).at(0).toBool());
        // Started with the deploy: RUNNING on the node and in the dock, as the real consumer is.
        QTRY_COMPARE_WITH_TIMEOUT(service->state(), consumer::JobState::Running, 10000);
        QCOMPARE(service->nodeId(), QStringLiteral("consumer-pyflink"));
        QTRY_COMPARE(window.topologyScene()->nodeItem(service->nodeId())->runtimeState(), QStringLiteral("RUNNING"));
        QVERIFY2(panel->stateText().contains(QStringLiteral("RUNNING")), qPrintable(panel->stateText()));
        QVERIFY(!panel->runAction()->isEnabled());
        QVERIFY(panel->stopAction()->isEnabled());
        QVERIFY(!panel->openLogAction()->isEnabled()); // no job, no log

        QDockWidget *dock = window.dock(QStringLiteral("consumerDock"));
        dock->show();
        dock->raise();
        QTRY_VERIFY(simulated->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(anyStartsWith(unifiedKeys(panel), QStringLiteral("PG-")), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(anyStartsWith(unifiedKeys(panel), QStringLiteral("MY-")), 15000);
        QVERIFY(panel->rowsView()->isVisible());
        // The checklist's last step, from the simulated rows.
        auto *checklist = window.findChild<ui::ChecklistView *>();
        QVERIFY(checklist);
        QTRY_VERIFY_WITH_TIMEOUT(checklist->ticked().contains(QStringLiteral("both-events")), 15000);

        // The burst: the same order id from both databases, two keys.
        QSignalSpy burst(controller->sandbox(), &sandbox::Sandbox::burstSent);
        controller->incidentAction(sandbox::Incident::SameIdBurst)->trigger();
        QCOMPARE(burst.count(), 1);
        const QString id = QString::number(burst.at(0).at(0).toLongLong());
        QTRY_VERIFY_WITH_TIMEOUT(unifiedKeys(panel).contains(QStringLiteral("PG-") + id) &&
                                     unifiedKeys(panel).contains(QStringLiteral("MY-") + id),
                                 10000);
        // Shown with the burst's first rows on top, for a look at the label and the columns.
        window.resizeDocks({dock}, {420}, Qt::Vertical);
        QTest::qWait(200);
        const int at = int(unifiedKeys(panel).indexOf(QStringLiteral("PG-") + id));
        panel->rowsView()->scrollTo(panel->rowsView()->model()->index(at, 0), QAbstractItemView::PositionAtTop);
        const QImage shot = dock->grab().toImage(); // before new rows scroll it down again
        QVERIFY(shot.save(outputDir() + QStringLiteral("/sandbox-unified-consumer.png")));
        QVERIFY(shot.save(QStringLiteral("/tmp/sandboxconsumer-dock.png")));
        QVERIFY(window.grab().save(QStringLiteral("/tmp/sandboxconsumer-window.png")));

        // Stop and Run reach the simulation.
        panel->stopAction()->trigger();
        QCOMPARE(service->state(), consumer::JobState::Stopped);
        QCOMPARE(controller->sandbox()->unifiedConsumer()->state(), consumer::JobState::Stopped);
        QVERIFY(panel->runAction()->isEnabled());
        QTRY_VERIFY(window.topologyScene()->nodeItem(QStringLiteral("consumer-pyflink"))->runtimeState().isEmpty());
        panel->runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(service->state(), consumer::JobState::Running, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->rowsView()->model()->rowCount() > 0, 10000);

        // Stopping the sandbox ends the simulation: the dock is the real consumer's again.
        controller->stop();
        QVERIFY(!service->isSimulated());
        QCOMPARE(service->state(), consumer::JobState::Stopped);
        QVERIFY(!simulated->isVisible());
        QCOMPARE(panel->rowsView()->model()->rowCount(), 0);
    }
};

// Presentation mode fills the screen: offscreen's default 800×600 is no projector. Offscreen runs get a
// 1920×1080 screen (qoffscreenintegration.cpp reads its screens from a JSON config file).
CDC_GUITEST_MAIN_ON_SCREEN(TstSandboxUi, "projector", QSize(1920, 1080))
#include "tst_sandboxui.moc"
