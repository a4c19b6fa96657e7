// SPDX-License-Identifier: GPL-3.0-or-later
// The connectors tree: merging refreshes row by row, and what each cell shows.
#include "connect/connectorsmodel.h"

#include <QSet>

#include <algorithm>

namespace cdc::connect {

namespace {

QString nameOf(const ConnectorOverview &c)
{
    return c.status.name.isEmpty() ? c.info.name : c.status.name;
}

bool sameTask(const TaskStatus &a, const TaskStatus &b)
{
    return a.id == b.id && a.state == b.state && a.workerId == b.workerId && a.trace == b.trace;
}

// True when the connector row itself (not its tasks) shows something different.
bool sameConnector(const ConnectorOverview &a, const ConnectorOverview &b)
{
    const auto &s = a.status;
    const auto &t = b.status;
    if (s.name != t.name || s.state != t.state || s.workerId != t.workerId || s.type != t.type || s.trace != t.trace ||
        a.info.type != b.info.type || a.info.config != b.info.config || s.tasks.size() != t.tasks.size())
        return false;
    for (qsizetype i = 0; i < s.tasks.size(); ++i) {
        if (s.tasks[i].state != t.tasks[i].state) // the row's worst state and "1/2 tasks"
            return false;
    }
    return true;
}

} // namespace

StateTone stateTone(const QString &state)
{
    if (state == QLatin1String("RUNNING"))
        return StateTone::Good;
    if (state == QLatin1String("PAUSED") || state == QLatin1String("STOPPED"))
        return StateTone::Attention;
    if (state == QLatin1String("FAILED") || state == QLatin1String("STOPPED UNEXPECTEDLY"))
        return StateTone::Bad;
    return StateTone::Neutral;
}

QString worstState(const ConnectorStatus &status)
{
    // Bad over Attention over Neutral over Good; on a tie the connector's own state stays.
    auto rank = [](const QString &state) {
        switch (stateTone(state)) {
        case StateTone::Good: return 0;
        case StateTone::Neutral: return 1;
        case StateTone::Attention: return 2;
        case StateTone::Bad: return 3;
        }
        return 1;
    };
    QString worst = status.state;
    for (const TaskStatus &t : status.tasks) {
        if (!t.state.isEmpty() && (worst.isEmpty() || rank(t.state) > rank(worst)))
            worst = t.state;
    }
    return worst;
}

QString databaseKindOfClass(const QString &connectorClass)
{
    if (connectorClass.startsWith(QLatin1String("io.debezium.connector.postgresql.")))
        return QStringLiteral("postgres");
    if (connectorClass.startsWith(QLatin1String("io.debezium.connector.mysql.")) ||
        connectorClass.startsWith(QLatin1String("io.debezium.connector.mariadb.")))
        return QStringLiteral("mysql");
    return {};
}

ConnectorsModel::ConnectorsModel(QObject *parent) : QAbstractItemModel(parent) {}

ConnectorsModel::~ConnectorsModel() = default;

QModelIndex ConnectorsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, m_rows[parent.row()].key);
}

QModelIndex ConnectorsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int row = rowOfKey(child.internalId());
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
}

int ConnectorsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_rows[parent.row()].overview.status.tasks.size());
}

int ConnectorsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ConnectorsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return connectorData(m_rows[index.row()], index.column(), role);
    const int row = rowOfKey(index.internalId());
    if (row < 0)
        return {};
    return taskData(m_rows[row], index.row(), index.column(), role);
}

QVariant ConnectorsModel::connectorData(const Row &row, int column, int role) const
{
    const ConnectorStatus &s = row.overview.status;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return nameOf(row.overview);
        case StateColumn:
            return row.detail.isEmpty() ? row.worstState : row.worstState + QStringLiteral(" · ") + row.detail;
        case TypeColumn: return s.type.isEmpty() ? row.overview.info.type : s.type;
        case WorkerColumn: return s.workerId;
        case ClassColumn: return row.shortClass;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == ClassColumn)
            return row.overview.info.connectorClass();
        if (column == StateColumn && !row.traceSummary.isEmpty())
            return row.traceSummary;
        return {};
    case StateRole: return s.state;
    case StateToneRole: return int(stateTone(row.worstState));
    case StateDetailRole: return row.detail;
    case WorstStateRole: return row.worstState;
    case ConnectorNameRole: return nameOf(row.overview);
    case TaskIdRole: return -1;
    case TraceRole: return s.trace;
    case TraceSummaryRole: return row.traceSummary;
    case DatabaseKindRole: return row.databaseKind;
    }
    return {};
}

