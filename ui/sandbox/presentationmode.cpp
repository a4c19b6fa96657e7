// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode: what entering changes and leaving restores, in one place.
#include "presentationmode.h"

#include "topology/topologyscene.h"

#include <QApplication>
#include <QDockWidget>
#include <QGraphicsView>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLayout>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

namespace cdc::ui {

namespace {
// Layout-state version of our own: presentation mode's saveState is never mixed with the settings'.
constexpr int kStateVersion = 0x5e55;
// Once full screen has its size (a window manager takes a moment), the docks and the canvas are laid out.
constexpr int kSettleMs = 50;
constexpr qreal kCanvasMargin = 40;
// From this screen width on, Connectors stays beside the canvas; below it, it is a tab beside Events.
constexpr int kConnectorsBesideCanvasWidth = 1600;
} // namespace

const QStringList &PresentationMode::shownDocks()
{
    // The Unified Consumer is a tab beside Events: the demo ends at its two rows.
    static const QStringList names{QStringLiteral("eventsDock"), QStringLiteral("lagDock"),
                                   QStringLiteral("connectorsDock"), QStringLiteral("consumerDock")};
    return names;
}

QPalette PresentationMode::highContrastPalette(bool dark)
{
    QPalette p;
    const QColor ink = dark ? QColor(Qt::white) : QColor(Qt::black);
    const QColor paper = dark ? QColor(Qt::black) : QColor(Qt::white);
    const QColor accent = dark ? QColor(0x5c, 0xa8, 0xff) : QColor(0x00, 0x3d, 0xb8);
    auto grey = [dark](int light) {
        return dark ? QColor(255 - light, 255 - light, 255 - light) : QColor(light, light, light);
    };
    p.setColor(QPalette::Window, grey(0xf4));
    p.setColor(QPalette::WindowText, ink);
    p.setColor(QPalette::Base, paper);
    p.setColor(QPalette::AlternateBase, grey(0xe8));
    p.setColor(QPalette::Text, ink);
    p.setColor(QPalette::Button, grey(0xe6));
    p.setColor(QPalette::ButtonText, ink);
    p.setColor(QPalette::BrightText, paper);
    p.setColor(QPalette::Highlight, dark ? QColor(0x1f, 0x6f, 0xeb) : accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::PlaceholderText, grey(0x40));
    p.setColor(QPalette::ToolTipBase, dark ? QColor(0x20, 0x20, 0x20) : QColor(0xff, 0xff, 0xe0));
    p.setColor(QPalette::ToolTipText, ink);
    p.setColor(QPalette::Light, dark ? grey(0xb0) : paper);
    p.setColor(QPalette::Midlight, grey(0xd0));
    p.setColor(QPalette::Mid, grey(0x70));
    p.setColor(QPalette::Dark, grey(0x30));
    p.setColor(QPalette::Shadow, dark ? QColor(0x00, 0x00, 0x00) : ink);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, grey(0x50));
    return p;
}

PresentationMode::PresentationMode(QMainWindow *window, QObject *parent) : QObject(parent), m_window(window) {}

PresentationMode::~PresentationMode()
{
    // The application font and palette outlive the window: never leave them enlarged.
    if (m_active) {
        QApplication::setFont(m_font);
        QApplication::setPalette(m_palette);
    }
    delete m_exitButton;
}

QGraphicsView *PresentationMode::canvas() const
{
    return qobject_cast<QGraphicsView *>(m_window->centralWidget());
}

void PresentationMode::applyTheme(Theme theme)
{
    if (!m_active) {
        ui::applyTheme(theme);
        return;
    }
    // The theme's palette resolved by the application (System is the platform's), kept for leaving.
    ui::applyTheme(theme);
    const bool dark = isDarkPalette(QApplication::palette());
    m_palette = QApplication::palette();
    QApplication::setPalette(highContrastPalette(dark));
}

bool PresentationMode::eventFilter(QObject *watched, QEvent *event)
{
    // Esc reaches the window only when no widget took it (a filter's Esc clears the filter first).
    if (m_active && watched == m_window && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape &&
        static_cast<QKeyEvent *>(event)->modifiers() == Qt::NoModifier) {
        setActive(false);
        return true;
    }
    if (m_active && event->type() == QEvent::Resize && canvas() && watched == canvas()->viewport())
        QTimer::singleShot(0, this, &PresentationMode::zoomCanvas);
    return QObject::eventFilter(watched, event);
}

