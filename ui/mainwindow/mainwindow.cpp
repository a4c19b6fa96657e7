// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: panels, menus, toolbar, status bar and the window state kept between runs.
#include "mainwindow.h"

#include "common/aboutdialog.h"
#include "common/glyphicon.h"
#include "common/settingskeys.h"
#include "common/theme.h"
#include "connect/connectornodemenu.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorspanel.h"
#include "consumer/consumerservice.h"
#include "core/buildinfo.h"
#include "debezium/connectoractions.h"
#include "debezium/connectorconfig.h"
#include "doctor/doctorpanel.h"
#include "health/pipelinehealth.h"
#include "lag/lagmonitor.h"
#include "sandbox/presentationmode.h"
#include "sandbox/sandboxcontroller.h"
#include "sandbox/sandboxtypes.h"
#include "topology/autolayout.h"
#include "topology/clipboardfragment.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/scenepicture.h"
#include "topology/templates.h"
#include "topology/topologycommands.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

namespace cdc::ui {

MainWindow::MainWindow(topology::ProjectDocument *document, QWidget *parent) : QMainWindow(parent), m_document(document)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/cdc-studio.svg")));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    // The live services the panels show: one place says what is failing or lagging, all of them read it.
    m_lagMonitor = new lag::LagMonitor(this);
    m_connectorStates = new connect::ConnectorsModel(this);
    m_health = new health::PipelineHealth(document, m_connectorStates, m_lagMonitor, this);
    // The unified consumer: its job's state joins the pipeline's health (node, Diagnostics, status bar).
    m_consumer = new consumer::ConsumerService(this);
    m_health->setConsumer(m_consumer);
    m_consumerPanel = new ConsumerPanel(m_consumer, this);
    m_consumerPanel->setProviders([this] { return m_document->snapshot(); },
                                  [this](const topology::Project &project) { return consumerRunRequest(project); });

    m_scene = new TopologyScene(document->topology(), document->undoStack(), m_health, this);
    m_view = new TopologyView(this);
    m_view->setScene(m_scene);
    setCentralWidget(m_view);
    m_connectorActions = new ConnectorActions(document, this);
    connect(m_scene, &TopologyScene::nodeActivated, this, [this](const QString &id) {
        // A connector opens its wizard; any other node its settings in the Properties dock.
        if (!m_connectorActions->startEdit(id))
            showPropertiesDock();
    });
    connect(m_scene, &TopologyScene::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(m_scene, &TopologyScene::nodeContextMenuRequested, this, [this](const QString &id, const QPoint &at) {
        if (QMenu *menu = createNodeMenu(id)) {
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(at);
        }
    });

    createActions();
    createMenus();
    createToolBar();
    createDocks();
    createStatusBar();
    m_sandbox = new SandboxController(this); // the Sandbox menu, its toolbar and status
    // The status bar's lines never make the window wider than a 1366×768 screen (the sandbox's
    // addresses alone are 400 px): short of room they are cut, not the window widened (issue 20).
    for (QLabel *label : statusBar()->findChildren<QLabel *>(QString(), Qt::FindDirectChildrenOnly))
        label->setMinimumWidth(24);
    // View ▸ Presentation Mode and Theme; a theme chosen in an earlier run is applied now.
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_sandbox->presentationAction());
    addThemeActions(m_viewMenu->addMenu(tr("&Theme")),
                    [this](Theme theme) { m_sandbox->presentationMode()->applyTheme(theme); });
    if (savedTheme() != Theme::System)
        applyTheme(savedTheme());
    // While the sandbox runs, the connector wizards default to and test against its simulated databases.
    m_connectorActions->setSimulatedDatabases([this] {
        return m_sandbox->isRunning() ? sandbox::simulatedDatabases() : std::vector<debezium::DatabaseTarget>{};
    });
    m_defaultState = saveState(settings::kMainWindowStateVersion);

