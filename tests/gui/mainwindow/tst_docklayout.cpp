// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20, part 6: the docks at their default sizes on a laptop's 1366×768 (and, run again with
// CDC_DOCK_SCREEN=1920x1080, on a projector's screen), offscreen: one visible Run in the Doctor, both
// lag charts in sight with their threshold labels and top tick, the Connectors' buttons in words and
// "UNASSIGNED" whole, a banner that leaves the docks where they were, and screenshots of each dock
// and of the window, light and dark.
#include "common/messagebar.h"
#include "common/statebadge.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorspanel.h"
#include "doctor/checklistview.h"
#include "doctor/doctorpanel.h"
#include "doctor/doctorsamples.h"
#include "lag/lagchart.h"
#include "lag/lagmonitor.h"
#include "lag/lagpanel.h"
#include "mainwindow/mainwindow.h"
#include "topology/projectdocument.h"
#include "topology/topologyview.h"

#ifndef Q_MOC_RUN // moc reads included headers, and loses its place in the samples' raw strings
#include "connect/connectsamples.h"
#include "guitestsupport.h"
#include "support/fakeconnect.h"
#endif

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStyleOptionViewItem>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace cdc;

namespace {

using cdc::guitest::outputDir;

QSize screenSize()
{
    const QByteArray wanted = qgetenv("CDC_DOCK_SCREEN");
    const QList<QByteArray> parts = (wanted.isEmpty() ? QByteArray("1366x768") : wanted).split('x');
    return {parts.value(0).toInt(), parts.value(1).toInt()};
}

QString sizeTag()
{
    const QSize s = screenSize();
    return QStringLiteral("%1x%2").arg(s.width()).arg(s.height());
}

const QStringList kDocks{QStringLiteral("paletteDock"),     QStringLiteral("eventsDock"),
                         QStringLiteral("consumerDock"),    QStringLiteral("lagDock"),
                         QStringLiteral("connectorsDock"),  QStringLiteral("propertiesDock"),
                         QStringLiteral("diagnosticsDock"), QStringLiteral("doctorDock")};

const lag::SeriesKey kPostgres{QStringLiteral("pg-slot:outbox_postgres"), QStringLiteral("outbox_postgres"),
                               lag::LagUnit::Bytes, QStringLiteral("postgres"), QStringLiteral("connector-postgres")};
const lag::SeriesKey kMySql{QStringLiteral("mysql-ms:mysql-outbox"), QStringLiteral("mysql-outbox"),
                            lag::LagUnit::Milliseconds, QStringLiteral("mysql"), QStringLiteral("connector-mysql")};

// The capstone in a window laid out as on a first run: no saved layout, sized for the screen.
struct Window
{
    Window()
    {
        window.openTemplate(QStringLiteral("capstone"));
        window.restoreWindowState();
        // On a screen larger than the default size, the window as a presenter has it: maximised.
        if (const QSize screen = window.screen()->availableGeometry().size();
            screen.width() > window.width() && screen.height() > window.height())
            window.setWindowState(window.windowState() | Qt::WindowMaximized);
        window.show();
    }
    bool exposed() { return QTest::qWaitForWindowExposed(&window); }
    QDockWidget *dock(const QString &name) const { return window.dock(name); }
    // Rectangle of `w` in the window's coordinates.
    QRect inWindow(const QWidget *w) const { return QRect(w->mapTo(&window, QPoint(0, 0)), w->size()); }

    topology::ProjectDocument document;
    ui::MainWindow window{&document};
};

// Two minutes of lag, both databases crossing their thresholds at the end; PostgreSQL at 0 at first.
void feedLag(lag::LagMonitor &monitor)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 120; ++i) {
        const qint64 t = now - qint64(119 - i) * 1000;
        monitor.addSample(kPostgres, t, i < 40 ? 0.0 : (i - 40) * 16.0 * 1024 * 1024);
        monitor.addSample(kMySql, t, i < 90 ? 1500.0 : 1500.0 + (i - 90) * 2500.0);
    }
}

