// SPDX-License-Identifier: GPL-3.0-or-later
// Picks a font that QFontInfo confirms is fixed-pitch; see monospacefont.h.
#include "common/monospacefont.h"

#include <QApplication>
#include <QFontDatabase>
#include <QFontInfo>

namespace cdc::ui {

namespace {

bool isFixedPitch(const QFont &font)
{
    return QFontInfo(font).fixedPitch();
}

QFont withApplicationSize(QFont font)
{
    const QFont base = QApplication::font();
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF());
    return font;
}

QFont hinted(const QString &family)
{
    QFont font(family);
    font.setStyleHint(QFont::Monospace, QFont::PreferMatch);
    font.setFixedPitch(true);
    return withApplicationSize(font);
}

} // namespace

QStringList monospaceFallbackFamilies()
{
    // fonts-dejavu-core (a dependency of fontconfig on Debian) first, then other Debian font packages.
    return {QStringLiteral("DejaVu Sans Mono"),
            QStringLiteral("Liberation Mono"),
            QStringLiteral("Noto Mono"),
            QStringLiteral("Noto Sans Mono"),
            QStringLiteral("Hack"),
            QStringLiteral("Ubuntu Mono"),
            QStringLiteral("FreeMono"),
            QStringLiteral("Courier New"),
            QStringLiteral("Courier")};
}

QFont monospaceFont()
{
    const QFont platform = withApplicationSize(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    if (isFixedPitch(platform))
        return platform;
    const QFont generic = hinted(QStringLiteral("monospace"));
    if (isFixedPitch(generic))
        return generic;
    for (const QString &family : monospaceFallbackFamilies()) {
        if (!QFontDatabase::hasFamily(family))
            continue;
        const QFont font = hinted(family);
        if (isFixedPitch(font))
            return font;
    }
    // Any installed family the font database knows to be fixed-pitch.
    for (const QString &family : QFontDatabase::families()) {
        if (QFontDatabase::isFixedPitch(family)) {
            const QFont font = hinted(family);
            if (isFixedPitch(font))
                return font;
        }
    }
    return generic;
}

QString monospaceStyleSheet()
{
    return QStringLiteral("pre, code, tt { font-family: '%1'; }").arg(QFontInfo(monospaceFont()).family());
}

} // namespace cdc::ui
