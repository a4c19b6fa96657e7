// SPDX-License-Identifier: GPL-3.0-or-later
// The addresses of a running local stack, as `stack/up` writes them (KEY=value lines in stack.env).
#pragma once

#include "core/result.h"

#include <QMap>
#include <QString>

namespace cdc {

class StackEnvironment
{
public:
    // $CDC_STACK_ENV if set, else $CDC_STACK_DIR/stack.env, else empty.
    static QString defaultPath();
    static Result<StackEnvironment> load(const QString &path);
    static Result<StackEnvironment> parse(const QByteArray &text, const QString &sourceName);

    QString value(const QString &key, const QString &fallback = {}) const { return m_values.value(key, fallback); }
    bool contains(const QString &key) const { return m_values.contains(key); }
    const QMap<QString, QString> &values() const { return m_values; }
    QString sourcePath() const { return m_sourcePath; }

private:
    QMap<QString, QString> m_values;
    QString m_sourcePath;
};

} // namespace cdc
