// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated Kafka Connect's URL routing: route patterns matched against a request path's
// percent-encoded segments, each decoded once, so a connector named "a/b" ("a%2Fb") is one segment.
#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <vector>

namespace cdc::sandbox {

// One request as the handlers see it: the percent-decoded path segments that a `*` of the route bound.
struct Call
{
    QStringList args;
    QUrlQuery query;
    QByteArray body;
};

struct Route
{
    QHttpServerRequest::Method method;
    QStringList pattern; // literal segments, "*" for one bound segment
    std::function<QHttpServerResponse(const Call &)> handle;
};

// What findRoute found for a method and path.
struct RouteMatch
{
    const Route *route = nullptr; // null when no route has both the method and the path
    QStringList args;             // the segments the route's `*`s bound
    bool pathKnown = false;       // a route has the path, maybe with another method (405 rather than 404)
};

// The path of `url` as segments, each percent-decoded once; empty segments are skipped.
QStringList decodedSegments(const QUrl &url);
// The first route in `routes` whose pattern matches `segments` and whose method is `method`.
RouteMatch findRoute(const std::vector<Route> &routes, QHttpServerRequest::Method method, const QStringList &segments);

} // namespace cdc::sandbox
