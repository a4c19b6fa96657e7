// SPDX-License-Identifier: GPL-3.0-or-later
// A scripted fake Kafka Connect worker for tests: an HTTP/1.1 server on 127.0.0.1 (any free port) that
// answers each "VERB path?query" with the responses a test gave it and records every request it saw.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace cdc::testsupport {

class FakeConnect : public QObject
{
public:
    struct Response
    {
        int status = 200;
        QByteArray body;
        int delayMs = 0;             // answer after this long (a timeout test sets more than the client waits)
        bool dropConnection = false; // close the connection without answering
    };

    struct Seen
    {
        QByteArray verb;
        QString pathAndQuery; // as sent: percent-encoded, with the query
        QByteArray body;
        QByteArray authorization; // the Authorization header, empty when none
    };

    FakeConnect()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                accept(socket);
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    // Exact match on the percent-encoded path with its query ("/connectors?expand=status&expand=info").
    // A later `on` for the same key replaces what was there.
    void on(const QByteArray &verb, const QString &pathAndQuery, Response r)
    {
        m_script[key(verb, pathAndQuery)] = {r};
    }

    // Answers in turn; the last one repeats once the others are used up.
    void onSequence(const QByteArray &verb, const QString &pathAndQuery, QList<Response> rs)
    {
        m_script[key(verb, pathAndQuery)] = std::move(rs);
    }

    // For requests nobody scripted; by default 404 {"error_code":404,"message":"not found"}.
    void setFallback(Response r) { m_fallback = std::move(r); }

    QList<Seen> seen() const { return m_seen; }

    int count(const QByteArray &verb, const QString &pathAndQuery) const
    {
        int n = 0;
        for (const Seen &s : m_seen)
            n += s.verb == verb && s.pathAndQuery == pathAndQuery;
        return n;
    }

private:
    static QString key(const QByteArray &verb, const QString &pathAndQuery)
    {
        return QString::fromLatin1(verb) + u' ' + pathAndQuery;
    }

    void accept(QTcpSocket *socket)
    {
        socket->setParent(this);
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            serve(socket, *buffer);
        });
    }

    // Takes every complete request out of `buffer` (keep-alive: several may come on one connection).
    void serve(QTcpSocket *socket, QByteArray &buffer)
    {
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            qsizetype length = 0;
            QByteArray authorization;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                if (name == "content-length")
                    length = value.toLongLong();
                else if (name == "authorization")
                    authorization = value;
            }
            if (buffer.size() < headerEnd + 4 + length)
                return; // the body is still on its way
            Seen seen;
            seen.verb = requestLine.value(0);
            seen.pathAndQuery = QString::fromLatin1(requestLine.value(1));
            seen.body = buffer.mid(headerEnd + 4, length);
            seen.authorization = authorization;
            buffer.remove(0, headerEnd + 4 + length);
            m_seen << seen;
            respond(socket, next(key(seen.verb, seen.pathAndQuery)));
        }
    }

    Response next(const QString &k)
    {
        const auto it = m_script.find(k);
        if (it == m_script.end() || it->isEmpty())
            return m_fallback;
        if (it->size() > 1)
            return it->takeFirst();
        return it->first();
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 409: return "Conflict";
        case 422: return "Unprocessable Entity";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Status";
        }
    }

    void respond(QTcpSocket *socket, const Response &r)
    {
        QPointer<QTcpSocket> target(socket);
        auto write = [target, r] {
            if (!target)
                return;
            if (r.dropConnection) {
                target->abort();
                return;
            }
            const bool noBody = r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200);
            QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason(r.status) + "\r\n";
            out += "Content-Type: application/json\r\n";
            if (!noBody)
                out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
            out += "Connection: keep-alive\r\n\r\n";
            if (!noBody)
                out += r.body;
            target->write(out);
        };
        if (r.delayMs > 0)
            QTimer::singleShot(r.delayMs, socket, write);
        else
            write();
    }

    QTcpServer m_server;
    QHash<QString, QList<Response>> m_script;
    Response m_fallback{404, QByteArrayLiteral("{\"error_code\":404,\"message\":\"not found\"}")};
    QList<Seen> m_seen;
};

} // namespace cdc::testsupport

using cdc::testsupport::FakeConnect;
