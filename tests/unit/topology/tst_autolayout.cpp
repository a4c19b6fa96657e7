// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of Arrange Automatically's layout: columns follow the data left to right, nodes keep their gaps
// and never overlap, chains line up, the Connect cluster gets a row of its own, and it is one undo step.
#include "topology/autolayout.h"
#include "topology/templates.h"
#include "topology/topologycommands.h"
#include "topology/topologymodel.h"

#include <QRectF>
#include <QTest>
#include <QUndoStack>

using namespace cdc::topology;

namespace {

Node makeNode(const QString &id, NodeKind kind, QPointF position = {})
{
    Node n;
    n.id = id;
    n.kind = kind;
    n.name = id;
    n.position = position;
    return n;
}

std::vector<Node> scrambled(std::vector<Node> nodes)
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        nodes[i].position = QPointF(qreal((i * 7919) % 500), qreal((i * 104729) % 700));
    return nodes;
}

// Every pair of nodes apart by at least the gaps: a column gap side by side, a row gap one above the other.
QString firstCrowdedPair(const std::vector<Node> &nodes, const QHash<QString, QPointF> &at, const LayoutSpacing &s)
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        for (std::size_t j = i + 1; j < nodes.size(); ++j) {
            const QRectF a(at.value(nodes[i].id), s.node);
            const QRectF b(at.value(nodes[j].id), s.node);
            const bool apartSideways =
                a.right() + s.columnGap <= b.left() + 0.01 || b.right() + s.columnGap <= a.left() + 0.01;
            const bool apartVertically =
                a.bottom() + s.rowGap <= b.top() + 0.01 || b.bottom() + s.rowGap <= a.top() + 0.01;
            if (!apartSideways && !apartVertically)
                return nodes[i].id + QStringLiteral(" and ") + nodes[j].id;
        }
    }
    return {};
}

// Data edges run left to right with a column gap between; hosting edges stay in the connector's column.
QString firstBackwardEdge(const std::vector<Node> &nodes, const std::vector<Edge> &edges,
                          const QHash<QString, QPointF> &at, const LayoutSpacing &s)
{
    auto kindOf = [&nodes](const QString &id) {
        return std::find_if(nodes.begin(), nodes.end(), [&id](const Node &n) { return n.id == id; })->kind;
    };
    for (const Edge &e : edges) {
        const bool hosting = kindOf(e.from) == NodeKind::ConnectCluster;
        const bool ok = hosting ? at.value(e.from).x() == at.value(e.to).x()
                                : at.value(e.from).x() + s.node.width() + s.columnGap <= at.value(e.to).x();
        if (!ok)
            return e.from + u'>' + e.to;
    }
    return {};
}

} // namespace

class TstAutoLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capstoneRunsLeftToRightWithRoomAndStraightChains()
    {
        const auto project = loadTemplate(*findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        // Scrambled positions: the layout must not depend on them for correctness.
        const std::vector<Node> nodes = scrambled(project.value().nodes);
        const std::vector<Edge> &edges = project.value().edges;
        const LayoutSpacing spacing;
        const auto at = layeredLayout(nodes, edges, spacing);
        QCOMPARE(at.size(), qsizetype(nodes.size()));

        QVERIFY2(firstCrowdedPair(nodes, at, spacing).isEmpty(), qPrintable(firstCrowdedPair(nodes, at, spacing)));
        QVERIFY2(firstBackwardEdge(nodes, edges, at, spacing).isEmpty(),
                 qPrintable(firstBackwardEdge(nodes, edges, at, spacing)));

        // Five columns: databases, connectors with their cluster, topics, consumer, sink.
        QSet<qreal> columns;
        for (const QPointF &p : at)
            columns.insert(p.x());
        QCOMPARE(columns.size(), 5);
        QCOMPARE(at.value(QStringLiteral("db-postgres")).x(), 0.0);
        QCOMPARE(at.value(QStringLiteral("sink-orders")).x(), 4 * (spacing.node.width() + spacing.columnGap));

        // Each database's chain on one row: straight edges from database to topic.
        for (const QString &source : {QStringLiteral("postgres"), QStringLiteral("mysql")}) {
            const qreal y = at.value(QStringLiteral("db-") + source).y();
            QCOMPARE(at.value(QStringLiteral("connector-") + source).y(), y);
            QCOMPARE(at.value(QStringLiteral("topic-") + source).y(), y);
        }
        // The cluster between its two connectors, a full row gap from each (not squeezed in).
        const qreal pg = at.value(QStringLiteral("connector-postgres")).y();
        const qreal my = at.value(QStringLiteral("connector-mysql")).y();
        const qreal cluster = at.value(QStringLiteral("connect-local")).y();
        QVERIFY(std::min(pg, my) + spacing.node.height() + spacing.rowGap <= cluster);
        QVERIFY(cluster + spacing.node.height() + spacing.rowGap <= std::max(pg, my));
        // The consumer halfway between the topics it unions, the sink on its row; the top row at 0.
        QCOMPARE(at.value(QStringLiteral("consumer-pyflink")).y(), (pg + my) / 2);
        QCOMPARE(at.value(QStringLiteral("sink-orders")).y(), at.value(QStringLiteral("consumer-pyflink")).y());
        QCOMPARE(std::min(pg, my), 0.0);

        // The template is drawn as Arrange Automatically would draw it.
        const auto arranged = layeredLayout(project.value().nodes, edges, spacing);
        for (const Node &n : project.value().nodes)
            QCOMPARE(n.position, arranged.value(n.id));
    }

    void biggerPipelineKeepsItsGaps()
    {
        // Three databases, one cluster hosting three connectors, one topic each, two consumers (one
        // reading two topics), a sink, and a node with no edges at all.
        std::vector<Node> nodes;
        std::vector<Edge> edges;
        nodes.push_back(makeNode(QStringLiteral("cluster"), NodeKind::ConnectCluster));
        for (int i = 0; i < 3; ++i) {
            const QString n = QString::number(i);
            nodes.push_back(
                makeNode(QStringLiteral("db") + n, i % 2 ? NodeKind::MySqlDatabase : NodeKind::PostgresDatabase));
            nodes.push_back(makeNode(QStringLiteral("connector") + n, NodeKind::Connector));
            nodes.push_back(makeNode(QStringLiteral("topic") + n, NodeKind::Topic));
            edges.push_back({QStringLiteral("db") + n, QStringLiteral("connector") + n});
            edges.push_back({QStringLiteral("cluster"), QStringLiteral("connector") + n});
            edges.push_back({QStringLiteral("connector") + n, QStringLiteral("topic") + n});
        }
        nodes.push_back(makeNode(QStringLiteral("consumerA"), NodeKind::Consumer));
        nodes.push_back(makeNode(QStringLiteral("consumerB"), NodeKind::Consumer));
        nodes.push_back(makeNode(QStringLiteral("sink"), NodeKind::Sink));
        nodes.push_back(makeNode(QStringLiteral("lonely"), NodeKind::Topic));
        edges.push_back({QStringLiteral("topic0"), QStringLiteral("consumerA")});
        edges.push_back({QStringLiteral("topic1"), QStringLiteral("consumerA")});
        edges.push_back({QStringLiteral("topic2"), QStringLiteral("consumerB")});
        edges.push_back({QStringLiteral("consumerA"), QStringLiteral("sink")});
        nodes = scrambled(nodes);

        LayoutSpacing spacing;
        spacing.node = QSizeF(180, 60);
        spacing.rowGap = 30;
        spacing.columnGap = 50;
        const auto at = layeredLayout(nodes, edges, spacing);
        QCOMPARE(at.size(), qsizetype(nodes.size()));
        QVERIFY2(firstCrowdedPair(nodes, at, spacing).isEmpty(), qPrintable(firstCrowdedPair(nodes, at, spacing)));
        QVERIFY2(firstBackwardEdge(nodes, edges, at, spacing).isEmpty(),
                 qPrintable(firstBackwardEdge(nodes, edges, at, spacing)));
        for (const QPointF &p : at) { // whole pixels, nothing above or left of the origin
            QVERIFY(p.x() >= 0 && p.y() >= 0);
            QCOMPARE(p.y(), std::round(p.y()));
        }
    }

    void emptyPipelineHasNoLayout()
    {
        QVERIFY(layeredLayout({}, {}).isEmpty());
        TopologyModel model;
        QVERIFY(!arrangeCommand(&model));
    }

    void arrangeIsOneUndoStep()
    {
        const auto project = loadTemplate(*findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        TopologyModel model;
        QVERIFY(model.reset(scrambled(project.value().nodes), project.value().edges).ok());
        const std::vector<Node> before = model.nodes();

        QUndoStack stack;
        auto command = arrangeCommand(&model);
        QVERIFY(command);
        stack.push(command.release());
        QCOMPARE(stack.count(), 1);
        QCOMPARE(stack.undoText(), QStringLiteral("Arrange automatically"));
        const auto expected = layeredLayout(before, model.edges());
        for (const Node &n : model.nodes())
            QCOMPARE(n.position, expected.value(n.id));
        // Arranged already: nothing left to do, so no empty step on the stack.
        QVERIFY(!arrangeCommand(&model));

        stack.undo();
        QCOMPARE(model.nodes(), before);
    }
};

QTEST_GUILESS_MAIN(TstAutoLayout)
#include "tst_autolayout.moc"