void PresentationMode::setActive(bool active)
{
    if (active == m_active)
        return;
    if (active)
        enter();
    else
        leave();
    m_active = active;
    Q_EMIT activeChanged(active);
}

void PresentationMode::enter()
{
    m_font = QApplication::font();
    m_palette = QApplication::palette();
    m_geometry = m_window->saveGeometry();
    m_normalGeometry = m_window->geometry();
    m_state = m_window->saveState(kStateVersion);
    m_windowState = m_window->windowState();
    m_toolButtonStyles.clear();
    if (QGraphicsView *view = canvas()) {
        m_canvasTransform = view->transform();
        m_canvasScroll = {view->horizontalScrollBar()->value(), view->verticalScrollBar()->value()};
        // Where the screen is too narrow for the whole pipeline at the factor, its names grow instead.
        if (auto *scene = qobject_cast<TopologyScene *>(view->scene()))
            scene->setReadableTextScale(kFontScale);
    }

    QFont larger = m_font;
    if (larger.pointSizeF() > 0)
        larger.setPointSizeF(larger.pointSizeF() * kFontScale);
    else
        larger.setPixelSize(int(larger.pixelSize() * kFontScale));
    // The canvas keeps its font (its nodes have fixed sizes) and is zoomed instead.
    if (QWidget *canvas = m_window->centralWidget()) {
        m_canvasFontSet = canvas->testAttribute(Qt::WA_SetFont);
        m_canvasFont = canvas->font();
        canvas->setFont(m_font);
    }
    QApplication::setFont(larger);
    QApplication::setPalette(highContrastPalette(isDarkPalette(m_palette)));
    // Tables size their columns and rows from the font once: they grow with it here.
    m_headers.clear();
    const auto headers = m_window->findChildren<QHeaderView *>();
    for (QHeaderView *header : headers) {
        HeaderSizes saved{header, header->defaultSectionSize(), {}};
        for (int i = 0; i < header->count(); ++i)
            saved.sizes << header->sectionSize(i);
        m_headers << saved;
        header->setDefaultSectionSize(int(header->defaultSectionSize() * kFontScale));
        if (header->orientation() == Qt::Horizontal) {
            for (int i = 0; i < header->count(); ++i)
                header->resizeSection(i, int(saved.sizes.at(i) * kFontScale));
        }
    }

    const auto docks = m_window->findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly);
    m_minimumSizes.clear();
    for (QDockWidget *dock : docks) {
        m_minimumSizes.append({dock, dock->minimumSize()});
        if (dock->widget())
            m_minimumSizes.append({dock->widget(), dock->widget()->minimumSize()});
        const bool shown = shownDocks().contains(dock->objectName());
        dock->setVisible(shown);
    }
    auto *events = m_window->findChild<QDockWidget *>(QStringLiteral("eventsDock"));
    // The events table over its details pane: the table is what the room reads.
    if (events) {
        events->raise();
        m_eventsSplitter = events->findChild<QSplitter *>();
        if (m_eventsSplitter) {
            m_eventsSplitterSizes = m_eventsSplitter->sizes();
            if (m_eventsSplitter->count() == 2)
                m_eventsSplitter->setSizes({3000, 1000});
        }
    }
    // The sandbox's toolbar, text under its icons; the main toolbar's file and edit commands stay in the
    // menus, leaving the canvas its height.
    const auto bars = m_window->findChildren<QToolBar *>(QString(), Qt::FindDirectChildrenOnly);
    for (QToolBar *bar : bars) {
        m_toolButtonStyles.insert(bar, bar->toolButtonStyle());
        bar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
        if (bar->objectName() == QLatin1String("mainToolBar"))
            bar->hide();
    }
    // A visible way back, at the menu bar's right end: the toolbar's toggle reads like any other button.
    QMenuBar *menuBar = m_window->menuBar();
    m_cornerWidget = menuBar->cornerWidget(Qt::TopRightCorner);
    m_exitButton = new QToolButton(menuBar);
    m_exitButton->setObjectName(QStringLiteral("exitPresentation"));
    m_exitButton->setText(tr("Exit Presentation (Esc)"));
    m_exitButton->setToolTip(tr("Leave presentation mode: the window, its panels and its text as before (Esc or F11)"));
    m_exitButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_exitButton->setAutoRaise(false);
    connect(m_exitButton, &QToolButton::clicked, this, [this] { setActive(false); });
    menuBar->setCornerWidget(m_exitButton, Qt::TopRightCorner);
    m_exitButton->show();
    m_window->installEventFilter(this);
    if (QGraphicsView *view = canvas())
        view->viewport()->installEventFilter(this); // the zoom follows the canvas's size as the docks settle

    m_window->showFullScreen();
    // Twice: the docks' minimum widths are known once the larger font is laid out, and the window can
    // take the screen's size once the docks fit in it.
    QTimer::singleShot(kSettleMs, this, [this] {
        arrangeDocks();
        QTimer::singleShot(kSettleMs, this, [this] {
            fillScreen();
            arrangeDocks();
            zoomCanvas();
        });
    });
}

