// SPDX-License-Identifier: GPL-3.0-or-later
// Builds a pipeline by hand through the editor — nodes from the palette, edges drawn port to port
// with the mouse, delete, undo, redo — then saves, reopens and compares. And the canvas as a user
// reads it (issue 20): node text that reads at 100 %, a scene that stays put while nodes are dragged
// and undone, Arrange Automatically, a connector node's operations, the right dock left alone.
#include "connect/connectorspanel.h"
#include "guitestsupport.h"

#include "mainwindow/mainwindow.h"
#include "topology/autolayout.h"
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

#ifndef Q_MOC_RUN // moc reads included headers, and loses its place in the samples' raw strings
#include "connect/connectsamples.h"
#endif
#include "support/fakeconnect.h"

#include <QApplication>
#include <QDockWidget>
#include <QFontMetricsF>
#include <QMenu>
#include <QScrollBar>
#include <QTabBar>

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

namespace {

// The middle of what the view shows, in scene coordinates.
QPointF viewCentre(const ui::TopologyView *view)
{
    return view->mapToScene(view->viewport()->rect().center());
}

QRectF visibleSceneRect(const ui::TopologyView *view)
{
    return view->mapToScene(view->viewport()->rect()).boundingRect();
}

// The title of the current tab of the dock tabs that hold `title`, empty when no tab bar holds it.
QString currentDockTab(const QMainWindow &window, const QString &title)
{
    for (const QTabBar *bar : window.findChildren<QTabBar *>()) {
        for (int i = 0; i < bar->count(); ++i) {
            if (bar->tabText(i) == title)
                return bar->tabText(bar->currentIndex());
        }
    }
    return {};
}

QAction *actionNamed(const QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

// The capstone in a shown window with the window's own layout.
struct CapstoneWindow
{
    topology::ProjectDocument document;
    ui::MainWindow window{&document};

    bool open(QSize size = {1366, 768})
    {
        if (!window.openTemplate(QStringLiteral("capstone")))
            return false;
        window.resize(size);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
        window.topologyView()->zoomToFit();
        return true;
    }
};

} // namespace

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

    void capstoneNodesReadAtFullSize()
    {
        // Issue 20: connector headers read "DEBEZIUM CONNEC…", topic subtitles were cut, text was ~7 px.
        CapstoneWindow w;
        QVERIFY(w.open());
        ui::TopologyScene *scene = w.window.topologyScene();
        QVERIFY(ui::NodeItem::headerFont().pointSizeF() >= 9);
        QVERIFY(ui::NodeItem::nameFont().pointSizeF() >= 10);
        QVERIFY(ui::NodeItem::detailFont().pointSizeF() >= 9);
        const QFontMetricsF header(ui::NodeItem::headerFont());
        const QFontMetricsF name(ui::NodeItem::nameFont());
        const QFontMetricsF detail(ui::NodeItem::detailFont());
        auto withoutSpaces = [](QString text) { return text.remove(u' '); };
        // Designed, then live: a state badge (the consumer's with its rate) must not cut anything either.
        for (const bool live : {false, true}) {
            for (const topology::Node &n : w.document.topology()->nodes()) {
                ui::NodeItem *item = scene->nodeItem(n.id);
                QVERIFY(item);
                if (live) {
                    health::NodeHealth state;
                    state.state =
                        n.kind == NodeKind::Consumer ? QStringLiteral("RUNNING") : QStringLiteral("UNASSIGNED");
                    state.stateDetail = n.kind == NodeKind::Consumer ? QStringLiteral("1,250 ev/s") : QString();
                    item->setLiveState(state);
                    item->setProblems(1, 2, QStringLiteral("• something"));
                }
                const QString head = ui::NodeItem::headerText(n);
                QCOMPARE(header.elidedText(head, Qt::ElideRight, item->headerWidth()), head);
                QCOMPARE(name.elidedText(n.name, Qt::ElideRight, item->textWidth()), n.name);
                const QString full = ui::NodeItem::detailLine(n);
                const QStringList lines =
                    ui::NodeItem::detailLines(full, detail, item->textWidth(), item->detailSecondLineWidth());
                QVERIFY2(lines.size() <= 2, qPrintable(n.id));
                QCOMPARE(withoutSpaces(lines.join(QString())), withoutSpaces(full)); // wrapped, nothing elided
                QVERIFY(item->toolTip().contains(full));
            }
        }
        QCOMPARE(ui::NodeItem::headerText(*w.document.topology()->node(QStringLiteral("connector-postgres"))),
                 QStringLiteral("DEBEZIUM · POSTGRES"));
        QCOMPARE(ui::NodeItem::headerText(*w.document.topology()->node(QStringLiteral("connector-mysql"))),
                 QStringLiteral("DEBEZIUM · MARIADB"));
        // What does not fit on two lines loses its middle on the second, the whole stays in the tooltip.
        const QString longPattern = QStringLiteral("^outbox\\.event\\.(postgres|mysql|mariadb|oracle)\\.") +
                                    QStringLiteral("(orders|customers|invoices|shipments|returns)$");
        const QStringList cut = ui::NodeItem::detailLines(longPattern, detail, 150, 100);
        QCOMPARE(cut.size(), 2);
        QVERIFY(cut.at(1).contains(QChar(0x2026)));
        QVERIFY(detail.horizontalAdvance(cut.at(1)) <= 100);
    }

