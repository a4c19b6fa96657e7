// SPDX-License-Identifier: GPL-3.0-or-later
// The fixed-pitch font of code, traces, offsets, raw bytes, JSON and diffs, on every platform.
#pragma once

#include <QFont>
#include <QStringList>

namespace cdc::ui {

// A fixed-pitch font at the application's point size. The platform's fixed font is not always
// fixed-pitch (the offscreen platform, minimal systems), so each candidate is checked with
// QFontInfo: the platform's fixed font, then the Monospace style hint, then the families Debian's
// font packages provide. When none is fixed-pitch, the last resort still carries the hint.
QFont monospaceFont();

// The families tried after the platform's fixed font and the style hint, in order.
QStringList monospaceFallbackFamilies();

// A CSS rule that sets `pre`, `code` and `tt` in rich text (QTextBrowser, QLabel) to monospaceFont().
QString monospaceStyleSheet();

} // namespace cdc::ui
