// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor's Kafka client on the sandbox's broker (librdkafka's mock cluster): the brokers' ApiVersions
// as librdkafka logs them, and issue 18's hang — DescribeConsumerGroups against a broker without
// DescribeGroups left librdkafka 2.0.2's rd_kafka_destroy() waiting for good — which must not come back:
// each client is made, asked and destroyed on a thread of the test's own, five times, and waited for
// with a generous bound instead of hanging the test.
#include "doctor/kafkachecks.h"
#include "sandbox/mockkafka.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace cdc;
using namespace cdc::doctor;

namespace {

constexpr int kTimeoutMs = 5000;

// Runs `work` on a detached thread: a hang shows as a failed wait, not as a test that never ends.
template<class Work>
bool endsWithin(Work work, int ms)
{
    auto done = std::make_shared<std::atomic_bool>(false);
    std::thread([done, work]() mutable {
        work();
        done->store(true);
    }).detach();
    return QTest::qWaitFor([&done] { return done->load(); }, ms);
}

} // namespace

class TestKafkaAdmin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_kafka.start(sandbox::capstoneTopics()).ok(), "the mock cluster starts"); }

    void brokerApiLinesAreRead()
    {
        const std::optional<BrokerApiLine> line = parseBrokerApiLine(
            QStringLiteral("[thrd:127.0.0.1:39291/bootstrap]: 127.0.0.1:39291/bootstrap:   ApiKey DescribeGroups (15) "
                           "Versions 0..5"));
        QVERIFY(line);
        QCOMPARE(line->broker, QStringLiteral("127.0.0.1:39291/bootstrap"));
        QCOMPARE(line->apiKey, 15);
        QCOMPARE(line->minVersion, 0);
        QCOMPARE(line->maxVersion, 5);
        QVERIFY(!parseBrokerApiLine(
            QStringLiteral("[thrd:127.0.0.1:39291/bootstrap]: 127.0.0.1:39291/bootstrap: Broker API support:")));
        QVERIFY(!parseBrokerApiLine(QStringLiteral("[thrd:127.0.0.1:39291/bootstrap]: 127.0.0.1:39291/bootstrap:  "
                                                   "Feature MsgVer1: Produce (2..2) supported by broker")));
    }

    void theMockClusterOffersNeitherDescribeGroupsNorDescribeConfigs()
    {
        KafkaAdmin admin(m_kafka.bootstrap());
        QCOMPARE(admin.supports(KafkaApi::DescribeGroups), KafkaAdmin::Support::Unknown); // not connected yet
        const ClusterMetadata &md = admin.metadata(kTimeoutMs);
        QVERIFY2(md.error.isEmpty(), qPrintable(md.error));
        QCOMPARE(md.topics.value(QStringLiteral("schema-changes.mysql-outbox")), 1);
        QCOMPARE(md.topics.value(QStringLiteral("outbox.event.postgres.order")), 3);
        QCOMPARE(admin.supports(KafkaApi::FindCoordinator), KafkaAdmin::Support::Offered);
        QCOMPARE(admin.supports(KafkaApi::DescribeGroups), KafkaAdmin::Support::Missing);
        QCOMPARE(admin.supports(KafkaApi::DescribeConfigs), KafkaAdmin::Support::Missing);
        const QString why = admin.missingApiText(KafkaApi::DescribeGroups);
        QVERIFY2(why.contains(m_kafka.bootstrap()) && why.endsWith(QStringLiteral("offer no DescribeGroups (API 15)")),
                 qPrintable(why));
        QVERIFY(admin.missingApiText(KafkaApi::FindCoordinator).isEmpty());
    }

    // Issue 18: the Doctor's run stuck at "Asking Kafka" for good on the sandbox.
    void describeGroupsOnTheMockClusterEndsEveryTime()
    {
        for (int run = 0; run < 5; ++run) {
            auto facts = std::make_shared<QMap<QString, GroupFacts>>();
            const QString bootstrap = m_kafka.bootstrap();
            QVERIFY2(endsWithin(
                         [facts, bootstrap] {
                             KafkaAdmin admin(bootstrap);
                             *facts = admin.describeGroups({QStringLiteral("unified-orders")}, kTimeoutMs);
                         }, // the client is destroyed here, on that thread
                         60000),
                     qPrintable(QStringLiteral("run %1 did not end").arg(run)));
            const GroupFacts group = facts->value(QStringLiteral("unified-orders"));
            QVERIFY2(group.unsupported.endsWith(QStringLiteral("offer no DescribeGroups (API 15)")),
                     qPrintable(group.unsupported));
            QVERIFY(group.error.isEmpty());
            QVERIFY(group.state.isEmpty());
        }
    }

    void theKafkaChecksOnTheMockClusterSayWhatWasNotAsked()
    {
        DoctorPlan plan;
        plan.kafkaBootstrap = m_kafka.bootstrap();
        topology::Node consumer;
        consumer.id = QStringLiteral("unified");
        consumer.kind = topology::NodeKind::Consumer;
        consumer.name = QStringLiteral("Unified consumer");
        consumer.properties.insert(QStringLiteral("group.id"), QStringLiteral("unified-orders"));
        plan.project.nodes.push_back(consumer);
        MySqlTarget mysql;
        ConnectorTarget connector;
        connector.name = QStringLiteral("mysql-outbox");
        connector.config.insert(QStringLiteral("schema.history.internal.kafka.topic"),
                                QStringLiteral("schema-changes.mysql-outbox"));
        connector.outboxRouter = true;
        mysql.connectors.push_back(connector);
        plan.mysql.push_back(mysql);

        auto found = std::make_shared<Findings>();
        QVERIFY(endsWithin([found, plan] { *found = runKafkaChecks(plan, nullptr, kTimeoutMs); }, 60000));
        const Findings &findings = *found;
        QCOMPARE(findings.size(), std::size_t(3));
        QCOMPARE(findings[0].check, QStringLiteral("kafka.routed-topics"));
        QCOMPARE(findings[0].severity, Severity::Ok);
        QCOMPARE(findings[0].title, QStringLiteral("2 topic(s) outbox.event.* exist."));
        QVERIFY2(findings[0].evidence.endsWith(QStringLiteral("offer no DescribeConfigs (API 32))")),
                 qPrintable(findings[0].evidence));

        QCOMPARE(findings[1].check, QStringLiteral("kafka.consumer-group"));
        QCOMPARE(findings[1].severity, Severity::Info);
        QCOMPARE(findings[1].title,
                 QStringLiteral("Consumer group unified-orders was not checked: not supported by this broker."));
        QVERIFY2(findings[1].evidence.contains(QStringLiteral("→ not sent: the brokers' ApiVersions (")),
                 qPrintable(findings[1].evidence));

        QCOMPARE(findings[2].check, QStringLiteral("kafka.history-topic"));
        QCOMPARE(findings[2].severity, Severity::Info);
        QCOMPARE(findings[2].title, QStringLiteral("The schema history topic schema-changes.mysql-outbox has one "
                                                   "partition; its retention was not checked: this broker does not "
                                                   "support DescribeConfigs."));
    }

    // Nobody listens: every check says so, after one metadata wait rather than one per check.
    void unreachableBrokersAreOneAnswer()
    {
        DoctorPlan plan;
        plan.kafkaBootstrap = QStringLiteral("127.0.0.1:1");
        topology::Node consumer;
        consumer.kind = topology::NodeKind::Consumer;
        consumer.name = QStringLiteral("Unified consumer");
        consumer.properties.insert(QStringLiteral("group.id"), QStringLiteral("unified-orders"));
        plan.project.nodes.push_back(consumer);
        auto found = std::make_shared<Findings>();
        QVERIFY(endsWithin([found, plan] { *found = runKafkaChecks(plan, nullptr, 1000); }, 60000));
        const Findings &findings = *found;
        QCOMPARE(findings.size(), std::size_t(1));
        QCOMPARE(findings[0].severity, Severity::Warning);
        QVERIFY2(findings[0].title.startsWith(QStringLiteral(
                     "Consumer group unified-orders could not be described: no metadata from 127.0.0.1:1")),
                 qPrintable(findings[0].title));
    }

private:
    sandbox::MockKafka m_kafka;
};

QTEST_GUILESS_MAIN(TestKafkaAdmin)
#include "tst_kafkaadmin.moc"
