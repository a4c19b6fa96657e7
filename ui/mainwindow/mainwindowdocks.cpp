// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's panels: the docks around the canvas, the status bar, and lag monitoring, each
// wired to the document. Split from mainwindow.cpp so the window's assembly stays readable.
#include "mainwindow.h"

#include "common/settingskeys.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorspanel.h"
#include "consumer/consumerservice.h"
#include "core/stackenvironment.h"
#include "debezium/connectoractions.h"
#include "doctor/checklistview.h"
#include "doctor/doctorpanel.h"
#include "doctor/doctorplan.h"
#include "health/healthstatuslabel.h"
#include "health/pipelinehealth.h"
#include "lag/lagmonitor.h"
#include "lag/lagpanel.h"
#include "lag/lagsetup.h"
#include "sandbox/sandboxcontroller.h"
#include "stream/eventpipeline.h"
#include "stream/eventstore.h"
#include "stream/eventviewer.h"
#include "topology/nodeitem.h"
#include "topology/nodepalette.h"
#include "topology/projectdocument.h"
#include "topology/propertiespanel.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"
#include "validation/diagnosticspanel.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace cdc::ui {

QDockWidget *MainWindow::addPanel(const QString &objectName, const QString &title, QWidget *content,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::createDocks()
{
    // The right column runs the window's whole height, so the Connectors and the Doctor each have room
    // at 1366×768; the bottom docks span the palette and the canvas (issue 20).
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    auto *palette = new NodePalette(this);
    connect(palette, &NodePalette::kindChosen, this, [this](topology::NodeKind kind) {
        m_scene->addNodeAt(kind, m_view->mapToScene(m_view->viewport()->rect().center()));
    });
    QDockWidget *paletteDock = addPanel(QStringLiteral("paletteDock"), tr("Palette"), palette, Qt::LeftDockWidgetArea);

    m_events = new EventViewer(this);
    // Topics are tagged with their database by the project's routing, read when connecting.
    m_events->setPipelineFactory([this](const stream::ConsumerSettings &settings, stream::EventStore &store) {
        return std::make_unique<stream::EventPipeline>(settings,
                                                       stream::SourceRouting::fromTopology(*m_document->topology()),
                                                       store.sharedStrings(), store.sharedPages());
    });
    m_events->addEmptyStateAction(m_actions.startSandbox);
    addAction(m_events->findAction()); // Ctrl+F from anywhere, also while the Events dock is hidden
    QDockWidget *eventsDock = addPanel(QStringLiteral("eventsDock"), tr("Events"), m_events, Qt::BottomDockWidgetArea);

    QDockWidget *lagDock = addPanel(QStringLiteral("lagDock"), tr("Lag"), createLagPanel(), Qt::BottomDockWidgetArea);
    splitDockWidget(eventsDock, lagDock, Qt::Horizontal);
    QDockWidget *consumerDock =
        addPanel(QStringLiteral("consumerDock"), tr("Unified Consumer"), m_consumerPanel, Qt::BottomDockWidgetArea);
    tabifyDockWidget(eventsDock, consumerDock);
    eventsDock->raise();
    // Run brings the dock forward: what the job does, or why it failed, is what the user wants to see.
    connect(m_consumerPanel->runAction(), &QAction::triggered, consumerDock, [consumerDock] {
        consumerDock->show();
        consumerDock->raise();
    });
    // The checklist's last step, ticked from what the unified consumer really produced.
    connect(m_consumer->rows(), &consumer::UnifiedRowsModel::bothSourcesSeen, this, [this](const QString &id) {
        m_doctor->checklistView()->setObserved(
            QStringLiteral("both-events"),
            tr("Seen in the Unified Consumer: PG-%1 and MY-%1, two rows with their source_database.").arg(id));
    });

    m_connectors = new ConnectorsPanel(m_connectorStates, this);
    // The project's clusters: shown in the panel, and edits there are undoable changes of the project.
    auto showClusters = [this] { m_connectors->setClusters(projectClusters()); };
    connect(m_document, &topology::ProjectDocument::loaded, m_connectors, showClusters);
    connect(m_document, &topology::ProjectDocument::clustersChanged, m_connectors, showClusters);
    connect(m_connectors, &ConnectorsPanel::clustersEdited, this,
            [this](const QList<connect::ClusterSettings> &clusters) {
                std::vector<topology::ConnectClusterEntry> entries;
                for (const connect::ClusterSettings &c : clusters)
                    entries.push_back(connect::clusterToProject(c));
                m_document->setClusters(std::move(entries));
            });
    showClusters();
    QDockWidget *connectorsDock =
        addPanel(QStringLiteral("connectorsDock"), tr("Connectors"), m_connectors, Qt::RightDockWidgetArea);

    auto *diagnostics = new DiagnosticsPanel(m_document, m_health, this);
    connect(diagnostics, &DiagnosticsPanel::nodeRequested, this, [this](const QString &id) {
        m_scene->selectNode(id);
        if (NodeItem *item = m_scene->nodeItem(id))
            m_view->centerOn(item);
    });
    QDockWidget *diagnosticsDock =
        addPanel(QStringLiteral("diagnosticsDock"), tr("Diagnostics"), diagnostics, Qt::RightDockWidgetArea);
    splitDockWidget(connectorsDock, diagnosticsDock, Qt::Vertical);
    QDockWidget *doctorDock =
        addPanel(QStringLiteral("doctorDock"), tr("Doctor"), createDoctorPanel(), Qt::RightDockWidgetArea);
    tabifyDockWidget(diagnosticsDock, doctorDock);
    diagnosticsDock->raise();
    auto *properties = new PropertiesPanel(m_document, this);
    connect(properties, &PropertiesPanel::openWizardRequested, m_connectorActions, &ConnectorActions::startEdit);
    connect(m_scene, &QGraphicsScene::selectionChanged, properties, [this, properties] {
        QString id;
        const auto selected = m_scene->selectedItems();
        if (selected.size() == 1 && selected.front()->type() == NodeItem::Type)
            id = static_cast<NodeItem *>(selected.front())->nodeId();
        properties->showNode(id);
    });
    QDockWidget *propertiesDock =
        addPanel(QStringLiteral("propertiesDock"), tr("Properties"), properties, Qt::RightDockWidgetArea);
    tabifyDockWidget(connectorsDock, propertiesDock);
    propertiesDock->raise();

    // Below these a dock's content is cut off rather than squeezed further.
    paletteDock->setMinimumWidth(130);
    for (QDockWidget *bottom : {eventsDock, consumerDock})
        bottom->setMinimumSize(300, 170);
    lagDock->setMinimumSize(260, 220);
    // The Unified Consumer's rows want ~800 px: tabbed with Events, that would make the window wider
    // than a 1366 px screen, and at 1024×768 Events, Lag and the right column must fit side by side. Its
    // content is squeezed instead (explicit minimum width).
    m_consumerPanel->setMinimumWidth(300);
    for (QDockWidget *right : {connectorsDock, propertiesDock, diagnosticsDock, doctorDock})
        right->setMinimumSize(300, 200);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_actions.resetLayout);
}

