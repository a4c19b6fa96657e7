// SPDX-License-Identifier: GPL-3.0-or-later
// Small monochrome icons drawn in the palette's button-text colour, so they read in the light and the
// dark theme alike (the style's own media and title-bar icons are black whatever the palette): pause,
// resume (play), stop and fit-to-window. bindGlyphIcon() draws one again whenever a widget's palette
// changes (View ▸ Theme, presentation mode's high contrast).
#pragma once

#include <QIcon>
#include <QPalette>

#include <functional>

class QWidget;

namespace cdc::ui {

enum class Glyph { Pause, Resume, Stop, Fit };

// `size`: the icon's size in device-independent pixels (drawn at twice that for high-DPI screens).
QIcon glyphIcon(Glyph glyph, const QPalette &palette, int size);

// Calls `apply` with the glyph in `widget`'s palette now and after each of its palette changes, for as
// long as `widget` lives. `size` 0: the style's toolbar icon size.
void bindGlyphIcon(QWidget *widget, Glyph glyph, std::function<void(const QIcon &)> apply, int size = 0);

} // namespace cdc::ui
