// SPDX-License-Identifier: GPL-3.0-or-later
// The table over the store, and the filtered view evaluated on worker threads.
#include "eventtablemodel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFuture>
#include <QThreadPool>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace cdc::stream {

namespace {

QString opName(char op)
{
    switch (op) {
    case 'c': return QStringLiteral("create");
    case 'u': return QStringLiteral("update");
    case 'd': return QStringLiteral("delete");
    case 'r': return QStringLiteral("read (snapshot)");
    case 't': return QStringLiteral("truncate");
    default: break;
    }
    return {};
}

struct FilterResult
{
    quint64 generation = 0;
    quint64 from = 0; // sequences evaluated: [from, to)
    quint64 to = 0;
    std::vector<quint64> matches;
    qint64 elapsedMs = 0;
    bool full = false;
};

} // namespace

// The rows of a filtered view: sequence numbers of matching events, oldest first. Rows are removed
// from the front when the store drops events, so `front` skips the dead ones (compacted now and then).
struct EventTableModel::Filtered
{
    std::vector<quint64> sequences;
    std::size_t front = 0;
    quint64 generation = 0;
    quint64 evaluatedTo = 0; // every sequence below this has been evaluated for the current generation
    bool fullPending = false;
    QFutureWatcher<FilterResult> watcher;

    qsizetype size() const { return qsizetype(sequences.size() - front); }
    quint64 at(qsizetype row) const { return sequences[front + std::size_t(row)]; }
};

EventTableModel::EventTableModel(EventStore *store, QObject *parent) : QAbstractTableModel(parent), m_store(store) {}

EventTableModel::~EventTableModel()
{
    if (m_filtered)
        m_filtered->watcher.waitForFinished();
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || m_rejected)
        return 0;
    return int(m_filtered ? m_filtered->size() : shownStoreRows());
}

qsizetype EventTableModel::shownStoreRows() const
{
    if (m_holdEnd >= m_store->endSequence())
        return m_store->size();
    return m_holdEnd <= m_store->firstSequence() ? 0 : qsizetype(m_holdEnd - m_store->firstSequence());
}

quint64 EventTableModel::evaluateTo() const
{
    return qMax(m_store->firstSequence(), qMin(m_store->endSequence(), m_holdEnd));
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

EventView EventTableModel::event(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return m_filtered ? m_store->bySequence(m_filtered->at(row)) : m_store->at(row);
}

int EventTableModel::rowOfSequence(quint64 sequence) const
{
    if (m_rejected)
        return -1;
    if (!m_filtered) {
        const EventView v = m_store->bySequence(sequence);
        return v.isValid() && sequence < m_holdEnd ? int(sequence - m_store->firstSequence()) : -1;
    }
    const auto begin = m_filtered->sequences.begin() + qsizetype(m_filtered->front);
    const auto it = std::lower_bound(begin, m_filtered->sequences.end(), sequence);
    return it != m_filtered->sequences.end() && *it == sequence ? int(it - begin) : -1;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const EventView e = event(index.row());
    if (!e.isValid())
        return {};
    const EventRecord &r = e.record();
    switch (role) {
    case SequenceRole: return QVariant::fromValue(e.sequence());
    case SourceTagRole: return int(r.source);
    case KindRole: return int(r.kind);
    case FlagsRole: return int(r.flags);
    case ProblemRole: return e.problem();
    case Qt::TextAlignmentRole:
        if (index.column() == PartitionColumn || index.column() == OffsetColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (r.kind == EventKind::Undecodable)
            return tr("Not decoded: %1").arg(e.problem());
        if (r.flags & Late)
            return tr("Late: it arrived after the watermark had passed its source time.");
        if (r.flags & Redelivered)
            return tr("Redelivered: an event with the same outbox id came before on this topic.");
        if (index.column() == OpColumn)
            return opName(r.op);
        if (index.column() == SummaryColumn)
            return e.summary();
        return {};
    case Qt::DisplayRole: break;
    default: return {};
    }
    switch (index.column()) {
    case SourceColumn: return sourceTagName(r.source);
    case CompositeKeyColumn: return e.compositeKey();
    case ArrivalColumn: return formatTime(r.arrivalMs);
    case SourceTimeColumn: return formatTime(r.sourceTsMs);
    case TopicColumn: return e.topic();
    case PartitionColumn: return r.partition;
    case OffsetColumn: return r.offset;
    case OpColumn:
        if (r.op)
            return QString(QLatin1Char(r.op));
        return r.kind == EventKind::Change ? QString() : eventKindName(r.kind);
    case EntityColumn: return e.entity();
    case EventTypeColumn: return e.eventType();
    case KeyColumn: {
        QString key = QString::fromUtf8(e.key().first(qMin<qsizetype>(e.key().size(), 200)));
        return key.simplified();
    }
    case SummaryColumn:
        if (r.kind == EventKind::Tombstone)
            return tr("(tombstone)");
        if (r.kind == EventKind::Undecodable)
            return QString(e.problem() + QStringLiteral(" — ") + e.summary());
        return e.summary();
    default: break;
    }
    return {};
}

// Local time of day with milliseconds, or UTC ISO 8601. Formatting a QDateTime (and, for the local
// zone, looking up the system's time zone, which stats /etc/localtime) costs microseconds per cell;
// the seconds are formatted once and the milliseconds appended.
QString EventTableModel::formatTime(qint64 ms) const
{
    if (ms < 0)
        return {};
    const qint64 second = ms / 1000;
    TimeCache &cache = m_timeCache[std::size_t(second) % m_timeCache.size()];
    if (cache.second != second || cache.utc != m_utcTimes || cache.text.isEmpty()) {
        const QDateTime t = m_utcTimes ? QDateTime::fromMSecsSinceEpoch(second * 1000, QTimeZone::utc())
                                       : QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::LocalTime);
        cache.second = second;
        cache.utc = m_utcTimes;
        cache.text =
            m_utcTimes ? t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) : t.toString(QStringLiteral("HH:mm:ss"));
    }
    const int millis = int(ms % 1000);
    const char16_t digits[] = {u'.', char16_t(u'0' + millis / 100), char16_t(u'0' + millis / 10 % 10),
                               char16_t(u'0' + millis % 10), u'Z'};
    QString text;
    text.reserve(cache.text.size() + 5);
    text.append(cache.text);
    text.append(reinterpret_cast<const QChar *>(digits), m_utcTimes ? 5 : 4);
    return text;
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SourceColumn: return tr("Source");
    case CompositeKeyColumn: return tr("Composite key");
    case ArrivalColumn: return tr("Arrived");
    case SourceTimeColumn: return tr("Source time");
    case TopicColumn: return tr("Topic");
    case PartitionColumn: return tr("Part.");
    case OffsetColumn: return tr("Offset");
    case OpColumn: return tr("Op");
    case EntityColumn: return tr("Table / aggregate");
    case EventTypeColumn: return tr("Event type");
    case KeyColumn: return tr("Key");
    case SummaryColumn: return tr("Payload");
    default: break;
    }
    return {};
}

