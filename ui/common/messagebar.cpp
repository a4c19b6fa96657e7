// SPDX-License-Identifier: GPL-3.0-or-later
// The in-panel message bar.
#include "messagebar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace cdc::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
    , m_hideTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("messageBarText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this message"));
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clearMessage);
    m_hideTimer->setSingleShot(true);
    m_hideTimer->setInterval(6000);
    connect(m_hideTimer, &QTimer::timeout, this, &MessageBar::clearMessage);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 2, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_text->setText(text);
    m_text->setToolTip(text); // whole, also when a short dock leaves the bar one line
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()
                          ->standardIcon(kind == Kind::Error     ? QStyle::SP_MessageBoxCritical
                                         : kind == Kind::Warning ? QStyle::SP_MessageBoxWarning
                                                                 : QStyle::SP_MessageBoxInformation)
                          .pixmap(size, size));
    applyColors();
    show();
    if (kind == Kind::Information)
        m_hideTimer->start();
    else
        m_hideTimer->stop();
}

void MessageBar::clearMessage()
{
    m_hideTimer->stop();
    m_text->clear();
    m_text->setToolTip({});
    hide();
}

QSize MessageBar::minimumSizeHint() const
{
    return {QFrame::minimumSizeHint().width(), 0};
}

QSize MessageBar::sizeHint() const
{
    const QSize base = QFrame::sizeHint();
    const int w = width() > 0 ? width() : base.width();
    return {base.width(), std::max(base.height(), layout()->heightForWidth(w))};
}

void MessageBar::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry(); // the text needs another height at this width
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // A new theme reaches this bar as a palette change: tint the new window colour, not the old one.
    if (event->type() == QEvent::PaletteChange && !m_applyingColors)
        applyColors();
}

void MessageBar::applyColors()
{
    // A tint of the kind's colour over the window colour: readable in light and dark palettes.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    const QColor window = base.color(QPalette::Window);
    const QColor accent = m_kind == Kind::Error     ? QColor(0xd9, 0x30, 0x25)
                          : m_kind == Kind::Warning ? QColor(0xe3, 0x9b, 0x00)
                                                    : QColor(0x33, 0x6b, 0xd6);
    const qreal alpha = 0.18;
    const QColor tint = QColor::fromRgbF(window.redF() * (1 - alpha) + accent.redF() * alpha,
                                         window.greenF() * (1 - alpha) + accent.greenF() * alpha,
                                         window.blueF() * (1 - alpha) + accent.blueF() * alpha);
    QPalette p = palette();
    p.setResolveMask(0); // only the roles below are the bar's own; the rest follow the theme
    p.setColor(QPalette::Window, tint);
    p.setColor(QPalette::WindowText, base.color(QPalette::WindowText));
    p.setColor(QPalette::Mid, accent);
    p.setColor(QPalette::Dark, accent);
    p.setColor(QPalette::Light, accent);
    m_applyingColors = true;
    setPalette(p);
    m_applyingColors = false;
}

} // namespace cdc::ui