    connect(document, &topology::ProjectDocument::loaded, this, [this] {
        updateTitle();
        // Fit once the view has its final size.
        QTimer::singleShot(0, m_view, &TopologyView::zoomToFit);
    });
    connect(document, &topology::ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document, &topology::ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    updateTitle();
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QStyle *s = style();
    auto make = [this](const QString &text, const QKeySequence &shortcut, const QString &tip) {
        auto *action = new QAction(text, this);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        action->setStatusTip(tip);
        action->setToolTip(
            shortcut.isEmpty() ? tip : tip + QStringLiteral(" (") + shortcut.toString(QKeySequence::NativeText) + u')');
        return action;
    };

    m_actions.newProject = make(tr("&New Project"), QKeySequence::New, tr("Start an empty pipeline"));
    m_actions.newProject->setIcon(s->standardIcon(QStyle::SP_FileIcon));
    connect(m_actions.newProject, &QAction::triggered, this, [this] {
        if (!confirmDiscard())
            return;
        topology::Project empty;
        empty.name = tr("Untitled");
        (void)m_document->load(empty, {});
    });

    m_actions.open = make(tr("&Open Project…"), QKeySequence::Open, tr("Open a CDC Studio project file"));
    m_actions.open->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
    connect(m_actions.open, &QAction::triggered, this, &MainWindow::onOpen);

    m_actions.save = make(tr("&Save"), QKeySequence::Save, tr("Save the project"));
    m_actions.save->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
    connect(m_actions.save, &QAction::triggered, this, &MainWindow::saveProject);

    m_actions.saveAs = make(tr("Save &As…"), QKeySequence::SaveAs, tr("Save the project under a new name"));
    connect(m_actions.saveAs, &QAction::triggered, this, [this] { saveProjectAs(); });

    m_actions.quit = make(tr("&Quit"), QKeySequence::Quit, tr("Quit CDC Studio"));
    m_actions.quit->setMenuRole(QAction::QuitRole);
    connect(m_actions.quit, &QAction::triggered, this, &QWidget::close);

    QUndoStack *undo = m_document->undoStack();
    m_actions.undo = undo->createUndoAction(this, tr("&Undo"));
    m_actions.undo->setShortcut(QKeySequence::Undo);
    m_actions.undo->setIconText(tr("Undo")); // the menu says what; the toolbar stays short
    m_actions.undo->setIcon(s->standardIcon(QStyle::SP_ArrowBack));
    m_actions.redo = undo->createRedoAction(this, tr("&Redo"));
    m_actions.redo->setShortcut(QKeySequence::Redo);
    m_actions.redo->setIconText(tr("Redo"));
    m_actions.redo->setIcon(s->standardIcon(QStyle::SP_ArrowForward));

    m_actions.copy = make(tr("&Copy"), QKeySequence::Copy, tr("Copy the selected nodes"));
    connect(m_actions.copy, &QAction::triggered, this, [this] {
        const QByteArray fragment = m_scene->copySelection();
        if (fragment.isEmpty())
            return;
        auto *data = new QMimeData;
        data->setData(QLatin1String(topology::kFragmentMimeType), fragment);
        data->setText(QString::fromUtf8(fragment));
        QGuiApplication::clipboard()->setMimeData(data);
    });
    m_actions.cut = make(tr("Cu&t"), QKeySequence::Cut, tr("Cut the selected nodes"));
    connect(m_actions.cut, &QAction::triggered, this, [this] {
        m_actions.copy->trigger();
        m_scene->deleteSelection();
    });
    m_actions.paste = make(tr("&Paste"), QKeySequence::Paste, tr("Paste nodes copied from a pipeline"));
    connect(m_actions.paste, &QAction::triggered, this, [this] {
        const QMimeData *data = QGuiApplication::clipboard()->mimeData();
        if (!data)
            return;
        m_scene->paste(data->hasFormat(QLatin1String(topology::kFragmentMimeType))
                           ? data->data(QLatin1String(topology::kFragmentMimeType))
                           : data->text().toUtf8());
    });
    m_actions.deleteSelection = make(tr("&Delete"), QKeySequence::Delete, tr("Delete the selected nodes and edges"));
    connect(m_actions.deleteSelection, &QAction::triggered, m_scene, &TopologyScene::deleteSelection);
    m_actions.selectAll = make(tr("Select &All"), QKeySequence::SelectAll, tr("Select every node"));
    connect(m_actions.selectAll, &QAction::triggered, this, [this] {
        for (QGraphicsItem *item : m_scene->items())
            item->setSelected(true);
    });

    m_actions.arrange = make(tr("&Arrange Automatically"), QKeySequence(Qt::CTRL | Qt::Key_L),
                             tr("Lay the pipeline out from databases on the left to sinks on the right"));
    connect(m_actions.arrange, &QAction::triggered, this, &MainWindow::arrangeAutomatically);
    m_actions.exportPicture = make(tr("&Export Picture…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                                   tr("Save the pipeline as a PNG or SVG picture"));
    connect(m_actions.exportPicture, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Picture"), m_document->name(),
                                                          tr("PNG picture (*.png);;SVG drawing (*.svg)"));
        if (path.isEmpty())
            return;
        if (auto r = savePipelinePicture(m_scene, path); !r)
            showError(tr("Cannot export the picture"), r.error().toString());
        else
            statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    });

    m_actions.zoomIn = make(tr("Zoom &In"), QKeySequence::ZoomIn, tr("Zoom into the pipeline"));
    connect(m_actions.zoomIn, &QAction::triggered, m_view, &TopologyView::zoomIn);
    m_actions.zoomOut = make(tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Zoom out of the pipeline"));
    connect(m_actions.zoomOut, &QAction::triggered, m_view, &TopologyView::zoomOut);
    m_actions.zoomFit = make(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show the whole pipeline"));
    m_actions.zoomFit->setObjectName(QStringLiteral("zoomFit"));
    bindGlyphIcon(this, Glyph::Fit, [action = m_actions.zoomFit](const QIcon &icon) { action->setIcon(icon); });
    connect(m_actions.zoomFit, &QAction::triggered, m_view, &TopologyView::zoomToFit);

    m_actions.resetLayout = make(tr("&Reset Layout"), {}, tr("Put every panel back where it started"));
    connect(m_actions.resetLayout, &QAction::triggered, this, &MainWindow::resetLayout);

    m_actions.startSandbox = make(tr("&Start Sandbox"), QKeySequence(Qt::CTRL | Qt::Key_F5),
                                  tr("Run the capstone in-process, with no infrastructure: Kafka, Kafka Connect "
                                     "and both databases simulated"));
    m_actions.startSandbox->setObjectName(QStringLiteral("startSandbox"));
    bindGlyphIcon(this, Glyph::Resume, [action = m_actions.startSandbox](const QIcon &icon) { action->setIcon(icon); });

    m_actions.connectCluster =
        make(tr("&Connect to Cluster…"), {}, tr("Add or edit the Kafka Connect cluster the project deploys to"));
    connect(m_actions.connectCluster, &QAction::triggered, this, [this] {
        if (QDockWidget *d = dock(QStringLiteral("connectorsDock"))) {
            d->show();
            d->raise();
        }
        if (m_connectors->clusters().isEmpty())
            m_connectors->addCluster();
        else
            m_connectors->editCluster();
    });
    m_actions.deploy = make(tr("&Deploy…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                            tr("Create or update the project's connectors on the Kafka Connect cluster"));
    m_actions.deploy->setIcon(s->standardIcon(QStyle::SP_ArrowUp));
    connect(m_actions.deploy, &QAction::triggered, this, [this] { deploy(); });

    m_actions.startLag = make(tr("Start &Lag Monitoring"), {},
                              tr("Sample replication-slot, MySQL and consumer lag of the project's pipeline"));
    m_actions.startLag->setObjectName(QStringLiteral("startLagMonitoring"));
    connect(m_actions.startLag, &QAction::triggered, this, [this] { startLagMonitoring(); });
    m_actions.stopLag = make(tr("Stop Lag &Monitoring"), {}, tr("Stop sampling lag; the charts keep what they have"));
    m_actions.stopLag->setObjectName(QStringLiteral("stopLagMonitoring"));
    m_actions.stopLag->setEnabled(false);
    connect(m_actions.stopLag, &QAction::triggered, this, &MainWindow::stopLagMonitoring);

    m_actions.runDoctor = make(tr("Run &Doctor Checks"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
                               tr("Check the project, Kafka Connect, the databases and Kafka, and say what to fix"));
    m_actions.runDoctor->setObjectName(QStringLiteral("runDoctor"));
    connect(m_actions.runDoctor, &QAction::triggered, this, [this] {
        if (m_doctor->isRunning()) { // the item reads "Cancel Doctor Checks" then
            m_doctor->cancel();
            return;
        }
        if (QDockWidget *d = dock(QStringLiteral("doctorDock"))) {
            d->show();
            d->raise();
        }
        m_doctor->runChecks();
    });

    m_actions.about = make(tr("&About CDC Studio"), {}, tr("Versions of CDC Studio and its libraries"));
    m_actions.about->setMenuRole(QAction::AboutRole);
    connect(m_actions.about, &QAction::triggered, this, [this] {
        auto *dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    m_actions.aboutQt = make(tr("About &Qt"), {}, tr("About the Qt toolkit"));
    m_actions.aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(m_actions.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions.newProject);
    // New Project offers the templates too: in the File menu and behind the toolbar button's arrow.
    QMenu *templates = file->addMenu(tr("New from &Template"));
    for (const topology::ProjectTemplate &t : topology::bundledTemplates()) {
        QAction *action = templates->addAction(t.title);
        connect(action, &QAction::triggered, this, [this, id = t.id] {
            if (confirmDiscard())
                openTemplate(id);
        });
    }
    m_newMenu = new QMenu(this);
    m_newMenu->addAction(tr("Empty Pipeline"), m_actions.newProject, &QAction::trigger);
    m_newMenu->addSeparator();
    m_newMenu->addActions(templates->actions());
    file->addAction(m_actions.open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(m_actions.save);
    file->addAction(m_actions.saveAs);
    file->addAction(m_actions.exportPicture);
    file->addSeparator();
    file->addAction(m_actions.quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_actions.undo);
    edit->addAction(m_actions.redo);
    edit->addSeparator();
    edit->addAction(m_actions.cut);
    edit->addAction(m_actions.copy);
    edit->addAction(m_actions.paste);
    edit->addAction(m_actions.deleteSelection);
    edit->addAction(m_actions.selectAll);
    edit->addSeparator();
    edit->addAction(m_actions.arrange);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_actions.zoomIn);
    m_viewMenu->addAction(m_actions.zoomOut);
    m_viewMenu->addAction(m_actions.zoomFit);
    m_viewMenu->addSeparator();
    // Panel toggles are added by createDocks().

    QMenu *pipeline = menuBar()->addMenu(tr("&Pipeline"));
    pipeline->addAction(m_connectorActions->newPostgres());
    pipeline->addAction(m_connectorActions->newMySql());
    pipeline->addAction(m_connectorActions->importConfig());
    pipeline->addAction(m_connectorActions->pasteConfig());
    pipeline->addSeparator();
    pipeline->addAction(m_actions.startSandbox);
    pipeline->addAction(m_actions.connectCluster);
    pipeline->addAction(m_actions.deploy);
    pipeline->addSeparator();
    pipeline->addAction(m_actions.startLag);
    pipeline->addAction(m_actions.stopLag);
    pipeline->addSeparator();
    pipeline->addAction(m_consumerPanel->runAction());
    pipeline->addAction(m_consumerPanel->stopAction());
    pipeline->addAction(m_consumerPanel->openLogAction());
    pipeline->addSeparator();
    pipeline->addAction(m_actions.runDoctor);

    createHelpMenu(); // mainwindowhelp.cpp
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_actions.newProject);
    if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(m_actions.newProject))) {
        button->setMenu(m_newMenu);
        button->setPopupMode(QToolButton::MenuButtonPopup);
    }
    bar->addAction(m_actions.open);
    bar->addAction(m_actions.save);
    bar->addSeparator();
    bar->addAction(m_actions.undo);
    bar->addAction(m_actions.redo);
    bar->addSeparator();
    bar->addAction(m_actions.zoomFit);
    bar->addSeparator();
    bar->addAction(m_actions.startSandbox);
}

void MainWindow::showPropertiesDock()
{
    if (QDockWidget *d = dock(QStringLiteral("propertiesDock"))) {
        d->show();
        d->raise();
    }
}

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    return findChild<QDockWidget *>(objectName, Qt::FindDirectChildrenOnly);
}

void MainWindow::deploy(const QString &nodeId)
{
    if (QDockWidget *d = dock(QStringLiteral("connectorsDock")); d && m_connectors->clusters().isEmpty()) {
        d->show();
        d->raise();
    }
    m_connectors->deploy(debezium::connectorsOf(m_document->snapshot()),
                         nodeId.isEmpty() ? QStringList() : QStringList{nodeId});
}

QMenu *MainWindow::createNodeMenu(const QString &nodeId)
{
    const topology::Node *node = m_document->topology()->node(nodeId);
    if (!node)
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("nodeMenu"));
    if (node->kind == topology::NodeKind::Connector) {
        menu->addAction(tr("&Edit Connector…"), this, [this, nodeId] { m_connectorActions->startEdit(nodeId); });
        QAction *deployOne = menu->addAction(tr("&Deploy This Connector…"), this, [this, nodeId] { deploy(nodeId); });
        deployOne->setObjectName(QStringLiteral("deployNode"));
        const QString name = node->name;
        if (m_connectors->model()->connector(name)) {
            menu->addAction(tr("Show in &Connectors Panel"), this, [this, name] {
                if (QDockWidget *d = dock(QStringLiteral("connectorsDock"))) {
                    d->show();
                    d->raise();
                }
                m_connectors->selectConnector(name);
            });
        }
        menu->addSeparator();
        addConnectorOperations(menu, m_connectors, name);
        menu->setToolTipsVisible(true); // a disabled operation says why
        menu->addSeparator();
    }
    if (node->kind == topology::NodeKind::Consumer || node->kind == topology::NodeKind::Sink) {
        menu->addAction(m_consumerPanel->runAction());
        menu->addAction(m_consumerPanel->stopAction());
        menu->addAction(tr("Show &Unified Output"), this, [this] {
            if (QDockWidget *d = dock(QStringLiteral("consumerDock"))) {
                d->show();
                d->raise();
            }
        });
        menu->addSeparator();
    }
    // The Properties dock comes forward only when asked: a click on a node leaves the right dock alone.
    QAction *properties = menu->addAction(tr("P&roperties"), this, [this] { showPropertiesDock(); });
    properties->setObjectName(QStringLiteral("nodeProperties"));
    menu->addSeparator();
    menu->addAction(m_actions.copy);
    menu->addAction(m_actions.cut);
    menu->addAction(m_actions.deleteSelection);
    return menu;
}

ConsumerPanel::RunRequest MainWindow::consumerRunRequest(const topology::Project &project) const
{
    ConsumerPanel::RunRequest request;
    // The selected consumer node, else the project's first.
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (item->type() != NodeItem::Type)
            continue;
        const topology::Node *node = m_document->topology()->node(static_cast<NodeItem *>(item)->nodeId());
        if (node && node->kind == topology::NodeKind::Consumer)
            request.nodeId = node->id;
    }
    for (const topology::Node &node : project.nodes) {
        if (request.nodeId.isEmpty() && node.kind == topology::NodeKind::Consumer)
            request.nodeId = node.id;
    }
    if (request.nodeId.isEmpty()) {
        request.reason = tr("The pipeline has no consumer node: add one from the palette, connected to both topics.");
        return request;
    }
    // Next to the project file; for a template or a new project, in the application's data folder.
    const QString file = m_document->filePath();
    if (!file.isEmpty()) {
        const QFileInfo info(file);
        request.workDir = info.dir().filePath(info.completeBaseName() + QStringLiteral(".consumer"));
    } else {
        QString name = project.name.isEmpty() ? QStringLiteral("untitled") : project.name;
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
        request.workDir =
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/consumer/") + name;
    }
    return request;
}

void MainWindow::arrangeAutomatically()
{
    topology::LayoutSpacing spacing;
    spacing.node = NodeItem::kSize;
    if (auto command = topology::arrangeCommand(m_document->topology(), spacing))
        m_document->undoStack()->push(command.release());
    m_view->zoomToFit();
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState, settings::kMainWindowStateVersion);
    applyDefaultDockSizes();
}

void MainWindow::restoreWindowState()
{
    QSettings s;
    if (const QByteArray geometry = s.value(settings::mainWindowGeometry()).toByteArray(); !geometry.isEmpty()) {
        restoreGeometry(geometry);
    } else if (QScreen *screen = this->screen()) {
        // First run on a screen smaller than the default size (a 1366×768 laptop): the whole screen.
        const QSize available = screen->availableGeometry().size();
        if (width() > available.width() || height() > available.height()) {
            resize(size().boundedTo(available));
            setWindowState(windowState() | Qt::WindowMaximized);
        }
    }
    // A layout saved by another version of the docks is refused by restoreState: the defaults stay.
    if (const QByteArray state = s.value(settings::mainWindowState()).toByteArray(); !state.isEmpty())
        m_layoutSettled = restoreState(state, settings::kMainWindowStateVersion);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // A window maximised after it was shown (by the window manager, or on a larger screen) gets the
    // default sizes for its new size, as long as nobody has moved a dock since they were applied.
    // Presentation mode lays the docks out itself, and puts them back as they were when it ends.
    if (m_defaultSizesState.isEmpty() || presenting())
        return;
    QTimer::singleShot(0, this, [this] {
        if (!m_defaultSizesState.isEmpty() && !presenting() &&
            saveState(settings::kMainWindowStateVersion) == m_defaultSizesState)
            applyDefaultDockSizes();
    });
}

bool MainWindow::presenting() const
{
    return m_sandbox && m_sandbox->presentationMode() && m_sandbox->presentationMode()->isActive();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_layoutSettled) {
        m_layoutSettled = true;
        applyDefaultDockSizes();
    }
}

