// SPDX-License-Identifier: GPL-3.0-or-later
// The viewer's one-line query language, e.g.
//     source:mysql op:u type:Order* key:PG-42 payload.total>100 "free text"
// Terms are ANDed; `-term` negates, `OR` (upper case) between terms alternates. Pure functions over events:
// parsing and matching need no event loop, and matching runs on any thread (each thread its own Matcher).
//
//   source:postgres|pg|mysql|my|mariadb|unknown   op:c|u|d|r|t (create, update, ...)   kind:change|outbox|
//   tombstone|heartbeat|schema-change|undecodable  (several values: op:c,u)   late:true|false   gap:true|false
//   redelivered:true|false  an outbox event whose id its source had delivered before (at-least-once)
//   type: table:/entity:/aggregate: topic:   globs (* any run, ? one character), ASCII case-insensitive
//   key:        the composite key "PG-42" or the bare aggregate id "42"
//   partition:N  offset:N  (also > >= < <= =)      header.NAME:value (NAME is case-sensitive)
//   payload.a.b  an outbox event's value; a change event's `after` (`before` for deletes); after.a and
//                before.a name them; the schema/payload wrapper is unwrapped. Arrays: lines.0.sku (index)
//                or lines.sku (any element). Keys are case-sensitive.
//   operators   `:` glob (numeric equality when both sides are numbers, "10.50" too), `=` exact text or
//                numeric equality, `!=` is `-field=value` (so it also matches events without the field),
//                > >= < <= numbers only; `field:*` means present and not empty (JSON: not null).
//   "quoted text" or a bare word: free text, a substring of the key or the value bytes; case-insensitive for
//                ASCII letters only (UTF-8 beyond ASCII matches exactly, and JSON escapes such as \u00e9 as
//                written). In quotes, \ escapes the next character. Quote text that contains ':'.
#pragma once

#include "core/result.h"
#include "stream/eventstore.h"
#include "stream/eventview.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace cdc::stream {

class EventQuery
{
public:
    EventQuery(); // the empty query: matches everything
    ~EventQuery();
    EventQuery(const EventQuery &);
    EventQuery &operator=(const EventQuery &);

    // Error::where is "column N" (1-based) of the problem in `text`.
    static Result<EventQuery> parse(const QString &text);

    bool isEmpty() const;
    QString text() const;

    // Evaluates the query against events; caches per string id (topics, types, ...) what it learnt.
    // Not thread-safe: one Matcher per thread.
    class Matcher
    {
    public:
        // How JSON path terms read values: Scan walks the bytes only up to the path's value and asks
        // simdjson when unsure; Simdjson parses every value with simdjson (to compare the two).
        enum class JsonReading : quint8 { Scan, Simdjson };

        Matcher(const EventQuery &query, const StringTable &strings, JsonReading reading = JsonReading::Scan);
        ~Matcher();
        bool matches(const EventView &event);
        // Asks the memory system early for the bytes matches(snapshot.at(row)) will read, when the query
        // has read bytes of many events so far. Matching in a loop, call it some events ahead
        // (matchingSequences does), so that reading the bytes waits less.
        void prefetch(const EventSnapshot &snapshot, qsizetype row) const;

    private:
        struct State;
        std::unique_ptr<State> m_state;
    };

    struct Term; // the parsed form; defined in the .cpp

private:
    std::shared_ptr<const std::vector<std::vector<Term>>> m_alternatives; // OR of ANDs
    QString m_text;
};

// The sequence numbers of the snapshot's events in rows [fromRow, toRow) that match, in order.
// Splits the work across `threads` threads (0: the machine's cores). Runs in the calling thread and
// those it starts; call it off the GUI thread.
std::vector<quint64> matchingSequences(const EventSnapshot &snapshot, const EventQuery &query, qsizetype fromRow,
                                       qsizetype toRow, int threads = 0);

// Completion for the query line edit: what to offer at `cursor` in `text` (field names, sources,
// ops, and the topics, types and tables seen so far from `strings`).
struct QueryCompletion
{
    int replaceFrom = 0; // the word under the cursor: [replaceFrom, replaceTo)
    int replaceTo = 0;
    QStringList candidates; // full replacements for that word, e.g. "source:mysql"
};
QueryCompletion completeQuery(const QString &text, int cursor, const StringTable &strings);

} // namespace cdc::stream
