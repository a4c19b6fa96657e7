// SPDX-License-Identifier: GPL-3.0-or-later
// What the Connectors panel does to the selected connector: pause, resume, stop, the restarts,
// delete (after a confirmation naming it), edit its live config in the connector wizard, and its
// offsets. The actions carry the shortcuts; every request is asynchronous and its outcome reported.
#pragma once

#include "connect/connecttypes.h"

#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace cdc::connect {
class ConnectClient;
}

namespace cdc::ui {

class OffsetsDialog;

// What the operations act on, as the panel sees it now.
struct ConnectorSelection
{
    connect::ConnectClient *client = nullptr;
    int generation = 0; // the panel's cluster generation: answers for an older cluster are dropped
    const connect::ConnectorOverview *connector = nullptr; // nullptr when nothing is selected
    int task = -1;                                         // the selected task row, -1 for none
    QList<connect::ConnectorOverview> all;                 // every connector on the cluster
};

class ConnectorOperations : public QObject
{
    Q_OBJECT

public:
    using SelectionSource = std::function<ConnectorSelection()>;

    // The actions are added to `panel` (their shortcuts work anywhere in it); dialogs open on it.
    ConnectorOperations(QWidget *panel, SelectionSource selection);

    struct Actions
    {
        QAction *pause = nullptr;
        QAction *resume = nullptr;
        QAction *stop = nullptr;
        QAction *restart = nullptr;
        QAction *restartFailedTasks = nullptr;
        QAction *restartAllTasks = nullptr;
        QAction *restartTask = nullptr;
        QAction *remove = nullptr;
        QAction *editConfig = nullptr;
        QAction *offsets = nullptr;
    };
    const Actions &actions() const { return m_actions; }

    // Enables what makes sense for the selection (Resume only when paused or stopped, ...).
    void update();
    // Pause, resume and stop drawn in the palette's text colour (the style's media icons are black).
    void updateIcons();

    void confirmDelete();
    void editConfig();
    OffsetsDialog *showOffsets();

Q_SIGNALS:
    // An operation answered: `message` says what was done, or what went wrong.
    void finished(bool ok, const QString &message);
    // The connector may have changed on the cluster: time to refresh.
    void connectorChanged();

private:
    using Operation = std::function<void(connect::ConnectClient *client, const QString &name,
                                         std::function<void(Result<void>)> done)>;
    void createActions();
    // Runs `operation` on connector `name`; `doneText` says what happened when it worked.
    void operate(const QString &name, const QString &doneText, const Operation &operation);

    QWidget *m_panel;
    SelectionSource m_selection;
    Actions m_actions;
};

} // namespace cdc::ui
