// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: the topology editor with 200 nodes. Times building the scene, repainting the whole
// view and dragging one node (its edges follow), next to a reference scene of 200 plain rectangles
// with the same text, in the same process. Prints figures; asserts nothing about speed.
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QTest>
#include <QThread>
#include <QUndoStack>

#include <cstdio>

using namespace cdc;

namespace {

constexpr int kChains = 40; // each chain: database → connector → topic → consumer → sink
constexpr int kRepaints = 30;

topology::Project bigProject()
{
    topology::Project p;
    const topology::NodeKind kinds[] = {topology::NodeKind::PostgresDatabase, topology::NodeKind::Connector,
                                        topology::NodeKind::Topic, topology::NodeKind::Consumer,
                                        topology::NodeKind::Sink};
    for (int chain = 0; chain < kChains; ++chain) {
        for (int step = 0; step < 5; ++step) {
            topology::Node n;
            n.id = QStringLiteral("n%1-%2").arg(chain).arg(step);
            n.kind = kinds[step];
            n.name = QStringLiteral("node %1.%2").arg(chain).arg(step);
            n.position = QPointF(step * 320, chain * 144);
            p.nodes.push_back(n);
            if (step > 0)
                p.edges.push_back({QStringLiteral("n%1-%2").arg(chain).arg(step - 1), n.id});
        }
    }
    return p;
}

double msPerRepaint(QGraphicsView &view)
{
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kRepaints; ++i)
        view.viewport()->grab();
    return double(clock.nsecsElapsed()) / 1e6 / kRepaints;
}

} // namespace

class BenchTopologyScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoHundredNodes()
    {
        const topology::Project project = bigProject();
        topology::ProjectDocument document;
        ui::TopologyScene scene(document.topology(), document.undoStack());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(document.load(project, {}));
        const double buildMs = double(clock.nsecsElapsed()) / 1e6;
        QCOMPARE(scene.nodeItemCount(), 200);

        ui::TopologyView view;
        view.setScene(&scene);
        view.resize(1600, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.zoomToFit();
        const double paintMs = msPerRepaint(view);

        // Drag one node across the canvas in 100 steps; each step updates its edges.
        clock.restart();
        for (int i = 0; i < 100; ++i)
            scene.nodeItem(QStringLiteral("n20-2"))->setPos(QPointF(520 + i, 2200 + i));
        const double moveMs = double(clock.nsecsElapsed()) / 1e6 / 100;

        // Reference: the same number of rectangles with the same text, no edges, same view.
        QGraphicsScene reference;
        for (const topology::Node &n : project.nodes) {
            auto *rect = reference.addRect(QRectF(n.position, QSizeF(200, 72)));
            auto *text = new QGraphicsSimpleTextItem(n.name, rect);
            text->setPos(n.position + QPointF(16, 24));
        }
        view.setScene(&reference);
        view.zoomToFit();
        const double referenceMs = msPerRepaint(view);

        std::printf("machine: %d cores (QThread::idealThreadCount), Qt %s, offscreen platform\n",
                    QThread::idealThreadCount(), qVersion());
        std::printf("scene200_build_ms=%.2f scene200_repaint_ms=%.2f reference_repaint_ms=%.2f ratio=%.2f "
                    "drag_step_ms=%.3f frame_budget_ms=16.7\n",
                    buildMs, paintMs, referenceMs, paintMs / referenceMs, moveMs);
        std::fflush(stdout);
    }
};

QTEST_MAIN(BenchTopologyScene)
#include "bench_topologyscene.moc"
