// A pipeline node drawn on the canvas: kind, name and one line of detail, in the kind's colour.
#pragma once

#include "health/healthtypes.h"
#include "topology/topologymodel.h"

#include <QGraphicsItem>

namespace cdc::ui {

class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr QSizeF kSize{200, 72};
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
