// SPDX-License-Identifier: GPL-3.0-or-later
#include "glyphicon.h"

#include <QEvent>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QWidget>

#include <utility>

namespace cdc::ui {

namespace {

void drawGlyph(QPainter &p, Glyph glyph, const QColor &ink, int size)
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(ink);
    const QRectF box = QRectF(0, 0, size, size).adjusted(size * 0.2, size * 0.2, -size * 0.2, -size * 0.2);
    switch (glyph) {
    case Glyph::Pause: {
        const qreal bar = box.width() * 0.34;
        p.drawRoundedRect(QRectF(box.left(), box.top(), bar, box.height()), 1, 1);
        p.drawRoundedRect(QRectF(box.right() - bar, box.top(), bar, box.height()), 1, 1);
        break;
    }
    case Glyph::Resume: {
        const QPointF points[] = {box.topLeft() + QPointF(box.width() * 0.1, 0), QPointF(box.right(), box.center().y()),
                                  box.bottomLeft() + QPointF(box.width() * 0.1, 0)};
        p.drawPolygon(points, 3);
        break;
    }
    case Glyph::Stop: p.drawRoundedRect(box.adjusted(1, 1, -1, -1), 1.5, 1.5); break;
    case Glyph::Fit: {
        // Four corners pointing out, around a small node: the whole pipeline brought into the frame.
        const QRectF frame = QRectF(0, 0, size, size).adjusted(size * 0.12, size * 0.12, -size * 0.12, -size * 0.12);
        const qreal arm = frame.width() * 0.3;
        QPen pen(ink, std::max(1.5, size / 12.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        const QPointF corners[] = {frame.topLeft(), frame.topRight(), frame.bottomRight(), frame.bottomLeft()};
        for (int i = 0; i < 4; ++i) {
            const QPointF c = corners[i];
            const qreal dx = (i == 0 || i == 3) ? arm : -arm;
            const qreal dy = (i < 2) ? arm : -arm;
            const QPointF points[] = {c + QPointF(dx, 0), c, c + QPointF(0, dy)};
            p.drawPolyline(points, 3);
        }
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        const qreal inner = frame.width() * 0.36;
        p.drawRoundedRect(QRectF(frame.center() - QPointF(inner / 2, inner / 3), QSizeF(inner, inner * 2 / 3)), 1.5,
                          1.5);
        break;
    }
    }
}

// Redraws its widget's glyph when the widget's palette changes.
class GlyphBinder : public QObject
{
public:
    GlyphBinder(QWidget *widget, Glyph glyph, std::function<void(const QIcon &)> apply, int size)
        : QObject(widget)
        , m_widget(widget)
        , m_glyph(glyph)
        , m_apply(std::move(apply))
        , m_size(size)
    {
        widget->installEventFilter(this);
        refresh();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget && event->type() == QEvent::PaletteChange)
            refresh();
        return QObject::eventFilter(watched, event);
    }

private:
    void refresh()
    {
        const int size =
            m_size > 0 ? m_size : m_widget->style()->pixelMetric(QStyle::PM_ToolBarIconSize, nullptr, m_widget);
        m_apply(glyphIcon(m_glyph, m_widget->palette(), size));
    }

    QWidget *m_widget;
    Glyph m_glyph;
    std::function<void(const QIcon &)> m_apply;
    int m_size;
};

} // namespace

QIcon glyphIcon(Glyph glyph, const QPalette &palette, int size)
{
    QIcon icon;
    for (const auto &[mode, group] :
         {std::pair{QIcon::Normal, QPalette::Active}, std::pair{QIcon::Disabled, QPalette::Disabled}}) {
        QPixmap pixmap(size * 2, size * 2);
        pixmap.setDevicePixelRatio(2);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        drawGlyph(p, glyph, palette.color(group, QPalette::ButtonText), size);
        p.end();
        icon.addPixmap(pixmap, mode);
    }
    return icon;
}

void bindGlyphIcon(QWidget *widget, Glyph glyph, std::function<void(const QIcon &)> apply, int size)
{
    new GlyphBinder(widget, glyph, std::move(apply), size);
}

} // namespace cdc::ui
