// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Events panel in the main window (issue 20), offscreen on a 1366×768 screen: the table gets
// the room at the default layout, no toolbar button folds away, Ctrl+F reaches the filter from the canvas
// (also with the dock tabbed away or closed), and screenshots at 1366×768 and 1920×1080, light and dark,
// with the details pane closed and open.
#include "mainwindow/mainwindow.h"
#include "stream/eventdetails.h"
#include "stream/eventingest.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"
#include "stream/eventviewer.h"
#include "stream/querylineedit.h"
#include "topology/projectdocument.h"
#include "topology/topologyview.h"

#include "guitestsupport.h"
#include "stream/viewersamples.h"

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace cdc;

namespace {

void feed(ui::EventViewer *viewer)
{
    stream::EventIngest ingest(stream::SourceRouting{}, viewer->model()->store()->sharedStrings());
    viewer->deliver(stream::ingestMessages(ingest, viewersamples::outboxStream(60), 1764000001000));
    viewer->deliver(stream::ingestMessages(ingest, viewersamples::mixedMessages(), 1764000002000));
}

// Columns shown whole (the last one stretches to the edge).
int wholeColumns(const QTableView *table)
{
    const QHeaderView *header = table->horizontalHeader();
    int whole = 0;
    for (int i = 0; i < header->count(); ++i) {
        const int x = header->sectionViewportPosition(i);
        if (!header->isSectionHidden(i) && x >= 0 && x + header->sectionSize(i) <= table->viewport()->width())
            ++whole;
    }
    return whole;
}

bool overflows(const ui::EventViewer *viewer)
{
    const auto *bar = viewer->findChild<QToolBar *>(QStringLiteral("eventToolBar"));
    const auto *extension = bar ? bar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button")) : nullptr;
    return !bar || (extension && extension->isVisible());
}

} // namespace

class TstEventsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::useTestSettings(QStringLiteral("tst_eventspanel")); }

    void init() { QSettings().clear(); }

    // Issue 20: the default layout showed 4 columns beside an empty details pane, cut the filter's hint
    // and hid toolbar buttons behind ».
    void theDefaultLayoutGivesTheTableRoom()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::EventViewer *viewer = window.eventViewer();
        feed(viewer);
        QVERIFY(viewer->isShowingEvents());
        QTRY_VERIFY(viewer->tableView()->isVisible());
        QVERIFY(!viewer->isDetailsVisible());
        QVERIFY2(wholeColumns(viewer->tableView()) > 4, qPrintable(QStringLiteral("%1 columns in %2 px")
                                                                       .arg(wholeColumns(viewer->tableView()))
                                                                       .arg(viewer->tableView()->viewport()->width())));
        QVERIFY2(!overflows(viewer), qPrintable(QString::number(viewer->width())));
        ui::QueryLineEdit *query = viewer->queryEdit();
        const int hint = query->fontMetrics().horizontalAdvance(query->placeholderText());
        QVERIFY2(hint + 40 < query->width(), qPrintable(QStringLiteral("%1 in %2").arg(hint).arg(query->width())));
        QVERIFY(query->toolTip().contains(QStringLiteral("payload.total")));

        viewer->tableView()->selectRow(62); // the PostgreSQL update
        QVERIFY(viewer->isDetailsVisible());
        QTest::qWait(50); // the pane lays out
        QVERIFY(!overflows(viewer));
        QTabWidget *tabs = viewer->details()->tabs();
        for (int i = 0; i < tabs->count(); ++i)
            QVERIFY(tabs->tabBar()->rect().contains(tabs->tabBar()->tabRect(i)));
    }

    // Issue 20: Ctrl+F did nothing while the canvas had focus, and the typed text was lost.
    void ctrlFFromTheCanvasFocusesTheFilter()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ui::EventViewer *viewer = window.eventViewer();
        QWidget *canvas = window.topologyView();
        auto typeFromTheCanvas = [&](const QString &text) {
            canvas->setFocus();
            QTRY_VERIFY(canvas->hasFocus());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
            QTRY_VERIFY(viewer->queryEdit()->hasFocus());
            QTest::keyClicks(QApplication::focusWidget(), text);
        };

        typeFromTheCanvas(QStringLiteral("op:u"));
        QCOMPARE(viewer->queryEdit()->text(), QStringLiteral("op:u"));

        // Tabbed away behind the Unified Consumer: Ctrl+F brings Events to the front; the old query is
        // selected, so typing replaces it.
        window.dock(QStringLiteral("consumerDock"))->show();
        window.dock(QStringLiteral("consumerDock"))->raise();
        QTRY_VERIFY(viewer->visibleRegion().isEmpty()); // a tab behind another is not hidden, only covered
        typeFromTheCanvas(QStringLiteral("source:mysql"));
        QTRY_VERIFY(!viewer->visibleRegion().isEmpty());
        QCOMPARE(viewer->queryEdit()->text(), QStringLiteral("source:mysql"));

        // Closed: Ctrl+F opens it again.
        window.dock(QStringLiteral("eventsDock"))->close();
        QTRY_VERIFY(!viewer->isVisible());
        typeFromTheCanvas(QStringLiteral("key:PG-42"));
        QVERIFY(window.dock(QStringLiteral("eventsDock"))->isVisible());
        QCOMPARE(viewer->queryEdit()->text(), QStringLiteral("key:PG-42"));
    }

    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("dark");
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)})
            for (const bool dark : {false, true})
                QTest::addRow("%dx%d-%s", size.width(), size.height(), dark ? "dark" : "light") << size << dark;
    }

    void screenshots()
    {
        QFETCH(QSize, size);
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(guitest::darkPalette());
        {
            topology::ProjectDocument document;
            ui::MainWindow window(&document);
            QVERIFY(window.openTemplate(QStringLiteral("capstone")));
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            ui::EventViewer *viewer = window.eventViewer();
            feed(viewer);
            QTest::qWait(50);
            QDockWidget *dock = window.dock(QStringLiteral("eventsDock"));
            const QString tag = QString::fromLatin1(QTest::currentDataTag());
            QVERIFY(window.grab().save(guitest::outputDir() + QStringLiteral("/eventspanel-%1-window.png").arg(tag)));
            QVERIFY(dock->grab().save(guitest::outputDir() + QStringLiteral("/eventspanel-%1.png").arg(tag)));
            QVERIFY(!overflows(viewer));
            viewer->tableView()->selectRow(62); // the PostgreSQL update
            QVERIFY(viewer->isDetailsVisible());
            QTest::qWait(50);
            QVERIFY(dock->grab().save(guitest::outputDir() + QStringLiteral("/eventspanel-%1-details.png").arg(tag)));
            viewer->queryEdit()->setText(QStringLiteral("type:NoSuchThing"));
            QTRY_VERIFY(!viewer->placeholderText().isEmpty());
            QVERIFY(dock->grab().save(guitest::outputDir() + QStringLiteral("/eventspanel-%1-nomatch.png").arg(tag)));
            viewer->queryEdit()->setText(QStringLiteral("source:mysql \"unterminated"));
            QTRY_VERIFY(viewer->queryProblemLabel()->isVisible());
            QVERIFY(dock->grab().save(guitest::outputDir() + QStringLiteral("/eventspanel-%1-invalid.png").arg(tag)));
        }
        QApplication::setPalette(original);
    }
};

CDC_GUITEST_MAIN_ON_SCREEN(TstEventsPanel, "laptop", QSize(1366, 768))
#include "tst_eventspanel.moc"
