// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox in the main window: owns the Sandbox, its menu, toolbar and status-bar address, and does
// what starting it means for the window (the capstone as a fresh document, both connectors deployed,
// the Events panel and the lag charts on the sandbox) and stopping it undoes.
#pragma once

#include "sandbox/sandboxtypes.h"
#include "topology/projectfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QDialog;
class QLabel;
class QMenu;
class QToolBar;

namespace cdc::lag {
class LagSampler;
}
namespace cdc::sandbox {
class Sandbox;
}

namespace cdc::ui {

class BurstBanner;
class GuidedTour;
class MainWindow;
class PresentationMode;
class RateControl;

class SandboxController : public QObject
{
    Q_OBJECT

public:
    // Adds the Sandbox menu (before Help), the sandbox toolbar (hidden until it runs) and the status
    // label to `window`, and takes over its Start Sandbox action.
    explicit SandboxController(MainWindow *window);
    ~SandboxController() override;

    // Starts the sandbox at `rate` events/s (-1: the sandbox's default). Asks first when the open
    // project has unsaved changes; false when the user cancels or the sandbox cannot start (shown).
    bool start(int rate = -1);
    // Stops the sandbox; the project open before it comes back when the demo was not edited.
    void stop();
    bool isRunning() const;

    sandbox::Sandbox *sandbox() const { return m_sandbox.get(); }
    // Samplers of the open project's connectors, fed by the sandbox (empty when it is not running).
    std::vector<std::unique_ptr<lag::LagSampler>> lagSamplers() const;
    // "Sandbox: Kafka 127.0.0.1:PORT · Connect http://127.0.0.1:PORT", or empty when stopped.
    QString addressText() const;

    QMenu *menu() const { return m_menu; }
    QMenu *incidentsMenu() const { return m_incidentsMenu; }
    QAction *incidentAction(sandbox::Incident incident) const { return m_incidentActions.value(int(incident)); }
    QAction *stopAction() const { return m_stop; }
    QAction *presentationAction() const { return m_presentation; }
    QAction *tourAction() const { return m_tour; }
    QToolBar *toolBar() const { return m_toolBar; }
    RateControl *rateControl() const { return m_rateControl; }
    QLabel *statusLabel() const { return m_status; }
    PresentationMode *presentationMode() const { return m_presentationMode; }
    // The tour panel, created on first use.
    GuidedTour *guidedTour();
    // The Events panel's banner after the same-id burst, with its "Filter to these".
    BurstBanner *burstBanner() const { return m_burstBanner; }
    // True once both connectors were deployed (or the deploy failed: see deployFinished).
    bool isDeployed() const { return m_deployed; }

Q_SIGNALS:
    void runningChanged(bool running);
    void deployFinished(bool ok);

private:
    void createActions();
    void createMenu();
    void createToolBar();
    void updateActions();
    void syncIncidents();
    void setIncident(sandbox::Incident incident, bool active);
    void deployConnectors();
    // The status bar's own Kafka and Connect labels, hidden while the sandbox's label shows both addresses.
    void setConnectionLabelsVisible(bool visible);
    void restoreProject();
    void showRateDialog();
    void applyRate(int eventsPerSecond);
    void refreshConnectorsSoon();
    void showBurst(qint64 orderId, int perDatabase);
    void filterEvents(const QString &query);
    // The status label's text: both addresses, or only Kafka's in presentation mode's larger type.
    QString statusText() const;

    MainWindow *m_window;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    bool m_deployed = false;
    bool m_loadingDemo = false;
    bool m_demoOpen = false; // the document is still the sandbox's capstone (nothing else was opened)
    // The project open before the sandbox, put back on stop (none when it was discarded).
    struct PreviousProject
    {
        topology::Project project;
        QString filePath;
    };
    std::optional<PreviousProject> m_previous;

    QMenu *m_menu = nullptr;
    QMenu *m_incidentsMenu = nullptr;
    QHash<int, QAction *> m_incidentActions;
    QAction *m_stop = nullptr;
    QAction *m_rate = nullptr;
    QAction *m_presentation = nullptr;
    QAction *m_tour = nullptr;
    QToolBar *m_toolBar = nullptr;
    RateControl *m_rateControl = nullptr;
    QPointer<QDialog> m_rateDialog;
    QLabel *m_status = nullptr;
    PresentationMode *m_presentationMode = nullptr;
    GuidedTour *m_guidedTour = nullptr;
    BurstBanner *m_burstBanner = nullptr;
};

} // namespace cdc::ui
