// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the check before a run: Flink's whole-name matching of the job's source patterns, the warning's
// words, the brokers asked for real (librdkafka's mock cluster, as the sandbox runs it) and brokers that
// are not there; and the consumer node's flink.rest.url read as the run uses it.
#include "consumer/consumernode.h"
#include "consumer/topicprecheck.h"
#include "sandbox/mockkafka.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

using namespace cdc;
using namespace cdc::consumer;

class TstTopicPrecheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patternsMatchTheWholeTopicName()
    {
        const debezium::PyFlinkJobOptions job;
        const QStringList patterns{job.postgresTopicPattern, job.mysqlTopicPattern};
        QCOMPARE(unmatchedTopicPatterns(patterns, {QStringLiteral("outbox.event.postgres.order"),
                                                   QStringLiteral("outbox.event.mysql.order")}),
                 QStringList());
        QCOMPARE(unmatchedTopicPatterns(
                     patterns, {QStringLiteral("outbox.event.postgres.order"), QStringLiteral("pg.public.outbox")}),
                 QStringList{job.mysqlTopicPattern});
        // Flink's topic-pattern is matched against the whole name: a longer name is not a match.
        QCOMPARE(unmatchedTopicPatterns({QStringLiteral("outbox\\.event\\.mysql")},
                                        {QStringLiteral("outbox.event.mysql.order")}),
                 QStringList{QStringLiteral("outbox\\.event\\.mysql")});
        QCOMPARE(unmatchedTopicPatterns(patterns, {}), patterns);
        // An invalid pattern matches nothing, and says so.
        QCOMPARE(unmatchedTopicPatterns({QStringLiteral("outbox(")}, {QStringLiteral("outbox(")}),
                 QStringList{QStringLiteral("outbox(")});
    }

    void theWarningNamesThePatternAsPeopleWriteIt()
    {
        QCOMPARE(readableTopicPattern(QStringLiteral("outbox\\.event\\.mysql\\..*")),
                 QStringLiteral("outbox.event.mysql.*"));
        QCOMPARE(readableTopicPattern(QStringLiteral("orders")), QStringLiteral("orders"));
        QCOMPARE(readableTopicPattern(QStringLiteral("outbox\\.(a|b)")), QStringLiteral("outbox\\.(a|b)"));
        QCOMPARE(noTopicWarning(QStringLiteral("outbox\\.event\\.mysql\\..*"), QStringLiteral("127.0.0.1:19092")),
                 QStringLiteral("No topic matches outbox.event.mysql.* on 127.0.0.1:19092 yet — the job will wait "
                                "for it."));
    }

    void theBrokersAreAskedForTheirTopics()
    {
        sandbox::MockKafka kafka;
        QVERIFY(kafka.start({QStringLiteral("outbox.event.postgres.order"), QStringLiteral("pg.public.outbox")}).ok());
        const Result<QStringList> topics = listTopics(kafka.bootstrap(), 5000);
        QVERIFY2(topics.ok(), qPrintable(topics.ok() ? QString() : topics.error().toString()));
        QVERIFY(topics.value().contains(QStringLiteral("outbox.event.postgres.order")));

        debezium::PyFlinkJobOptions job;
        job.bootstrapServers = kafka.bootstrap();
        QCOMPARE(
            sourceTopicWarnings(job, 5000),
            QStringList{QStringLiteral("No topic matches outbox.event.mysql.* on %1 yet — the job will wait for it.")
                            .arg(kafka.bootstrap())});
        QVERIFY(kafka.createTopic(QStringLiteral("outbox.event.mysql.order"), 1).ok());
        QCOMPARE(sourceTopicWarnings(job, 5000), QStringList());
    }

    void brokersThatAreNotThereAreOneWarningWithinTheDeadline()
    {
        QTcpServer closed; // a port nobody listens on once the server is gone
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        debezium::PyFlinkJobOptions job;
        job.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(port);
        QElapsedTimer clock;
        clock.start();
        const QStringList warnings = sourceTopicWarnings(job, 1500);
        QVERIFY2(clock.elapsed() < 6000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().startsWith(
                     QStringLiteral("Kafka at %1 did not list its topics").arg(job.bootstrapServers)),
                 qPrintable(warnings.first()));
        QVERIFY(warnings.first().endsWith(QStringLiteral("the job will wait for it.")));
    }

    void theConsumerNodeNamesItsCluster()
    {
        topology::Node node;
        node.kind = topology::NodeKind::Consumer;
        node.name = QStringLiteral("unified");
        QCOMPARE(clusterUrlOf(node).value(), QUrl()); // a local Flink
        node.properties.insert(kClusterUrlProperty, QStringLiteral("  "));
        QCOMPARE(clusterUrlOf(node).value(), QUrl());
        node.properties.insert(kClusterUrlProperty, QStringLiteral("http://flink.example:8081/#/overview"));
        QCOMPARE(clusterUrlOf(node).value(), QUrl(QStringLiteral("http://flink.example:8081")));
        node.properties.insert(kClusterUrlProperty, QStringLiteral("127.0.0.1:28081"));
        QCOMPARE(clusterUrlOf(node).value(), QUrl(QStringLiteral("http://127.0.0.1:28081")));
        node.properties.insert(kClusterUrlProperty, QStringLiteral("localhost:8081"));
        QCOMPARE(clusterUrlOf(node).value(), QUrl(QStringLiteral("http://localhost:8081")));
        node.properties.insert(kClusterUrlProperty, QStringLiteral("ftp://flink.example"));
        const Result<QUrl> wrong = clusterUrlOf(node);
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().what, QStringLiteral("\"ftp://flink.example\" is not a Flink cluster's REST address."));
        QVERIFY(wrong.error().hint.contains(QStringLiteral("flink.rest.url of unified")));
        QVERIFY(wrong.error().hint.contains(QStringLiteral("empty to run the job on a local Flink")));
    }
};

QTEST_GUILESS_MAIN(TstTopicPrecheck)
#include "tst_topicprecheck.moc"
