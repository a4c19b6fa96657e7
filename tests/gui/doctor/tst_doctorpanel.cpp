// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor dock: findings grouped by area with the details, Copy and a confirmed Apply; the checklist
// ticking from findings and by hand; the guide reached from a finding; a real run off the GUI thread;
// findings as each check finishes, Cancel (button and Esc) during a check that blocks, and the window's
// menu item while a run goes on (issue 18); screenshots in light and dark, with findings, empty, running
// and cancelled.
#include "common/emptystate.h"
#include "doctor/checklistview.h"
#include "doctor/doctorpanel.h"
#include "doctor/doctorrun.h"
#include "doctor/findingsview.h"
#include "doctorsamples.h"
#include "guitestsupport.h"
#include "mainwindow/mainwindow.h"
#include "topology/projectdocument.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFontInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeWidget>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

using namespace cdc;
using cdc::guitest::outputDir;

namespace {

void showAndWait(QWidget &w, QSize size = QSize(1100, 560))
{
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
}

// What a blocking check waits on: opened by the test, or after 30 s (a failing test must still end).
struct Gate
{
    std::mutex mutex;
    std::condition_variable opened;
    bool open = false;
    std::atomic_bool entered = false;

    void wait()
    {
        entered = true;
        std::unique_lock lock(mutex);
        opened.wait_for(lock, std::chrono::seconds(30), [this] { return open; });
    }
    void release()
    {
        {
            std::lock_guard lock(mutex);
            open = true;
        }
        opened.notify_all();
    }
};

// The sample findings as a run's checks would find them, area by area; Kafka's check blocks at `gate`.
doctor::DoctorCheckFactory sampleChecks(std::shared_ptr<Gate> gate)
{
    return [gate](const doctor::DoctorPlan &, const doctor::DoctorOptions &) {
        doctor::DoctorChecks checks;
        const doctor::Findings all = guitest::sampleFindings();
        const std::pair<doctor::Area, const char *> areas[] = {
            {doctor::Area::Project, "Checking the project"},
            {doctor::Area::KafkaConnect, "Asking Kafka Connect at http://127.0.0.1:18083"},
            {doctor::Area::PostgreSQL, "Checking PostgreSQL at 127.0.0.1:15432"},
            {doctor::Area::MySQL, "Checking MySQL/MariaDB at 127.0.0.1:13306"},
            {doctor::Area::Kafka, "Asking Kafka at 127.0.0.1:19092"}};
        for (const auto &[area, what] : areas) {
            doctor::Findings ofArea;
            std::copy_if(all.begin(), all.end(), std::back_inserter(ofArea),
                         [area = area](const doctor::Finding &f) { return f.area == area; });
            const bool blocks = area == doctor::Area::Kafka;
            checks.push_back({QString::fromLatin1(what), QString::fromLatin1(what), area, QString::fromLatin1(what),
                              60000, [gate, ofArea, blocks](doctor::DoctorContext &) {
                                  if (blocks)
                                      gate->wait();
                                  return ofArea;
                              }});
        }
        return checks;
    };
}

Result<doctor::DoctorPlan> samplePlan()
{
    doctor::DoctorPlan plan;
    plan.project.name = QStringLiteral("Two-database outbox capstone");
    return plan;
}

} // namespace

class TestDoctorPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::useTestSettings(QStringLiteral("tst_doctorpanel")); }

    void findingsAreGroupedByAreaWorstFirst()
    {
        ui::DoctorPanel panel;
        panel.showFindings(guitest::sampleFindings());
        auto *tree = panel.findChild<QTreeWidget *>(QStringLiteral("doctorFindings"));
        QCOMPARE(tree->topLevelItemCount(), 5); // Project, PostgreSQL, MySQL/MariaDB, Kafka Connect, Kafka
        QCOMPARE(tree->topLevelItem(1)->text(0), QStringLiteral("PostgreSQL — 1 error, 1 note, 1 passed"));
        QCOMPARE(tree->topLevelItem(1)->child(0)->text(0),
                 QStringLiteral("wal_level is replica; Debezium needs logical."));
        QCOMPARE(tree->topLevelItem(1)->child(2)->text(0),
                 QStringLiteral("Connected as debezium to PostgreSQL 15.18."));
        QCOMPARE(panel.summaryText(), QStringLiteral("2 errors, 1 warning, 2 notes, 5 passed"));
        // The first problem is selected and shown.
        QCOMPARE(panel.findingsView()->selectedFinding()->check, QStringLiteral("pg.wal-level"));
    }

    void detailsShowEvidenceAndCopyTheFix()
    {
        ui::DoctorPanel panel;
        panel.showFindings(guitest::sampleFindings());
        QVERIFY(panel.findingsView()->selectCheck(QStringLiteral("pg.wal-level")));
        const QString details = panel.findChild<QTextBrowser *>(QStringLiteral("doctorDetails"))->toPlainText();
        QVERIFY2(details.contains(QStringLiteral("SHOW wal_level\n→ replica")), qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("ALTER SYSTEM SET wal_level = logical;")));
        QVERIFY(details.contains(QStringLiteral("Troubleshooting:")));
        auto *copy = panel.findChild<QPushButton *>(QStringLiteral("doctorCopyFix"));
        auto *apply = panel.findChild<QPushButton *>(QStringLiteral("doctorApplyFix"));
        QVERIFY(copy->isEnabled());
        QVERIFY(apply->isHidden()); // a restart is not for a button
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("ALTER SYSTEM SET wal_level = logical;\n-- then restart PostgreSQL: wal_level only "
                                "changes at start"));
        // A finding without a fix has nothing to copy.
        QVERIFY(panel.findingsView()->selectCheck(QStringLiteral("my.binlog-format")));
        QVERIFY(!copy->isEnabled());
    }

    void applyAsksFirst()
    {
        ui::DoctorPanel panel;
        showAndWait(panel);
        panel.showFindings(guitest::sampleFindings());
        int requested = 0;
        connect(panel.findingsView(), &ui::FindingsView::applyRequested, this, [&requested] { ++requested; });
        QVERIFY(panel.findingsView()->selectCheck(QStringLiteral("pg.publication")));
        auto *apply = panel.findChild<QPushButton *>(QStringLiteral("doctorApplyFix"));
        QVERIFY(!apply->isHidden());
        QTest::mouseClick(apply, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = panel.findChild<QMessageBox *>(QStringLiteral("doctorApplyConfirmation"))));
        QVERIFY(box->text().contains(QStringLiteral("CREATE PUBLICATION \"outbox_postgres_pub\"")));
        QVERIFY(box->text().contains(QStringLiteral("as debezium on 127.0.0.1:15432")));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(50);
        QCOMPARE(requested, 0);
        // Accepted: the runner tries it; with no password behind the reference it says why, and nothing ran.
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY((box = panel.findChild<QMessageBox *>(QStringLiteral("doctorApplyConfirmation"))));
        const auto buttons = box->buttons();
        QAbstractButton *accept = *std::find_if(buttons.begin(), buttons.end(), [box](QAbstractButton *b) {
            return box->buttonRole(b) == QMessageBox::AcceptRole;
        });
        accept->click();
        QCOMPARE(requested, 1);
        auto *result = panel.findChild<QLabel *>(QStringLiteral("doctorApplyResult"));
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("Not applied: ")));
        QVERIFY2(result->text().contains(QStringLiteral("CDC_DOCTOR_SAMPLE_PASSWORD")), qPrintable(result->text()));
    }

    void guideLinkOpensTheEntry()
    {
        ui::DoctorPanel panel;
        panel.showFindings(guitest::sampleFindings());
        QVERIFY(panel.findingsView()->selectCheck(QStringLiteral("connect.connector-state")));
        auto *details = panel.findChild<QTextBrowser *>(QStringLiteral("doctorDetails"));
        QVERIFY(details->toHtml().contains(QStringLiteral("guide:duplicate-server-id")));
        // The evidence (<pre>) is in the fixed-pitch font, as in every code view (issue 18); the prose is not.
        const QTextCursor evidence = details->document()->find(QStringLiteral("GET http://127.0.0.1:18083"));
        QVERIFY(!evidence.isNull());
        QVERIFY(QFontInfo(evidence.charFormat().font()).fixedPitch());
        const QTextCursor prose = details->document()->find(QStringLiteral("must be unique"));
        QVERIFY(!prose.isNull());
        QVERIFY(!QFontInfo(prose.charFormat().font()).fixedPitch());
        Q_EMIT details->anchorClicked(QUrl(QStringLiteral("guide:duplicate-server-id")));
        auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("doctorPages"));
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("doctorGuide"));
        QVERIFY(qobject_cast<QTextBrowser *>(tabs->currentWidget())
                    ->toPlainText()
                    .contains(QStringLiteral("A slave with the same server_uuid/server_id")));
    }

    void checklistTicksFromFindingsAndByHand()
    {
        ui::DoctorPanel panel;
        panel.showFindings(guitest::sampleFindings());
        ui::ChecklistView *checklist = panel.checklistView();
        // Passed: the binlog and the plugins. Failed: wal_level, the grants, the MySQL connector (alone and both).
        QVERIFY2(checklist->progressText().startsWith(QStringLiteral("2 of 16 steps passed, 4 failed.")),
                 qPrintable(checklist->progressText()));
        auto *tree = panel.findChild<QTreeWidget *>(QStringLiteral("doctorChecklist"));
        QTreeWidgetItem *flow = tree->topLevelItem(1);
        QTreeWidgetItem *pgEvent = nullptr;
        for (int i = 0; i < flow->childCount(); ++i) {
            if (flow->child(i)->text(0).startsWith(QStringLiteral("An outbox row inserted in PostgreSQL")))
                pgEvent = flow->child(i);
        }
        QVERIFY(pgEvent);
        QCOMPARE(pgEvent->text(1), QStringLiteral("tick when done"));
        pgEvent->setCheckState(0, Qt::Checked);
        QCOMPARE(pgEvent->text(1), QStringLiteral("passed"));
        QVERIFY(checklist->progressText().startsWith(QStringLiteral("3 of 16 steps passed, 4 failed.")));
        QVERIFY(checklist->ticked().contains(QStringLiteral("pg-event")));
    }

    void aRealRunLeavesTheWindowResponsive()
    {
        // A PostgreSQL nobody listens on: the run fails fast, on a pool thread.
        qputenv("CDC_DOCTOR_GUI_TEST_PASSWORD", "not-a-real-password");
        ui::DoctorPanel panel;
        panel.setPlanProvider([]() -> Result<doctor::DoctorPlan> {
            doctor::DoctorPlan plan;
            plan.project.name = QStringLiteral("unreachable");
            doctor::PostgresTarget pg;
            pg.endpoint = {QStringLiteral("127.0.0.1"), 1, QStringLiteral("capstone"), QStringLiteral("debezium"),
                           QStringLiteral("${env:CDC_DOCTOR_GUI_TEST_PASSWORD}")};
            plan.postgres.push_back(pg);
            return plan;
        });
        QElapsedTimer t;
        t.start();
        panel.runAction()->trigger();
        const qint64 returnedAfterMs = t.elapsed();
        QVERIFY2(returnedAfterMs < 200, qPrintable(QString::number(returnedAfterMs)));
        QVERIFY(panel.isRunning());
        QVERIFY(!panel.runAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 15000);
        QVERIFY(panel.runAction()->isEnabled());
        const doctor::Findings &found = panel.findingsView()->findings();
        const auto pg = std::find_if(found.begin(), found.end(),
                                     [](const doctor::Finding &f) { return f.area == doctor::Area::PostgreSQL; });
        QVERIFY(pg != found.end());
        QCOMPARE(std::count_if(found.begin(), found.end(),
                               [](const doctor::Finding &f) { return f.area == doctor::Area::PostgreSQL; }),
                 1); // nothing more is asked of a server that does not answer
        QCOMPARE(pg->check, QStringLiteral("pg.connect"));
        QCOMPARE(pg->severity, doctor::Severity::Error);
        QVERIFY(pg->title.startsWith(QStringLiteral("Cannot connect as debezium: ")));
        QVERIFY(!pg->evidence.contains(QStringLiteral("not-a-real-password")));
        qInfo("Run Checks returned to the event loop after %lld ms; the run took %lld ms", returnedAfterMs,
              t.elapsed());
    }

    void theWindowHasTheDockAndTheMenuAction()
    {
        QSettings().clear();
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QDockWidget *dock = window.dock(QStringLiteral("doctorDock"));
        QVERIFY(dock);
        QCOMPARE(dock->windowTitle(), QStringLiteral("Doctor"));
        auto *action = window.findChild<QAction *>(QStringLiteral("runDoctor"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        QVERIFY(qobject_cast<ui::DoctorPanel *>(dock->widget()));
    }

    // Issue 18: findings as each check finishes, then Cancel during a check that blocks returns at once.
    void findingsAppearAsChecksFinishAndCancelReturnsAtOnce()
    {
        auto gate = std::make_shared<Gate>();
        ui::DoctorPanel panel(nullptr, sampleChecks(gate));
        panel.setPlanProvider(samplePlan);
        showAndWait(panel);
        auto *cancel = panel.findChild<QToolButton *>(QStringLiteral("doctorCancel"));
        auto *progress = panel.findChild<QProgressBar *>(QStringLiteral("doctorProgress"));
        QVERIFY(cancel && progress);
        QVERIFY(!cancel->isVisible());
        QVERIFY(!panel.cancelAction()->isEnabled());
        QSignalSpy running(&panel, &ui::DoctorPanel::runningChanged);
        panel.runAction()->trigger();
        QVERIFY(panel.isRunning());
        QCOMPARE(running.size(), 1);
        QVERIFY(cancel->isVisible());
        QVERIFY(panel.cancelAction()->isEnabled());
        QVERIFY(!panel.runAction()->isEnabled());
        // While Kafka's check blocks, the other four checks' findings are there, in their areas.
        QTRY_COMPARE(panel.findingsView()->findings().size(), std::size_t(9));
        QTRY_VERIFY(gate->entered);
        QVERIFY(panel.isRunning());
        auto *tree = panel.findChild<QTreeWidget *>(QStringLiteral("doctorFindings"));
        QCOMPARE(tree->topLevelItemCount(), 4); // Project, PostgreSQL, MySQL/MariaDB, Kafka Connect
        QCOMPARE(panel.summaryText(), QStringLiteral("Asking Kafka at 127.0.0.1:19092…"));
        QCOMPARE(progress->value(), 4);
        QCOMPARE(progress->maximum(), 5);
        QVERIFY2(panel.checklistView()->progressText().startsWith(QStringLiteral("2 of 16 steps passed, 4 failed.")),
                 qPrintable(panel.checklistView()->progressText()));
        QCOMPARE(panel.findingsView()->selectedFinding()->check, QStringLiteral("pg.wal-level"));
        QTest::qWait(50);
        QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-running.png")));
        panel.resize(460, 640); // as in the side dock
        QTest::qWait(50);
        QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-running-narrow.png")));
        panel.resize(1100, 560);

        QElapsedTimer t;
        t.start();
        QTest::mouseClick(cancel, Qt::LeftButton);
        // Idle when the click returns, with what was found so far, marked as cancelled.
        QVERIFY(!panel.isRunning());
        QCOMPARE(running.size(), 2);
        QVERIFY(!cancel->isVisible());
        QVERIFY(!progress->isVisible());
        QVERIFY(panel.runAction()->isEnabled());
        QCOMPARE(panel.summaryText(),
                 QStringLiteral("Cancelled after 4 of 5 checks: 2 errors, 1 warning, 1 note, 5 passed"));
        QCOMPARE(panel.findingsView()->findings().size(), std::size_t(9));
        QCOMPARE(tree->topLevelItemCount(), 4);
        qInfo("Cancel returned after %lld ms while a check blocked", t.elapsed());
        QTest::qWait(50);
        QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-cancelled.png")));
        panel.resize(460, 640);
        QTest::qWait(50);
        QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-cancelled-narrow.png")));
        gate->release();
    }

    void escapeCancelsARunWhileTheDockHasTheFocus()
    {
        auto gate = std::make_shared<Gate>();
        ui::DoctorPanel panel(nullptr, sampleChecks(gate));
        panel.setPlanProvider(samplePlan);
        showAndWait(panel);
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        panel.runChecks();
        QTRY_VERIFY(gate->entered);
        auto *tree = panel.findChild<QTreeWidget *>(QStringLiteral("doctorFindings"));
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Escape);
        QVERIFY(!panel.isRunning());
        QVERIFY(panel.summaryText().startsWith(QStringLiteral("Cancelled after 4 of 5 checks")));
        gate->release();
    }

    void cancelBeforeAnyCheckFinishedSaysSo()
    {
        auto gate = std::make_shared<Gate>();
        ui::DoctorPanel panel(nullptr, [gate](const doctor::DoctorPlan &, const doctor::DoctorOptions &) {
            return doctor::DoctorChecks{{QStringLiteral("connect"), QStringLiteral("Asking Kafka Connect"),
                                         doctor::Area::KafkaConnect, QStringLiteral("Kafka Connect"), 60000,
                                         [gate](doctor::DoctorContext &) {
                                             gate->wait();
                                             return doctor::Findings{};
                                         }}};
        });
        panel.setPlanProvider(samplePlan);
        panel.showFindings(guitest::sampleFindings()); // a run before: its findings go when the next starts
        panel.runChecks();
        auto *empty = panel.findChild<ui::EmptyState *>(QStringLiteral("doctorEmptyState"));
        QVERIFY(empty);
        QCOMPARE(empty->title(), QStringLiteral("Checking…"));
        QVERIFY(panel.findingsView()->findings().empty());
        QTRY_VERIFY(gate->entered);
        panel.cancel();
        QVERIFY(!panel.isRunning());
        QCOMPARE(empty->title(), QStringLiteral("Cancelled"));
        QCOMPARE(panel.summaryText(), QStringLiteral("Cancelled before a check finished."));
        gate->release();
    }

    // Pipeline ▸ Run Doctor Checks cancels while a run goes on; the status bar follows the run; and a
    // window closed during a check that waits on a server that never answers closes at once.
    void theMenuItemFollowsARunAndTheWindowClosesDuringOne()
    {
        QSettings().clear();
        QTcpServer silent; // accepts and never answers: the Connect check waits for its timeout
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort());
        topology::ProjectDocument document;
        auto *window = new ui::MainWindow(&document);
        auto *panel = qobject_cast<ui::DoctorPanel *>(window->dock(QStringLiteral("doctorDock"))->widget());
        QVERIFY(panel);
        panel->setPlanProvider([url]() -> Result<doctor::DoctorPlan> {
            doctor::DoctorPlan plan;
            plan.project.name = QStringLiteral("silent worker");
            plan.hasCluster = true;
            plan.cluster.url = QUrl(url);
            plan.kafkaBootstrap = QStringLiteral("127.0.0.1:1");
            return plan;
        });
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *action = window->findChild<QAction *>(QStringLiteral("runDoctor"));
        QCOMPARE(action->text(), QStringLiteral("Run &Doctor Checks"));
        action->trigger();
        QVERIFY(panel->isRunning());
        QCOMPARE(action->text(), QStringLiteral("Cancel &Doctor Checks"));
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        QTRY_COMPARE(window->statusBar()->currentMessage(),
                     QStringLiteral("Doctor: 2/3 Asking Kafka Connect at %1…").arg(url));
        action->trigger(); // cancels
        QVERIFY(!panel->isRunning());
        QCOMPARE(action->text(), QStringLiteral("Run &Doctor Checks"));
        QVERIFY2(
            window->statusBar()->currentMessage().startsWith(QStringLiteral("Doctor: Cancelled after 1 of 3 checks: ")),
            qPrintable(window->statusBar()->currentMessage()));

        action->trigger();
        QTRY_VERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("Asking Kafka Connect")));
        QElapsedTimer t;
        t.start();
        window->close();
        delete window; // the Connect check still waits (5 s and more): nothing waits for it
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
        qInfo("The window closed %lld ms into a stuck run", t.elapsed());
    }

    void screenshots_data() { cdc::guitest::addScreenshotRows(); }

    void screenshots()
    {
        QFETCH(bool, dark);
        QFETCH(bool, empty);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(guitest::darkPalette());
        {
            ui::DoctorPanel panel;
            if (!empty)
                panel.showFindings(guitest::sampleFindings());
            showAndWait(panel);
            const QString tag = QString::fromLatin1(QTest::currentDataTag());
            QTest::qWait(50);
            QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-%1.png").arg(tag)));
            auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("doctorPages"));
            if (!empty) {
                QVERIFY(panel.findingsView()->selectCheck(QStringLiteral("connect.connector-state")));
                QTest::qWait(50);
                QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-%1-failed-task.png").arg(tag)));
                tabs->setCurrentIndex(1);
                QTest::qWait(50);
                QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-%1-checklist.png").arg(tag)));
                panel.showGuideEntry(QStringLiteral("slot-missing"));
                QTest::qWait(50);
                QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-%1-guide.png").arg(tag)));
                // Narrow, as in the side dock.
                tabs->setCurrentIndex(0);
                panel.resize(460, 640);
                QTest::qWait(50);
                QVERIFY(panel.grab().save(outputDir() + QStringLiteral("/doctor-%1-narrow.png").arg(tag)));
            } else {
                QCOMPARE(tabs->currentIndex(), 0);
                QVERIFY(panel.findChild<QWidget *>(QStringLiteral("doctorEmptyState"))->isVisible());
            }
        }
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(TestDoctorPanel)
#include "tst_doctorpanel.moc"
