// A pipeline node drawn on the canvas: kind, name and one line of detail, in the kind's colour.
#pragma once

#include "lag/lagtypes.h"
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
    // The live state from a running pipeline ("RUNNING", "FAILED", ...), shown as a coloured badge
    // with the state's name; empty: none.
    void setRuntimeState(const QString &state);
    QString runtimeState() const { return m_runtimeState; }
    int warningCount() const { return m_warnings; }
    // Live lag of the connector or consumer: warning tints the node amber, critical red; `summary`
    // (the alert's message) goes into the tooltip.
    void setLagLevel(lag::LagLevel level, const QString &summary = {});
    lag::LagLevel lagLevel() const { return m_lagLevel; }

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
    QString m_runtimeState;
    lag::LagLevel m_lagLevel = lag::LagLevel::Ok;
    QString m_lagSummary;
};

} // namespace cdc::ui
