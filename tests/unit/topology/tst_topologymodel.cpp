// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the pipeline graph: ids, edge rules, signals and undoable moves.
#include "topology/clipboardfragment.h"
#include "topology/templates.h"
#include "topology/topologycommands.h"
#include "topology/topologymodel.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <set>

using namespace cdc::topology;

namespace {
Node makeNode(const QString &id, NodeKind kind)
{
    Node n;
    n.id = id;
    n.kind = kind;
    n.name = id;
    return n;
}
} // namespace

class TstTopologyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addNodeRefusesDuplicateAndEmptyIds()
    {
        TopologyModel model;
        QSignalSpy added(&model, &TopologyModel::nodeAdded);
        QVERIFY(model.addNode(makeNode(QStringLiteral("pg"), NodeKind::PostgresDatabase)));
        const auto duplicate = model.addNode(makeNode(QStringLiteral("pg"), NodeKind::MySqlDatabase));
        QVERIFY(!duplicate);
        QVERIFY(duplicate.error().what.contains(QStringLiteral("\"pg\"")));
        QVERIFY(!model.addNode(makeNode(QStringLiteral("  "), NodeKind::Topic)));
        QCOMPARE(model.nodes().size(), 1u);
        QCOMPARE(model.node(QStringLiteral("pg"))->kind, NodeKind::PostgresDatabase);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.at(0).at(0).toString(), QStringLiteral("pg"));
    }

    void edgeRules_data()
    {
        QTest::addColumn<NodeKind>("from");
        QTest::addColumn<NodeKind>("to");
        QTest::addColumn<bool>("allowed");
        const std::set<std::pair<NodeKind, NodeKind>> allowed{
            {NodeKind::PostgresDatabase, NodeKind::Connector},
            {NodeKind::MySqlDatabase, NodeKind::Connector},
            {NodeKind::ConnectCluster, NodeKind::Connector},
            {NodeKind::Connector, NodeKind::Topic},
            {NodeKind::Topic, NodeKind::Consumer},
            {NodeKind::Consumer, NodeKind::Sink},
            {NodeKind::Consumer, NodeKind::Topic},
        };
        for (NodeKind from : allNodeKinds) {
            for (NodeKind to : allNodeKinds) {
                const QByteArray name = (nodeKindKey(from) + QStringLiteral("->") + nodeKindKey(to)).toLatin1();
                QTest::newRow(name.constData()) << from << to << (allowed.count({from, to}) == 1);
            }
        }
    }

    void edgeRules()
    {
        QFETCH(NodeKind, from);
        QFETCH(NodeKind, to);
        QFETCH(bool, allowed);
        QCOMPARE(canConnect(from, to), allowed);

        TopologyModel model;
        QVERIFY(model.addNode(makeNode(QStringLiteral("a"), from)));
        QVERIFY(model.addNode(makeNode(QStringLiteral("b"), to)));
        const auto result = model.addEdge({QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(result.ok(), allowed);
        QCOMPARE(model.edges().size(), allowed ? 1u : 0u);
    }

    void addEdgeRefusesUnknownNodesLoopsAndDuplicates()
    {
        TopologyModel model;
        QVERIFY(model.addNode(makeNode(QStringLiteral("c"), NodeKind::Connector)));
        QVERIFY(model.addNode(makeNode(QStringLiteral("t"), NodeKind::Topic)));
        const auto unknown = model.addEdge({QStringLiteral("c"), QStringLiteral("nope")});
        QVERIFY(!unknown);
        QVERIFY(unknown.error().what.contains(QStringLiteral("\"nope\"")));
        QVERIFY(!model.addEdge({QStringLiteral("c"), QStringLiteral("c")}));
        QVERIFY(model.addEdge({QStringLiteral("c"), QStringLiteral("t")}));
        const auto duplicate = model.addEdge({QStringLiteral("c"), QStringLiteral("t")});
        QVERIFY(!duplicate);
        QCOMPARE(model.edges().size(), 1u);
    }

    void removeNodeRemovesItsEdgesFirst()
    {
        TopologyModel model;
        QVERIFY(model.addNode(makeNode(QStringLiteral("db"), NodeKind::PostgresDatabase)));
        QVERIFY(model.addNode(makeNode(QStringLiteral("c"), NodeKind::Connector)));
        QVERIFY(model.addNode(makeNode(QStringLiteral("t"), NodeKind::Topic)));
        QVERIFY(model.addEdge({QStringLiteral("db"), QStringLiteral("c")}));
        QVERIFY(model.addEdge({QStringLiteral("c"), QStringLiteral("t")}));

        QStringList order;
        connect(&model, &TopologyModel::edgeRemoved, this,
                [&](const Edge &e) { order << QStringLiteral("edge:") + e.from + u'>' + e.to; });
        connect(&model, &TopologyModel::nodeRemoved, this,
                [&](const QString &id) { order << QStringLiteral("node:") + id; });
        QVERIFY(model.removeNode(QStringLiteral("c")));
        QCOMPARE(order,
                 (QStringList{QStringLiteral("edge:db>c"), QStringLiteral("edge:c>t"), QStringLiteral("node:c")}));
        QVERIFY(model.edges().empty());
        QCOMPARE(model.nodes().size(), 2u);
        QVERIFY(!model.removeNode(QStringLiteral("c")));
    }

    void resetWithABadGraphLeavesTheModelUntouched()
    {
        TopologyModel model;
        QVERIFY(model.addNode(makeNode(QStringLiteral("keep"), NodeKind::Sink)));
        QSignalSpy reset(&model, &TopologyModel::modelReset);
        const auto result = model.reset({makeNode(QStringLiteral("t"), NodeKind::Topic)},
                                        {{QStringLiteral("t"), QStringLiteral("missing")}});
        QVERIFY(!result);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.nodes().size(), 1u);
        QCOMPARE(model.nodes().front().id, QStringLiteral("keep"));

        QVERIFY(model.reset({makeNode(QStringLiteral("t"), NodeKind::Topic)}, {}));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.nodes().front().id, QStringLiteral("t"));
    }

    void unusedIdCountsUp()
    {
        TopologyModel model;
        QCOMPARE(model.unusedId(QStringLiteral("connector")), QStringLiteral("connector"));
        QVERIFY(model.addNode(makeNode(QStringLiteral("connector"), NodeKind::Connector)));
        QVERIFY(model.addNode(makeNode(QStringLiteral("connector-2"), NodeKind::Connector)));
        QCOMPARE(model.unusedId(QStringLiteral("connector")), QStringLiteral("connector-3"));
    }

    void copyAndPasteGetFreshIds()
    {
        TopologyModel model;
        QVERIFY(model.addNode(makeNode(QStringLiteral("c"), NodeKind::Connector)));
        QVERIFY(model.addNode(makeNode(QStringLiteral("t"), NodeKind::Topic)));
        QVERIFY(model.addNode(makeNode(QStringLiteral("s"), NodeKind::Sink)));
        QVERIFY(model.addEdge({QStringLiteral("c"), QStringLiteral("t")}));
        const QByteArray copied = copyFragment(model, {QStringLiteral("c"), QStringLiteral("t")});
        const auto pasted = pasteFragment(copied, model, QPointF(40, 40));
        QVERIFY(pasted.ok());
        QCOMPARE(pasted.value().nodes.size(), 2u);
        QCOMPARE(pasted.value().nodes[0].id, QStringLiteral("c-2"));
        QCOMPARE(pasted.value().nodes[0].position, QPointF(40, 40));
        QCOMPARE(pasted.value().edges.size(), 1u);
        QCOMPARE(pasted.value().edges[0], (Edge{QStringLiteral("c-2"), QStringLiteral("t-2")}));
        QVERIFY(!pasteFragment("not json", model, {}).ok());
    }

    void moveCommandUndoesAndMergesOnlyWhileDragging()
    {
        TopologyModel model;
        QVERIFY(model.addNode(makeNode(QStringLiteral("n"), NodeKind::Sink)));
        QUndoStack stack;
        const QString id = QStringLiteral("n");
        stack.push(new MoveNodesCommand(&model, {{id, QPointF(0, 0)}}, {{id, QPointF(10, 0)}}));
        stack.push(new MoveNodesCommand(&model, {{id, QPointF(10, 0)}}, {{id, QPointF(20, 5)}}));
        QCOMPARE(stack.count(), 1); // one drag, one step
        QCOMPARE(model.node(id)->position, QPointF(20, 5));

        auto *last = new MoveNodesCommand(&model, {{id, QPointF(20, 5)}}, {{id, QPointF(30, 5)}});
        last->finish();
        stack.push(last);
        QCOMPARE(stack.count(), 1); // the release closes the same drag
        stack.push(new MoveNodesCommand(&model, {{id, QPointF(30, 5)}}, {{id, QPointF(40, 5)}}));
        QCOMPARE(stack.count(), 2); // a new drag is a new step

        stack.undo();
        QCOMPARE(model.node(id)->position, QPointF(30, 5));
        stack.undo();
        QCOMPARE(model.node(id)->position, QPointF(0, 0));
        stack.redo();
        QCOMPARE(model.node(id)->position, QPointF(30, 5));
    }
};

QTEST_GUILESS_MAIN(TstTopologyModel)
#include "tst_topologymodel.moc"
