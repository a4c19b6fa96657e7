// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox in the main window: its menu and toolbar, and what starting and stopping it does to the
// document, the Connectors, Events and Lag panels.
#include "sandboxcontroller.h"

#include "common/glyphicon.h"
#include "connect/connectorspanel.h"
#include "consumer/consumerservice.h"
#include "lag/lagmonitor.h"
#include "mainwindow/mainwindow.h"
#include "sandbox/burstbanner.h"
#include "sandbox/guidedtour.h"
#include "sandbox/presentationmode.h"
#include "sandbox/ratecontrol.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxconsumer.h"
#include "stream/eventviewer.h"
#include "stream/querylineedit.h"
#include "stream/streamconsumer.h"
#include "topology/projectdocument.h"
#include "topology/templates.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cdc::ui {

namespace {
const auto kCapstone = QStringLiteral("capstone");
} // namespace

SandboxController::SandboxController(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_sandbox(std::make_unique<sandbox::Sandbox>())
    , m_presentationMode(new PresentationMode(window, this))
{
    setObjectName(QStringLiteral("sandboxController"));
    createActions();
    createMenu();
    createToolBar();
    m_status = new QLabel(window);
    m_status->setObjectName(QStringLiteral("sandboxStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse); // a presenter copies it for kcat
    m_status->setToolTip(tr("Any Kafka client can read the sandbox's topics here, e.g. kcat -b ADDRESS -C -t "
                            "outbox.event.postgres.order"));
    m_status->hide();
    window->statusBar()->insertPermanentWidget(0, m_status);

    connect(m_sandbox.get(), &sandbox::Sandbox::incidentsChanged, this, &SandboxController::syncIncidents);
    connect(m_sandbox.get(), &sandbox::Sandbox::rateChanged, m_rateControl, &RateControl::setRate);
    connect(m_sandbox.get(), &sandbox::Sandbox::burstSent, this, &SandboxController::showBurst);
    m_burstBanner = new BurstBanner(window->eventViewer());
    window->eventViewer()->addBanner(m_burstBanner);
    connect(m_burstBanner, &BurstBanner::filterRequested, this, &SandboxController::filterEvents);
    // Typing the banner's query by hand answers it too.
    connect(window->eventViewer()->queryEdit(), &QLineEdit::textChanged, m_burstBanner, [this](const QString &text) {
        if (text.trimmed() == m_burstBanner->query())
            m_burstBanner->hide();
    });
    connect(m_window->document(), &topology::ProjectDocument::loaded, this, [this] {
        if (!m_loadingDemo)
            m_demoOpen = false;
    });
    updateActions();
}

SandboxController::~SandboxController() = default; // the window's panels are gone by now: touch none

void SandboxController::createActions()
{
    QStyle *s = m_window->style();
    connect(m_window->startSandboxAction(), &QAction::triggered, this, [this] { start(); });

    m_stop = new QAction(tr("S&top Sandbox"), this);
    m_stop->setObjectName(QStringLiteral("stopSandbox"));
    bindGlyphIcon(m_window, Glyph::Stop, [action = m_stop](const QIcon &icon) { action->setIcon(icon); });
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    m_stop->setStatusTip(tr("Stop the sandbox; the project open before it comes back"));
    m_stop->setToolTip(tr("Stop the sandbox (%1)").arg(m_stop->shortcut().toString(QKeySequence::NativeText)));
    connect(m_stop, &QAction::triggered, this, &SandboxController::stop);

    m_rate = new QAction(tr("&Rate…"), this);
    m_rate->setObjectName(QStringLiteral("sandboxRate"));
    m_rate->setStatusTip(tr("How many events per second the sandbox's databases write (1 to 50,000)"));
    connect(m_rate, &QAction::triggered, this, &SandboxController::showRateDialog);

    m_presentation = new QAction(tr("&Presentation Mode"), this);
    m_presentation->setObjectName(QStringLiteral("presentationMode"));
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F11));
    m_presentation->setIcon(s->standardIcon(QStyle::SP_DesktopIcon));
    m_presentation->setStatusTip(tr("Full screen with large, high-contrast text for a projector (Esc or F11 leaves)"));
    m_presentation->setToolTip(tr("Presentation mode (F11)"));
    connect(m_presentation, &QAction::toggled, m_presentationMode, &PresentationMode::setActive);
    connect(m_presentationMode, &PresentationMode::activeChanged, m_presentation, &QAction::setChecked);

    m_tour = new QAction(tr("Guided &Tour…"), this);
    m_tour->setObjectName(QStringLiteral("guidedTour"));
    m_tour->setIcon(s->standardIcon(QStyle::SP_MessageBoxInformation));
    m_tour->setStatusTip(tr("A step-by-step walk through the capstone pipeline"));
    connect(m_tour, &QAction::triggered, this, [this] { guidedTour()->showStep(0); });
}

void SandboxController::createMenu()
{
    m_menu = new QMenu(tr("San&dbox"), m_window);
    m_menu->setObjectName(QStringLiteral("sandboxMenu"));
    m_menu->setToolTipsVisible(true);
    m_menu->addAction(m_window->startSandboxAction());
    m_menu->addAction(m_stop);
    m_menu->addSeparator();
    m_menu->addAction(m_rate);
    m_incidentsMenu = m_menu->addMenu(tr("&Incidents"));
    m_incidentsMenu->setObjectName(QStringLiteral("incidentsMenu"));
    m_incidentsMenu->setToolTipsVisible(true);
    for (const sandbox::IncidentInfo &info : sandbox::incidents()) {
        QAction *action = m_incidentsMenu->addAction(info.title);
        action->setObjectName(QStringLiteral("incident-") + info.key);
        action->setStatusTip(info.lesson);
        action->setToolTip(QStringLiteral("<p>%1</p><p><i>%2</i></p>")
                               .arg(info.lesson.toHtmlEscaped(), info.recovery.toHtmlEscaped()));
        action->setCheckable(info.lasting);
        const sandbox::Incident incident = info.incident;
        connect(action, &QAction::triggered, this,
                [this, incident, lasting = info.lasting](bool checked) { setIncident(incident, !lasting || checked); });
        m_incidentActions.insert(int(incident), action);
    }
    m_menu->addSeparator();
    m_menu->addAction(m_presentation);
    m_menu->addAction(m_tour);

    QMenuBar *bar = m_window->menuBar();
    const QList<QAction *> menus = bar->actions();
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), m_menu); // before Help
}

