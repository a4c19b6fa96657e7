// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Lag panel and lag alerts, offscreen, fed straight into a LagMonitor with addSample (no
// samplers, no databases): a chart per unit and a line per series, threshold lines and shaded spans,
// range buttons, zoom, live and pause, the hover readout, CSV and PNG export, a failing sampler, the
// threshold editor writing the project, alerts on the canvas, the status bar and the Diagnostics
// dock, and screenshots (light, dark, a spike over the thresholds, the empty state).
#include "common/emptystate.h"
#include "common/messagebar.h"
#include "common/sourcecolors.h"
#include "health/pipelinehealth.h"
#include "lag/lagchart.h"
#include "lag/lagmonitor.h"
#include "lag/lagpanel.h"
#include "lag/lagthresholdsdialog.h"
#include "mainwindow/mainwindow.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"
#include "validation/diagnosticspanel.h"

#include "guitestsupport.h"

#include <QApplication>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

#include <cmath>
#include <memory>

using namespace cdc;
using lag::LagLevel;
using lag::LagUnit;

namespace {

using cdc::guitest::darkPalette;
using cdc::guitest::outputDir;

constexpr qint64 kSecond = 1000;
constexpr double kMiB = 1024.0 * 1024.0;
// 25 Nov 2026 13:00 UTC: the samples end here, and the panel's clock says it is now.
const qint64 kNow = QDateTime(QDate(2026, 11, 25), QTime(13, 0), Qt::UTC).toMSecsSinceEpoch();
constexpr int kSeconds = 600; // ten minutes of 1 s samples

const lag::SeriesKey kPostgres{QStringLiteral("pg-slot:outbox_postgres"), QStringLiteral("outbox_postgres"),
                               LagUnit::Bytes, QStringLiteral("postgres"), QStringLiteral("connector-postgres")};
const lag::SeriesKey kPostgresAudit{QStringLiteral("pg-slot:audit_slot"), QStringLiteral("audit_slot"), LagUnit::Bytes,
                                    QStringLiteral("postgres"), QString()};
const lag::SeriesKey kMySql{QStringLiteral("mysql-ms:mysql-outbox"), QStringLiteral("mysql-outbox"),
                            LagUnit::Milliseconds, QStringLiteral("mysql"), QStringLiteral("connector-mysql")};
const lag::SeriesKey kConsumer{QStringLiteral("group:unified-orders"), QStringLiteral("unified-orders"),
                               LagUnit::Messages, QString(), QStringLiteral("consumer-pyflink")};

qint64 timeAt(int i)
{
    return kNow - qint64(kSeconds - 1 - i) * kSecond;
}

// PostgreSQL: the slot's WAL grows from 20 MB to 1.5 GB (past 256 MB and 1 GB); a second slot stays low.
double postgresAt(int i)
{
    return 20 * kMiB + (1536 - 20) * kMiB * i / (kSeconds - 1);
}
// MySQL: about 1.5 s behind, a spike to 90 s between 4:00 and 5:00 into the ten minutes, then back.
double mySqlAt(int i)
{
    const double base = 1500 + 300 * std::sin(i / 7.0);
    if (i < 240 || i >= 300)
        return base;
    const double x = (i - 240) / 30.0; // 0 .. 2
    return base + 88'500 * (x <= 1 ? x : 2 - x);
}
// Consumer: a few thousand messages behind, over 10,000 for half a minute.
double consumerAt(int i)
{
    return (i >= 420 && i < 450 ? 14'000 : 2500) + 800 * std::sin(i / 11.0);
}

void feed(lag::LagMonitor &monitor, int from = 0, int to = kSeconds)
{
    for (int i = from; i < to; ++i) {
        monitor.addSample(kPostgres, timeAt(i), postgresAt(i));
        monitor.addSample(kPostgresAudit, timeAt(i), 4 * kMiB + 2 * kMiB * std::sin(i / 20.0));
        monitor.addSample(kMySql, timeAt(i), mySqlAt(i));
        monitor.addSample(kConsumer, timeAt(i), consumerAt(i));
    }
}

struct Rig
{
    Rig() : panel(&monitor)
    {
        panel.setClock([] { return kNow; });
        panel.resize(900, 560);
    }
    lag::LagMonitor monitor;
    ui::LagPanel panel;
};

void showAndWait(QWidget &widget)
{
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

// A sampler that fails and recovers on command.
class FakeSampler : public lag::LagSampler
{
public:
    QString name() const override { return QStringLiteral("PostgreSQL slots at 127.0.0.1:15432"); }
    void start(int) override {}
    void stop() override {}
    void fail(const QString &message) { Q_EMIT failed(name(), message); }
    void recover() { Q_EMIT recovered(name()); }
};

} // namespace

class TstLagPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::useTestSettings(QStringLiteral("tst_lagpanel")); }