QVariant ConnectorsModel::taskData(const Row &row, int taskRow, int column, int role) const
{
    if (taskRow < 0 || taskRow >= row.overview.status.tasks.size())
        return {};
    const TaskStatus &t = row.overview.status.tasks[taskRow];
    const QString &summary = row.taskTraceSummaries[taskRow];
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return tr("Task %1").arg(t.id);
        case StateColumn: return t.state;
        case WorkerColumn: return t.workerId;
        }
        return {};
    case Qt::ToolTipRole: return column == StateColumn && !summary.isEmpty() ? QVariant(summary) : QVariant();
    case StateRole: return t.state;
    case StateToneRole: return int(stateTone(t.state));
    case StateDetailRole: return QString();
    case WorstStateRole: return t.state;
    case ConnectorNameRole: return nameOf(row.overview);
    case TaskIdRole: return t.id;
    case TraceRole: return t.trace;
    case TraceSummaryRole: return summary;
    case DatabaseKindRole: return QString();
    }
    return {};
}

QVariant ConnectorsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case StateColumn: return tr("State");
    case TypeColumn: return tr("Type");
    case WorkerColumn: return tr("Worker");
    case ClassColumn: return tr("Class");
    }
    return {};
}

int ConnectorsModel::rowOfKey(quintptr key) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].key == key)
            return int(i);
    }
    return -1;
}

void ConnectorsModel::fillRow(Row &row, const ConnectorOverview &overview) const
{
    row.overview = overview;
    const QString cls = overview.info.connectorClass();
    row.shortClass = cls.mid(cls.lastIndexOf(u'.') + 1);
    row.databaseKind = databaseKindOfClass(cls);
    row.traceSummary = overview.status.trace.isEmpty() ? QString() : firstUsefulTraceLine(overview.status.trace);
    row.taskTraceSummaries.clear();
    row.worstState = worstState(overview.status);
    qsizetype worst = 0;
    for (const TaskStatus &t : overview.status.tasks) {
        row.taskTraceSummaries << (t.trace.isEmpty() ? QString() : firstUsefulTraceLine(t.trace));
        if (t.state == row.worstState)
            ++worst;
    }
    // The badge says the worst state; the words say where it comes from when it is not the connector's own.
    row.detail =
        row.worstState == overview.status.state
            ? QString()
            : tr("%1/%2 tasks · connector %3").arg(worst).arg(overview.status.tasks.size()).arg(overview.status.state);
}

