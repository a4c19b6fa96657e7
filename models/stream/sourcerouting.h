// Which database a topic's events come from, by the project's topic routing: a topic node's pattern
// and its `source` property, or the database node upstream of the connector that writes it. Topics the
// project does not route fall back to the event's own `source.connector`, then to the
// `outbox.event.{postgres|mysql}.` naming convention.
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
    bool isEmpty() const { return m_routes.empty(); }

    // The tag by routing, or Unknown when no route matches. Caches per topic: one copy per thread.
    SourceTag route(QByteArrayView topic);

private:
    SourceTag lookup(QByteArrayView topic);

    struct Route
    {
        QRegularExpression pattern;
        SourceTag source;
    };
    std::vector<Route> m_routes;
    QHash<QByteArray, SourceTag> m_cache;
    QByteArray m_lastTopic; // consecutive messages mostly share a topic
    SourceTag m_lastTag = SourceTag::Unknown;
};

} // namespace cdc::stream
