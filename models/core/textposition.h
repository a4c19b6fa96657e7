// SPDX-License-Identifier: GPL-3.0-or-later
// Where a parser stopped, as people look for it in an editor: "line L, column C".
#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace cdc {

// `offset` is the 1-based byte position parsers such as nlohmann/json report for an error.
QString lineColumnAt(const QByteArray &bytes, std::size_t offset);

} // namespace cdc