void ConnectorsModel::setConnectors(const QList<ConnectorOverview> &connectors)
{
    QList<ConnectorOverview> incoming = connectors;
    for (ConnectorOverview &c : incoming) {
        std::stable_sort(c.status.tasks.begin(), c.status.tasks.end(),
                         [](const TaskStatus &a, const TaskStatus &b) { return a.id < b.id; });
    }
    std::stable_sort(incoming.begin(), incoming.end(),
                     [](const ConnectorOverview &a, const ConnectorOverview &b) { return nameOf(a) < nameOf(b); });
    // Connect never answers a name twice; if it did, the first wins.
    incoming.erase(
        std::unique(incoming.begin(), incoming.end(),
                    [](const ConnectorOverview &a, const ConnectorOverview &b) { return nameOf(a) == nameOf(b); }),
        incoming.end());

    QSet<QString> failedBefore;
    for (const Row &row : std::as_const(m_rows)) {
        if (row.worstState == QLatin1String("FAILED"))
            failedBefore.insert(nameOf(row.overview));
    }
    bool changed = false;
    QSet<QString> names;
    for (const ConnectorOverview &c : std::as_const(incoming))
        names.insert(nameOf(c));
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (names.contains(nameOf(m_rows[row].overview)))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        changed = true;
    }

    // What is left is a sorted subset of `incoming`: walk both, inserting what is new.
    for (int i = 0; i < incoming.size(); ++i) {
        const ConnectorOverview &next = incoming[i];
        if (i < m_rows.size() && nameOf(m_rows[i].overview) == nameOf(next)) {
            const bool rowChanged = !sameConnector(m_rows[i].overview, next);
            changed |= mergeTasks(i, next.status.tasks);
            if (rowChanged) {
                fillRow(m_rows[i], next); // its tasks equal the merged ones: both sorted by id
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
                changed = true;
            }
            continue;
        }
        beginInsertRows({}, i, i);
        Row row;
        row.key = m_nextKey++;
        fillRow(row, next);
        m_rows.insert(i, std::move(row));
        endInsertRows();
        changed = true;
    }
    if (!changed)
        return;
    Q_EMIT connectorsUpdated();
    for (const Row &row : std::as_const(m_rows)) {
        const QString name = nameOf(row.overview);
        if (row.worstState == QLatin1String("FAILED") && !failedBefore.contains(name))
            Q_EMIT failureStarted(name);
    }
}

// `incoming` is sorted by task id. True when a task row was inserted, removed or changed.
bool ConnectorsModel::mergeTasks(int connectorRow, const QList<TaskStatus> &incoming)
{
    bool changed = false;
    const QModelIndex parent = index(connectorRow, 0);
    Row &row = m_rows[connectorRow];
    QList<TaskStatus> &tasks = row.overview.status.tasks;

    QSet<int> ids;
    for (const TaskStatus &t : std::as_const(incoming))
        ids.insert(t.id);
    for (int i = int(tasks.size()) - 1; i >= 0; --i) {
        if (ids.contains(tasks[i].id))
            continue;
        beginRemoveRows(parent, i, i);
        tasks.removeAt(i);
        row.taskTraceSummaries.removeAt(i);
        endRemoveRows();
        changed = true;
    }
    for (int i = 0; i < incoming.size(); ++i) {
        const TaskStatus &next = incoming[i];
        const QString summary = next.trace.isEmpty() ? QString() : firstUsefulTraceLine(next.trace);
        if (i < tasks.size() && tasks[i].id == next.id) {
            if (!sameTask(tasks[i], next)) {
                tasks[i] = next;
                row.taskTraceSummaries[i] = summary;
                Q_EMIT dataChanged(index(i, 0, parent), index(i, ColumnCount - 1, parent));
                changed = true;
            }
            continue;
        }
        beginInsertRows(parent, i, i);
        tasks.insert(i, next);
        row.taskTraceSummaries.insert(i, summary);
        endInsertRows();
        changed = true;
    }
    return changed;
}

void ConnectorsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    Q_EMIT connectorsUpdated();
}

QList<ConnectorOverview> ConnectorsModel::connectors() const
{
    QList<ConnectorOverview> out;
    out.reserve(m_rows.size());
    for (const Row &row : m_rows)
        out << row.overview;
    return out;
}

const ConnectorOverview *ConnectorsModel::connector(const QString &name) const
{
    for (const Row &row : m_rows) {
        if (nameOf(row.overview) == name)
            return &row.overview;
    }
    return nullptr;
}

QModelIndex ConnectorsModel::connectorIndex(const QString &name, int column) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (nameOf(m_rows[i].overview) == name)
            return index(int(i), column);
    }
    return {};
}

QModelIndex ConnectorsModel::taskIndex(const QString &connector, int taskId, int column) const
{
    const QModelIndex parent = connectorIndex(connector);
    if (!parent.isValid())
        return {};
    const QList<TaskStatus> &tasks = m_rows[parent.row()].overview.status.tasks;
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        if (tasks[i].id == taskId)
            return index(int(i), column, parent);
    }
    return {};
}

} // namespace cdc::connect