void SandboxController::createToolBar()
{
    m_toolBar = new QToolBar(tr("Sandbox"), m_window);
    m_toolBar->setObjectName(QStringLiteral("sandboxToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_stop);
    m_toolBar->addSeparator();
    auto *rateLabel = new QLabel(tr("Rate"), m_toolBar);
    rateLabel->setContentsMargins(4, 0, 4, 0);
    m_toolBar->addWidget(rateLabel);
    m_rateControl = new RateControl(m_toolBar);
    m_toolBar->addWidget(m_rateControl);
    connect(m_rateControl, &RateControl::rateChosen, this, &SandboxController::applyRate);
    m_toolBar->addSeparator();
    QAction *incidents = m_incidentsMenu->menuAction();
    incidents->setIcon(m_window->style()->standardIcon(QStyle::SP_MessageBoxWarning));
    incidents->setIconText(tr("Incidents"));
    incidents->setToolTip(tr("Trigger one of the troubleshooting guide's incidents"));
    m_toolBar->addAction(incidents);
    if (auto *button = qobject_cast<QToolButton *>(m_toolBar->widgetForAction(incidents))) {
        button->setObjectName(QStringLiteral("incidentsButton"));
        button->setPopupMode(QToolButton::InstantPopup);
    }
    m_toolBar->addAction(m_presentation);
    m_toolBar->addAction(m_tour);
    // A row of its own: beside the main toolbar it would fold into the "»" overflow at 1400 px.
    m_window->addToolBarBreak(Qt::TopToolBarArea);
    m_window->addToolBar(Qt::TopToolBarArea, m_toolBar);
    m_toolBar->hide();
    // Never shown while stopped, whatever a restored window state says.
    connect(m_toolBar, &QToolBar::visibilityChanged, this, [this](bool visible) {
        if (visible && !isRunning())
            QTimer::singleShot(0, m_toolBar, [this] { m_toolBar->setVisible(isRunning()); });
    });
    // The canvas keeps its font and zooms instead: presentation mode does that, and puts the zoom back.
    connect(m_presentationMode, &PresentationMode::activeChanged, m_toolBar, [this] {
        m_toolBar->setVisible(isRunning());
        if (isRunning())
            m_status->setText(statusText());
    });
}

bool SandboxController::isRunning() const
{
    return m_sandbox->isRunning();
}

bool SandboxController::start(int rate)
{
    if (isRunning())
        return true;
    if (!m_window->confirmDiscard())
        return false;
    topology::ProjectDocument *document = m_window->document();
    m_previous.reset();
    if (!document->isModified() && !document->topology()->nodes().empty())
        m_previous = PreviousProject{document->snapshot(), document->filePath()};

    const topology::ProjectTemplate *capstone = topology::findTemplate(kCapstone);
    auto project =
        capstone ? topology::loadTemplate(*capstone)
                 : Result<topology::Project>(
                       Error{tr("The capstone template is missing from this build."), {}, tr("Reinstall CDC Studio.")});
    if (!project) {
        m_window->showError(tr("Cannot start the sandbox"), project.error().toString());
        return false;
    }
    sandbox::Sandbox::Options options;
    if (rate > 0)
        options.rate = rate;
    if (auto started = m_sandbox->start(options); !started) {
        m_window->showError(tr("Cannot start the sandbox"), started.error().toString());
        return false;
    }
    // No Flink in the sandbox: the Unified Consumer dock runs and shows the sandbox's simulated consumer,
    // which the deploy below starts.
    m_window->consumerService()->setSimulation(m_sandbox->unifiedConsumer());
    // A fresh, untitled document: the demo is not an edit of the user's project.
    m_loadingDemo = true;
    auto loaded = document->load(m_sandbox->sandboxProject(project.value()), {});
    m_loadingDemo = false;
    if (!loaded) {
        m_window->consumerService()->setSimulation(nullptr);
        m_sandbox->stop();
        m_window->showError(tr("Cannot start the sandbox"), loaded.error().toString());
        return false;
    }
    m_demoOpen = true;
    m_window->connectorsPanel()->selectCluster(document->clusters().front().name);
    for (const QString &name :
         {QStringLiteral("connectorsDock"), QStringLiteral("eventsDock"), QStringLiteral("lagDock")}) {
        if (QDockWidget *dock = m_window->dock(name)) { // where the sandbox shows what it does
            dock->show();
            dock->raise();
        }
    }
    // Connectors and Diagnostics tell an incident's story together: room beside the canvas for a row
    // that says "FAILED · 1/1 tasks · connector RUNNING" (a third of the window at most), and height for
    // both connectors with their tasks above the live issues, which on a laptop's 768 px the Events and
    // Lag docks below would otherwise squeeze to their minimum.
    QDockWidget *connectors = m_window->dock(QStringLiteral("connectorsDock"));
    const int storyWidth = std::min(450, m_window->width() / 3);
    if (connectors && connectors->width() < storyWidth)
        m_window->resizeDocks({connectors}, {storyWidth}, Qt::Horizontal);
    QDockWidget *eventsDock = m_window->dock(QStringLiteral("eventsDock"));
    const int bottomHeight = std::min(300, m_window->height() * 3 / 10);
    if (eventsDock && eventsDock->height() > bottomHeight)
        m_window->resizeDocks({eventsDock}, {bottomHeight}, Qt::Vertical);
    QDockWidget *diagnostics = m_window->dock(QStringLiteral("diagnosticsDock"));
    if (connectors && diagnostics && diagnostics->isVisible())
        m_window->resizeDocks({connectors, diagnostics}, {3, 2}, Qt::Vertical);

    stream::ConsumerSettings events;
    events.bootstrapServers = m_sandbox->bootstrap();
    events.topicRegex = QStringLiteral("^outbox\\.event\\..*");
    events.start = stream::ConsumerSettings::Start::End;
    m_window->eventViewer()->connectTo(events);
    m_window->startLagMonitoring(lagSamplers());
    deployConnectors();

    m_rateControl->setRate(m_sandbox->rate());
    m_status->setText(statusText());
    m_status->show();
    setConnectionLabelsVisible(false); // the sandbox's label says the same addresses
    m_toolBar->show();
    updateActions();
    syncIncidents();
    Q_EMIT runningChanged(true);
    return true;
}

void SandboxController::deployConnectors()
{
    m_deployed = false;
    m_sandbox->deployProject(m_window->document()->snapshot(), [this](Result<void> r) {
        m_deployed = true;
        if (!r)
            m_window->showError(tr("Cannot deploy to the sandbox"), r.error().toString());
        else
            m_window->statusBar()->showMessage(tr("Connectors deployed"), 5000);
        m_window->connectorsPanel()->refresh();
        Q_EMIT deployFinished(r.ok());
    });
}

void SandboxController::stop()
{
    if (!isRunning())
        return;
    m_window->eventViewer()->disconnectFromKafka();
    // The sandbox's samplers read its engine: they go before it does.
    m_window->stopLagMonitoring();
    m_window->lagMonitor()->clearSamplers();
    m_window->consumerService()->setSimulation(nullptr);
    m_sandbox->stop();
    restoreProject();
    m_status->clear();
    m_status->hide();
    setConnectionLabelsVisible(true);
    m_toolBar->hide();
    updateActions();
    syncIncidents();
    m_burstBanner->hide();
    m_window->statusBar()->showMessage(tr("Sandbox stopped"), 4000);
    Q_EMIT runningChanged(false);
}

void SandboxController::setConnectionLabelsVisible(bool visible)
{
    for (const char *name : {"kafkaStatus", "connectStatus"}) {
        if (auto *label = m_window->statusBar()->findChild<QLabel *>(QLatin1String(name)))
            label->setVisible(visible);
    }
}

void SandboxController::restoreProject()
{
    topology::ProjectDocument *document = m_window->document();
    const bool putBack = m_demoOpen && !document->isModified();
    m_demoOpen = false;
    if (!putBack)
        return; // the presenter edited the demo or opened something else: theirs to keep
    if (m_previous) {
        if (auto r = document->load(m_previous->project, m_previous->filePath); !r)
            m_window->showError(tr("Cannot reopen the project"), r.error().toString());
    } else {
        m_window->openTemplate(kCapstone);
    }
    m_previous.reset();
}

std::vector<std::unique_ptr<lag::LagSampler>> SandboxController::lagSamplers() const
{
    if (!isRunning())
        return {};
    return m_sandbox->lagSamplers(m_window->document()->snapshot());
}

QString SandboxController::statusText() const
{
    if (isRunning() && m_presentationMode->isActive())
        return tr("Sandbox: Kafka %1").arg(m_sandbox->bootstrap());
    return addressText();
}

QString SandboxController::addressText() const
{
    if (!isRunning())
        return {};
    return tr("Sandbox: Kafka %1 · Connect %2").arg(m_sandbox->bootstrap(), m_sandbox->connectUrl().toString());
}

GuidedTour *SandboxController::guidedTour()
{
    if (!m_guidedTour)
        m_guidedTour = new GuidedTour(m_window);
    return m_guidedTour;
}

void SandboxController::updateActions()
{
    const bool running = isRunning();
    m_window->startSandboxAction()->setEnabled(!running);
    m_stop->setEnabled(running);
    m_rate->setEnabled(running);
    m_incidentsMenu->setEnabled(running);
    for (QAction *action : std::as_const(m_incidentActions))
        action->setEnabled(running);
}

void SandboxController::syncIncidents()
{
    const QList<sandbox::Incident> active = isRunning() ? m_sandbox->activeIncidents() : QList<sandbox::Incident>();
    for (auto it = m_incidentActions.cbegin(); it != m_incidentActions.cend(); ++it) {
        if (it.value()->isCheckable())
            it.value()->setChecked(active.contains(sandbox::Incident(it.key())));
    }
}

void SandboxController::setIncident(sandbox::Incident incident, bool active)
{
    const sandbox::IncidentInfo &info = sandbox::incidentInfo(incident);
    Result<void> r = active ? m_sandbox->trigger(incident) : m_sandbox->recover(incident);
    if (!r) {
        syncIncidents(); // the check mark goes back to what is true
        m_window->showError(active ? tr("Cannot trigger \"%1\"").arg(info.title)
                                   : tr("Cannot recover from \"%1\"").arg(info.title),
                            r.error().toString());
        return;
    }
    if (info.lasting)
        m_window->statusBar()->showMessage(active ? info.title : tr("Recovered: %1").arg(info.title), 10000);
    refreshConnectorsSoon();
}

void SandboxController::showBurst(qint64 orderId, int perDatabase)
{
    m_window->statusBar()->showMessage(
        tr("Burst: %1 × order %2 from each database (PG-%2, MY-%2)").arg(perDatabase).arg(orderId), 8000);
    m_burstBanner->showBurst(orderId, sandbox::burstOrderQuery(orderId));
}

void SandboxController::filterEvents(const QString &query)
{
    if (QDockWidget *dock = m_window->dock(QStringLiteral("eventsDock"))) {
        dock->show();
        dock->raise();
    }
    m_window->eventViewer()->queryEdit()->setText(query); // applied as if typed
}

void SandboxController::applyRate(int eventsPerSecond)
{
    if (auto r = m_sandbox->setRate(eventsPerSecond); !r)
        m_window->statusBar()->showMessage(r.error().toString(), 8000);
}

void SandboxController::refreshConnectorsSoon()
{
    // The task's new state shows at once rather than at the panel's next periodic refresh.
    ConnectorsPanel *panel = m_window->connectorsPanel();
    QTimer::singleShot(200, panel, &ConnectorsPanel::refresh);
    QTimer::singleShot(1500, panel, &ConnectorsPanel::refresh);
}

void SandboxController::showRateDialog()
{
    if (!m_rateDialog) {
        auto *dialog = new QDialog(m_window);
        dialog->setObjectName(QStringLiteral("rateDialog"));
        dialog->setWindowTitle(tr("Sandbox Rate"));
        auto *control = new RateControl(dialog);
        control->setRate(m_sandbox->rate());
        connect(control, &RateControl::rateChosen, this, &SandboxController::applyRate);
        connect(m_sandbox.get(), &sandbox::Sandbox::rateChanged, control, &RateControl::setRate);
        auto *explanation = new QLabel(tr("Events per second the two databases write together. The connectors keep "
                                          "up to a point; beyond it, lag grows."),
                                       dialog);
        explanation->setWordWrap(true);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(explanation);
        layout->addWidget(control);
        layout->addWidget(buttons);
        dialog->resize(dialog->sizeHint().expandedTo(QSize(460, 0)));
        m_rateDialog = dialog;
    }
    m_rateDialog->show();
    m_rateDialog->raise();
    m_rateDialog->activateWindow();
}

} // namespace cdc::ui