void MainWindow::applyDefaultDockSizes()
{
    // Shares of the window, within bounds that keep each dock usable: at 1366×768 the canvas keeps
    // about half the width and the bottom docks about a third of the height; at 1920×1080 the docks
    // grow less than the canvas.
    const QSize area = size();
    const int right = std::max(std::clamp(area.width() * 25 / 100, 330, 460), m_connectors->minimumSizeHint().width());
    const int bottom = std::clamp(area.height() * 36 / 100, 250, 380);
    const int bottomWidth = area.width() - right;
    // Events gets the room (its toolbar must not fold into a "»"); Lag enough for one chart on a laptop
    // (its charts tabbed), for two side by side on a wider screen.
    const int lag = std::max(std::clamp(bottomWidth * (bottomWidth < 1300 ? 32 : 40) / 100, 300, 640),
                             m_lagPanel->minimumSizeHint().width());
    QDockWidget *events = dock(QStringLiteral("eventsDock"));
    QDockWidget *lagDock = dock(QStringLiteral("lagDock"));
    QDockWidget *connectors = dock(QStringLiteral("connectorsDock"));
    QDockWidget *diagnostics = dock(QStringLiteral("diagnosticsDock"));
    resizeDocks({dock(QStringLiteral("paletteDock"))}, {160}, Qt::Horizontal);
    // By Diagnostics, the front tab of its group: a dock behind another tab is not resized.
    resizeDocks({diagnostics}, {right}, Qt::Horizontal);
    resizeDocks({events}, {bottom}, Qt::Vertical);
    resizeDocks({events, lagDock}, {bottomWidth - lag, lag}, Qt::Horizontal);
    // The Doctor (tabbed with Diagnostics) a little taller than the Connectors: its pages are text.
    const int column = area.height() - 120;
    resizeDocks({connectors, diagnostics}, {column * 45 / 100, column * 55 / 100}, Qt::Vertical);
    // What the layout looks like with these sizes, once laid out: a later resize re-applies them while
    // it still looks so (MainWindow::resizeEvent).
    m_defaultSizesState.clear();
    QTimer::singleShot(0, this, [this] { m_defaultSizesState = saveState(settings::kMainWindowStateVersion); });
}

