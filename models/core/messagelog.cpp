// SPDX-License-Identifier: GPL-3.0-or-later
// The in-memory ring of recent log lines.
#include "messagelog.h"

#include <QDateTime>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

#include <deque>

namespace cdc::messagelog {

namespace {

struct Ring
{
    QMutex mutex;
    std::deque<QString> lines;
    int capacity = 0;
    QtMessageHandler previous = nullptr;
};

Ring &ring()
{
    static Ring r;
    return r;
}

QChar typeLetter(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return u'D';
    case QtInfoMsg: return u'I';
    case QtWarningMsg: return u'W';
    case QtCriticalMsg: return u'C';
    case QtFatalMsg: return u'F';
    }
    return u'?';
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString line = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")) + u' ' + typeLetter(type) +
                         u' ' + QLatin1String(context.category ? context.category : "default") + QStringLiteral(": ") +
                         maskSecrets(message);
    QtMessageHandler previous = nullptr;
    {
        Ring &r = ring();
        QMutexLocker lock(&r.mutex);
        r.lines.push_back(line);
        while (int(r.lines.size()) > r.capacity)
            r.lines.pop_front();
        previous = r.previous;
    }
    if (previous)
        previous(type, context, message);
}

} // namespace

void install(int capacity)
{
    Ring &r = ring();
    {
        QMutexLocker lock(&r.mutex);
        r.capacity = qMax(1, capacity);
    }
    QtMessageHandler previous = qInstallMessageHandler(handler);
    if (previous != handler) {
        QMutexLocker lock(&r.mutex);
        r.previous = previous;
    }
}

QStringList recent()
{
    Ring &r = ring();
    QMutexLocker lock(&r.mutex);
    return QStringList(r.lines.begin(), r.lines.end());
}

QString maskSecrets(const QString &line)
{
    // A key whose name says it holds a secret, then = or :, then a quoted or bare value.
    static const QRegularExpression secret(
        QStringLiteral(R"((["']?[\w.\-]*(?:password|passwd|secret|token|api[._-]?key|credentials)[\w.\-]*["']?)"
                       R"(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;}"']+))"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    for (auto it = secret.globalMatch(line); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString value = m.captured(2);
        const QChar quote = value.isEmpty() ? QChar() : value.front();
        const QString bare = (quote == u'"' || quote == u'\'') ? value.mid(1, value.size() - 2) : value;
        out += QStringView(line).mid(last, m.capturedStart(2) - last);
        if (bare.startsWith(QLatin1String("${")) || bare.isEmpty() || bare == QLatin1String("null"))
            out += value; // a reference names where the secret is; it is not the secret
        else if (quote == u'"' || quote == u'\'')
            out += quote + QStringLiteral("****") + quote;
        else
            out += QStringLiteral("****");
        last = m.capturedEnd(2);
    }
    out += QStringView(line).mid(last);
    return out;
}

} // namespace cdc::messagelog