    void draggingAndUndoKeepTheViewStill()
    {
        // Issue 20: a drag made the scene jump (the rect followed the items), undo left the view off-centre.
        CapstoneWindow w;
        QVERIFY(w.open());
        ui::TopologyView *view = w.window.topologyView();
        ui::TopologyScene *scene = w.window.topologyScene();
        view->resetZoom();
        ui::NodeItem *item = scene->nodeItem(QStringLiteral("sink-orders")); // at the right edge
        view->centerOn(item);
        QCoreApplication::processEvents();
        const QRectF rect = scene->sceneRect();
        const QPointF centre = viewCentre(view);
        const QPointF before = item->pos();

        const QPoint start = view->mapFromScene(item->sceneBoundingRect().center());
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        for (int step = 1; step <= 6; ++step) {
            QTest::mouseMove(view->viewport(), start + QPoint(25 * step, 12 * step));
            QCOMPARE(scene->sceneRect(), rect);
        }
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, start + QPoint(150, 72));
        QCoreApplication::processEvents();
        QCOMPARE(item->pos(), before + QPointF(150, 72));
        QCOMPARE(scene->sceneRect(), rect);
        QCOMPARE(viewCentre(view), centre);

        w.document.undoStack()->undo();
        QCoreApplication::processEvents();
        QCOMPARE(item->pos(), before);
        QCOMPARE(w.document.topology()->node(QStringLiteral("sink-orders"))->position, before);
        QCOMPARE(scene->sceneRect(), rect);
        QCOMPARE(viewCentre(view), centre);

