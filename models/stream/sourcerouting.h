// SPDX-License-Identifier: GPL-3.0-or-later
// Which database a topic's events come from, by the project's topic routing: a topic node's pattern
// and its `source` property, or the database node upstream of the connector that writes it. Topics the
// project does not route fall back to the event's own `source.connector`, then to the
// `outbox.event.{postgres|mysql}.` naming convention. The unified consumer's output topic (a Kafka sink
// node's topic) is routed as unified: its rows say their own source in `source_database`.
#pragma once

#include "stream/eventdecoder.h"

#include <QByteArrayView>
#include <QHash>
#include <QRegularExpression>
#include <QString>

#include <vector>

namespace cdc::topology {
class TopologyModel;
}

namespace cdc::stream {

class SourceRouting
{
public:
    SourceRouting() = default;
    static SourceRouting fromTopology(const topology::TopologyModel &model);

    void addRoute(const QString &topicPattern, SourceTag source); // a regex; a plain name matches exactly
    void addUnifiedTopic(const QString &topicPattern);            // the same; its events name their source
    bool isEmpty() const { return m_routes.empty(); }

    // The tag by routing, or Unknown when no route matches (also for a unified topic: its events tell).
    // Caches per topic: one copy per thread.
    SourceTag route(QByteArrayView topic) { return routeOf(topic).source; }
    TopicRoute routeOf(QByteArrayView topic);

private:
    void add(const QString &topicPattern, TopicRoute route);
    TopicRoute lookup(QByteArrayView topic);

    struct Route
    {
        QRegularExpression pattern;
        TopicRoute route;
    };
    std::vector<Route> m_routes;
    QHash<QByteArray, TopicRoute> m_cache;
    QByteArray m_lastTopic; // consecutive messages mostly share a topic
    TopicRoute m_last;
};

} // namespace cdc::stream