void MainWindow::saveWindowState()
{
    QSettings s;
    s.setValue(settings::mainWindowGeometry(), saveGeometry());
    s.setValue(settings::mainWindowState(), saveState(settings::kMainWindowStateVersion));
}

void MainWindow::updateTitle()
{
    QString name = m_document->name();
    if (!m_document->filePath().isEmpty())
        name = QFileInfo(m_document->filePath()).fileName();
    if (name.isEmpty())
        name = tr("Untitled");
    setWindowTitle(name + QStringLiteral("[*] — ") + buildinfo::applicationName());
    setWindowModified(m_document->isModified());
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(settings::recentProjects()).toStringList();
    for (const QString &path : recent) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (confirmDiscard())
                openProject(path);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings s;
    QStringList recent = s.value(settings::recentProjects()).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > settings::kMaxRecentProjects)
        recent.removeLast();
    s.setValue(settings::recentProjects(), recent);
    s.setValue(settings::lastProjectFolder(), QFileInfo(absolute).absolutePath());
    updateRecentMenu();
}

void MainWindow::showError(const QString &title, const QString &message)
{
    statusBar()->showMessage(message, 10000);
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, does not block the event loop
}

bool MainWindow::openProject(const QString &path)
{
    if (auto r = m_document->open(path); !r) {
        showError(tr("Cannot open project"), r.error().toString());
        return false;
    }
    rememberRecent(path);
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::openTemplate(const QString &templateId)
{
    const topology::ProjectTemplate *t = topology::findTemplate(templateId);
    if (!t) {
        showError(tr("Cannot open template"), tr("There is no bundled template called \"%1\".").arg(templateId));
        return false;
    }
    auto project = topology::loadTemplate(*t);
    if (!project) {
        showError(tr("Cannot open template"), project.error().toString());
        return false;
    }
    if (auto r = m_document->load(project.value(), {}); !r) {
        showError(tr("Cannot open template"), r.error().toString());
        return false;
    }
    return true;
}

void MainWindow::onOpen()
{
    if (!confirmDiscard())
        return;
    const QString folder =
        QSettings()
            .value(settings::lastProjectFolder(), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), folder,
                                                      tr("CDC Studio projects (*.cdcproj);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

bool MainWindow::saveProject()
{
    if (m_document->filePath().isEmpty())
        return saveProjectAs();
    return saveProjectAs(m_document->filePath());
}

bool MainWindow::saveProjectAs(const QString &requestedPath)
{
    QString path = requestedPath;
    if (path.isEmpty()) {
        const QString folder = QSettings()
                                   .value(settings::lastProjectFolder(),
                                          QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                   .toString();
        path = QFileDialog::getSaveFileName(this, tr("Save Project"), folder, tr("CDC Studio projects (*.cdcproj)"));
        if (path.isEmpty())
            return false;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".") + QLatin1String(topology::kProjectFileSuffix);
    }
    if (auto r = m_document->saveAs(path); !r) {
        showError(tr("Cannot save project"), r.error().toString());
        return false;
    }
    rememberRecent(path);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::confirmDiscard()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("The project has changes that are not saved. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveProject();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscard()) {
        event->ignore();
        return;
    }
    saveWindowState();
    event->accept();
}

} // namespace cdc::ui
