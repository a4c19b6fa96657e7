// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of consumer-group lag: the sum over partitions, topic matching, and a broker that is not there.
#include "lag/consumergrouplagsampler.h"
#include "lag/samplerthread.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace cdc::lag;

class TstConsumerGroupLagSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lagIsHighWatermarkMinusCommittedOrLow()
    {
        QCOMPARE(consumerGroupLag({}), qint64(0));
        QCOMPARE(consumerGroupLag({{0, 100, 40}}), qint64(60));
        QCOMPARE(consumerGroupLag({{20, 100, -1}}), qint64(80)); // nothing committed: all that is still there
        QCOMPARE(consumerGroupLag({{0, 100, 100}, {5, 7, 6}}), qint64(1));
        QCOMPARE(consumerGroupLag({{0, 10, 12}}), qint64(0)); // a commit past the end (compaction, retention)
        QCOMPARE(consumerGroupLag({{0, 100, 40}, {20, 100, -1}, {0, 0, -1}}), qint64(140));
    }

    void topicsMatchByRegexOrName()
    {
        const QStringList patterns{QStringLiteral("^outbox\\.event\\.postgres\\..*"), QStringLiteral("orders")};
        QVERIFY(topicMatches(QStringLiteral("outbox.event.postgres.order"), patterns));
        QVERIFY(topicMatches(QStringLiteral("orders"), patterns));
        QVERIFY(!topicMatches(QStringLiteral("orders2"), patterns));
        QVERIFY(!topicMatches(QStringLiteral("outbox.event.mysql.order"), patterns));
        QVERIFY(!topicMatches(QStringLiteral("x"), {QStringLiteral("^(")})); // a broken regex matches nothing
    }

    void theSeriesCountsMessages()
    {
        const SeriesKey key = ConsumerGroupLagSampler::series(QStringLiteral("unified-orders"), QStringLiteral("c"));
        QCOMPARE(key.id, QStringLiteral("group:unified-orders"));
        QCOMPARE(key.unit, LagUnit::Messages);
        QVERIFY(key.databaseKind.isEmpty());
        QCOMPARE(key.nodeId, QStringLiteral("c"));
    }

    void aBrokerThatIsNotThereIsReported()
    {
        quint16 port = 0;
        {
            QTcpServer s;
            s.listen(QHostAddress::LocalHost, 0);
            port = s.serverPort();
        }
        cdc::stream::ConsumerSettings kafka;
        kafka.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(port);
        ConsumerGroupLagSampler sampler(kafka, {{QStringLiteral("g"), QStringLiteral("n"), {QStringLiteral("t")}}});
        QSignalSpy failed(&sampler, &LagSampler::failed);
        QSignalSpy sampled(&sampler, &LagSampler::sampled);
        sampler.start(500);
        QVERIFY(failed.wait(15000));
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Kafka at 127.0.0.1:%1 does not answer: ").arg(port)),
                 qPrintable(message));
        QVERIFY(sampled.isEmpty());
        sampler.stop();
        QVERIFY(SamplerThread::waitForAll(15000));
    }
};

QTEST_GUILESS_MAIN(TstConsumerGroupLagSampler)
#include "tst_consumergrouplagsampler.moc"