void PresentationMode::fillScreen()
{
    if (!m_active)
        return;
    // With no window manager (a bare X server, a kiosk) the full-screen request is not honoured:
    // take the screen ourselves.
    QScreen *screen = m_window->screen();
    if (screen && m_window->geometry() != screen->geometry())
        m_window->setGeometry(screen->geometry());
}

void PresentationMode::zoomCanvas()
{
    QGraphicsView *view = canvas();
    if (!m_active || !view || !view->scene() || view->scene()->items().isEmpty())
        return;
    // As zoom-to-fit does, but up to the font's factor rather than 100 %: the pipeline as large as the
    // room reads it and never cut off.
    const QRectF bounds =
        view->scene()->itemsBoundingRect().adjusted(-kCanvasMargin, -kCanvasMargin, kCanvasMargin, kCanvasMargin);
    view->fitInView(bounds, Qt::KeepAspectRatio);
    const qreal zoom = std::min(view->transform().m11(), kFontScale);
    view->setTransform(QTransform::fromScale(zoom, zoom));
    view->centerOn(bounds.center());
}

void PresentationMode::arrangeDocks()
{
    if (!m_active)
        return;
    auto *events = m_window->findChild<QDockWidget *>(QStringLiteral("eventsDock"));
    auto *lag = m_window->findChild<QDockWidget *>(QStringLiteral("lagDock"));
    auto *connectors = m_window->findChild<QDockWidget *>(QStringLiteral("connectorsDock"));
    const int screenWidth = m_window->screen() ? m_window->screen()->geometry().width() : m_window->width();
    // Below a wide screen the canvas takes the whole width (the pipeline as large as the room can read
    // it) and Connectors is a tab beside Events: the nodes show each connector's state anyway.
    if (connectors && events && screenWidth < kConnectorsBesideCanvasWidth &&
        !m_window->tabifiedDockWidgets(events).contains(connectors)) {
        m_window->tabifyDockWidget(events, connectors);
        events->raise();
    }
    // Events and Lag side by side when both fit across the screen in the larger type (with Connectors
    // beside the canvas when it is), else Lag a tab beside Events: a window wider than the screen would
    // cut off its right side.
    if (events && lag && !m_window->tabifiedDockWidgets(events).contains(lag)) {
        int eventsWidth = events->minimumSizeHint().width();
        for (QDockWidget *tab : m_window->tabifiedDockWidgets(events))
            eventsWidth = std::max(eventsWidth, tab->minimumSizeHint().width());
        int needed = eventsWidth + lag->minimumSizeHint().width();
        if (connectors && connectors->isVisible() && !m_window->tabifiedDockWidgets(events).contains(connectors))
            needed += connectors->minimumSizeHint().width();
        // The sum is an estimate (separators and frames come on top, and fonts differ between machines):
        // the window's own minimum decides too.
        auto tooWide = [this, screenWidth] {
            if (QLayout *layout = m_window->layout())
                layout->invalidate();
            return m_window->minimumSizeHint().width() > screenWidth;
        };
        if (needed > screenWidth || tooWide()) {
            m_window->tabifyDockWidget(events, lag);
            events->raise();
        }
    }
    // The Connectors dock as wide as its toolbar wants (its cluster box unclipped), within reason.
    if (connectors && connectors->isVisible() && !m_window->tabifiedDockWidgets(events).contains(connectors))
        m_window->resizeDocks(
            {connectors},
            {std::clamp(connectors->sizeHint().width(), m_window->width() / 4, m_window->width() * 2 / 5)},
            Qt::Horizontal);
    if (events && lag && !m_window->tabifiedDockWidgets(events).contains(lag))
        m_window->resizeDocks({events, lag}, {3, 2}, Qt::Horizontal);
    if (events)
        m_window->resizeDocks({events}, {m_window->height() * 2 / 5}, Qt::Vertical);
    if (m_eventsSplitter && m_eventsSplitter->count() == 2)
        m_eventsSplitter->setSizes({3000, 1000});
}

