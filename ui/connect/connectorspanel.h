// SPDX-License-Identifier: GPL-3.0-or-later
// The Connectors dock: the project's Kafka Connect clusters, the connectors and tasks of the chosen
// one with their states, refreshed live at a chosen interval without ever blocking the window, and
// the operations on them (pause, resume, stop, restart, delete, edit config, offsets, deploy).
// Every failure is shown in the panel's message bar.
#pragma once

#include "connect/connectoroperations.h"
#include "connect/connecttypes.h"
#include "debezium/connectorconfig.h"

#include <QWidget>

#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace cdc::connect {
class ConnectClient;
class ConnectorsModel;
} // namespace cdc::connect

namespace cdc::ui {

class ClusterDialog;
class ConnectorOperations;
class DeployDialog;
class EmptyState;
class FailureDetails;
class MessageBar;
class OffsetsDialog;
class TraceDialog;

class ConnectorsPanel : public QWidget
{
    Q_OBJECT

public:
    // The refresh intervals offered, in milliseconds; 0 is Off.
    static const QList<int> &refreshIntervals();

    explicit ConnectorsPanel(QWidget *parent = nullptr);
    // Shows (and fills) `model`, which others may observe too; it outlives the panel.
    explicit ConnectorsPanel(connect::ConnectorsModel *model, QWidget *parent = nullptr);
    ~ConnectorsPanel() override;

    // The project's clusters (the first is chosen unless the chosen one is still there).
    void setClusters(const QList<connect::ClusterSettings> &clusters);
    QList<connect::ClusterSettings> clusters() const { return m_clusters; }
    void selectCluster(const QString &name);
    QString currentClusterName() const;
    // A cluster to offer when the project has none (the local stack's CONNECT_URL).
    void setSuggestion(std::optional<connect::ClusterSettings> suggestion);
    // The local stack's Kafka Connect from $CDC_STACK_DIR/stack.env (or $CDC_STACK_ENV), if any.
    static std::optional<connect::ClusterSettings> stackSuggestion();

    // Reads the connectors now; ignored while a read is in flight.
    void refresh();
    bool isRefreshing() const { return m_refreshing; }
    void setRefreshInterval(int ms); // kept in the settings
    int refreshInterval() const { return m_intervalMs; }

    // Opens the dialogs (window-modal, not blocking) and returns them, for callers and tests.
    ClusterDialog *addCluster();
    ClusterDialog *editCluster();
    DeployDialog *deploy(std::vector<debezium::ConnectorConfig> project, const QStringList &onlyNodeIds = {});
    TraceDialog *showFullTrace();
    OffsetsDialog *showOffsets();

    // Selects a connector row, or one of its task rows.
    bool selectConnector(const QString &name, int taskId = -1);
    QString selectedConnector() const;
    int selectedTask() const; // -1 when a connector row (or nothing) is selected

    connect::ConnectClient *client() const { return m_client; }
    connect::ConnectorsModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    MessageBar *messageBar() const { return m_messages; }
    QString connectionText() const;
    QString detailsText() const;
    bool isShowingConnectors() const; // false while the empty state is shown

    struct Actions
    {
        QAction *refresh = nullptr;
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
        QAction *showTrace = nullptr;
        QAction *addCluster = nullptr;
        QAction *editCluster = nullptr;
    };
    const Actions &actions() const { return m_actions; }

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // The user added or edited a cluster: the project should hold this list now.
    void clustersEdited(const QList<cdc::connect::ClusterSettings> &clusters);
    // A refresh answered (an empty list when the cluster changed or cannot be reached).
    void connectorsRefreshed(const QList<cdc::connect::ConnectorOverview> &connectors);
    // "Connect: 4.1.0 at localhost:8083", "Connect: unreachable", ... for the status bar.
    void connectionStateChanged(const QString &text);

private:
    void createActions();
    QWidget *createContent();
    void updatePage();
    void connectToCurrent();
    void updateActions();
    void updateDetails();
    void showError(const QString &text);
    void showInformation(const QString &text);
    void setConnectionLine(const QString &text, bool error);
    void editClusterAt(int index, bool adding, const connect::ClusterSettings &initial);
    ConnectorSelection selection() const;
    void showContextMenu(const QPoint &pos);
    void refreshSoon();
    void arrangeButtons();
    void fitColumns();
    int stateColumnMinimum() const;

    QList<connect::ClusterSettings> m_clusters;
    std::optional<connect::ClusterSettings> m_suggestion;
    connect::ConnectClient *m_client = nullptr;
    connect::ConnectorsModel *m_model;
    ConnectorOperations *m_operations = nullptr;
    int m_generation = 0; // bumped when the cluster changes: answers for an older one are dropped
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    bool m_everRefreshed = false;
    int m_intervalMs = 5000;

    QStackedWidget *m_pages = nullptr;
    EmptyState *m_empty = nullptr;
    QPushButton *m_suggestionButton = nullptr;
    QComboBox *m_clusterBox = nullptr;
    QComboBox *m_intervalBox = nullptr;
    QLabel *m_connection = nullptr;
    MessageBar *m_messages = nullptr;
    QTreeView *m_tree = nullptr;
    FailureDetails *m_details = nullptr;
    QToolButton *m_restartButton = nullptr;
    QWidget *m_bar = nullptr;
    QHBoxLayout *m_barRows[2] = {nullptr, nullptr};
    QList<QToolButton *> m_lifecycleButtons; // refresh, pause, resume, stop, restart
    QList<QToolButton *> m_configButtons;    // edit config, offsets, delete
    int m_barOneRow = -1;
    bool m_fittingColumns = false;
    bool m_nameWidthByHand = false;
    QTimer *m_timer = nullptr;
    QAction *m_useSuggestion = nullptr;
    QString m_connectedText; // the connection line while all is well
    Actions m_actions;
};

} // namespace cdc::ui