        // Far out, the room grows: the node stays reachable, and the view still does not move.
        w.document.undoStack()->push(
            new topology::MoveNodesCommand(w.document.topology(), {{QStringLiteral("db-mysql"), QPointF(0, 220)}},
                                           {{QStringLiteral("db-mysql"), QPointF(5000, 4000)}}));
        QCoreApplication::processEvents();
        QVERIFY(scene->sceneRect().contains(scene->nodeItem(QStringLiteral("db-mysql"))->sceneBoundingRect()));
        QCOMPARE(viewCentre(view), centre);
    }

    void arrangeAutomaticallyLaysOutAndFits()
    {
        CapstoneWindow w;
        QVERIFY(w.open());
        ui::TopologyScene *scene = w.window.topologyScene();
        ui::TopologyView *view = w.window.topologyView();
        // Scattered first, as a user leaves a pipeline after some editing.
        QHash<QString, QPointF> from;
        QHash<QString, QPointF> to;
        int i = 0;
        for (const topology::Node &n : w.document.topology()->nodes()) {
            from.insert(n.id, n.position);
            to.insert(n.id, QPointF(qreal((i * 7919) % 900) - 300, qreal((i * 104729) % 700)));
            ++i;
        }
        auto *scatter = new topology::MoveNodesCommand(w.document.topology(), from, to);
        scatter->finish();
        w.document.undoStack()->push(scatter);
        const int steps = w.document.undoStack()->count();

        w.window.arrangeAutomatically();
        QCOMPARE(w.document.undoStack()->count(), steps + 1);
        QCOMPARE(w.document.undoStack()->undoText(), QStringLiteral("Arrange automatically"));
        const topology::LayoutSpacing spacing;
        const auto nodes = w.document.topology()->nodes();
        for (std::size_t a = 0; a < nodes.size(); ++a) {
            const QRectF ra = scene->nodeItem(nodes[a].id)->sceneBoundingRect();
            QVERIFY(visibleSceneRect(view).contains(ra)); // the whole pipeline is in view
            for (std::size_t b = a + 1; b < nodes.size(); ++b) {
                const QRectF rb = scene->nodeItem(nodes[b].id)->sceneBoundingRect();
                QVERIFY2(!ra.intersects(rb), qPrintable(nodes[a].id + u' ' + nodes[b].id));
                const QRectF na(nodes[a].position, ui::NodeItem::kSize);
                const QRectF nb(nodes[b].position, ui::NodeItem::kSize);
                const qreal dx = std::max(nb.left() - na.right(), na.left() - nb.right());
                const qreal dy = std::max(nb.top() - na.bottom(), na.top() - nb.bottom());
                QVERIFY2(dx >= spacing.columnGap || dy >= spacing.rowGap, qPrintable(nodes[a].id + u' ' + nodes[b].id));
            }
        }
        for (const topology::Edge &e : w.document.topology()->edges()) {
            if (e.from != QLatin1String("connect-local"))
                QVERIFY(w.document.topology()->node(e.from)->position.x() <
                        w.document.topology()->node(e.to)->position.x());
        }
        // One step back restores the scattered positions.
        w.document.undoStack()->undo();
        for (auto it = to.cbegin(); it != to.cend(); ++it)
            QCOMPARE(w.document.topology()->node(it.key())->position, it.value());
    }

    void connectorMenuRunsTheOperations()
    {
        CapstoneWindow w;
        QVERIFY(w.open());
        const QStringList operations = {QStringLiteral("&Pause"), QStringLiteral("Res&ume"),
                                        QStringLiteral("Restart &Connector"), QStringLiteral("Restart &Failed Tasks")};
        // Not connected: there, disabled, and saying why.
        {
            std::unique_ptr<QMenu> menu(w.window.createNodeMenu(QStringLiteral("connector-mysql")));
            QVERIFY(menu->toolTipsVisible());
            for (const QString &text : operations) {
                QAction *a = actionNamed(menu.get(), text);
                QVERIFY2(a, qPrintable(text));
                QVERIFY(!a->isEnabled());
                QVERIFY(a->toolTip().contains(QStringLiteral("Not connected to Kafka Connect")));
            }
            std::unique_ptr<QMenu> dbMenu(w.window.createNodeMenu(QStringLiteral("db-mysql")));
            QVERIFY(!actionNamed(dbMenu.get(), QStringLiteral("&Pause")));
        }
        // On a worker that runs it (mysql-outbox has a failed task): the panel's operations, enabled by state.
        testsupport::FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, connectsamples::serverInfo()});
        fake.on("GET", connectsamples::connectorsPath(), {200, connectsamples::connectorsOverview()});
        fake.on("GET", QStringLiteral("/connectors"), {200, connectsamples::connectorNames()});
        fake.setFallback({202, {}});
        ui::ConnectorsPanel *panel = w.window.connectorsPanel();
        panel->setRefreshInterval(0);
        connect::ClusterSettings cluster;
        cluster.name = QStringLiteral("local");
        cluster.url = fake.url();
        cluster.timeoutMs = 5000;
        cluster.readRetries = 0;
        panel->setClusters({cluster});
        QTRY_COMPARE_WITH_TIMEOUT(w.window.topologyScene()->nodeItem(QStringLiteral("connector-mysql"))->runtimeState(),
                                  QStringLiteral("FAILED"), 20000);
        std::unique_ptr<QMenu> menu(w.window.createNodeMenu(QStringLiteral("connector-mysql")));
        QCOMPARE(panel->selectedConnector(), QStringLiteral("mysql-outbox"));
        for (const QString &text : operations)
            QVERIFY2(actionNamed(menu.get(), text), qPrintable(text));
        QVERIFY(actionNamed(menu.get(), QStringLiteral("&Pause"))->isEnabled());
        QVERIFY(!actionNamed(menu.get(), QStringLiteral("Res&ume"))->isEnabled()); // it is not paused
        QVERIFY(actionNamed(menu.get(), QStringLiteral("Restart &Connector"))->isEnabled());
        QAction *restartFailed = actionNamed(menu.get(), QStringLiteral("Restart &Failed Tasks"));
        QVERIFY(restartFailed->isEnabled());
        restartFailed->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(
            fake.count("POST", QStringLiteral("/connectors/mysql-outbox/restart?includeTasks=true&onlyFailed=true")), 1,
            20000);
    }

    void clickingANodeLeavesTheConnectorsTab()
    {
        // Issue 20: a click on a node brought Properties forward over Connectors.
        CapstoneWindow w;
        QVERIFY(w.open());
        QDockWidget *connectors = w.window.dock(QStringLiteral("connectorsDock"));
        QDockWidget *properties = w.window.dock(QStringLiteral("propertiesDock"));
        QVERIFY(w.window.tabifiedDockWidgets(connectors).contains(properties));
        connectors->raise();
        const QString connectorsTitle = connectors->windowTitle();
        const QString propertiesTitle = properties->windowTitle();
        QTRY_COMPARE(currentDockTab(w.window, connectorsTitle), connectorsTitle);

        ui::TopologyView *view = w.window.topologyView();
        ui::TopologyScene *scene = w.window.topologyScene();
        const QPoint at =
            view->mapFromScene(scene->nodeItem(QStringLiteral("topic-postgres"))->sceneBoundingRect().center());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(scene->nodeItem(QStringLiteral("topic-postgres"))->isSelected());
        QCoreApplication::processEvents();
        QCOMPARE(currentDockTab(w.window, connectorsTitle), connectorsTitle);
        // The Properties panel follows the selection behind its tab all the same.
        QCOMPARE(properties->findChild<ui::PropertiesPanel *>()->nodeId(), QStringLiteral("topic-postgres"));

        // Asked for, it comes forward: the node menu's Properties, or a double-click on a node with no wizard.
        std::unique_ptr<QMenu> menu(w.window.createNodeMenu(QStringLiteral("topic-postgres")));
        QAction *show = menu->findChild<QAction *>(QStringLiteral("nodeProperties"));
        QVERIFY(show);
        show->trigger();
        QTRY_COMPARE(currentDockTab(w.window, connectorsTitle), propertiesTitle);
        connectors->raise();
        QTRY_COMPARE(currentDockTab(w.window, connectorsTitle), connectorsTitle);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(currentDockTab(w.window, connectorsTitle), propertiesTitle);
    }

    void canvasScreenshots_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("arranged");
        for (const bool dark : {false, true}) {
            for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
                for (const bool arranged : {false, true}) {
                    const QString row = QStringLiteral("%1-%2x%3-%4")
                                            .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                            .arg(size.width())
                                            .arg(size.height())
                                            .arg(arranged ? QStringLiteral("arranged") : QStringLiteral("template"));
                    QTest::newRow(qPrintable(row)) << dark << size << arranged;
                }
            }
        }
    }

    void canvasScreenshots()
    {
        QFETCH(bool, dark);
        QFETCH(QSize, size);
        QFETCH(bool, arranged);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(guitest::darkPalette());
        CapstoneWindow w;
        QVERIFY(w.open(size));
        if (arranged)
            w.window.arrangeAutomatically();
        // Live badges, as in the sandbox: the state must not crowd out the header or the detail.
        health::NodeHealth running;
        running.state = QStringLiteral("RUNNING");
        w.window.topologyScene()->nodeItem(QStringLiteral("connector-postgres"))->setLiveState(running);
        health::NodeHealth failed;
        failed.state = QStringLiteral("FAILED");
        failed.severity = health::Severity::Error;
        w.window.topologyScene()->nodeItem(QStringLiteral("connector-mysql"))->setLiveState(failed);
        QCoreApplication::processEvents();
        const QString name = QStringLiteral("/canvas-%1-%2x%3-%4.png")
                                 .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                 .arg(size.width())
                                 .arg(size.height())
                                 .arg(arranged ? QStringLiteral("arranged") : QStringLiteral("template"));
        QVERIFY(w.window.grab().save(guitest::outputDir() + name));
        QApplication::setPalette(original);
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
        QCOMPARE(scene->nodeItem(db)->pos(), // the drag drew, it did not move
                 QPointF(0, 0) - QPointF(ui::NodeItem::kSize.width() / 2, ui::NodeItem::kSize.height() / 2));

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
        QVERIFY(png.width() > 2 * 4 * ui::NodeItem::kSize.width()); // four columns of nodes, doubled
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
