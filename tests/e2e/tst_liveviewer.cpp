// SPDX-License-Identifier: GPL-3.0-or-later
// End to end through the real stack into the real window: the main window with the capstone project,
// its Events panel connected to the stack's Kafka (topics tagged by the project's routing), rows
// written to PostgreSQL and MariaDB, and both sources showing in the panel. Saves a screenshot.
#include "capstoneconnectors.h"
#include "stackclient.h"

#include "guitestsupport.h"
#include "mainwindow/mainwindow.h"
#include "stream/eventtablemodel.h"
#include "stream/eventviewer.h"
#include "topology/projectdocument.h"

#include <QApplication>
#include <QDockWidget>
#include <QTableView>
#include <QTest>
#include <QUuid>

using namespace cdc;
using namespace cdc::e2e;

class TstLiveViewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_capstone = std::make_unique<CapstoneConnectors>(m_env);
        QVERIFY2(m_capstone->startStreaming(), qPrintable(m_capstone->lastStatus()));
    }

    void theEventsPanelShowsBothDatabases()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.resize(1500, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *viewer = qobject_cast<ui::EventViewer *>(window.dock(QStringLiteral("eventsDock"))->widget());
        QVERIFY(viewer);

        stream::ConsumerSettings settings;
        settings.bootstrapServers = m_env.value(QStringLiteral("KAFKA_BOOTSTRAP"));
        settings.topicRegex = QStringLiteral("^outbox\\.event\\.(postgres|mysql)\\..*");
        settings.start = stream::ConsumerSettings::Start::End;
        QVERIFY(viewer->connectTo(settings));

        const QString run = QUuid::createUuid().toString(QUuid::WithoutBraces);
        // Wait until the consumer has its partitions, so "end" is before the rows below.
        QTest::qWait(3000);
        for (int burst = 0; burst < 4; ++burst) {
            QVERIFY(m_capstone->insertOutboxRows(true, burst * 10 + 1, burst * 10 + 10, run));
            QVERIFY(m_capstone->insertOutboxRows(false, burst * 10 + 1, burst * 10 + 10, run));
            QTest::qWait(300);
        }
        stream::EventTableModel *model = viewer->model();
        // The fresh connectors also snapshot earlier runs' rows: count this run's only.
        const QByteArray tag = run.toUtf8();
        auto ours = [&] {
            int n = 0;
            for (int row = 0; row < model->rowCount(); ++row)
                n += model->event(row).value().toByteArray().contains(tag);
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(ours(), 80, 120000);
        QVERIFY(viewer->isShowingEvents());

        int postgres = 0, mysql = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const stream::EventView e = model->event(row);
            if (!e.value().toByteArray().contains(tag))
                continue;
            const bool pg = e.record().source == stream::SourceTag::Postgres;
            (pg ? postgres : mysql) += 1;
            QVERIFY(e.compositeKey().startsWith(pg ? QStringLiteral("PG-") : QStringLiteral("MY-")));
            QCOMPARE(model->data(model->index(row, stream::EventTableModel::SourceColumn)).toString(),
                     pg ? QStringLiteral("postgres") : QStringLiteral("mysql"));
        }
        QCOMPARE(postgres, 40);
        QCOMPARE(mysql, 40);

        // A MySQL event selected, its details open; the rate counter names both sources.
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            if (model->event(row).record().source == stream::SourceTag::MySql) {
                viewer->tableView()->selectRow(row);
                break;
            }
        }
        viewer->updateRates();
        QTest::qWait(200);
        const QString shot = guitest::outputDir() + QStringLiteral("/liveviewer-stack.png");
        QVERIFY(window.grab().save(shot));
        qInfo("screenshot: %s; rates: %s", qPrintable(shot), qPrintable(viewer->rateText()));
        viewer->disconnectFromKafka();
    }

    void cleanupTestCase()
    {
        if (m_capstone)
            m_capstone->removeAll();
        closeStackDatabases();
    }

private:
    StackEnvironment m_env;
    std::unique_ptr<CapstoneConnectors> m_capstone;
};

QTEST_MAIN(TstLiveViewer)
#include "tst_liveviewer.moc"
