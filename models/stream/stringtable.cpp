// SPDX-License-Identifier: GPL-3.0-or-later
// Interning under a mutex; the consumer thread keeps its own cache in front of it.
#include "stringtable.h"

#include <QMutexLocker>

namespace cdc::stream {

StringTable::StringTable()
{
    m_strings.emplace_back();
    m_index.insert(QString(), 0);
}

quint32 StringTable::intern(QByteArrayView utf8)
{
    return intern(QString::fromUtf8(utf8));
}

quint32 StringTable::intern(const QString &text)
{
    if (text.isEmpty())
        return 0;
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.constFind(text);
    if (it != m_index.cend())
        return it.value();
    const auto id = quint32(m_strings.size());
    m_strings.push_back(text);
    m_index.insert(text, id);
    return id;
}

QString StringTable::at(quint32 id) const
{
    QMutexLocker lock(&m_mutex);
    return id < m_strings.size() ? m_strings[id] : QString();
}

quint32 StringTable::size() const
{
    QMutexLocker lock(&m_mutex);
    return quint32(m_strings.size());
}

std::vector<QString> StringTable::copy() const
{
    QMutexLocker lock(&m_mutex);
    return m_strings;
}

} // namespace cdc::stream