    void init() { QSettings().clear(); }

    void emptyStateUntilTheFirstSeries()
    {
        Rig rig;
        showAndWait(rig.panel);
        QVERIFY(!rig.panel.isShowingCharts());
        auto *empty = rig.panel.findChild<ui::EmptyState *>(QStringLiteral("lagEmptyState"));
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->explanation().startsWith(QStringLiteral("Lag appears here when")));
        QVERIFY(rig.panel.charts().isEmpty());

        rig.monitor.addSample(kMySql, kNow, 1200);
        QVERIFY(rig.panel.isShowingCharts());
        QVERIFY(!empty->isVisible());
        QCOMPARE(rig.panel.charts().size(), 1);
    }

    void oneChartPerUnitAndOneLinePerSeries()
    {
        Rig rig;
        feed(rig.monitor);
        showAndWait(rig.panel);
        rig.panel.replotNow();

        QCOMPARE(rig.panel.charts().size(), 3);
        ui::LagChart *bytes = rig.panel.chart(LagUnit::Bytes);
        ui::LagChart *ms = rig.panel.chart(LagUnit::Milliseconds);
        ui::LagChart *messages = rig.panel.chart(LagUnit::Messages);
        QVERIFY(bytes && ms && messages);
        QCOMPARE(bytes->graphCount(), 2);
        QCOMPARE(ms->graphCount(), 1);
        QCOMPARE(messages->graphCount(), 1);
        QCOMPARE(bytes->graphFor(kPostgres.id)->name(), kPostgres.label);
        QCOMPARE(bytes->graphFor(kPostgresAudit.id)->name(), kPostgresAudit.label);
        QVERIFY(bytes->legend->visible());
        QCOMPARE(bytes->legend->itemCount(), 2);

        // Coloured like their source tags; a second PostgreSQL series in another shade of blue.
        const QColor postgres = ui::sourceTagColor(stream::SourceTag::Postgres);
        QCOMPARE(bytes->graphFor(kPostgres.id)->pen().color(), postgres);
        const QColor audit = bytes->graphFor(kPostgresAudit.id)->pen().color();
        QVERIFY(audit != postgres);
        QVERIFY(qAbs(audit.hue() - postgres.hue()) <= 3);
        QCOMPARE(ms->graphFor(kMySql.id)->pen().color(), ui::sourceTagColor(stream::SourceTag::MySql));
        // Cheap to draw: no antialiasing, no fills; pens of width 2, so a line along the axis still reads
        // as data (issue 20).
        QCOMPARE(bytes->graphFor(kPostgres.id)->pen().width(), 2);
        QVERIFY(!bytes->graphFor(kPostgres.id)->antialiased());
        QCOMPARE(bytes->graphFor(kPostgres.id)->brush().style(), Qt::NoBrush);

        // The live 5 minutes: 301 raw points a series (both ends).
        QCOMPARE(bytes->graphFor(kPostgres.id)->dataCount(), 301);
        QCOMPARE(bytes->xAxis->range().upper, kNow / 1000.0);
        QCOMPARE(bytes->xAxis->range().size(), 300.0);

        // The value axis speaks the unit: each tick label is lag::formatValue of its tick.
        bytes->replot();
        ms->replot();
        for (ui::LagChart *chart : {bytes, ms}) {
            const QVector<double> ticks = chart->yAxis->tickVector();
            const QVector<QString> labels = chart->yAxis->tickVectorLabels();
            QVERIFY(ticks.size() >= 2);
            for (qsizetype i = 0; i < ticks.size(); ++i)
                QCOMPARE(labels[i], lag::formatValue(chart->unit(), ticks[i]));
        }
        // The value axis shows the whole series and the thresholds it comes near.
        QVERIFY(bytes->yAxis->range().upper >= postgresAt(kSeconds - 1));
        QVERIFY(bytes->yAxis->range().upper >= 1024 * kMiB);
    }

    void thresholdLinesAtTheThresholds()
    {
        Rig rig;
        feed(rig.monitor);
        rig.panel.replotNow();
        const lag::LagThresholds defaults;
        ui::LagChart *bytes = rig.panel.chart(LagUnit::Bytes);
        ui::LagChart *ms = rig.panel.chart(LagUnit::Milliseconds);
        ui::LagChart *messages = rig.panel.chart(LagUnit::Messages);
        QCOMPARE(bytes->warningLine()->point1->coords().y(), defaults.postgresBytes.warning);
        QCOMPARE(bytes->criticalLine()->point1->coords().y(), defaults.postgresBytes.critical);
        QCOMPARE(ms->warningLine()->point1->coords().y(), defaults.mysqlMs.warning);
        QCOMPARE(ms->criticalLine()->point2->coords().y(), defaults.mysqlMs.critical);
        QCOMPARE(messages->warningLine()->point1->coords().y(), defaults.consumerMessages.warning);
        QCOMPARE(bytes->warningLine()->pen().style(), Qt::DashLine);
        QCOMPARE(bytes->criticalLine()->pen().style(), Qt::DashLine);
        QVERIFY(bytes->warningLine()->visible() && bytes->criticalLine()->visible());
        QCOMPARE(ms->findChild<QCPItemStraightLine *>(QStringLiteral("warningThreshold")), ms->warningLine());

        // Other thresholds: the lines move; 0 turns a line off.
        lag::LagThresholds changed;
        changed.mysqlMs = {5000, 0};
        rig.monitor.setThresholds(changed);
        rig.panel.replotNow();
        QCOMPARE(ms->warningLine()->point1->coords().y(), 5000.0);
        QVERIFY(!ms->criticalLine()->visible());
    }

    void spansAboveTheThresholdsAreShaded()
    {
        Rig rig;
        feed(rig.monitor);
        rig.panel.resize(1200, 700);
        showAndWait(rig.panel);
        rig.panel.showLast(ui::LagPanel::kOneHourMs); // all ten minutes, in 10 s buckets
        rig.panel.setTimeRange(timeAt(0), kNow);      // the ten minutes, raw
        ui::LagChart *ms = rig.panel.chart(LagUnit::Milliseconds);
        // One warning band around the spike, one critical band inside it.
        QCOMPARE(ms->warningSpans().size(), std::size_t(1));
        QCOMPARE(ms->criticalSpans().size(), std::size_t(1));
        const QCPRange warning = ms->warningSpans().front();
        const QCPRange critical = ms->criticalSpans().front();
        QVERIFY(warning.lower > timeAt(240) / 1000.0 && warning.upper < timeAt(300) / 1000.0 + 2);
        QVERIFY(critical.lower > warning.lower && critical.upper < warning.upper);
        // PostgreSQL crosses each threshold once and stays above: a band from the crossing to the end.
        ui::LagChart *bytes = rig.panel.chart(LagUnit::Bytes);
        QCOMPARE(bytes->warningSpans().size(), std::size_t(1));
        QCOMPARE(bytes->criticalSpans().size(), std::size_t(1));
        QVERIFY(bytes->criticalSpans().front().upper >= kNow / 1000.0);
        // Consumers: 30 s over the warning, never critical.
        QCOMPARE(rig.panel.chart(LagUnit::Messages)->warningSpans().size(), std::size_t(1));
        QCOMPARE(rig.panel.chart(LagUnit::Messages)->criticalSpans().size(), std::size_t(0));
    }

    void rangeButtonsZoomAndLive()
    {
        Rig rig;
        feed(rig.monitor);
        showAndWait(rig.panel);
        ui::LagChart *bytes = rig.panel.chart(LagUnit::Bytes);
        ui::LagChart *ms = rig.panel.chart(LagUnit::Milliseconds);
        const ui::LagPanel::Actions &actions = rig.panel.actions();
        QVERIFY(actions.fiveMinutes->isChecked());
        QVERIFY(actions.live->isChecked());

        actions.oneHour->trigger();
        QCOMPARE(bytes->xAxis->range().size(), 3600.0);
        QCOMPARE(bytes->xAxis->range().upper, kNow / 1000.0);
        QVERIFY(actions.oneHour->isChecked() && !actions.fiveMinutes->isChecked());
        // Ten minutes old, the series has lost nothing yet: the hour shows all 600 raw samples.
        QCOMPARE(bytes->graphFor(kPostgres.id)->dataCount(), kSeconds);
        actions.oneDay->trigger();
        QCOMPARE(ms->xAxis->range().size(), 86400.0);
        actions.fiveMinutes->trigger();
        QCOMPARE(ms->xAxis->range().size(), 300.0);
        QVERIFY(rig.panel.isLive());

        // Zooming one chart with the wheel zooms them all and stops following now.
        const QPointF at = ms->axisRect()->rect().center();
        QWheelEvent wheel(at, ms->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(ms, &wheel);
        QVERIFY(ms->xAxis->range().size() < 300.0);
        QCOMPARE(bytes->xAxis->range().lower, ms->xAxis->range().lower);
        QCOMPARE(bytes->xAxis->range().upper, ms->xAxis->range().upper);
        QVERIFY(!rig.panel.isLive());
        QVERIFY(!actions.live->isChecked());
        QVERIFY(!actions.fiveMinutes->isChecked());
        // The new range is read soon after (not on every wheel step).
        const int replots = rig.panel.replotCount();
        QTRY_VERIFY(rig.panel.replotCount() > replots);
        QVERIFY(qAbs(rig.panel.visibleToMs() - rig.panel.visibleFromMs() -
                     qint64(std::llround(ms->xAxis->range().size() * 1000))) <= 1);

        // Live again: the same span, ending now.
        actions.live->trigger();
        QVERIFY(rig.panel.isLive());
        QCOMPARE(ms->xAxis->range().upper, kNow / 1000.0);
    }

    void replotsAreCoalescedAndPauseHolds()
    {
        Rig rig;
        feed(rig.monitor, 0, 10);
        showAndWait(rig.panel);
        QTRY_VERIFY(rig.panel.replotCount() > 0);
        QTest::qWait(2 * ui::LagPanel::kReplotIntervalMs);

        // 2,400 samples in one go: one replot for all of them, not one each.
        int before = rig.panel.replotCount();
        feed(rig.monitor, 10, kSeconds);
        QTRY_VERIFY(rig.panel.replotCount() > before);
        QTest::qWait(2 * ui::LagPanel::kReplotIntervalMs);
        QVERIFY(rig.panel.replotCount() - before <= 3); // the data's tick, and the live clock's

        // Paused: new samples (and the clock) do not move the charts.
        rig.panel.setPaused(true);
        QVERIFY(rig.panel.actions().pause->isChecked());
        before = rig.panel.replotCount();
        const double upper = rig.panel.chart(LagUnit::Bytes)->xAxis->range().upper;
        for (int i = 1; i <= 20; ++i)
            rig.monitor.addSample(kPostgres, kNow + i * kSecond, 2048 * kMiB);
        rig.panel.setClock([] { return kNow + 20 * kSecond; });
        QTest::qWait(1200);
        QCOMPARE(rig.panel.replotCount(), before);
        QCOMPARE(rig.panel.chart(LagUnit::Bytes)->xAxis->range().upper, upper);
        // Resumed: it catches up with now.
        rig.panel.setPaused(false);
        QTRY_COMPARE(rig.panel.chart(LagUnit::Bytes)->xAxis->range().upper, (kNow + 20 * kSecond) / 1000.0);
    }

    void hoverReadsEverySeries()
    {
        Rig rig;
        feed(rig.monitor);
        showAndWait(rig.panel);
        rig.panel.setTimeRange(timeAt(0), kNow);
        QTest::qWait(50);

        const int i = 270; // in the MySQL spike
        rig.panel.showReadoutAt(timeAt(i));
        const QString text = rig.panel.readout()->text();
        QVERIFY(text.contains(QDateTime::fromMSecsSinceEpoch(timeAt(i)).toString(QStringLiteral("HH:mm:ss"))));
        for (const lag::SeriesKey &key : {kPostgres, kPostgresAudit, kMySql, kConsumer})
            QVERIFY2(text.contains(key.label), qPrintable(key.label));
        QVERIFY(text.contains(lag::formatValue(LagUnit::Milliseconds, mySqlAt(i)).toHtmlEscaped()));
        QVERIFY(text.contains(lag::formatValue(LagUnit::Bytes, postgresAt(i)).toHtmlEscaped()));

        // The mouse over a chart does the same, at the time under the pointer.
        ui::LagChart *ms = rig.panel.chart(LagUnit::Milliseconds);
        const QPoint at = ms->axisRect()->rect().center();
        QTest::mouseMove(ms, at);
        QTRY_VERIFY(rig.panel.readout()->text() != text);
        const auto under = qint64(std::llround(ms->xAxis->pixelToCoord(at.x()) * 1000));
        QVERIFY(rig.panel.readout()->text().contains(
            QDateTime::fromMSecsSinceEpoch(under).toString(QStringLiteral("HH:mm:ss"))));
        QVERIFY(rig.panel.readout()->text().contains(kMySql.label));
        rig.panel.showReadoutAt(std::nullopt);
        QVERIFY(!rig.panel.readout()->text().contains(kMySql.label));
    }

    void exportsCsvOfTheVisibleRangeAndPng()
    {
        Rig rig;
        feed(rig.monitor);
        showAndWait(rig.panel);
        rig.panel.setTimeRange(kNow - 60 * kSecond, kNow);
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("lag.csv"));
        QVERIFY(rig.panel.exportCsv(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.takeFirst(), QByteArray("series,label,unit,time_iso,time_ms,min,max,mean"));
        QCOMPARE(lines.takeLast(), QByteArray());
        QCOMPARE(lines.size(), 4 * 61); // four series, 61 raw samples each
        const QByteArray first = "pg-slot:outbox_postgres,outbox_postgres,bytes,2026-11-25T12:59:00.000Z," +
                                 QByteArray::number(kNow - 60 * kSecond) + ',';
        QVERIFY(lines.front().startsWith(first));
        int mysqlRows = 0;
        for (const QByteArray &line : std::as_const(lines)) {
            QCOMPARE(line.count(','), 7);
            mysqlRows += line.startsWith("mysql-ms:mysql-outbox,mysql-outbox,ms,");
        }
        QCOMPARE(mysqlRows, 61);

        const QString png = dir.filePath(QStringLiteral("lag.png"));
        QVERIFY(rig.panel.exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size() / image.devicePixelRatio(), rig.panel.chartArea()->size());

        // Nothing to export yet: a message, not an empty picture.
        lag::LagMonitor none;
        ui::LagPanel empty(&none);
        const auto refused = empty.exportPng(dir.filePath(QStringLiteral("none.png")));
        QVERIFY(!refused);
        QVERIFY(!refused.error().what.isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.png"))));
    }

    void samplerFailureIsShownUntilItRecovers()
    {
        Rig rig;
        auto sampler = std::make_unique<FakeSampler>();
        FakeSampler *fake = sampler.get();
        rig.monitor.addSampler(std::move(sampler));
        rig.monitor.start(1000);
        showAndWait(rig.panel);
        fake->fail(QStringLiteral("connection to 127.0.0.1:15432 refused"));
        QTRY_VERIFY(rig.panel.messageBar()->isVisible());
        QVERIFY(rig.panel.messageBar()->text().contains(QStringLiteral("connection to 127.0.0.1:15432 refused")));
        QVERIFY(rig.panel.messageBar()->text().contains(fake->name()));
        QCOMPARE(rig.panel.messageBar()->kind(), ui::MessageBar::Kind::Error);
        QVERIFY(rig.panel.grab().save(outputDir() + QStringLiteral("/lag-sampler-failed.png")));
        fake->recover();
        QTRY_VERIFY(!rig.panel.messageBar()->isVisible());
        QVERIFY(rig.panel.messageBar()->text().isEmpty());
        rig.monitor.stop();
    }

    void thresholdDialogChecksItsValues()
    {
        lag::LagThresholds current;
        ui::LagThresholdsDialog dialog(current);
        QCOMPARE(dialog.thresholds(), current); // untouched: exactly what it was given
        QCOMPARE(dialog.spinBox(LagUnit::Bytes, LagLevel::Warning)->value(), 256.0);
        QCOMPARE(dialog.spinBox(LagUnit::Milliseconds, LagLevel::Critical)->value(), 60.0);
        dialog.spinBox(LagUnit::Milliseconds, LagLevel::Critical)->setValue(5);
        QVERIFY(!dialog.problem().isEmpty());
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.spinBox(LagUnit::Milliseconds, LagLevel::Critical)->setValue(0); // off
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.thresholds().mysqlMs, (lag::LagThreshold{10'000, 0}));
        dialog.spinBox(LagUnit::Bytes, LagLevel::Critical)->setValue(512);
        QCOMPARE(dialog.thresholds().postgresBytes.critical, 512 * kMiB);
    }

    void alertsTintTheNodeFillTheStatusBarAndDiagnostics()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.lagPanel()->setClock([] { return kNow; });
        auto *status = window.findChild<QLabel *>(QStringLiteral("lagStatus"));
        QVERIFY(status);
        QVERIFY(status->isHidden()); // nothing sampled, nothing to say
        ui::NodeItem *postgresNode = window.topologyScene()->nodeItem(QStringLiteral("connector-postgres"));
        ui::NodeItem *mysqlNode = window.topologyScene()->nodeItem(QStringLiteral("connector-mysql"));
        auto *diagnostics = window.dock(QStringLiteral("diagnosticsDock"))->findChild<ui::DiagnosticsPanel *>();
        QVERIFY(diagnostics);

        // The MySQL spike: warning, critical, and back to ok.
        lag::LagMonitor *monitor = window.lagMonitor();
        for (int i = 0; i < 270; ++i)
            monitor->addSample(kMySql, timeAt(i), mySqlAt(i));
        QCOMPARE(monitor->level(kMySql.id), LagLevel::Critical);
        QCOMPARE(mysqlNode->severity(), health::Severity::Error);
        QVERIFY(mysqlNode->toolTip().contains(lag::levelName(LagLevel::Critical)));
        QVERIFY(status->isVisible());
        QVERIFY(status->text().startsWith(QStringLiteral("Lag: MySQL critical — ")));
        QVERIFY(
            status->text().endsWith(lag::formatValue(LagUnit::Milliseconds, mySqlAt(269)) + QStringLiteral(" behind")));
        QCOMPARE(window.pipelineHealth()->liveIssues().size(), 1);
        for (int i = 270; i < kSeconds; ++i)
            monitor->addSample(kMySql, timeAt(i), mySqlAt(i));
        QCOMPARE(mysqlNode->severity(), health::Severity::Ok);
        QCOMPARE(status->text(), QStringLiteral("Lag: OK"));
        QVERIFY(window.pipelineHealth()->liveIssues().isEmpty());

        // PostgreSQL rising past both thresholds: the connector node turns red, the status bar says so,
        // the Diagnostics dock lists it and a click there selects the node.
        for (int i = 0; i < kSeconds; ++i) {
            monitor->addSample(kPostgres, timeAt(i), postgresAt(i));
            monitor->addSample(kConsumer, timeAt(i), 2500);
        }
        QCOMPARE(postgresNode->severity(), health::Severity::Error);
        QCOMPARE(mysqlNode->severity(), health::Severity::Ok);
        QCOMPARE(window.topologyScene()->nodeItem(QStringLiteral("consumer-pyflink"))->severity(),
                 health::Severity::Ok);
        QCOMPARE(status->text(), QStringLiteral("Lag: PostgreSQL critical — %1 behind")
                                     .arg(lag::formatValue(LagUnit::Bytes, postgresAt(kSeconds - 1))));
        QVERIFY(status->styleSheet().contains(ui::lagLevelColor(LagLevel::Critical).name()));
        QCOMPARE(window.pipelineHealth()->liveIssues().size(), 1);
        auto *list = diagnostics->findChild<QListWidget *>(QStringLiteral("diagnosticsList"));
        QVERIFY(list->isVisible());
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(QStringLiteral("postgres-outbox")));
        QVERIFY(window.pipelineHealth()->projectDiagnostics().empty()); // a lag alert is not a project problem
        QCOMPARE(postgresNode->errorCount(), 0);
        window.topologyScene()->clearSelection();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QVERIFY(postgresNode->isSelected());

        // The tint is drawn: a pixel inside the node is redder than the same pixel of an untinted node.
        QTest::qWait(100);
        const QImage canvas = window.topologyView()->viewport()->grab().toImage();
        auto pixelIn = [&](ui::NodeItem *node) {
            // Bottom left: below the text, left of the state badge.
            const QPointF scenePoint =
                node->mapToScene(QPointF(ui::NodeItem::kSize.width() * 0.25, ui::NodeItem::kSize.height() - 8));
            return QColor(canvas.pixel(window.topologyView()->mapFromScene(scenePoint)));
        };
        const QColor tinted = pixelIn(postgresNode);
        const QColor plain = pixelIn(window.topologyScene()->nodeItem(QStringLiteral("topic-postgres")));
        QVERIFY2(tinted.red() - tinted.blue() > plain.red() - plain.blue() + 20,
                 qPrintable(tinted.name() + QStringLiteral(" vs ") + plain.name()));
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/lag-alert-mainwindow.png")));
    }

    void thresholdsEditedInTheDialogAreAnUndoableProjectChange()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.lagMonitor()->addSample(kMySql, kNow, 1500);
        const int steps = document.undoStack()->count();

        ui::LagThresholdsDialog *dialog = window.lagPanel()->editThresholds();
        QVERIFY(dialog);
        QVERIFY(dialog->grab().save(outputDir() + QStringLiteral("/lag-thresholds-dialog.png")));
        dialog->spinBox(LagUnit::Milliseconds, LagLevel::Warning)->setValue(1);
        dialog->spinBox(LagUnit::Milliseconds, LagLevel::Critical)->setValue(30);
        dialog->accept();
        QCOMPARE(document.undoStack()->count(), steps + 1);
        QVERIFY(window.isWindowModified());
        const auto saved = lag::thresholdsFromJson(document.lagSettings());
        QVERIFY(saved);
        QCOMPARE(saved.value().mysqlMs, (lag::LagThreshold{1000, 30'000}));
        // The monitor and the chart follow the project.
        QCOMPARE(window.lagMonitor()->thresholds().mysqlMs.warning, 1000.0);
        QCOMPARE(window.lagMonitor()->level(kMySql.id), LagLevel::Warning);
        QCOMPARE(window.lagPanel()->chart(LagUnit::Milliseconds)->warningLine()->point1->coords().y(), 1000.0);

        document.undoStack()->undo();
        QCOMPARE(window.lagMonitor()->thresholds().mysqlMs, lag::LagThresholds().mysqlMs);
        QCOMPARE(window.lagPanel()->chart(LagUnit::Milliseconds)->warningLine()->point1->coords().y(), 10'000.0);
        QCOMPARE(window.lagMonitor()->level(kMySql.id), LagLevel::Ok);
    }

    void mainWindowWiresTheLagDock()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QDockWidget *dock = window.dock(QStringLiteral("lagDock"));
        QVERIFY(dock);
        QCOMPARE(dock->widget(), window.lagPanel());
        QCOMPARE(window.lagPanel()->monitor(), window.lagMonitor());
        auto *start = window.findChild<QAction *>(QStringLiteral("startLagMonitoring"));
        auto *stop = window.findChild<QAction *>(QStringLiteral("stopLagMonitoring"));
        QVERIFY(start && stop);
        QVERIFY(start->isEnabled() && !stop->isEnabled());
        // The empty state offers to start.
        bool offered = false;
        for (QPushButton *b : window.lagPanel()->findChildren<QPushButton *>())
            offered |= b->text().contains(QStringLiteral("Lag Monitoring"));
        QVERIFY(offered);
        // An empty project has nothing to watch: it says so and starts nothing.
        start->trigger();
        QVERIFY(!window.lagMonitor()->isRunning());
        QVERIFY(start->isEnabled());
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Nothing to watch")));

        // The capstone has both connectors and a consumer: samplers for them, started; then stopped.
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        start->trigger();
        QVERIFY(window.lagMonitor()->isRunning());
        QVERIFY(!start->isEnabled() && stop->isEnabled());
        stop->trigger();
        QVERIFY(!window.lagMonitor()->isRunning());
        QVERIFY(start->isEnabled() && !stop->isEnabled());
    }

    void screenshots_data() { cdc::guitest::addScreenshotRows(); }

    void screenshots()
    {
        QFETCH(bool, dark);
        QFETCH(bool, empty);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        {
            Rig rig;
            if (!empty)
                feed(rig.monitor);
            showAndWait(rig.panel);
            const QString tag = QString::fromLatin1(QTest::currentDataTag());
            if (!empty) {
                rig.panel.showLast(ui::LagPanel::kFiveMinutesMs);
                rig.panel.showReadoutAt(timeAt(kSeconds - 60));
            }
            QTest::qWait(100);
            QVERIFY(rig.panel.grab().save(outputDir() + QStringLiteral("/lag-%1.png").arg(tag)));
            if (!empty) {
                // The MySQL spike crossing both thresholds, and the same ten minutes an hour wide.
                rig.panel.setTimeRange(timeAt(200), timeAt(340));
                rig.panel.showReadoutAt(timeAt(270));
                QTest::qWait(100);
                QVERIFY(rig.panel.grab().save(outputDir() + QStringLiteral("/lag-%1-spike.png").arg(tag)));
                rig.panel.showLast(ui::LagPanel::kOneHourMs);
                QTest::qWait(100);
                QVERIFY(rig.panel.grab().save(outputDir() + QStringLiteral("/lag-%1-hour.png").arg(tag)));
                // Narrow and tall, as in a side dock: the charts stack.
                rig.panel.resize(420, 640);
                QTest::qWait(100);
                QVERIFY(rig.panel.grab().save(outputDir() + QStringLiteral("/lag-%1-narrow.png").arg(tag)));
            } else {
                auto *explanation = rig.panel.findChild<QLabel *>(QStringLiteral("emptyStateExplanation"));
                QVERIFY(explanation->height() >= explanation->heightForWidth(explanation->width()));
            }
        }
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(TstLagPanel)
#include "tst_lagpanel.moc"