void PresentationMode::restoreMinimumSizes()
{
    // The docks' layouts keep their contents' larger minimums until told: the window's minimum would stay
    // the larger type's, and the window wider than it was.
    for (const auto &[widget, size] : std::as_const(m_minimumSizes)) {
        if (widget)
            widget->setMinimumSize(size);
    }
    // And their layouts' cached sizes, which the font's change does not reach in a hidden page of a stack
    // (whose minimum still counts).
    const auto docks = m_window->findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly);
    for (QDockWidget *dock : docks) {
        const auto widgets = dock->findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            if (QLayout *layout = widget->layout())
                layout->invalidate();
            widget->updateGeometry();
        }
    }
}

void PresentationMode::leave()
{
    m_window->removeEventFilter(this);
    if (QGraphicsView *view = canvas())
        view->viewport()->removeEventFilter(this);
    if (m_exitButton) {
        m_window->menuBar()->setCornerWidget(m_cornerWidget, Qt::TopRightCorner);
        m_exitButton->hide();
        m_exitButton->deleteLater();
        m_exitButton = nullptr;
    }
    QApplication::setFont(m_font);
    QApplication::setPalette(m_palette);
    if (QWidget *canvas = m_window->centralWidget())
        canvas->setFont(m_canvasFontSet ? m_canvasFont : QFont());
    if (QGraphicsView *view = canvas()) {
        if (auto *scene = qobject_cast<TopologyScene *>(view->scene()))
            scene->setReadableTextScale(1.0);
    }
    for (const HeaderSizes &saved : std::as_const(m_headers)) {
        if (!saved.header)
            continue;
        // The header's own minimum follows its font and may still be the large one's: the sizes would
        // be clamped to it, and the table keep its taller rows and wider columns.
        int smallest = saved.defaultSize;
        for (int size : saved.sizes) {
            if (size > 0) // a hidden section's
                smallest = std::min(smallest, size);
        }
        if (saved.header->minimumSectionSize() > smallest)
            saved.header->setMinimumSectionSize(smallest);
        saved.header->setDefaultSectionSize(saved.defaultSize);
        if (saved.header->orientation() == Qt::Horizontal) {
            for (int i = 0; i < saved.sizes.size() && i < saved.header->count(); ++i)
                saved.header->resizeSection(i, saved.sizes.at(i));
        }
    }
    m_headers.clear();
    if (m_eventsSplitter)
        m_eventsSplitter->setSizes(m_eventsSplitterSizes);
    for (auto it = m_toolButtonStyles.cbegin(); it != m_toolButtonStyles.cend(); ++it)
        it.key()->setToolButtonStyle(it.value());
    m_toolButtonStyles.clear();
    restoreMinimumSizes();
    if (QLayout *layout = m_window->layout())
        layout->activate();
    m_window->setWindowState(m_windowState);
    // A normal window goes back to exactly where it was; restoreGeometry() may move it by the frame.
    if (m_windowState & (Qt::WindowMaximized | Qt::WindowFullScreen))
        m_window->restoreGeometry(m_geometry);
    else
        m_window->setGeometry(m_normalGeometry);
    m_window->restoreState(m_state, kStateVersion);
    // The canvas as it was: its zoom now, its scroll position once the window has its old size back.
    if (QGraphicsView *view = canvas())
        view->setTransform(m_canvasTransform);
    QTimer::singleShot(kSettleMs, this, [this] {
        if (m_active)
            return;
        // Again once the smaller type is laid out: the window's minimum was the larger type's above.
        restoreMinimumSizes();
        m_minimumSizes.clear();
        if (QLayout *layout = m_window->layout())
            layout->activate();
        // A maximised window too: with no window manager to place it (a bare X server, a kiosk),
        // restoreGeometry() leaves it a frame's height lower, its status bar below the screen.
        if (m_window->geometry() != m_normalGeometry)
            m_window->setGeometry(m_normalGeometry);
        m_window->restoreState(m_state, kStateVersion); // the docks' sizes, now that their minimums shrank
        if (m_eventsSplitter)
            m_eventsSplitter->setSizes(m_eventsSplitterSizes);
        // The canvas's scroll position once its viewport has its old size again (the view keeps its centre
        // on a resize).
        if (QLayout *layout = m_window->layout())
            layout->activate();
        if (QGraphicsView *view = canvas()) {
            view->horizontalScrollBar()->setValue(m_canvasScroll.x());
            view->verticalScrollBar()->setValue(m_canvasScroll.y());
        }
    });
}

} // namespace cdc::ui