void EventTableModel::appendBatch(EventBatch &&batch)
{
    if (batch.empty())
        return;
    const qsizetype drop = m_store->rowsToDropFor(qsizetype(batch.size()));
    if (m_rejected) {
        m_store->dropOldestRows(drop);
        m_store->append(std::move(batch));
        return;
    }
    if (m_filtered) {
        m_store->dropOldestRows(drop);
        m_store->append(std::move(batch));
        trimFiltered();
        scheduleFilter();
        return;
    }
    // Held, the rows shown are the oldest: a drop removes at most those.
    const qsizetype removed = qMin(drop, shownStoreRows());
    if (removed > 0)
        beginRemoveRows({}, 0, int(removed - 1));
    m_store->dropOldestRows(drop);
    if (removed > 0)
        endRemoveRows();
    if (isHeld()) {
        m_store->append(std::move(batch));
        return;
    }
    const qsizetype first = m_store->size();
    const qsizetype incoming = qMin<qsizetype>(qsizetype(batch.size()), m_store->capacity());
    beginInsertRows({}, int(first), int(first + incoming - 1));
    m_store->append(std::move(batch));
    endInsertRows();
}

void EventTableModel::clear()
{
    beginResetModel();
    m_store->clear();
    if (m_filtered) {
        m_filtered->sequences.clear();
        m_filtered->front = 0;
        m_filtered->evaluatedTo = m_store->endSequence();
    }
    endResetModel();
}

void EventTableModel::setUtcTimes(bool utc)
{
    if (m_utcTimes == utc)
        return;
    m_utcTimes = utc;
    static_assert(SourceTimeColumn == ArrivalColumn + 1, "the time columns are adjacent");
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, ArrivalColumn), index(rowCount() - 1, SourceTimeColumn), {Qt::DisplayRole});
}

bool EventTableModel::filterPending() const
{
    return m_filtered && m_filtered->fullPending;
}

void EventTableModel::holdAt(quint64 endSequence)
{
    // Nothing beyond endSequence is shown yet (the view drains in batches), so no rows change.
    m_holdEnd = qMin(endSequence, m_store->endSequence());
}

void EventTableModel::release()
{
    if (!isHeld())
        return;
    const qsizetype shown = m_rejected || m_filtered ? 0 : shownStoreRows();
    const qsizetype hidden = m_store->size() - shown;
    if (!m_rejected && !m_filtered && hidden > 0) {
        beginInsertRows({}, int(shown), int(m_store->size() - 1));
        m_holdEnd = kNotHeld;
        endInsertRows();
        return;
    }
    m_holdEnd = kNotHeld;
    if (m_filtered)
        scheduleFilter(); // evaluates the held events and inserts their matches
}

