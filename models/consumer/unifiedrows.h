// SPDX-License-Identifier: GPL-3.0-or-later
// What the unified consumer's sink produced, as rows: parsed from the print sink's lines in the job's
// output ("+I[PG-7, 7, order, postgres, OrderCreated, <id>, <time>, {...}]"), held in a bounded table
// model that inserts in batches.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QString>
#include <QTimer>

#include <optional>

namespace cdc::consumer {

struct UnifiedRow
{
    QString compositeKey;
    QString aggregateId;
    QString aggregateType;
    QString sourceDatabase;
    QString eventType;
    QString eventId;
    QString eventTime;
    QString payload;
};

// One line of the print sink (optionally prefixed by a subtask, "2> +I[...]"); nullopt for any other line.
std::optional<UnifiedRow> parsePrintSinkLine(const QString &line);

class UnifiedRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        CompositeKey,
        SourceDatabase,
        AggregateType,
        AggregateId,
        EventType,
        EventTime,
        Payload,
        ColumnCount
    };

    explicit UnifiedRowsModel(qsizetype capacity = 10000, QObject *parent = nullptr);

    // Queues the row; rows reach the model together, at most ten times a second.
    void append(UnifiedRow row);
    // The same for a batch of rows (a simulated consumer's, taken from its thread's queue).
    void append(QList<UnifiedRow> rows);
    // Inserts what is queued now (tests, and before a screenshot).
    void flush();
    void clear();

    const UnifiedRow &row(int index) const { return m_rows.at(index); }
    // The first aggregate id seen from both databases (PG-n and MY-n both arrived), or empty.
    QString sharedAggregateId() const { return m_sharedId; }
    qint64 total() const { return m_total; } // every row seen, also those dropped for the cap

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // Once per run of rows: the same aggregate id came from PostgreSQL and from MySQL, as two rows.
    void bothSourcesSeen(const QString &aggregateId);

private:
    void noteSource(const UnifiedRow &row);

    qsizetype m_capacity;
    QSet<QString> m_postgresIds;
    QSet<QString> m_mysqlIds;
    QString m_sharedId;
    QList<UnifiedRow> m_rows;
    QList<UnifiedRow> m_pending;
    QTimer m_batch;
    qint64 m_total = 0;
};

} // namespace cdc::consumer
