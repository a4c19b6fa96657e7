// SPDX-License-Identifier: GPL-3.0-or-later
// A pipeline node drawn on the canvas: a header with its kind, its name, and up to two lines of detail,
// in the kind's colour, at sizes that read at 100 % zoom.
#pragma once

#include "health/healthtypes.h"
#include "topology/topologymodel.h"

#include <QFont>
#include <QGraphicsItem>

class QFontMetricsF;

namespace cdc::ui {

class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr QSizeF kSize{224, 100};
    static constexpr qreal kPortRadius = 5;

    explicit NodeItem(const topology::Node &node);

    int type() const override { return Type; }
    QString nodeId() const { return m_node.id; }
    void setNode(const topology::Node &node);
    const topology::Node &node() const { return m_node; }

    // Where edges attach, in scene coordinates.
    QPointF inPort() const;
    QPointF outPort() const;
    bool hasInPort() const;
    bool hasOutPort() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // What the project's checks found on this node: a badge with the count, the messages as tooltip.
    void setProblems(int errors, int warnings, const QString &summary);
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }
    // What the running pipeline says about the node (health::PipelineHealth): its connector's state
    // ("RUNNING", "FAILED", ...) as a coloured badge, and the worst of its live issues (FAILED, lag past
    // a threshold) as a tint, amber for a warning and red for an error; their words go into the tooltip.
    void setLiveState(const health::NodeHealth &live);
    QString runtimeState() const { return m_live.state; }
    // What the badge says after the state: the unified consumer's event rate ("120 ev/s").
    QString runtimeDetail() const { return m_live.stateDetail; }
    health::Severity severity() const { return m_live.severity; }

    // The line under the name: host and database, topic pattern, group id, ...
    static QString detailLine(const topology::Node &node);
    // The header above the name: the kind, short ("DEBEZIUM · POSTGRES", "KAFKA TOPIC").
    static QString headerText(const topology::Node &node);

    // The fonts a node is drawn with: fixed sizes (header and detail 9 pt, name 10.5 pt), so that every
    // node is the same size and reads at 100 % zoom whatever the application's font.
    static QFont headerFont();
    // How much larger than its own size the name is drawn at `levelOfDetail` (the view's scale) when text
    // should reach the screen at `readableScale` or more: 1 while the node reads as it is (the header,
    // name and detail), else up to 2 (the name on up to two lines, no detail).
    static qreal glanceScale(qreal levelOfDetail, qreal readableScale);
    static QFont nameFont();
    static QFont detailFont();
    // The detail as drawn: wrapped at a separator onto a second line when it does not fit on one; only
    // a second line still too long loses its middle ("…"). `secondWidth` leaves room for the state badge.
    static QStringList detailLines(const QString &text, const QFontMetricsF &metrics, qreal width, qreal secondWidth);

    // Where the texts go, in item coordinates: what the header, the name and the detail may take.
    qreal headerWidth() const;
    qreal textWidth() const;
    qreal detailSecondLineWidth() const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void updateToolTip();

    topology::Node m_node;
    int m_errors = 0;
    int m_warnings = 0;
    QString m_problems;
    health::NodeHealth m_live;
};

} // namespace cdc::ui
