// SPDX-License-Identifier: GPL-3.0-or-later
// The light and dark palettes and the saved theme.
#include "theme.h"

#include "common/settingskeys.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCoreApplication>
#include <QMenu>
#include <QSettings>

namespace cdc::ui {

namespace {

// Sets `colour` for Active and Inactive, and `disabled` (when valid) for Disabled.
void set(QPalette &p, QPalette::ColorRole role, const QColor &colour, const QColor &disabled = {})
{
    p.setColor(QPalette::Active, role, colour);
    p.setColor(QPalette::Inactive, role, colour);
    p.setColor(QPalette::Disabled, role, disabled.isValid() ? disabled : colour);
}

} // namespace

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    case Theme::System: break;
    }
    return QStringLiteral("system");
}

Theme themeFromName(const QString &name)
{
    if (name == QLatin1String("light"))
        return Theme::Light;
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x6f, 0x72, 0x78);
    set(p, QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    set(p, QPalette::WindowText, text, disabledText);
    set(p, QPalette::Base, QColor(0x1e, 0x1f, 0x22), QColor(0x2b, 0x2d, 0x31));
    set(p, QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    set(p, QPalette::Text, text, disabledText);
    set(p, QPalette::Button, QColor(0x34, 0x37, 0x3c));
    set(p, QPalette::ButtonText, text, disabledText);
    set(p, QPalette::BrightText, Qt::white);
    set(p, QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd), QColor(0x45, 0x48, 0x4e));
    set(p, QPalette::HighlightedText, Qt::white, disabledText);
    set(p, QPalette::Link, QColor(0x6c, 0xb0, 0xff));
    set(p, QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xf5));
    set(p, QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3), disabledText);
    set(p, QPalette::ToolTipBase, QColor(0x34, 0x37, 0x3c));
    set(p, QPalette::ToolTipText, text);
    // The bevels Fusion draws frames and handles with: lighter than the window above, darker below.
    set(p, QPalette::Light, QColor(0x4a, 0x4d, 0x53));
    set(p, QPalette::Midlight, QColor(0x3d, 0x40, 0x45));
    set(p, QPalette::Mid, QColor(0x24, 0x26, 0x29));
    set(p, QPalette::Dark, QColor(0x1a, 0x1b, 0x1e));
    set(p, QPalette::Shadow, QColor(0x0d, 0x0e, 0x10));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    const QColor text(0x1f, 0x23, 0x28);
    const QColor disabledText(0x8c, 0x90, 0x96);
    set(p, QPalette::Window, QColor(0xef, 0xef, 0xef));
    set(p, QPalette::WindowText, text, disabledText);
    set(p, QPalette::Base, Qt::white, QColor(0xef, 0xef, 0xef));
    set(p, QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7));
    set(p, QPalette::Text, text, disabledText);
    set(p, QPalette::Button, QColor(0xef, 0xef, 0xef));
    set(p, QPalette::ButtonText, text, disabledText);
    set(p, QPalette::BrightText, Qt::white);
    set(p, QPalette::Highlight, QColor(0x30, 0x8c, 0xc6), QColor(0x91, 0x91, 0x91));
    set(p, QPalette::HighlightedText, Qt::white);
    set(p, QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    set(p, QPalette::LinkVisited, QColor(0x6a, 0x3d, 0xa8));
    set(p, QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x80), disabledText);
    set(p, QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    set(p, QPalette::ToolTipText, Qt::black);
    set(p, QPalette::Light, Qt::white);
    set(p, QPalette::Midlight, QColor(0xe3, 0xe3, 0xe3));
    set(p, QPalette::Mid, QColor(0xa0, 0xa0, 0xa0));
    set(p, QPalette::Dark, QColor(0x9f, 0x9f, 0x9f));
    set(p, QPalette::Shadow, QColor(0x76, 0x76, 0x76));
    return p;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

Theme savedTheme()
{
    return themeFromName(QSettings().value(settings::theme()).toString());
}

void saveTheme(Theme theme)
{
    QSettings().setValue(settings::theme(), themeName(theme));
}

QPalette themePalette(Theme theme)
{
    switch (theme) {
    case Theme::Light: return lightPalette();
    case Theme::Dark: return darkPalette();
    case Theme::System: break;
    }
    // An unresolved palette: Qt 6 resolves it against the platform theme's and the style's own.
    QPalette system;
    system.setResolveMask(0);
    return system;
}

void applyTheme(Theme theme)
{
    QApplication::setPalette(themePalette(theme));
}

void addThemeActions(QMenu *menu, const std::function<void(Theme)> &apply)
{
    auto *group = new QActionGroup(menu);
    group->setExclusive(true);
    const Theme saved = savedTheme();
    const std::pair<Theme, QString> choices[] = {{Theme::System, QCoreApplication::translate("Theme", "&System")},
                                                 {Theme::Light, QCoreApplication::translate("Theme", "&Light")},
                                                 {Theme::Dark, QCoreApplication::translate("Theme", "&Dark")}};
    for (const auto &[theme, text] : choices) {
        QAction *action = menu->addAction(text);
        action->setObjectName(QStringLiteral("theme-") + themeName(theme));
        action->setCheckable(true);
        action->setChecked(theme == saved);
        action->setActionGroup(group);
        action->setStatusTip(
            theme == Theme::System  ? QCoreApplication::translate("Theme", "Colours of the desktop's own theme")
            : theme == Theme::Light ? QCoreApplication::translate("Theme", "Dark text on light panels")
                                    : QCoreApplication::translate("Theme", "Light text on dark panels"));
        QObject::connect(action, &QAction::triggered, menu, [theme, apply] {
            saveTheme(theme);
            apply(theme);
        });
    }
}

} // namespace cdc::ui
