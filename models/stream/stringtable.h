// SPDX-License-Identifier: GPL-3.0-or-later
// Interned short strings (topics, tables, aggregate types, event types, problems) shared by the
// consumer thread, which adds them, and the readers, which look them up by id. Ids never change.
#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QMutex>
#include <QString>

#include <vector>

namespace cdc::stream {

class StringTable
{
public:
    StringTable();

    // The id of `text` (UTF-8), added when new. Thread-safe.
    quint32 intern(QByteArrayView utf8);
    quint32 intern(const QString &text);
    // The string for `id`; empty for 0 or an unknown id. Thread-safe.
    QString at(quint32 id) const;
    // How many ids exist (ids are 0 .. size()-1). Thread-safe.
    quint32 size() const;
    // All strings at once, for readers that look up many ids (a filter over a million events).
    std::vector<QString> copy() const;

private:
    mutable QMutex m_mutex;
    std::vector<QString> m_strings;
    QHash<QString, quint32> m_index;
};

} // namespace cdc::stream
