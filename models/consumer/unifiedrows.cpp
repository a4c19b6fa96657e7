// SPDX-License-Identifier: GPL-3.0-or-later
// The print sink's rows, parsed and kept.
#include "unifiedrows.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace cdc::consumer {

std::optional<UnifiedRow> parsePrintSinkLine(const QString &line)
{
    // Flink's print sink: the row kind, then the fields joined by ", " in brackets. The payload is last
    // and may hold ", " itself, so the first seven fields are split off and the rest is the payload.
    static const QRegularExpression shape(QStringLiteral(R"(^(?:\d+> )?\+I\[(.*)\]$)"));
    const auto match = shape.match(line);
    if (!match.hasMatch())
        return std::nullopt;
    const QString fields = match.captured(1);
    QStringList parts;
    qsizetype from = 0;
    for (int i = 0; i < 7; ++i) {
        const qsizetype comma = fields.indexOf(QLatin1String(", "), from);
        if (comma < 0)
            return std::nullopt;
        parts << fields.mid(from, comma - from);
        from = comma + 2;
    }
    parts << fields.mid(from);
    UnifiedRow row{parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]};
    if (!row.compositeKey.startsWith(QLatin1String("PG-")) && !row.compositeKey.startsWith(QLatin1String("MY-")))
        return std::nullopt;
    return row;
}

UnifiedRowsModel::UnifiedRowsModel(qsizetype capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax<qsizetype>(1, capacity))
{
    m_batch.setSingleShot(true);
    m_batch.setInterval(100);
    connect(&m_batch, &QTimer::timeout, this, &UnifiedRowsModel::flush);
}

void UnifiedRowsModel::noteSource(const UnifiedRow &row)
{
    if (!m_sharedId.isEmpty())
        return;
    const bool postgres = row.compositeKey.startsWith(QLatin1String("PG-"));
    (postgres ? m_postgresIds : m_mysqlIds).insert(row.aggregateId);
    if ((postgres ? m_mysqlIds : m_postgresIds).contains(row.aggregateId)) {
        m_sharedId = row.aggregateId;
        m_postgresIds.clear();
        m_mysqlIds.clear();
        Q_EMIT bothSourcesSeen(m_sharedId);
    }
}

void UnifiedRowsModel::append(UnifiedRow row)
{
    noteSource(row);
    m_pending.append(std::move(row));
    ++m_total;
    if (!m_batch.isActive())
        m_batch.start();
}

void UnifiedRowsModel::append(QList<UnifiedRow> rows)
{
    if (rows.isEmpty())
        return;
    for (const UnifiedRow &row : std::as_const(rows))
        noteSource(row);
    m_total += rows.size();
    m_pending.append(std::move(rows));
    if (!m_batch.isActive())
        m_batch.start();
}

void UnifiedRowsModel::flush()
{
    m_batch.stop();
    if (m_pending.isEmpty())
        return;
    if (m_pending.size() > m_capacity)
        m_pending.remove(0, m_pending.size() - m_capacity);
    const qsizetype overflow = m_rows.size() + m_pending.size() - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow - 1));
        m_rows.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + m_pending.size() - 1));
    m_rows.append(m_pending);
    m_pending.clear();
    endInsertRows();
}

void UnifiedRowsModel::clear()
{
    m_batch.stop();
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_total = 0;
    m_postgresIds.clear();
    m_mysqlIds.clear();
    m_sharedId.clear();
    endResetModel();
}

int UnifiedRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UnifiedRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnifiedRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const UnifiedRow &r = m_rows.at(index.row());
    switch (index.column()) {
    case CompositeKey: return r.compositeKey;
    case SourceDatabase: return r.sourceDatabase;
    case AggregateType: return r.aggregateType;
    case AggregateId: return r.aggregateId;
    case EventType: return r.eventType;
    case EventTime: return r.eventTime;
    case Payload: return r.payload;
    default: return {};
    }
}

QVariant UnifiedRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CompositeKey: return QCoreApplication::translate("UnifiedRowsModel", "Key");
    case SourceDatabase: return QStringLiteral("source_database");
    case AggregateType: return QCoreApplication::translate("UnifiedRowsModel", "Aggregate");
    case AggregateId: return QCoreApplication::translate("UnifiedRowsModel", "Id");
    case EventType: return QCoreApplication::translate("UnifiedRowsModel", "Type");
    case EventTime: return QCoreApplication::translate("UnifiedRowsModel", "Event time");
    case Payload: return QCoreApplication::translate("UnifiedRowsModel", "Payload");
    default: return {};
    }
}

} // namespace cdc::consumer
