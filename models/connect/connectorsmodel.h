// SPDX-License-Identifier: GPL-3.0-or-later
// The Connectors panel's tree: one row per connector on a Kafka Connect cluster, a child row per
// task. A refresh merges the new answer into the rows (insert, remove, change) so views keep their
// selection and expansion. Also the rules that turn a state into a tone (green, amber, red, grey) and
// a connector with its tasks into the one state its row (and its node on the canvas) shows.
#pragma once

#include "connect/connecttypes.h"

#include <QAbstractItemModel>
#include <QList>

namespace cdc::connect {

// How a state reads at a glance: RUNNING is good, PAUSED/STOPPED need attention, FAILED is bad,
// UNASSIGNED/RESTARTING (and anything unknown) are in between.
enum class StateTone { Good, Attention, Bad, Neutral };
StateTone stateTone(const QString &state);

// The worst of the connector's own state and its tasks' states (FAILED over PAUSED/STOPPED over
// UNASSIGNED/RESTARTING over RUNNING): what its row's badge and its node on the canvas say. A RUNNING
// connector whose only task FAILED is FAILED here, because nothing streams.
QString worstState(const ConnectorStatus &status);

// "postgres" for Debezium's PostgreSQL connector, "mysql" for MySQL and MariaDB, else empty.
QString databaseKindOfClass(const QString &connectorClass);

class ConnectorsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, StateColumn, TypeColumn, WorkerColumn, ClassColumn, ColumnCount };
    enum Role {
        StateRole = Qt::UserRole + 1, // QString: the connector's or task's own state: RUNNING, FAILED, ...
        StateToneRole,                // int (StateTone) of WorstStateRole
        StateDetailRole,              // QString: "1/2 tasks · connector RUNNING" when a task is worse, else empty
        WorstStateRole,               // QString: what the badge says; a connector row: worstState()
        ConnectorNameRole,            // QString, on connector and task rows
        TaskIdRole,                   // int; -1 on a connector row
        TraceRole,                    // QString: the full trace (FAILED only)
        TraceSummaryRole,             // QString: the trace's first useful line
        DatabaseKindRole,             // QString: "postgres", "mysql" or empty
    };

    explicit ConnectorsModel(QObject *parent = nullptr);
    ~ConnectorsModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Merges a refresh: rows of connectors (and tasks) that are gone are removed, new ones inserted
    // in name (task id) order, changed ones updated in place. Persistent indexes stay valid.
    void setConnectors(const QList<ConnectorOverview> &connectors);
    void clear();

    QList<ConnectorOverview> connectors() const;
    const ConnectorOverview *connector(const QString &name) const;
    QModelIndex connectorIndex(const QString &name, int column = 0) const;
    QModelIndex taskIndex(const QString &connector, int taskId, int column = 0) const;

Q_SIGNALS:
    // Once per setConnectors() or clear() that changed anything, after the rows' own signals.
    void connectorsUpdated();
    // A connector's worst state turned FAILED (or it arrived FAILED): once per failure, not per refresh.
    void failureStarted(const QString &connector);

private:
    // One connector row with what data() shows, formatted once per change.
    struct Row
    {
        ConnectorOverview overview;
        quintptr key = 0; // stable identity: task indexes carry it as internalId (connector rows carry 0)
        QString shortClass;
        QString databaseKind;
        QString traceSummary;
        QString worstState;
        QString detail;
        QStringList taskTraceSummaries; // parallel to overview.status.tasks
    };

    int rowOfKey(quintptr key) const;
    void fillRow(Row &row, const ConnectorOverview &overview) const;
    bool mergeTasks(int connectorRow, const QList<TaskStatus> &tasks);
    QVariant connectorData(const Row &row, int column, int role) const;
    QVariant taskData(const Row &row, int taskRow, int column, int role) const;

    QList<Row> m_rows; // sorted by connector name
    quintptr m_nextKey = 1;
};

} // namespace cdc::connect
