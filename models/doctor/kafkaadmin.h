// SPDX-License-Identifier: GPL-3.0-or-later
// One librdkafka admin client for one bootstrap, shared by a Doctor run's Kafka checks: the cluster's
// metadata asked once, DescribeConfigs and DescribeConsumerGroups, and which requests the brokers offer
// (their ApiVersions, as librdkafka logs them), so that no request goes to a broker that lacks it.
// Blocking: it lives and dies on the Kafka check's own thread, never on the GUI thread.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace cdc::doctor {

// The Kafka protocol's numbers of the requests the Doctor sends.
enum class KafkaApi : int { FindCoordinator = 10, DescribeGroups = 15, DescribeConfigs = 32 };
QString kafkaApiName(KafkaApi api); // "DescribeGroups (API 15)"

// Pure: one of librdkafka's "feature" debug lines that lists a broker's API
// ("[thrd:…]: 127.0.0.1:9092/bootstrap:   ApiKey DescribeGroups (15) Versions 0..5"); nullopt otherwise.
struct BrokerApiLine
{
    QString broker;
    int apiKey = -1;
    int minVersion = 0;
    int maxVersion = 0;
};
std::optional<BrokerApiLine> parseBrokerApiLine(const QString &message);

// Every topic the brokers know (name → partitions) and the brokers' ids, or why there is no answer.
struct ClusterMetadata
{
    QMap<QString, int> topics;
    QList<int> brokers;
    QString error;
};

// What the group coordinator says about a consumer group.
struct GroupFacts
{
    QString state; // librdkafka's name: "Stable", "Empty", "Dead", "PreparingRebalance", ...
    int members = 0;
    QString error;       // asked, and the answer was an error
    QString unsupported; // not asked: why the brokers cannot answer (a note, not a problem of the pipeline)
};

// One resource's configs from DescribeConfigs, or why there are none.
struct ConfigFacts
{
    QMap<QString, QString> configs;
    QString error;
    QString unsupported; // not asked: the brokers do not offer DescribeConfigs
};

class KafkaAdmin
{
public:
    explicit KafkaAdmin(const QString &bootstrap);
    ~KafkaAdmin();
    KafkaAdmin(const KafkaAdmin &) = delete;
    KafkaAdmin &operator=(const KafkaAdmin &) = delete;

    QString bootstrap() const;

    // Every topic and broker; asked once, then the same answer (or the same error) every call.
    const ClusterMetadata &metadata(int timeoutMs);

    enum class Support { Offered, Missing, Unknown };
    // Offered when every broker whose ApiVersions librdkafka received offers `api`; Unknown before any did.
    Support supports(KafkaApi api) const;
    // "the brokers' ApiVersions (127.0.0.1:9092/bootstrap) offer no DescribeGroups (API 15)", or empty.
    QString missingApiText(KafkaApi api) const;

    // DescribeConfigs of topics (RD_KAFKA_RESOURCE_TOPIC) or brokers (by id), by name.
    QMap<QString, ConfigFacts> describeTopicConfigs(const QStringList &topics, int timeoutMs);
    ConfigFacts describeBrokerConfigs(int brokerId, int timeoutMs);
    // DescribeConsumerGroups, only where the brokers offer DescribeGroups: librdkafka before 2.10 uses
    // freed memory and hangs its own thread for good when a broker refuses it (see the .cpp).
    QMap<QString, GroupFacts> describeGroups(const QStringList &groups, int timeoutMs);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace cdc::doctor
