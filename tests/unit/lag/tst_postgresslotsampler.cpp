// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the PostgreSQL slot sampler without a server: a refused connection is reported with the
// address, and a server that never answers holds neither stop() nor the destructor.
#include "lag/postgresslotsampler.h"
#include "lag/samplerthread.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace cdc::lag;

namespace {

PostgresEndpoint at(quint16 port)
{
    return PostgresEndpoint{QStringLiteral("127.0.0.1"), port, QStringLiteral("capstone"), QStringLiteral("debezium"),
                            QStringLiteral("not-a-reference")};
}

} // namespace

class TstPostgresSlotSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seriesAreBytesOfTheSlot()
    {
        const SeriesKey slot = PostgresSlotSampler::slotSeries(QStringLiteral("outbox_postgres"), QStringLiteral("c1"));
        QCOMPARE(slot.id, QStringLiteral("pg-slot:outbox_postgres"));
        QCOMPARE(slot.unit, LagUnit::Bytes);
        QCOMPARE(slot.databaseKind, QStringLiteral("postgres"));
        QCOMPARE(slot.nodeId, QStringLiteral("c1"));
        const SeriesKey retained = PostgresSlotSampler::retainedSeries(QStringLiteral("outbox_postgres"), {});
        QCOMPARE(retained.id, QStringLiteral("pg-retained:outbox_postgres"));
        QCOMPARE(retained.unit, LagUnit::Bytes);
    }

    void aRefusedConnectionIsReportedOnceWithTheAddress()
    {
        quint16 port = 0;
        {
            QTcpServer s;
            s.listen(QHostAddress::LocalHost, 0);
            port = s.serverPort();
        }
        PostgresSlotSampler sampler(at(port), {});
        QSignalSpy failed(&sampler, &LagSampler::failed);
        QSignalSpy sampled(&sampler, &LagSampler::sampled);
        sampler.start(100);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("PostgreSQL slots at 127.0.0.1:%1").arg(port));
        const QString message = failed.first().at(1).toString();
        QVERIFY2(
            message.startsWith(QStringLiteral("PostgreSQL at 127.0.0.1:%1 does not answer as debezium: ").arg(port)),
            qPrintable(message));
        QTest::qWait(500); // several more rounds fail the same way: reported once
        QCOMPARE(failed.size(), 1);
        QVERIFY(sampled.isEmpty());
        sampler.stop();
        QVERIFY(SamplerThread::waitForAll(10000));
    }

    void aServerThatNeverAnswersHoldsNobody()
    {
        // The kernel accepts the connection; nothing ever answers libpq's first message.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        auto sampler = std::make_unique<PostgresSlotSampler>(at(silent.serverPort()), QHash<QString, QString>{});
        QSignalSpy failed(sampler.get(), &LagSampler::failed);
        sampler->start(1000);
        QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 5000); // the worker is now waiting on it
        QVERIFY(failed.isEmpty());
        sampler.reset(); // returns while the worker still waits ...
        QCOMPARE(SamplerThread::running(), 1);
        // ... which gives up by itself after connect_timeout, and its thread ends.
        QVERIFY(SamplerThread::waitForAll((PostgresSlotSampler::kTimeoutSeconds + 5) * 1000));
        QCOMPARE(SamplerThread::running(), 0);
    }
};

QTEST_GUILESS_MAIN(TstPostgresSlotSampler)
#include "tst_postgresslotsampler.moc"
