// SPDX-License-Identifier: GPL-3.0-or-later
// The application's colour theme: follow the system, or a light or dark palette of our own; the
// choice is kept in the settings and applied to the whole application at once.
#pragma once

#include <QPalette>
#include <QString>

#include <functional>

class QMenu;

namespace cdc::ui {

enum class Theme { System, Light, Dark };

// "system", "light", "dark": the words kept in the settings; anything else reads as System.
QString themeName(Theme theme);
Theme themeFromName(const QString &name);

// A dark palette with every role set, readable at WCAG AA for normal text.
QPalette darkPalette();
// A light palette with every role set, whatever the system's palette is.
QPalette lightPalette();
// True when the palette's window is dark: text and lines over it need light colours.
bool isDarkPalette(const QPalette &palette);

// The theme kept in the settings (System when none was chosen), and keeping one.
Theme savedTheme();
void saveTheme(Theme theme);
// The palette of `theme`: System is the platform's own (QApplication's default).
QPalette themePalette(Theme theme);
// Sets the application palette of `theme`; every widget that follows the palette repaints.
void applyTheme(Theme theme);

// Fills `menu` with System, Light and Dark, one exclusive checkable group with the saved theme checked
// (object names "theme-system", ...). A choice is saved, then handed to `apply`.
void addThemeActions(QMenu *menu, const std::function<void(Theme)> &apply);

} // namespace cdc::ui