QList<connect::ConnectorOverview> connectorStates()
{
    auto overview = [](const QString &name, const QString &state, const QString &taskState) {
        connect::ConnectorOverview o;
        o.status.name = name;
        o.status.state = state;
        o.status.type = QStringLiteral("source");
        o.status.workerId = QStringLiteral("127.0.0.1:8083");
        o.status.tasks = {{0, taskState, QStringLiteral("127.0.0.1:8083"), {}}};
        o.info.name = name;
        o.info.type = QStringLiteral("source");
        o.info.config.insert(QStringLiteral("connector.class"),
                             QStringLiteral("io.debezium.connector.mysql.MySqlConnector"));
        o.info.taskIds = {0};
        return o;
    };
    return {overview(QStringLiteral("postgres-outbox-connector-of-the-capstone"), QStringLiteral("RUNNING"),
                     QStringLiteral("RUNNING")),
            overview(QStringLiteral("mysql-outbox-connector-of-the-capstone"), QStringLiteral("UNASSIGNED"),
                     QStringLiteral("UNASSIGNED"))};
}

QString strippedText(const QString &text)
{
    return QString(text).remove(u'&');
}

} // namespace

class TstDockLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::useTestSettings(QStringLiteral("tst_docklayout")); }

    void init() { QSettings().clear(); }

    void theWindowFitsTheScreenAndEveryDockHasRoom()
    {
        Window w;
        QVERIFY(w.exposed());
        const QRect screen = w.window.screen()->availableGeometry();
        QCOMPARE(screen.size(), screenSize());
        QVERIFY2(screen.contains(w.window.geometry()), qPrintable(QStringLiteral("window %1,%2 %3×%4")
                                                                      .arg(w.window.x())
                                                                      .arg(w.window.y())
                                                                      .arg(w.window.width())
                                                                      .arg(w.window.height())));
        const QRect inside = w.window.rect();
        for (const QString &name : kDocks) {
            QDockWidget *dock = w.dock(name);
            QVERIFY(dock);
            if (dock->visibleRegion().isEmpty())
                continue; // behind another tab
            QVERIFY2(inside.contains(dock->geometry()), qPrintable(name));
            QVERIFY2(dock->width() >= dock->minimumWidth() && dock->height() >= dock->minimumHeight(),
                     qPrintable(name));
        }
        // The canvas keeps at least about half the width and a third of the height.
        const QWidget *canvas = w.window.topologyView();
        QVERIFY2(canvas->width() >= w.window.width() * 40 / 100, qPrintable(QString::number(canvas->width())));
        QVERIFY2(canvas->height() >= w.window.height() * 30 / 100, qPrintable(QString::number(canvas->height())));
        // The bottom docks share: Events the larger part, Lag enough for a chart.
        QVERIFY(w.dock(QStringLiteral("eventsDock"))->width() > w.dock(QStringLiteral("lagDock"))->width());
        QVERIFY(w.dock(QStringLiteral("eventsDock"))->height() >= 230);
        QVERIFY(w.dock(QStringLiteral("lagDock"))->width() >= 300);
        // The right column runs the whole height: Connectors above, Diagnostics and Doctor below.
        QVERIFY(w.dock(QStringLiteral("diagnosticsDock"))->geometry().bottom() >
                w.dock(QStringLiteral("eventsDock"))->geometry().top());
        QVERIFY(w.dock(QStringLiteral("diagnosticsDock"))->height() >= 280);
    }

    void theDoctorShowsOneRunButtonInSight()
    {
        Window w;
        QVERIFY(w.exposed());
        QDockWidget *dock = w.dock(QStringLiteral("doctorDock"));
        dock->raise();
        auto *panel = qobject_cast<ui::DoctorPanel *>(dock->widget());
        QVERIFY(panel);
        QTRY_VERIFY(panel->isVisible());
        auto runButtons = [panel] {
            QList<QAbstractButton *> out;
            for (QAbstractButton *b : panel->findChildren<QAbstractButton *>()) {
                if (b->isVisible() && strippedText(b->text()).startsWith(QStringLiteral("Run")))
                    out << b;
            }
            return out;
        };
        const QList<QAbstractButton *> runs = runButtons();
        QCOMPARE(runs.size(), 1);
        QAbstractButton *run = runs.front();
        // Whole, inside the panel and not covered.
        QCOMPARE(run->visibleRegion().boundingRect(), run->rect());
        QVERIFY(QRect(QPoint(0, 0), panel->size()).contains(QRect(run->mapTo(panel, QPoint(0, 0)), run->size())));
        QVERIFY(run->isEnabled());

        // With findings, still one Run; the checklist wraps its steps and the guide its lines.
        panel->showFindings(guitest::sampleFindings());
        QCOMPARE(runButtons().size(), 1);
        auto *tabs = panel->findChild<QTabWidget *>(QStringLiteral("doctorPages"));
        for (int i = 0; i < tabs->count(); ++i) {
            const QRect tab = tabs->tabBar()->tabRect(i);
            QVERIFY2(tabs->tabBar()->rect().contains(tab), qPrintable(tabs->tabText(i)));
        }
        tabs->setCurrentIndex(1);
        auto *checklist = panel->findChild<QTreeWidget *>(QStringLiteral("doctorChecklist"));
        QTRY_VERIFY(checklist->isVisible());
        int wrapped = 0;
        for (int s = 0; s < checklist->topLevelItemCount(); ++s) {
            QTreeWidgetItem *section = checklist->topLevelItem(s);
            for (int c = 0; c < section->childCount(); ++c) {
                QTreeWidgetItem *item = section->child(c);
                const QRect cell = checklist->visualItemRect(item);
                const QFontMetrics fm(checklist->font());
                // The row is as tall as the delegate's wrapped text asks (the fonts decide how many lines).
                QStyleOptionViewItem option;
                option.initFrom(checklist);
                option.font = checklist->font();
                option.fontMetrics = fm;
                const QModelIndex index = checklist->indexFromItem(item);
                const int needed = checklist->itemDelegateForIndex(index)->sizeHint(option, index).height();
                QVERIFY2(cell.height() >= needed, qPrintable(item->text(0)));
                if (needed >= 2 * fm.height())
                    ++wrapped;
            }
        }
        if (screenSize().width() < 1600) // at 1366 px some steps are longer than the column
            QVERIFY2(wrapped > 0, "no step was long enough to need wrapping: the test proves nothing");
        panel->showGuideEntry(QStringLiteral("slot-missing"));
        auto *guide = panel->findChild<QTextBrowser *>(QStringLiteral("doctorGuide"));
        QTRY_VERIFY(guide->isVisible());
        QCOMPARE(guide->horizontalScrollBar()->maximum(), 0);
    }

    void bothLagChartsAreInSightWithTheirLabels()
    {
        Window w;
        QVERIFY(w.exposed());
        feedLag(*w.window.lagMonitor());
        ui::LagPanel *panel = w.window.lagPanel();
        QTRY_VERIFY(panel->isShowingCharts());
        QTRY_COMPARE(panel->charts().size(), 2);
        panel->replotNow();
        QDockWidget *dock = w.dock(QStringLiteral("lagDock"));
        const QRect dockRect = dock->geometry();
        for (ui::LagChart *chart : panel->charts()) {
            if (panel->isTabbed())
                panel->chartTabs()->setCurrentWidget(chart);
            QTRY_VERIFY(chart->isVisible());
            chart->replot();
            const QRect rect = w.inWindow(chart);
            QVERIFY2(dockRect.contains(rect), qPrintable(chart->objectName()));
            QCOMPARE(chart->visibleRegion().boundingRect(), chart->rect());
            QVERIFY(chart->height() >= 140);

            // Both thresholds are crossed: both labels show, whole, inside the plot.
            const QRect plot = chart->axisRect()->rect();
            for (QCPItemText *label : {chart->warningLabel(), chart->criticalLabel()}) {
                QVERIFY2(label->visible(), qPrintable(label->text()));
                const QRectF box(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition());
                QVERIFY2(QRectF(plot).contains(box), qPrintable(label->text()));
                QVERIFY(box.width() >= QFontMetricsF(label->font()).horizontalAdvance(label->text()));
            }
            // The top tick is above the data and inside the axis, its label inside the chart.
            const QVector<double> ticks = chart->yAxis->tickVector();
            QVERIFY(!ticks.isEmpty());
            double dataMax = 0;
            for (auto it = chart->graph(0)->data()->constBegin(); it != chart->graph(0)->data()->constEnd(); ++it)
                dataMax = std::max(dataMax, it->value);
            QVERIFY2(ticks.last() >= dataMax, qPrintable(QStringLiteral("%1 < %2").arg(ticks.last()).arg(dataMax)));
            QVERIFY(ticks.last() <= chart->yAxis->range().upper);
            const double topTickY = chart->yAxis->coordToPixel(ticks.last());
            QVERIFY(topTickY - QFontMetricsF(chart->yAxis->tickLabelFont()).height() / 2 >= 0);
            // A line at zero is drawn above the axis line, two pixels wide.
            QVERIFY(chart->yAxis->range().lower < 0);
            QVERIFY(chart->yAxis->coordToPixel(0) <= plot.bottom() - 3);
            QVERIFY(chart->graph(0)->pen().width() >= 2);
        }
    }

    void connectorsButtonsSayWhatTheyDoAndTheStateIsWhole()
    {
        Window w;
        QVERIFY(w.exposed());
        QDockWidget *dock = w.dock(QStringLiteral("connectorsDock"));
        dock->raise();
        ui::ConnectorsPanel *panel = w.window.connectorsPanel();
        panel->setRefreshInterval(0);
        // A worker with the capstone's connectors; then, as if a refresh had read them, the states under test.
        testsupport::FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, connectsamples::serverInfo()});
        fake.on("GET", connectsamples::connectorsPath(), {200, connectsamples::connectorsOverview()});
        fake.setFallback({202, {}});
        connect::ClusterSettings cluster;
        cluster.name = QStringLiteral("local");
        cluster.url = fake.url();
        cluster.readRetries = 0;
        panel->setClusters({cluster});
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 3, 10000);
        QTRY_VERIFY(!panel->isRefreshing());
        panel->model()->setConnectors(connectorStates());
        QCOMPARE(panel->model()->rowCount(), 2);
        QTRY_VERIFY(panel->isShowingConnectors());
        QTRY_VERIFY(panel->treeView()->isVisible());

        auto *bar = panel->findChild<QWidget *>(QStringLiteral("connectorsToolBar"));
        QVERIFY(bar);
        const QList<QToolButton *> buttons = bar->findChildren<QToolButton *>();
        QCOMPARE(buttons.size(), 8);
        for (QToolButton *b : buttons) {
            QVERIFY(b->isVisible());
            QVERIFY2(!b->text().isEmpty(), qPrintable(b->toolTip()));
            QVERIFY2(b->toolButtonStyle() != Qt::ToolButtonIconOnly, qPrintable(b->text()));
            QVERIFY2(!b->toolTip().isEmpty(), qPrintable(b->text()));
            if (QAction *a = b->defaultAction(); a && !a->shortcut().isEmpty())
                QVERIFY2(b->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)),
                         qPrintable(b->toolTip()));
            // Whole, not cut off by the dock's edge.
            QVERIFY2(QRect(QPoint(0, 0), bar->size()).contains(b->geometry()), qPrintable(b->text()));
            QCOMPARE(b->visibleRegion().boundingRect(), b->rect());
        }

        QTreeView *tree = panel->treeView();
        QHeaderView *header = tree->header();
        const int state = connect::ConnectorsModel::StateColumn;
        QModelIndex unassigned;
        for (int row = 0; row < panel->model()->rowCount(); ++row) {
            const QModelIndex index = panel->model()->index(row, state);
            if (index.data(connect::ConnectorsModel::WorstStateRole).toString() == QLatin1String("UNASSIGNED"))
                unassigned = index;
        }
        QVERIFY(unassigned.isValid());
        const int badge = int(std::ceil(ui::stateBadgeSize(QStringLiteral("UNASSIGNED"), tree->font()).width()));
        QVERIFY2(header->sectionSize(state) >= badge + 8, qPrintable(QString::number(header->sectionSize(state))));
        QVERIFY(header->sectionSize(state) >= tree->sizeHintForIndex(unassigned).width());
        // The whole column is in sight; the name before it is what gives way.
        QVERIFY(header->sectionViewportPosition(state) >= 0);
        QVERIFY2(header->sectionViewportPosition(state) + header->sectionSize(state) <= tree->viewport()->width(),
                 qPrintable(QStringLiteral("%1 + %2 > %3")
                                .arg(header->sectionViewportPosition(state))
                                .arg(header->sectionSize(state))
                                .arg(tree->viewport()->width())));
        QVERIFY(header->sectionSize(connect::ConnectorsModel::NameColumn) <
                static_cast<const QAbstractItemView *>(tree)->sizeHintForColumn(connect::ConnectorsModel::NameColumn));
        QVERIFY(tree->grab().save(outputDir() + QStringLiteral("/docks-%1-connectors-unassigned.png").arg(sizeTag())));
    }

    void aBannerLeavesTheDocksWhereTheyWere()
    {
        Window w;
        QVERIFY(w.exposed());
        feedLag(*w.window.lagMonitor());
        QTRY_VERIFY(w.window.lagPanel()->isShowingCharts());
        QTest::qWait(100);
        // The Connectors in front, so its banner shows too; docks behind another tab have no geometry to keep.
        w.dock(QStringLiteral("connectorsDock"))->raise();
        QTRY_VERIFY(w.window.connectorsPanel()->isVisible());
        auto geometries = [&w] {
            QList<QRect> out;
            for (const QString &name : kDocks) {
                if (QDockWidget *dock = w.dock(name); dock->widget()->isVisible())
                    out << dock->geometry();
            }
            out << w.window.topologyView()->geometry();
            return out;
        };
        const QList<QRect> before = geometries();
        const QString longError = QStringLiteral(
            "PostgreSQL slots at 127.0.0.1:15432: connection refused. Is the server running on that host and "
            "accepting TCP/IP connections?\nMySQL at 127.0.0.1:13306: access denied for user 'debezium'.\n"
            "Consumer group unified-orders: the coordinator is not available.");
        const QList<ui::MessageBar *> bars = w.window.findChildren<ui::MessageBar *>();
        QVERIFY(bars.size() >= 3); // Lag, Connectors, Unified Consumer
        for (ui::MessageBar *bar : bars)
            bar->showMessage(ui::MessageBar::Kind::Error, longError);
        QTRY_VERIFY(w.window.lagPanel()->messageBar()->isVisible());
        QTest::qWait(100); // the window's layout answers a changed minimum at once, if it does
        QCOMPARE(geometries(), before);
        // Shown: at least its first line in a short dock (the whole text in its tooltip), all of it where
        // there is room.
        for (ui::MessageBar *bar : bars) {
            if (!bar->parentWidget()->isVisible())
                continue;
            QVERIFY(bar->height() >= bar->fontMetrics().height());
            QCOMPARE(bar->findChild<QLabel *>(QStringLiteral("messageBarText"))->toolTip(), longError);
        }
        QVERIFY(
            w.window.lagPanel()->grab().save(outputDir() + QStringLiteral("/docks-%1-lag-banner.png").arg(sizeTag())));
        for (ui::MessageBar *bar : bars)
            bar->clearMessage();
        QTest::qWait(100);
        QCOMPARE(geometries(), before);
    }

    void screenshots_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void screenshots()
    {
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(guitest::darkPalette());
        {
            Window w;
            QVERIFY(w.exposed());
            feedLag(*w.window.lagMonitor());
            QTRY_VERIFY(w.window.lagPanel()->isShowingCharts());
            w.window.connectorsPanel()->setRefreshInterval(0);
            QTest::qWait(300);
            const QString prefix =
                outputDir() +
                QStringLiteral("/docks-%1-%2").arg(sizeTag(), QString::fromLatin1(QTest::currentDataTag()));
            QVERIFY(w.window.grab().save(prefix + QStringLiteral("-window.png")));
            for (const QString &name : kDocks) {
                QDockWidget *dock = w.dock(name);
                dock->raise();
                if (name == QLatin1String("doctorDock"))
                    qobject_cast<ui::DoctorPanel *>(dock->widget())->showFindings(guitest::sampleFindings());
                QTest::qWait(100);
                QVERIFY(dock->grab().save(prefix + u'-' + name + QStringLiteral(".png")));
            }
            auto *doctor = qobject_cast<ui::DoctorPanel *>(w.dock(QStringLiteral("doctorDock"))->widget());
            auto *tabs = doctor->findChild<QTabWidget *>(QStringLiteral("doctorPages"));
            for (int i = 1; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                QTest::qWait(100);
                QVERIFY(w.dock(QStringLiteral("doctorDock"))
                            ->grab()
                            .save(prefix + QStringLiteral("-doctorDock-%1.png").arg(i)));
            }
        }
        QApplication::setPalette(original);
    }
};

// A screen of the size under test: offscreen's default is 800×600.
CDC_GUITEST_MAIN_ON_SCREEN(TstDockLayout, "docks", screenSize())
#include "tst_docklayout.moc"