void MainWindow::createStatusBar()
{
    m_kafkaStatus = new QLabel(tr("Kafka: not connected"), this);
    m_kafkaStatus->setObjectName(QStringLiteral("kafkaStatus"));
    connect(m_events, &EventViewer::connectionStateChanged, m_kafkaStatus, &QLabel::setText);
    m_eventRate = new QLabel(this);
    m_eventRate->setObjectName(QStringLiteral("eventRate"));
    connect(m_events, &EventViewer::rateTextChanged, m_eventRate, &QLabel::setText);
    statusBar()->addPermanentWidget(m_eventRate);
    m_connectStatus = new QLabel(tr("Connect: not connected"), this);
    connect(m_connectors, &ConnectorsPanel::connectionStateChanged, m_connectStatus, &QLabel::setText);
    // The lag and the problems in the words and colours of the one summary Diagnostics shows too.
    auto *lagStatus = new HealthStatusLabel(m_health, HealthStatusLabel::Line::Lag, this);
    lagStatus->setObjectName(QStringLiteral("lagStatus"));
    statusBar()->addPermanentWidget(lagStatus);
    auto *problemStatus = new HealthStatusLabel(m_health, HealthStatusLabel::Line::Problems, this);
    problemStatus->setObjectName(QStringLiteral("problemStatus"));
    statusBar()->addPermanentWidget(problemStatus);
    m_connectStatus->setObjectName(QStringLiteral("connectStatus"));
    statusBar()->addPermanentWidget(m_kafkaStatus);
    statusBar()->addPermanentWidget(m_connectStatus);
    statusBar()->showMessage(tr("Ready"), 3000);
}

QWidget *MainWindow::createLagPanel()
{
    m_lagPanel = new LagPanel(m_lagMonitor, this);
    m_lagPanel->addEmptyStateAction(m_actions.startLag);
    // Thresholds live in the project: edits are undoable changes of it, and a loaded project brings its own.
    connect(m_lagPanel, &LagPanel::thresholdsEdited, this, [this](const lag::LagThresholds &thresholds) {
        m_document->setLagSettings(lag::thresholdsToJson(thresholds));
    });
    connect(m_document, &topology::ProjectDocument::loaded, this, &MainWindow::applyLagSettings);
    connect(m_document, &topology::ProjectDocument::lagSettingsChanged, this, &MainWindow::applyLagSettings);
    applyLagSettings();
    return m_lagPanel;
}

