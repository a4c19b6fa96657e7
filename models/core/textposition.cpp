// SPDX-License-Identifier: GPL-3.0-or-later
// Line and column of a byte position.
#include "textposition.h"

#include <QCoreApplication>

namespace cdc {

QString lineColumnAt(const QByteArray &bytes, std::size_t offset)
{
    int line = 1;
    int column = 1;
    const auto end = std::min<qsizetype>(static_cast<qsizetype>(offset), bytes.size());
    for (qsizetype i = 0; i + 1 < end; ++i) {
        if (bytes.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QCoreApplication::translate("TextPosition", "line %1, column %2").arg(line).arg(column);
}

} // namespace cdc
