// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of Error values.
#include "result.h"

#include <QStringBuilder>

namespace cdc {

QString Error::toString() const
{
    QString text = where.isEmpty() ? what : where % QStringLiteral(": ") % what;
    if (!hint.isEmpty())
        text += QStringLiteral(" (") % hint % QStringLiteral(")");
    return text;
}

} // namespace cdc
