// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/secretreference.h"

#include <QFile>

namespace cdc {

bool isSecretReference(const QString &text)
{
    return (text.startsWith(QLatin1String("${env:")) || text.startsWith(QLatin1String("${file:"))) &&
           text.endsWith(QLatin1Char('}'));
}

Result<QString> resolveSecretReference(const QString &reference)
{
    if (!reference.startsWith(QStringLiteral("${")) || !reference.endsWith(QLatin1Char('}')))
        return reference;
    const QString body = reference.mid(2, reference.size() - 3);
    if (body.startsWith(QStringLiteral("env:"))) {
        const QString name = body.mid(4);
        if (name.isEmpty() || !qEnvironmentVariableIsSet(name.toLocal8Bit().constData()))
            return Error{QStringLiteral("The environment variable %1 is not set.").arg(name), reference,
                         QStringLiteral("Set it before starting CDC Studio, or use another secret reference.")};
        return qEnvironmentVariable(name.toLocal8Bit().constData());
    }
    if (body.startsWith(QStringLiteral("file:"))) {
        const QString rest = body.mid(5);
        const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == rest.size() - 1)
            return Error{QStringLiteral("A file reference needs a path and a key."), reference,
                         QStringLiteral("Write ${file:/path/to/file.properties:key}.")};
        const QString path = rest.left(colon);
        const QString key = rest.mid(colon + 1);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return Error{QStringLiteral("Cannot read the secrets file: %1.").arg(file.errorString()), path,
                         QStringLiteral("Check the path and the file's permissions.")};
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char('!')))
                continue;
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            if (eq > 0 && line.left(eq).trimmed() == key)
                return line.mid(eq + 1).trimmed();
        }
        return Error{QStringLiteral("The secrets file has no key \"%1\".").arg(key), path,
                     QStringLiteral("Add a line %1=... to the file, or correct the key.").arg(key)};
    }
    return reference;
}

} // namespace cdc
