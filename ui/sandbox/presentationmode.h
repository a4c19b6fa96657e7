// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode for a projector: the window full screen, the application font half as large again
// (tables, charts and docks follow it; the canvas zooms by the same factor), a high-contrast palette in
// the theme's lightness, the canvas, Events and Lag (and Connectors) showing, the side panels hidden and
// toolbar text under the icons. Esc, F11 or the menu bar's "Exit Presentation" leave it, and leaving
// puts every one of those back as it was.
#pragma once

#include "common/theme.h"

#include <QByteArray>
#include <QFont>
#include <QHash>
#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QRect>
#include <QStringList>
#include <QToolButton>
#include <QTransform>

class QGraphicsView;
class QHeaderView;
class QMainWindow;
class QSplitter;
class QToolBar;

namespace cdc::ui {

class PresentationMode : public QObject
{
    Q_OBJECT

public:
    static constexpr double kFontScale = 1.5;
    // The docks presentation mode shows; every other dock is hidden while it is on.
    static const QStringList &shownDocks();
    // Black on white with a saturated blue selection, or white on black when `dark`: readable on a
    // washed-out projector.
    static QPalette highContrastPalette(bool dark = false);

    explicit PresentationMode(QMainWindow *window, QObject *parent = nullptr);
    ~PresentationMode() override;

    void setActive(bool active);
    bool isActive() const { return m_active; }
    // The theme chosen in View ▸ Theme: applied now, or, while presenting, the high-contrast palette of
    // its lightness now and the theme itself on leaving.
    void applyTheme(Theme theme);
    // The menu bar's "Exit Presentation" button while presentation mode is on, else null.
    QToolButton *exitButton() const { return m_exitButton; }

Q_SIGNALS:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void enter();
    void leave();
    void arrangeDocks();
    void fillScreen();
    void zoomCanvas();
    void restoreMinimumSizes();
    QGraphicsView *canvas() const;

    QMainWindow *m_window;
    bool m_active = false;
    // What leaving restores.
    QFont m_font;
    QPalette m_palette;
    QByteArray m_geometry;
    QRect m_normalGeometry;
    QByteArray m_state;
    Qt::WindowStates m_windowState;
    QHash<QToolBar *, Qt::ToolButtonStyle> m_toolButtonStyles;
    QFont m_canvasFont;
    bool m_canvasFontSet = false;
    QTransform m_canvasTransform;
    QPoint m_canvasScroll;
    struct HeaderSizes
    {
        QPointer<QHeaderView> header;
        int defaultSize = 0;
        QList<int> sizes;
    };
    QList<HeaderSizes> m_headers; // column widths and row heights grow with the font
    QList<std::pair<QPointer<QWidget>, QSize>>
        m_minimumSizes; // the docks' and their contents': the larger type grows them
    QPointer<QSplitter> m_eventsSplitter;
    QList<int> m_eventsSplitterSizes;
    QPointer<QWidget> m_cornerWidget; // the menu bar's corner before the exit button took it
    QPointer<QToolButton> m_exitButton;
};

} // namespace cdc::ui
