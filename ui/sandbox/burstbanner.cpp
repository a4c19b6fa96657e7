// SPDX-License-Identifier: GPL-3.0-or-later
// The burst's banner in the Events panel.
#include "burstbanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace cdc::ui {

BurstBanner::BurstBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_filter(new QPushButton(tr("Filter to these"), this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("burstBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("burstBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    m_filter->setObjectName(QStringLiteral("burstFilter"));
    m_close->setObjectName(QStringLiteral("burstBannerClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this message"));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(size, size));

    connect(m_filter, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT filterRequested(m_query);
    });
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 2, 3);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_filter);
    layout->addWidget(m_close);
    hide();
}

void BurstBanner::showBurst(qint64 orderId, const QString &query)
{
    m_query = query;
    m_text->setText(tr("Order %1 arrived from both databases — PG-%1 and MY-%1 are two orders.").arg(orderId));
    m_filter->setToolTip(tr("Show only order %1's events from both databases (the query %2)").arg(orderId).arg(query));
    applyColors();
    show();
}

QSize BurstBanner::minimumSizeHint() const
{
    return {QFrame::minimumSizeHint().width(), 0};
}

QString BurstBanner::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void BurstBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // Light to dark and back: the tint follows (applyColors sets the palette itself: no second round).
    if (event->type() == QEvent::PaletteChange && !m_applyingColors)
        applyColors();
}

void BurstBanner::applyColors()
{
    // An information tint over the window colour, as the panels' message bars: readable light and dark.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    const QColor window = base.color(QPalette::Window);
    const QColor accent(0x33, 0x6b, 0xd6);
    const qreal alpha = 0.18;
    const QColor tint = QColor::fromRgbF(window.redF() * (1 - alpha) + accent.redF() * alpha,
                                         window.greenF() * (1 - alpha) + accent.greenF() * alpha,
                                         window.blueF() * (1 - alpha) + accent.blueF() * alpha);
    m_applyingColors = true;
    QPalette p = palette();
    p.setColor(QPalette::Window, tint);
    p.setColor(QPalette::WindowText, base.color(QPalette::WindowText));
    p.setColor(QPalette::Mid, accent);
    p.setColor(QPalette::Dark, accent);
    p.setColor(QPalette::Light, accent);
    setPalette(p);
    m_applyingColors = false;
}

} // namespace cdc::ui