Result<void> EventTableModel::setFilter(const QString &text)
{
    Result<EventQuery> parsed = EventQuery::parse(text);
    if (!parsed) {
        if (!m_rejected) {
            beginResetModel();
            m_filtered.reset(); // a running evaluation holds its own snapshot; its result is dropped
            m_query = EventQuery();
            m_rejected = true;
            endResetModel();
            Q_EMIT filterApplied(0, 0);
        }
        return parsed.error();
    }
    if (!m_rejected && parsed.value().text() == m_query.text() && (m_filtered != nullptr) == !parsed.value().isEmpty())
        return {};
    if (m_rejected) {
        beginResetModel(); // still no rows: a filtered view starts empty until its first result
        m_rejected = false;
        m_query = parsed.value();
        if (!m_query.isEmpty()) {
            m_filtered = std::make_unique<Filtered>();
            connect(&m_filtered->watcher, &QFutureWatcher<FilterResult>::finished, this,
                    [this] { applyFilterResult(); });
        }
        endResetModel();
        if (m_query.isEmpty()) {
            Q_EMIT filterApplied(rowCount(), 0);
            return {};
        }
    }
    m_query = parsed.value();
    if (m_query.isEmpty()) {
        if (m_filtered) {
            beginResetModel();
            m_filtered->watcher.waitForFinished();
            m_filtered.reset();
            endResetModel();
            Q_EMIT filterApplied(rowCount(), 0);
        }
        return {};
    }
    if (!m_filtered) {
        beginResetModel(); // a filtered view has no rows until its first result
        m_filtered = std::make_unique<Filtered>();
        connect(&m_filtered->watcher, &QFutureWatcher<FilterResult>::finished, this, [this] { applyFilterResult(); });
        endResetModel();
    }
    ++m_filtered->generation;
    m_filtered->fullPending = true;
    scheduleFilter();
    return {};
}

void EventTableModel::scheduleFilter()
{
    Filtered &f = *m_filtered;
    if (f.watcher.isRunning())
        return; // applyFilterResult() schedules the next run
    const bool full = f.fullPending;
    const quint64 from = full ? m_store->firstSequence() : qMax(f.evaluatedTo, m_store->firstSequence());
    const quint64 to = evaluateTo();
    if (!full && from >= to)
        return;
    const EventSnapshot snapshot = m_store->snapshot();
    const EventQuery query = m_query;
    const quint64 generation = f.generation;
    f.watcher.setFuture(QtConcurrent::run([snapshot, query, generation, from, to, full] {
        QElapsedTimer clock;
        clock.start();
        FilterResult r;
        r.generation = generation;
        r.from = from;
        r.to = to;
        r.full = full;
        const auto first = qsizetype(from - snapshot.firstSequence());
        const auto last = qsizetype(to - snapshot.firstSequence());
        // Small increments on one thread; a full pass on every core.
        r.matches = matchingSequences(snapshot, query, first, last, full ? 0 : 1);
        r.elapsedMs = clock.elapsed();
        return r;
    }));
}

void EventTableModel::applyFilterResult()
{
    if (!m_filtered)
        return;
    Filtered &f = *m_filtered;
    FilterResult r = f.watcher.result();
    if (r.generation == f.generation) {
        if (r.full) {
            beginResetModel();
            f.sequences = std::move(r.matches);
            f.front = 0;
            f.fullPending = false;
            f.evaluatedTo = r.to;
            trimFilteredQuietly();
            endResetModel();
            Q_EMIT filterApplied(f.size(), r.elapsedMs);
        } else if (!f.fullPending) {
            trimFiltered();
            const auto firstLive = m_store->firstSequence();
            const auto begin = std::lower_bound(r.matches.begin(), r.matches.end(), firstLive);
            const qsizetype added = r.matches.end() - begin;
            if (added > 0) {
                const qsizetype first = f.size();
                beginInsertRows({}, int(first), int(first + added - 1));
                f.sequences.insert(f.sequences.end(), begin, r.matches.end());
                endInsertRows();
            }
            f.evaluatedTo = r.to;
        }
    }
    scheduleFilter();
}

// Rows whose events the store has dropped leave the filtered view from the front.
void EventTableModel::trimFiltered()
{
    Filtered &f = *m_filtered;
    const quint64 firstLive = m_store->firstSequence();
    const auto begin = f.sequences.begin() + qsizetype(f.front);
    const qsizetype dead = std::lower_bound(begin, f.sequences.end(), firstLive) - begin;
    if (dead == 0)
        return;
    beginRemoveRows({}, 0, int(dead - 1));
    f.front += std::size_t(dead);
    compactFiltered();
    endRemoveRows();
}

void EventTableModel::trimFilteredQuietly()
{
    Filtered &f = *m_filtered;
    const auto begin = f.sequences.begin() + qsizetype(f.front);
    f.front += std::size_t(std::lower_bound(begin, f.sequences.end(), m_store->firstSequence()) - begin);
    compactFiltered();
}

void EventTableModel::compactFiltered()
{
    Filtered &f = *m_filtered;
    if (f.front > 4096 && f.front > f.sequences.size() / 2) {
        f.sequences.erase(f.sequences.begin(), f.sequences.begin() + qsizetype(f.front));
        f.front = 0;
    }
}

} // namespace cdc::stream
