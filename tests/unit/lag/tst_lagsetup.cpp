// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of lagsetup: the samplers the capstone template needs and where each one connects, with and
// without a stack.env to fill the gaps.
#include "core/stackenvironment.h"
#include "debezium/outboxartifacts.h"
#include "lag/consumergrouplagsampler.h"
#include "lag/lagsetup.h"
#include "lag/mysqllagsampler.h"
#include "lag/postgresslotsampler.h"
#include "topology/templates.h"

#include <QRegularExpression>
#include <QTest>

using namespace cdc;
using namespace cdc::lag;

namespace {

topology::Project capstone()
{
    const topology::ProjectTemplate *t = topology::findTemplate(QStringLiteral("capstone"));
    if (!t)
        return {};
    Result<topology::Project> p = topology::loadTemplate(*t);
    return p ? std::move(p).value() : topology::Project{};
}

StackEnvironment stackEnv()
{
    return StackEnvironment::parse("PG_HOST=10.0.0.5\nPG_PORT=25432\nPG_DATABASE=stackdb\nPG_USER=stackuser\n"
                                   "PG_PASSWORD_REF=${env:STACK_PG}\nMYSQL_HOST=10.0.0.6\nMYSQL_PORT=23306\n"
                                   "MYSQL_USER=stackmy\nMYSQL_PASSWORD_REF=${env:STACK_MY}\n"
                                   "KAFKA_BOOTSTRAP=10.0.0.7:29092\nCONNECT_URL=http://10.0.0.8:28083\n",
                                   QStringLiteral("stack.env"))
        .value();
}

topology::Node *nodeById(topology::Project &p, const QString &id)
{
    for (topology::Node &n : p.nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

} // namespace

class TstLagSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capstoneGetsOneSamplerOfEachKind()
    {
        const topology::Project project = capstone();
        QCOMPARE(project.nodes.size(), std::size_t(9));
        const auto samplers = samplersFor(project, nullptr);
        QCOMPARE(samplers.size(), std::size_t(3));

        const auto *pg = qobject_cast<PostgresSlotSampler *>(samplers[0].get());
        QVERIFY(pg);
        const PostgresEndpoint expectedPg{QStringLiteral("127.0.0.1"), 15432, QStringLiteral("capstone"),
                                          QStringLiteral("debezium"),
                                          QStringLiteral("${file:/etc/cdc-studio/secrets.properties:pg.password}")};
        QCOMPARE(pg->endpoint(), expectedPg);
        QCOMPARE(pg->slotNodes().size(), 1);
        QCOMPARE(pg->slotNodes().value(QStringLiteral("outbox_postgres")), QStringLiteral("connector-postgres"));
        QCOMPARE(pg->name(), QStringLiteral("PostgreSQL slots at 127.0.0.1:15432"));

        const auto *my = qobject_cast<MySqlLagSampler *>(samplers[1].get());
        QVERIFY(my);
        QCOMPARE(my->settings().connector, QStringLiteral("mysql-outbox"));
        QCOMPARE(my->settings().nodeId, QStringLiteral("connector-mysql"));
        const MySqlEndpoint expectedMy{QStringLiteral("127.0.0.1"), 13306, QStringLiteral("debezium"),
                                       QStringLiteral("${file:/etc/cdc-studio/secrets.properties:mysql.password}")};
        QCOMPARE(my->settings().database, expectedMy);
        QCOMPARE(my->settings().connect.url, QUrl(QStringLiteral("http://127.0.0.1:18083")));
        // Without stack.env: the brokers the MariaDB connector keeps its schema history in.
        QCOMPARE(my->settings().kafka.bootstrapServers, QStringLiteral("127.0.0.1:19092"));
        QVERIFY(my->settings().kafka.groupId.isEmpty());
        QCOMPARE(my->settings().kafka.start, stream::ConsumerSettings::Start::End);
        const QRegularExpression topics(my->settings().kafka.topicRegex);
        QVERIFY2(topics.isValid(), qPrintable(topics.errorString()));
        QVERIFY(topics.match(QStringLiteral("outbox.event.mysql.order")).hasMatch());
        QVERIFY(topics.match(QStringLiteral("__debezium-heartbeat.mysql")).hasMatch());
        QVERIFY(!topics.match(QStringLiteral("outbox.event.postgres.order")).hasMatch());
        QVERIFY(!topics.match(QStringLiteral("__debezium-heartbeat.pg")).hasMatch());

        const auto *groups = qobject_cast<ConsumerGroupLagSampler *>(samplers[2].get());
        QVERIFY(groups);
        QCOMPARE(groups->groups().size(), 1);
        // Exactly the topics the generated job reads: Flink matches its topic-pattern against the whole name.
        const ConsumerGroupTarget expectedGroup{QStringLiteral("unified-orders"),
                                                QStringLiteral("consumer-pyflink"),
                                                {QStringLiteral("^(?:outbox\\.event\\.postgres\\..*)$"),
                                                 QStringLiteral("^(?:outbox\\.event\\.mysql\\..*)$")}};
        QCOMPARE(groups->groups().first(), expectedGroup);
        QVERIFY(topicMatches(QStringLiteral("outbox.event.mysql.order"), expectedGroup.topicPatterns));
        QVERIFY(!topicMatches(QStringLiteral("xoutbox.event.mysql.order"), expectedGroup.topicPatterns));
        QCOMPARE(groups->kafka().bootstrapServers, QStringLiteral("127.0.0.1:19092"));
    }

    void theProjectWinsOverTheStackWhichFillsTheGaps()
    {
        topology::Project project = capstone();
        // The PostgreSQL connector says nothing about its server; its database node says only the host.
        topology::Node *pgConnector = nodeById(project, QStringLiteral("connector-postgres"));
        QVERIFY(pgConnector);
        for (const char *key :
             {"database.hostname", "database.port", "database.user", "database.password", "database.dbname"})
            pgConnector->properties.remove(QLatin1String(key));
        topology::Node *pgNode = nodeById(project, QStringLiteral("db-postgres"));
        QVERIFY(pgNode);
        pgNode->properties = {{QStringLiteral("host"), QStringLiteral("pg.example")}};
        // No Connect node: the stack's worker.
        std::erase_if(project.nodes,
                      [](const topology::Node &n) { return n.kind == topology::NodeKind::ConnectCluster; });
        std::erase_if(project.edges, [](const topology::Edge &e) { return e.from == QLatin1String("connect-local"); });

        const StackEnvironment env = stackEnv();
        const auto samplers = samplersFor(project, &env);
        QCOMPARE(samplers.size(), std::size_t(3));
        const auto *pg = qobject_cast<PostgresSlotSampler *>(samplers[0].get());
        QVERIFY(pg);
        const PostgresEndpoint expectedPg{QStringLiteral("pg.example"), 25432, QStringLiteral("stackdb"),
                                          QStringLiteral("stackuser"), QStringLiteral("${env:STACK_PG}")};
        QCOMPARE(pg->endpoint(), expectedPg);
        const auto *my = qobject_cast<MySqlLagSampler *>(samplers[1].get());
        QVERIFY(my);
        QCOMPARE(my->settings().database.host, QStringLiteral("127.0.0.1")); // the connector's own setting
        QCOMPARE(my->settings().connect.url, QUrl(QStringLiteral("http://10.0.0.8:28083")));
        QCOMPARE(my->settings().kafka.bootstrapServers, QStringLiteral("10.0.0.7:29092"));
    }

    void aBootstrapOnANodeWinsOverEverything()
    {
        topology::Project project = capstone();
        nodeById(project, QStringLiteral("topic-mysql"))
            ->properties.insert(QStringLiteral("bootstrap.servers"), QStringLiteral("broker:9092"));
        const StackEnvironment env = stackEnv();
        QCOMPARE(kafkaBootstrapFor(project, &env), QStringLiteral("broker:9092"));
    }

    void theProjectsClusterEntryWinsForConnect()
    {
        topology::Project project = capstone();
        project.clusters.push_back({QStringLiteral("prod"),
                                    QStringLiteral("https://connect.example:8083"),
                                    QStringLiteral("admin"),
                                    QStringLiteral("${env:CONNECT_PW}"),
                                    {}});
        const connect::ClusterSettings c = connectClusterFor(project, QStringLiteral("connector-mysql"), nullptr);
        QCOMPARE(c.url, QUrl(QStringLiteral("https://connect.example:8083")));
        QCOMPARE(c.username, QStringLiteral("admin"));
        QCOMPARE(c.passwordReference, QStringLiteral("${env:CONNECT_PW}"));
    }

    void twoConnectorsOnOneServerShareASampler()
    {
        topology::Project project = capstone();
        topology::Node second = *nodeById(project, QStringLiteral("connector-postgres"));
        second.id = QStringLiteral("connector-postgres-2");
        second.name = QStringLiteral("postgres-outbox-2");
        second.properties.insert(QStringLiteral("slot.name"), QStringLiteral("second_slot"));
        project.nodes.push_back(second);
        const auto samplers = samplersFor(project, nullptr);
        QCOMPARE(samplers.size(), std::size_t(3));
        const auto *pg = qobject_cast<PostgresSlotSampler *>(samplers[0].get());
        QVERIFY(pg);
        QCOMPARE(pg->slotNodes().size(), 2);
        QCOMPARE(pg->slotNodes().value(QStringLiteral("second_slot")), QStringLiteral("connector-postgres-2"));
    }

    // Issue #19: a PyFlink consumer node without group.id still commits, under the job's default group;
    // the Lag panel charts that group, not nothing.
    void aPyFlinkConsumerWithoutGroupIdIsWatchedUnderTheJobsGroup()
    {
        topology::Project project = capstone();
        nodeById(project, QStringLiteral("consumer-pyflink"))->properties.remove(QStringLiteral("group.id"));
        const auto samplers = samplersFor(project, nullptr);
        QCOMPARE(samplers.size(), std::size_t(3));
        const auto *groups = qobject_cast<ConsumerGroupLagSampler *>(samplers[2].get());
        QVERIFY(groups);
        QCOMPARE(groups->groups().size(), 1);
        QCOMPARE(groups->groups().first().groupId, debezium::PyFlinkJobOptions{}.groupId);
        QCOMPARE(groups->groups().first().nodeId, QStringLiteral("consumer-pyflink"));
    }

    // Another kind of consumer reads its topic nodes' patterns; a pattern without ^ is still a regex.
    void anotherConsumersPatternWithoutCaretIsARegex()
    {
        topology::Project project = capstone();
        topology::Node *consumer = nodeById(project, QStringLiteral("consumer-pyflink"));
        consumer->properties.insert(QStringLiteral("type"), QStringLiteral("group"));
        nodeById(project, QStringLiteral("topic-mysql"))
            ->properties.insert(QStringLiteral("pattern"), QStringLiteral("outbox\\.event\\.mysql\\..*"));
        const auto samplers = samplersFor(project, nullptr);
        const auto *groups = qobject_cast<ConsumerGroupLagSampler *>(samplers[2].get());
        QVERIFY(groups);
        QCOMPARE(groups->groups().first().topicPatterns, QStringList({QStringLiteral("^outbox\\.event\\.postgres\\..*"),
                                                                      QStringLiteral("^outbox\\.event\\.mysql\\..*")}));
        QVERIFY(topicMatches(QStringLiteral("outbox.event.mysql.order"), groups->groups().first().topicPatterns));
    }

    void aProjectWithNothingToMeasureGetsNoSampler()
    {
        topology::Project project;
        topology::Node sink;
        sink.id = QStringLiteral("sink");
        sink.kind = topology::NodeKind::Sink;
        project.nodes.push_back(sink);
        QVERIFY(samplersFor(project, nullptr).empty());
    }
};

QTEST_GUILESS_MAIN(TstLagSetup)
#include "tst_lagsetup.moc"
