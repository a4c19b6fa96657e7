// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: assembles the panels around the topology canvas, the menus and the status bar.
// It holds no rules of its own; project rules live in the core's ProjectDocument.
#pragma once

#include "connect/connecttypes.h"
#include "consumer/consumerpanel.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

namespace cdc::connect {
class ConnectorsModel;
}
namespace cdc::consumer {
class ConsumerService;
}
namespace cdc::health {
class PipelineHealth;
}
namespace cdc::lag {
class LagMonitor;
class LagSampler;
} // namespace cdc::lag
namespace cdc::topology {
class ProjectDocument;
}

namespace cdc::ui {

class ConnectorActions;
class ConnectorsPanel;
class DoctorPanel;
class EventViewer;
class LagPanel;
class SandboxController;
class HelpWindow;
class TopologyScene;
class TopologyView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(topology::ProjectDocument *document, QWidget *parent = nullptr);
    ~MainWindow() override;

    TopologyView *topologyView() const { return m_view; }
    TopologyScene *topologyScene() const { return m_scene; }
    QDockWidget *dock(const QString &objectName) const;
    // Brings the Properties dock forward (double-click on a node, the node menu's Properties).
    void showPropertiesDock();
    ConnectorActions *connectorActions() const { return m_connectorActions; }
    EventViewer *eventViewer() const { return m_events; }
    ConnectorsPanel *connectorsPanel() const { return m_connectors; }
    lag::LagMonitor *lagMonitor() const { return m_lagMonitor; }
    LagPanel *lagPanel() const { return m_lagPanel; }
    // What is wrong with the pipeline now: the canvas, Diagnostics and the status bar show this.
    health::PipelineHealth *pipelineHealth() const { return m_health; }
    consumer::ConsumerService *consumerService() const { return m_consumer; }
    ConsumerPanel *consumerPanel() const { return m_consumerPanel; }
    topology::ProjectDocument *document() const { return m_document; }
    SandboxController *sandbox() const { return m_sandbox; }
    QAction *startSandboxAction() const { return m_actions.startSandbox; }

    // Starts sampling the project's lag (replication slots, MySQL lag, consumer groups; the sandbox's
    // own samplers while it runs); stops it.
    void startLagMonitoring();
    // Samples with these instead (the sandbox's); replaces what the monitor had.
    void startLagMonitoring(std::vector<std::unique_ptr<lag::LagSampler>> samplers);
    void stopLagMonitoring();

    // Deploys the project's connectors (or only the connector node `nodeId`) to the chosen cluster.
    void deploy(const QString &nodeId = {});
    // The context menu of a node on the canvas, as shown on a right click; the caller owns it.
    QMenu *createNodeMenu(const QString &nodeId);
    // Which consumer node Run runs (the selected one, else the first) and where its files go.
    ConsumerPanel::RunRequest consumerRunRequest(const topology::Project &project) const;

    // Loads a file or a bundled template into the document; errors are shown, nothing is lost.
    bool openProject(const QString &path);
    bool openTemplate(const QString &templateId);
    bool saveProject();
    bool saveProjectAs(const QString &path = {});

    // Lays the pipeline out left to right as one undoable step (topology::arrangeCommand), then fits it.
    void arrangeAutomatically();

    // Restores geometry and dock layout from the settings of the last run.
    void restoreWindowState();

    // Asks to save or discard unsaved changes; false when the user cancels.
    bool confirmDiscard();
    // An error in a window-modal message box (not blocking) and the status bar.
    void showError(const QString &title, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createHelpMenu();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    QWidget *createLagPanel();
    QWidget *createDoctorPanel();
    // The project's thresholds into the monitor (and the charts).
    void applyLagSettings();
    QDockWidget *addPanel(const QString &objectName, const QString &title, QWidget *content, Qt::DockWidgetArea area);
    void resetLayout();
    // The docks' default sizes for the window's size; applied when first shown unless a saved layout was.
    void applyDefaultDockSizes();
    bool presenting() const; // presentation mode is on
    void saveWindowState();
    void updateTitle();
    void updateRecentMenu();
    void rememberRecent(const QString &path);
    void onOpen();
    // The project's Kafka Connect clusters.
    QList<connect::ClusterSettings> projectClusters() const;

    topology::ProjectDocument *m_document;
    TopologyScene *m_scene = nullptr;
    TopologyView *m_view = nullptr;
    ConnectorActions *m_connectorActions = nullptr;
    EventViewer *m_events = nullptr;
    ConnectorsPanel *m_connectors = nullptr;
    DoctorPanel *m_doctor = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_newMenu = nullptr;  // empty pipeline or a template, behind the toolbar's New button
    QPointer<HelpWindow> m_help; // Help ▸ User Guide and Keyboard Shortcuts, made on first use
    QLabel *m_kafkaStatus = nullptr;
    QLabel *m_connectStatus = nullptr;
    QLabel *m_eventRate = nullptr;
    lag::LagMonitor *m_lagMonitor = nullptr;
    connect::ConnectorsModel *m_connectorStates = nullptr; // filled by the Connectors panel
    health::PipelineHealth *m_health = nullptr;
    consumer::ConsumerService *m_consumer = nullptr;
    ConsumerPanel *m_consumerPanel = nullptr;
    LagPanel *m_lagPanel = nullptr;
    SandboxController *m_sandbox = nullptr;
    QByteArray m_defaultState;
    bool m_layoutSettled = false;   // default dock sizes applied, or a saved layout restored
    QByteArray m_defaultSizesState; // the layout as the default sizes left it, until the user moves a dock

    struct Actions
    {
        QAction *newProject = nullptr;
        QAction *open = nullptr;
        QAction *save = nullptr;
        QAction *saveAs = nullptr;
        QAction *quit = nullptr;
        QAction *undo = nullptr;
        QAction *redo = nullptr;
        QAction *cut = nullptr;
        QAction *copy = nullptr;
        QAction *paste = nullptr;
        QAction *deleteSelection = nullptr;
        QAction *selectAll = nullptr;
        QAction *arrange = nullptr;
        QAction *exportPicture = nullptr;
        QAction *zoomIn = nullptr;
        QAction *zoomOut = nullptr;
        QAction *zoomFit = nullptr;
        QAction *resetLayout = nullptr;
        QAction *startSandbox = nullptr;
        QAction *connectCluster = nullptr;
        QAction *deploy = nullptr;
        QAction *startLag = nullptr;
        QAction *stopLag = nullptr;
        QAction *runDoctor = nullptr;
        QAction *about = nullptr;
        QAction *aboutQt = nullptr;
    } m_actions;
};

} // namespace cdc::ui
