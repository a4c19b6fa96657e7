// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the main window, offscreen: panels and their empty states, the template on the canvas,
// undoable moves, errors shown without losing the open project, state kept between runs, screenshots.
#include "common/aboutdialog.h"
#include "common/emptystate.h"
#include "core/buildinfo.h"
#include "doctor/doctorpanel.h"
#include "health/pipelinehealth.h"
#include "mainwindow/mainwindow.h"
#include "stream/eventviewer.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/topologycommands.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"
#include "validation/diagnosticspanel.h"

#include "guitestsupport.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace cdc;

namespace {

using cdc::guitest::darkPalette;
using cdc::guitest::outputDir;

// The panels that are placeholders until their features land.
// Panels whose features have not landed yet: each says what will appear there.
const QStringList kDocks{QStringLiteral("lagDock"), QStringLiteral("connectorsDock")};

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::useTestSettings(QStringLiteral("tst_mainwindow")); }

    void init() { QSettings().clear(); }

    void opensWithTheCapstoneOnTheCanvas()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QCOMPARE(window.topologyScene()->nodeItemCount(), 9);
        QCOMPARE(window.topologyScene()->edgeItemCount(), 9);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Two-database outbox capstone")));
        QVERIFY(!window.isWindowModified());
        // Fit happens once the view has its size: the whole graph is visible.
        QTRY_VERIFY(window.topologyView()
                        ->mapToScene(window.topologyView()->viewport()->rect())
                        .boundingRect()
                        .contains(window.topologyScene()->itemsBoundingRect()));
    }

    void everyPanelSaysWhatWillAppearThere()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QString &name : kDocks) {
            QDockWidget *dock = window.dock(name);
            QVERIFY2(dock, qPrintable(name));
            QVERIFY(dock->isVisible());
            // A panel's own empty state (the Connectors panel shows one until the project has a cluster).
            auto *empty = qobject_cast<ui::EmptyState *>(dock->widget());
            if (!empty)
                empty = dock->widget()->findChild<ui::EmptyState *>();
            QVERIFY2(empty && empty->isVisible(), qPrintable(name));
            QVERIFY(!empty->title().isEmpty());
            QVERIFY(empty->explanation().length() > 40);
        }
        // The Events panel is the live viewer, with its own empty state until events arrive.
        auto *viewer = qobject_cast<ui::EventViewer *>(window.dock(QStringLiteral("eventsDock"))->widget());
        QVERIFY(viewer);
        QVERIFY(!viewer->isShowingEvents());
        // The empty-state texts do not overflow: each label fits its panel's width.
        for (const QString &name : kDocks) {
            const auto labels = window.dock(name)->widget()->findChildren<QLabel *>();
            for (QLabel *label : labels)
                QVERIFY2(label->width() <= window.dock(name)->width(), qPrintable(name));
        }
    }

    void diagnosticsFollowEditsAndSelectTheirNode()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *panel = window.dock(QStringLiteral("diagnosticsDock"))->findChild<ui::DiagnosticsPanel *>();
        QVERIFY(panel);
        panel->revalidate();
        QVERIFY(window.pipelineHealth()->projectDiagnostics().empty());
        QVERIFY(panel->findChild<QLabel *>(QStringLiteral("diagnosticsSummary"))
                    ->text()
                    .contains(QStringLiteral("No problems")));

        // Seed a mistake: the consumer loses its composite key. The check runs by itself shortly after.
        auto properties = document.topology()->node(QStringLiteral("consumer-pyflink"))->properties;
        properties.remove(QStringLiteral("key"));
        document.undoStack()->push(
            new topology::EditNodeCommand(document.topology(), QStringLiteral("consumer-pyflink"),
                                          QStringLiteral("unified-orders (PyFlink)"), properties));
        QTRY_COMPARE(window.pipelineHealth()->projectDiagnostics().size(), 1u);
        ui::NodeItem *consumer = window.topologyScene()->nodeItem(QStringLiteral("consumer-pyflink"));
        QCOMPARE(consumer->errorCount(), 1);
        QVERIFY(consumer->toolTip().contains(QStringLiteral("aggregate ids")));
        QCOMPARE(window.topologyScene()->nodeItem(QStringLiteral("db-postgres"))->errorCount(), 0);
        QVERIFY(
            window.findChild<QLabel *>(QStringLiteral("problemStatus"))->text().startsWith(QStringLiteral("1 error")));
        window.grab().save(outputDir() + QStringLiteral("/mainwindow-diagnostics.png"));

        auto *list = panel->findChild<QListWidget *>(QStringLiteral("diagnosticsList"));
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().startsWith(QStringLiteral("unified-orders (PyFlink) · key\n")));
        window.topologyScene()->clearSelection();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QVERIFY(consumer->isSelected());

        document.undoStack()->undo();
        QTRY_VERIFY(window.pipelineHealth()->projectDiagnostics().empty());
        QCOMPARE(consumer->errorCount(), 0);
    }

    // What the Doctor's run found wrong is counted where everything else is: the status bar, Diagnostics
    // and the node it concerns; the Doctor dock's own summary names the same errors.
    void theDoctorsFindingsTellTheSameStoryEverywhere()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.pipelineHealth()->revalidate();
        auto *problems = window.findChild<QLabel *>(QStringLiteral("problemStatus"));
        QCOMPARE(problems->text(), QStringLiteral("No problems"));

        doctor::Finding walLevel;
        walLevel.check = QStringLiteral("pg.wal-level");
        walLevel.area = doctor::Area::PostgreSQL;
        walLevel.severity = doctor::Severity::Error;
        walLevel.subject = QStringLiteral("PostgreSQL 127.0.0.1:15432");
        walLevel.title = QStringLiteral("wal_level is replica; logical decoding needs logical.");
        walLevel.evidence = QStringLiteral("SHOW wal_level\n→ replica");
        doctor::Finding passed = walLevel;
        passed.check = QStringLiteral("pg.slot");
        passed.severity = doctor::Severity::Ok;
        auto *doctorPanel = window.findChild<ui::DoctorPanel *>();
        QVERIFY(doctorPanel);
        doctorPanel->showFindings({walLevel, passed});

        QCOMPARE(doctorPanel->summaryText(), QStringLiteral("1 error, 0 warnings, 1 passed"));
        QCOMPARE(window.pipelineHealth()->summary().counts, QStringLiteral("1 error"));
        QCOMPARE(problems->text(), QStringLiteral("1 error"));
        QVERIFY(problems->toolTip().contains(walLevel.title));
        QCOMPARE(window.topologyScene()->nodeItem(QStringLiteral("db-postgres"))->severity(), health::Severity::Error);
        auto *list =
            window.dock(QStringLiteral("diagnosticsDock"))->findChild<QListWidget *>(QStringLiteral("diagnosticsList"));
        QTRY_COMPARE(list->count(), 1);
        QVERIFY2(list->item(0)->text().contains(walLevel.title), qPrintable(list->item(0)->text()));

        // The next run finds it fixed: gone everywhere.
        doctorPanel->showFindings({passed});
        QCOMPARE(problems->text(), QStringLiteral("No problems"));
        QCOMPARE(window.topologyScene()->nodeItem(QStringLiteral("db-postgres"))->severity(), health::Severity::Ok);
    }

    void dragMovesANodeAsOneUndoableStep()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::TopologyView *view = window.topologyView();
        view->resetZoom();
        ui::NodeItem *item = window.topologyScene()->nodeItem(QStringLiteral("db-postgres"));
        QVERIFY(item);
        view->centerOn(item);
        const QPointF before = document.topology()->node(QStringLiteral("db-postgres"))->position;

        const QPoint start = view->mapFromScene(item->mapToScene(QPointF(100, 36)));
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(view->viewport(), start + QPoint(15 * step, 10 * step));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, start + QPoint(60, 40));

        const QPointF after = document.topology()->node(QStringLiteral("db-postgres"))->position;
        QCOMPARE(after, before + QPointF(60, 40));
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(window.isWindowModified());

        document.undoStack()->undo();
        QCOMPARE(document.topology()->node(QStringLiteral("db-postgres"))->position, before);
        QCOMPARE(item->pos(), before);
        QVERIFY(!window.isWindowModified());
    }

    void brokenFileIsShownAndTheOpenProjectKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.cdcproj"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ \"format\": 1, \"topology\": ");
        f.close();

        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QVERIFY(!window.openProject(path));
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("errorMessage"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(path + QStringLiteral(":line 1")), qPrintable(box->text()));
        QCOMPARE(document.topology()->nodes().size(), 9u);
        QCOMPARE(window.topologyScene()->nodeItemCount(), 9);
        QVERIFY(document.filePath().isEmpty());
        box->grab().save(outputDir() + QStringLiteral("/error-broken-project.png"));
        box->close();
    }

    void windowStateIsKeptBetweenRuns()
    {
        {
            topology::ProjectDocument document;
            ui::MainWindow window(&document);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.dock(QStringLiteral("lagDock"))->hide();
            QVERIFY(window.close());
        }
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.restoreWindowState();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.dock(QStringLiteral("lagDock"))->isVisible());
        QVERIFY(window.dock(QStringLiteral("eventsDock"))->isVisible());
    }

    void aboutShowsTheVersions()
    {
        const QString text = ui::AboutDialog::versionText();
        QVERIFY(text.contains(cdc::buildinfo::applicationVersion()));
        QVERIFY(text.contains(QStringLiteral("librdkafka ") + cdc::buildinfo::librdkafkaVersion()));
        QVERIFY(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
        // The licence, and each library's with its version: QCustomPlot's GPL is why ours is GPL-3.0-or-later.
        QVERIFY(text.contains(QStringLiteral("(GPL-3.0-or-later)")));
        const QList<cdc::buildinfo::Component> components = cdc::buildinfo::components(QStringLiteral("x"));
        QCOMPARE(components.size(), 5);
        for (const cdc::buildinfo::Component &c : components) {
            if (c.name == QLatin1String("QCustomPlot"))
                continue;
            QVERIFY2(!c.version.isEmpty() && !c.licence.isEmpty(), qPrintable(c.name));
            QVERIFY2(text.contains(c.name + u' ' + c.version + QStringLiteral(" (") + c.licence + u')'),
                     qPrintable(text));
        }

        ui::AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        bool foundRdkafka = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            foundRdkafka |= label->text() == cdc::buildinfo::librdkafkaVersion();
        QVERIFY(foundRdkafka);
        auto *licence = dialog.findChild<QLabel *>(QStringLiteral("aboutLicence"));
        QVERIFY(licence && licence->isVisible());
        QVERIFY(licence->text().contains(QStringLiteral("GPL-3.0-or-later")));
        QVERIFY(dialog.grab().save(outputDir() + QStringLiteral("/about.png")));
    }

    void screenshots_data() { cdc::guitest::addScreenshotRows(); }

    void screenshots()
    {
        QFETCH(bool, dark);
        QFETCH(bool, empty);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());

        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        if (!empty)
            QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(250); // let the deferred fit-to-window and the first check run

        const QImage shot = window.grab().toImage();
        QApplication::setPalette(original);
        QCOMPARE(shot.size(), QSize(1400, 900) * shot.devicePixelRatio());
        const QString file =
            outputDir() + QStringLiteral("/mainwindow-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(shot.save(file));
        // The palette reached the canvas: its background is dark in the dark run and light otherwise.
        const QPoint probe = window.topologyView()->mapTo(&window, QPoint(5, 5));
        QCOMPARE(qGray(shot.pixel(probe)) < 100, dark);
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
