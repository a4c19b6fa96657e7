// Builds a pipeline by hand through the editor — nodes from the palette, edges drawn port to port
// with the mouse, delete, undo, redo — then saves, reopens and compares.
#include "guitestsupport.h"

#include "mainwindow/mainwindow.h"
#include "topology/edgeitem.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/propertiespanel.h"
#include "topology/scenepicture.h"
#include "topology/templates.h"
#include "topology/topologycommands.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"
#include "validation/projectvalidator.h"

#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace cdc;
using topology::NodeKind;

class TstTopologyEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void buildTheCapstoneByHand()
    {
        // The capstone's nine nodes from the palette, its settings typed in, its nine edges drawn:
        // the result validates as clean as the template and survives save and reopen.
        const topology::Project capstone =
            topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone"))).value();
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::TopologyScene *scene = window.topologyScene();

        QHash<QString, QString> idOf; // template id -> id the editor gave
        for (const topology::Node &n : capstone.nodes) {
            const QString id = scene->addNodeAt(n.kind, n.position);
            idOf.insert(n.id, id);
            document.undoStack()->push(new topology::EditNodeCommand(document.topology(), id, n.name, n.properties));
        }
        for (const topology::Edge &e : capstone.edges)
            QVERIFY(scene->connectNodes(idOf.value(e.from), idOf.value(e.to)));
        QCOMPARE(document.topology()->nodes().size(), capstone.nodes.size());
        QCOMPARE(document.topology()->edges().size(), capstone.edges.size());
        QVERIFY(validation::validateProject(document.snapshot()).empty());

        const int steps = document.undoStack()->count();
        QCOMPARE(steps, 27); // 9 adds, 9 edits, 9 edges
        while (document.undoStack()->canUndo())
            document.undoStack()->undo();
        QVERIFY(document.topology()->nodes().empty());
        while (document.undoStack()->canRedo())
            document.undoStack()->redo();
        QCOMPARE(document.topology()->edges().size(), capstone.edges.size());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("capstone-by-hand.cdcproj"));
        QVERIFY(window.saveProjectAs(path));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray first = saved.readAll();
        topology::ProjectDocument reopened;
        QVERIFY(reopened.open(path));
        QVERIFY(reopened.saveAs(dir.filePath(QStringLiteral("again.cdcproj"))));
        QFile again(dir.filePath(QStringLiteral("again.cdcproj")));
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), first);
        QVERIFY(validation::validateProject(reopened.snapshot()).empty());
    }

    void buildSaveAndReopen()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::TopologyScene *scene = window.topologyScene();
        ui::TopologyView *view = window.topologyView();
        view->resetZoom();

        const QString db = scene->addNodeAt(NodeKind::PostgresDatabase, QPointF(0, 0));
        const QString connector = scene->addNodeAt(NodeKind::Connector, QPointF(300, 0));
        const QString topic = scene->addNodeAt(NodeKind::Topic, QPointF(600, 0));
        const QString consumer = scene->addNodeAt(NodeKind::Consumer, QPointF(900, 0));
        QCOMPARE(document.topology()->nodes().size(), 4u);
        QCOMPARE(scene->nodeItemCount(), 4);
        view->centerOn(QPointF(450, 0));

        // Draw the first edge with the mouse: from the database's output port onto the connector.
        const QPoint start = view->mapFromScene(scene->nodeItem(db)->outPort());
        const QPoint end = view->mapFromScene(scene->nodeItem(connector)->sceneBoundingRect().center());
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        for (int i = 1; i <= 5; ++i)
            QTest::mouseMove(view->viewport(), start + (end - start) * i / 5);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, end);
        QCOMPARE(document.topology()->edges().size(), 1u);
        QCOMPARE(document.topology()->edges().front(), (topology::Edge{db, connector}));
        QCOMPARE(scene->nodeItem(db)->pos(), QPointF(0, 0) - QPointF(100, 36)); // the drag drew, it did not move

        // A meaningless edge is refused with a reason.
        QSignalSpy messages(scene, &ui::TopologyScene::message);
        QVERIFY(!scene->connectNodes(db, topic));
        QCOMPARE(messages.count(), 1);
        QVERIFY(messages.front().front().toString().contains(QStringLiteral("cannot feed")));

        QVERIFY(scene->connectNodes(connector, topic));
        QVERIFY(scene->connectNodes(topic, consumer));
        QCOMPARE(scene->edgeItemCount(), 3);

        // Undo and redo every step.
        const int steps = document.undoStack()->count();
        QCOMPARE(steps, 7); // four nodes, three edges
        for (int i = 0; i < steps; ++i)
            document.undoStack()->undo();
        QVERIFY(document.topology()->nodes().empty());
        QCOMPARE(scene->nodeItemCount(), 0);
        for (int i = 0; i < steps; ++i)
            document.undoStack()->redo();
        QCOMPARE(document.topology()->edges().size(), 3u);
        QCOMPARE(scene->edgeItemCount(), 3);

        // Delete the topic: its two edges go with it, and come back on undo.
        scene->selectNode(topic);
        scene->deleteSelection();
        QVERIFY(!document.topology()->node(topic));
        QCOMPARE(document.topology()->edges().size(), 1u);
        document.undoStack()->undo();
        QCOMPARE(document.topology()->edges().size(), 3u);
        QCOMPARE(scene->edgeItemCount(), 3);

        // The Properties dock edits the selected node; each change is one undo step.
        auto *properties = window.findChild<ui::PropertiesPanel *>();
        QVERIFY(properties);
        scene->selectNode(db);
        QCOMPARE(properties->nodeId(), db);
        auto *name = properties->findChild<QLineEdit *>(QStringLiteral("nodeName"));
        name->setText(QStringLiteral("orders db"));
        Q_EMIT name->editingFinished();
        QCOMPARE(document.topology()->node(db)->name, QStringLiteral("orders db"));
        auto *table = properties->findChild<QTableWidget *>(QStringLiteral("nodeProperties"));
        const auto rows = table->findItems(QStringLiteral("port"), Qt::MatchExactly);
        QCOMPARE(rows.size(), 1);
        table->item(rows.front()->row(), 1)->setText(QStringLiteral("6543"));
        QCOMPARE(document.topology()->node(db)->properties.value(QStringLiteral("port")), QStringLiteral("6543"));
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.topology()->node(db)->name, QStringLiteral("PostgreSQL database"));
        QCOMPARE(document.topology()->node(db)->properties.value(QStringLiteral("port")), QStringLiteral("5432"));
        QCOMPARE(name->text(), QStringLiteral("PostgreSQL database")); // the panel follows undo

        // Copy and paste the connector and topic: new ids, the edge between them comes along.
        scene->clearSelection();
        scene->nodeItem(connector)->setSelected(true);
        scene->nodeItem(topic)->setSelected(true);
        QVERIFY(scene->paste(scene->copySelection()));
        QCOMPARE(document.topology()->nodes().size(), 6u);
        QCOMPARE(document.topology()->edges().size(), 4u);
        QCOMPARE(scene->selectedItems().size(), 2);
        QVERIFY(document.topology()->node(connector + QStringLiteral("-2")));
        document.undoStack()->undo();
        QCOMPARE(document.topology()->nodes().size(), 4u);

        // Arrange lays it out left to right in one undoable step.
        const int before = document.undoStack()->index(); // the undone delete above is dropped from the stack
        window.arrangeAutomatically();
        QCOMPARE(document.undoStack()->index(), before + 1);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Arrange automatically"));
        QVERIFY(document.topology()->node(db)->position.x() < document.topology()->node(connector)->position.x());
        QVERIFY(document.topology()->node(topic)->position.x() < document.topology()->node(consumer)->position.x());
        QCOMPARE(scene->nodeItem(consumer)->pos(), document.topology()->node(consumer)->position);

        // Pictures: a PNG at twice the resolution and an SVG with the node names as text.
        QTemporaryDir pictures;
        QVERIFY(ui::savePipelinePicture(scene, pictures.filePath(QStringLiteral("p.png"))).ok());
        const QImage png(pictures.filePath(QStringLiteral("p.png")));
        QVERIFY(png.width() > 2 * 3 * 200); // four columns of 200-px nodes, doubled
        QVERIFY(ui::savePipelinePicture(scene, pictures.filePath(QStringLiteral("p.svg"))).ok());
        QFile svg(pictures.filePath(QStringLiteral("p.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray drawing = svg.readAll();
        QVERIFY(drawing.contains("<svg"));
        QVERIFY(drawing.contains("Debezium connector"));
        QVERIFY(!ui::savePipelinePicture(scene, QStringLiteral("/nonexistent-dir/p.png")).ok());

        QVERIFY(window.grab().save(cdc::guitest::outputDir() + QStringLiteral("/editor-built-by-hand.png")));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hand.cdcproj"));
        QVERIFY(window.saveProjectAs(path));
        topology::ProjectDocument reopened;
        QVERIFY(reopened.open(path));
        QCOMPARE(reopened.topology()->nodes(), document.topology()->nodes());
        QCOMPARE(reopened.topology()->edges(), document.topology()->edges());
        QCOMPARE(topology::serializeProject(reopened.snapshot()), topology::serializeProject(document.snapshot()));
    }
};

QTEST_MAIN(TstTopologyEditor)
#include "tst_topologyeditor.moc"