QWidget *MainWindow::createDoctorPanel()
{
    m_doctor = new DoctorPanel(this);
    // What to check: the project as it is now, the local stack's addresses filling what it leaves out.
    m_doctor->setPlanProvider([this]() -> Result<doctor::DoctorPlan> {
        std::optional<StackEnvironment> env;
        if (const QString path = StackEnvironment::defaultPath(); !path.isEmpty()) {
            if (auto loaded = StackEnvironment::load(path))
                env = std::move(loaded).value();
        }
        doctor::DoctorPlan plan = doctor::planFor(m_document->snapshot(), env ? &*env : nullptr);
        plan.simulated = m_sandbox->isRunning();
        return plan;
    });
    // What the Doctor found counts where every other problem does: the status bar, Diagnostics, the nodes.
    connect(m_doctor, &DoctorPanel::findingsChanged, m_health, &health::PipelineHealth::setDoctorFindings);
    connect(m_doctor, &DoctorPanel::checksFinished, this,
            [this](const QString &summary) { statusBar()->showMessage(tr("Doctor: %1").arg(summary), 8000); });
    // While a run goes on, the menu item cancels it (as Esc and Cancel in the dock do) and the status bar follows it.
    const QString runText = m_actions.runDoctor->text();
    const QString runTip = m_actions.runDoctor->statusTip();
    connect(m_doctor, &DoctorPanel::runningChanged, this, [this, runText, runTip](bool running) {
        QAction *action = m_actions.runDoctor;
        action->setText(running ? tr("Cancel &Doctor Checks") : runText);
        action->setStatusTip(running ? tr("Stop the Doctor's run now; what its checks found so far stays") : runTip);
        action->setToolTip(action->statusTip() + QStringLiteral(" (") +
                           action->shortcut().toString(QKeySequence::NativeText) + u')');
    });
    connect(m_doctor, &DoctorPanel::progressChanged, this,
            [this](const QString &text) { statusBar()->showMessage(tr("Doctor: %1").arg(text)); });
    return m_doctor;
}

void MainWindow::applyLagSettings()
{
    const nlohmann::json &settings = m_document->lagSettings();
    auto thresholds = lag::thresholdsFromJson(settings.is_null() ? nlohmann::json::object() : settings);
    if (!thresholds)
        statusBar()->showMessage(thresholds.error().toString(), 10000);
    m_lagMonitor->setThresholds(thresholds ? thresholds.value() : lag::LagThresholds{});
    m_lagPanel->replotNow();
}

void MainWindow::startLagMonitoring()
{
    // The sandbox feeds the charts itself; its addresses are not real databases.
    if (m_sandbox->isRunning()) {
        startLagMonitoring(m_sandbox->lagSamplers());
        return;
    }
    // What to watch and where comes from the project, the local stack's stack.env filling the gaps.
    std::optional<StackEnvironment> env;
    if (const QString path = StackEnvironment::defaultPath(); !path.isEmpty()) {
        if (auto loaded = StackEnvironment::load(path))
            env = std::move(loaded).value();
        else
            statusBar()->showMessage(loaded.error().toString(), 8000);
    }
    startLagMonitoring(lag::samplersFor(m_document->snapshot(), env ? &*env : nullptr));
}

void MainWindow::startLagMonitoring(std::vector<std::unique_ptr<lag::LagSampler>> samplers)
{
    if (samplers.empty()) {
        statusBar()->showMessage(tr("Nothing to watch for lag: the project has no PostgreSQL or MySQL connector and "
                                    "no consumer."),
                                 8000);
        return;
    }
    const int count = int(samplers.size());
    m_lagMonitor->stop();
    m_lagMonitor->clearSamplers();
    for (auto &sampler : samplers)
        m_lagMonitor->addSampler(std::move(sampler));
    m_lagMonitor->start();
    m_actions.startLag->setEnabled(false);
    m_actions.stopLag->setEnabled(true);
    statusBar()->showMessage(tr("Lag monitoring started: %n sampler(s)", nullptr, count), 4000);
}

void MainWindow::stopLagMonitoring()
{
    m_lagMonitor->stop(); // the charts, tints and alerts keep the last known state
    m_actions.startLag->setEnabled(true);
    m_actions.stopLag->setEnabled(false);
    statusBar()->showMessage(tr("Lag monitoring stopped"), 4000);
}

QList<connect::ClusterSettings> MainWindow::projectClusters() const
{
    QList<connect::ClusterSettings> out;
    for (const topology::ConnectClusterEntry &entry : m_document->clusters())
        out << connect::clusterFromProject(entry);
    return out;
}

} // namespace cdc::ui
