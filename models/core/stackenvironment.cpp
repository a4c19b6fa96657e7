// SPDX-License-Identifier: GPL-3.0-or-later
// Reading stack.env: KEY=value lines, '#' comments, optional quotes around values.
#include "stackenvironment.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

namespace cdc {

QString StackEnvironment::defaultPath()
{
    if (const QString env = qEnvironmentVariable("CDC_STACK_ENV"); !env.isEmpty())
        return env;
    if (const QString dir = qEnvironmentVariable("CDC_STACK_DIR"); !dir.isEmpty())
        return dir + QStringLiteral("/stack.env");
    return {};
}

Result<StackEnvironment> StackEnvironment::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("StackEnvironment", "Cannot read the stack's addresses: %1")
                         .arg(file.errorString()),
                     path, QCoreApplication::translate("StackEnvironment", "Start the stack with stack/up.")};
    return parse(file.readAll(), path);
}

Result<StackEnvironment> StackEnvironment::parse(const QByteArray &text, const QString &sourceName)
{
    static const QRegularExpression line(QStringLiteral(R"(^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$)"));
    StackEnvironment env;
    env.m_sourcePath = sourceName;
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines[i].trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        const auto match = line.match(trimmed);
        if (!match.hasMatch())
            return Error{QCoreApplication::translate("StackEnvironment", "Expected KEY=value."),
                         sourceName + QStringLiteral(":%1").arg(i + 1),
                         {}};
        QString value = match.captured(2).trimmed();
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        env.m_values.insert(match.captured(1), value);
    }
    return env;
}

} // namespace cdc
