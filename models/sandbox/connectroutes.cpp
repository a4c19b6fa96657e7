// SPDX-License-Identifier: GPL-3.0-or-later
// Route matching for the simulated Kafka Connect: percent-decoding and pattern matching of path segments.
#include "sandbox/connectroutes.h"

namespace cdc::sandbox {

// Qt 6.4's <arg> rules match the decoded path, so a connector name holding "%2F" would be split there.
QStringList decodedSegments(const QUrl &url)
{
    const QStringList encoded = url.path(QUrl::FullyEncoded).split(u'/', Qt::SkipEmptyParts);
    QStringList segments;
    for (const QString &segment : encoded)
        segments << QUrl::fromPercentEncoding(segment.toLatin1());
    return segments;
}

RouteMatch findRoute(const std::vector<Route> &routes, QHttpServerRequest::Method method, const QStringList &segments)
{
    RouteMatch match;
    for (const Route &route : routes) {
        if (route.pattern.size() != segments.size())
            continue;
        QStringList args;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            if (route.pattern.at(i) == u'*')
                args << segments.at(i);
            else
                matches = route.pattern.at(i) == segments.at(i);
        }
        if (!matches)
            continue;
        match.pathKnown = true;
        if (route.method != method)
            continue;
        match.route = &route;
        match.args = args;
        return match;
    }
    return match;
}

} // namespace cdc::sandbox
