// Presentation mode for a projector: the application font half as large again, a high-contrast
// palette, the window full screen with the canvas, Events and Lag (and Connectors) showing, the side
// panels hidden and toolbar text under the icons. Leaving puts every one of those back as it was.
#pragma once

#include <QByteArray>
#include <QFont>
#include <QHash>
#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QRect>
#include <QStringList>

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
    // Black on white with a saturated blue selection: readable on a washed-out projector.
    static QPalette highContrastPalette();

    explicit PresentationMode(QMainWindow *window, QObject *parent = nullptr);
    ~PresentationMode() override;

    void setActive(bool active);
    bool isActive() const { return m_active; }

Q_SIGNALS:
    void activeChanged(bool active);

private:
    void enter();
    void leave();
    void arrangeDocks();

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
    struct HeaderSizes
    {
        QPointer<QHeaderView> header;
        int defaultSize = 0;
        QList<int> sizes;
    };
    QList<HeaderSizes> m_headers; // column widths and row heights grow with the font
    QPointer<QSplitter> m_eventsSplitter;
    QList<int> m_eventsSplitterSizes;
};

} // namespace cdc::ui
