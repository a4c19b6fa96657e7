// Presentation mode: what entering changes and leaving restores, in one place.
#include "presentationmode.h"

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>

namespace cdc::ui {

namespace {
// Layout-state version of our own: presentation mode's saveState is never mixed with the settings'.
constexpr int kStateVersion = 0x5e55;
} // namespace

const QStringList &PresentationMode::shownDocks()
{
    // The Unified Consumer is a tab beside Events: the demo ends at its two rows.
    static const QStringList names{QStringLiteral("eventsDock"), QStringLiteral("lagDock"),
                                   QStringLiteral("connectorsDock"), QStringLiteral("consumerDock")};
    return names;
}

QPalette PresentationMode::highContrastPalette()
{
    QPalette p;
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    p.setColor(QPalette::Window, QColor(0xf4, 0xf4, 0xf4));
    p.setColor(QPalette::WindowText, black);
    p.setColor(QPalette::Base, white);
    p.setColor(QPalette::AlternateBase, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Text, black);
    p.setColor(QPalette::Button, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::ButtonText, black);
    p.setColor(QPalette::BrightText, white);
    p.setColor(QPalette::Highlight, QColor(0x00, 0x3d, 0xb8));
    p.setColor(QPalette::HighlightedText, white);
    p.setColor(QPalette::Link, QColor(0x00, 0x3d, 0xb8));
    p.setColor(QPalette::PlaceholderText, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe0));
    p.setColor(QPalette::ToolTipText, black);
    p.setColor(QPalette::Light, white);
    p.setColor(QPalette::Midlight, QColor(0xd0, 0xd0, 0xd0));
    p.setColor(QPalette::Mid, QColor(0x70, 0x70, 0x70));
    p.setColor(QPalette::Dark, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::Shadow, black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x50, 0x50, 0x50));
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
    QApplication::setPalette(highContrastPalette());
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
    for (QDockWidget *dock : docks) {
        const bool shown = shownDocks().contains(dock->objectName());
        dock->setVisible(shown);
    }
    // The events table over its details pane: the table is what the room reads.
    if (auto *events = m_window->findChild<QDockWidget *>(QStringLiteral("eventsDock"))) {
        events->raise();
        m_eventsSplitter = events->findChild<QSplitter *>();
        if (m_eventsSplitter) {
            m_eventsSplitterSizes = m_eventsSplitter->sizes();
            if (m_eventsSplitter->count() == 2)
                m_eventsSplitter->setSizes({3000, 1000});
        }
    }
    const auto bars = m_window->findChildren<QToolBar *>(QString(), Qt::FindDirectChildrenOnly);
    for (QToolBar *bar : bars) {
        m_toolButtonStyles.insert(bar, bar->toolButtonStyle());
        bar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    }
    m_window->setWindowState(m_window->windowState() | Qt::WindowFullScreen);
    QTimer::singleShot(50, this, &PresentationMode::arrangeDocks); // once full screen has its size
}

void PresentationMode::arrangeDocks()
{
    if (!m_active)
        return;
    auto *events = m_window->findChild<QDockWidget *>(QStringLiteral("eventsDock"));
    auto *lag = m_window->findChild<QDockWidget *>(QStringLiteral("lagDock"));
    auto *connectors = m_window->findChild<QDockWidget *>(QStringLiteral("connectorsDock"));
    if (connectors && connectors->isVisible())
        m_window->resizeDocks({connectors}, {m_window->width() / 4}, Qt::Horizontal);
    if (events && lag)
        m_window->resizeDocks({events, lag}, {3, 2}, Qt::Horizontal);
    if (events)
        m_window->resizeDocks({events}, {m_window->height() * 2 / 5}, Qt::Vertical);
    if (m_eventsSplitter && m_eventsSplitter->count() == 2)
        m_eventsSplitter->setSizes({3000, 1000});
}

void PresentationMode::leave()
{
    QApplication::setFont(m_font);
    QApplication::setPalette(m_palette);
    if (QWidget *canvas = m_window->centralWidget())
        canvas->setFont(m_canvasFontSet ? m_canvasFont : QFont());
    for (const HeaderSizes &saved : std::as_const(m_headers)) {
        if (!saved.header)
            continue;
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
    m_window->setWindowState(m_windowState);
    // A normal window goes back to exactly where it was; restoreGeometry() may move it by the frame.
    if (m_windowState & (Qt::WindowMaximized | Qt::WindowFullScreen))
        m_window->restoreGeometry(m_geometry);
    else
        m_window->setGeometry(m_normalGeometry);
    m_window->restoreState(m_state, kStateVersion);
}

} // namespace cdc::ui
