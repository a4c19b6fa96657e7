// SPDX-License-Identifier: GPL-3.0-or-later
// The viewer's table: the store's events (or those matching the filter), one row each, newest last.
// Rows are inserted once per batch and removed from the front once per dropped segment. data() reads
// the compact record and never parses JSON. The filter is evaluated off the GUI thread.
#pragma once

#include "stream/eventquery.h"
#include "stream/eventrecord.h"
#include "stream/eventstore.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>

#include <array>
#include <memory>
#include <vector>

namespace cdc::stream {

class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        // What tells events apart first; where they came from after; the payload last, to fill the width.
        SourceColumn,
        CompositeKeyColumn,
        OpColumn,
        EntityColumn,
        EventTypeColumn,
        ArrivalColumn,
        SourceTimeColumn,
        TopicColumn,
        PartitionColumn,
        OffsetColumn,
        KeyColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role {
        SequenceRole = Qt::UserRole + 1, // quint64
        SourceTagRole,                   // int (SourceTag)
        KindRole,                        // int (EventKind)
        FlagsRole,                       // int (EventFlag bits)
        ProblemRole,                     // QString, empty when decoded
    };

    explicit EventTableModel(EventStore *store, QObject *parent = nullptr);
    ~EventTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Appends a batch to the store and shows it: one row insert (and at most one removal) per call.
    void appendBatch(EventBatch &&batch);
    void clear();

    EventView event(int row) const;            // invalid view for a row out of range
    int rowOfSequence(quint64 sequence) const; // -1 when not shown
    EventStore *store() const { return m_store; }

    // Live filter: an empty query shows every event. The text is parsed here (errors come back as the
    // Result); matching runs on a worker thread and the rows change when it is done (filterApplied).
    // A query that does not parse shows no rows until a valid one is set: never the last results
    // under an error the user is looking at.
    Result<void> setFilter(const QString &text);
    const EventQuery &filter() const { return m_query; }
    bool isFiltering() const { return !m_query.isEmpty() || m_rejected; }
    bool isQueryRejected() const { return m_rejected; }

    // Pause: events from `endSequence` on go into the store (and count against its cap) but are not
    // shown, even when the filter changes, until release() shows them.
    void holdAt(quint64 endSequence);
    void release();
    bool isHeld() const { return m_holdEnd != kNotHeld; }
    bool filterPending() const; // a full evaluation is running

    // Display of times: local time of day with milliseconds (default) or UTC ISO 8601.
    void setUtcTimes(bool utc);

Q_SIGNALS:
    void filterApplied(qsizetype matching, qint64 elapsedMs);

private:
    QString formatTime(qint64 ms) const;
    void scheduleFilter();
    void applyFilterResult();
    void trimFiltered();
    void trimFilteredQuietly();
    void compactFiltered();

    qsizetype shownStoreRows() const; // unfiltered: the store's rows before the hold
    quint64 evaluateTo() const;       // filtered: where evaluation stops (the store's end, or the hold)

    static constexpr quint64 kNotHeld = ~quint64(0);
    struct Filtered;
    EventStore *m_store;
    EventQuery m_query;
    bool m_rejected = false;
    quint64 m_holdEnd = kNotHeld;
    std::unique_ptr<Filtered> m_filtered; // null when not filtering
    bool m_utcTimes = false;
    // The formatted second of the last times shown (a row's arrival and source time usually differ).
    struct TimeCache
    {
        qint64 second = -1;
        bool utc = false;
        QString text;
    };
    mutable std::array<TimeCache, 4> m_timeCache;
};

} // namespace cdc::stream
