// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor's librdkafka client, and why it asks the brokers' ApiVersions before DescribeConsumerGroups.
//
// librdkafka 2.0.2 (Debian 12) to 2.9: when the group coordinator does not offer DescribeGroups (librdkafka's
// own mock cluster, the sandbox's broker, offers neither it nor DescribeConfigs), rd_kafka_admin_coord_request()
// fails the request, drops the "coordinator response" reference of the request's enq_once and destroys the
// request, which frees the enq_once; then rd_kafka_coord_req_fail() queues a reply whose callback,
// rd_kafka_admin_coord_response_parse(), locks that freed enq_once's mutex on the client's rdk:main thread.
// The application gets its UNSUPPORTED_FEATURE answer at once, but rdk:main waits on the freed mutex for good,
// and rd_kafka_destroy() waits for rdk:main: the Doctor's run hung at "Asking Kafka" (issue 18). librdkafka
// 2.10 stopped dropping that reference (commit 8bf0a679c). So DescribeConsumerGroups is only sent where every
// broker offers DescribeGroups and FindCoordinator, and otherwise reported as not supported by the broker.
#include "kafkaadmin.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <librdkafka/rdkafka.h>

#include <map>
#include <mutex>
#include <vector>

namespace cdc::doctor {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cdc::doctor::kafka", text);
}

// librdkafka releases from this one on keep the request's reference (see the top of the file).
constexpr int kFixedDescribeGroupsVersion = 0x020a0000;

// What librdkafka's broker threads log of each broker's ApiVersions answer: broker name → API key → versions.
class BrokerApis
{
public:
    void take(const char *facility, const char *message)
    {
        if (qstrcmp(facility, "APIVERSION") != 0)
            return;
        const QString text = QString::fromUtf8(message);
        std::lock_guard lock(m_mutex);
        if (text.endsWith(QLatin1String(": Broker API support:"))) {
            // A new answer of one broker (a reconnect asks again): forget its old one.
            static const QRegularExpression header(QStringLiteral("\\]: (\\S+): Broker API support:$"));
            if (const QRegularExpressionMatch m = header.match(text); m.hasMatch())
                m_apis[m.captured(1)].clear();
            return;
        }
        if (const std::optional<BrokerApiLine> line = parseBrokerApiLine(text))
            m_apis[line->broker][line->apiKey] = {line->minVersion, line->maxVersion};
    }

    // Empty when every broker seen offers `key` (or none was seen: `seen` false); else those that do not.
    QStringList lacking(int key, bool &seen) const
    {
        std::lock_guard lock(m_mutex);
        QStringList out;
        seen = false;
        for (const auto &[broker, apis] : m_apis) {
            if (apis.empty())
                continue; // a header without its lines yet
            seen = true;
            if (apis.find(key) == apis.end())
                out << broker;
        }
        return out;
    }

private:
    mutable std::mutex m_mutex;
    std::map<QString, std::map<int, std::pair<int, int>>> m_apis;
};

// Called on librdkafka's threads: everything else is dropped, as before (the Doctor reports errors itself).
void logToBrokerApis(const rd_kafka_t *rk, int, const char *facility, const char *message)
{
    if (auto *apis = static_cast<BrokerApis *>(rd_kafka_opaque(rk)))
        apis->take(facility, message);
}

} // namespace

QString kafkaApiName(KafkaApi api)
{
    switch (api) {
    case KafkaApi::FindCoordinator: return QStringLiteral("FindCoordinator (API 10)");
    case KafkaApi::DescribeGroups: return QStringLiteral("DescribeGroups (API 15)");
    case KafkaApi::DescribeConfigs: return QStringLiteral("DescribeConfigs (API 32)");
    }
    return {};
}

std::optional<BrokerApiLine> parseBrokerApiLine(const QString &message)
{
    static const QRegularExpression line(
        QStringLiteral("\\]: (\\S+):\\s+ApiKey \\S+ \\((\\d+)\\) Versions (\\d+)\\.\\.(\\d+)$"));
    const QRegularExpressionMatch m = line.match(message);
    if (!m.hasMatch())
        return std::nullopt;
    return BrokerApiLine{m.captured(1), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt()};
}

struct KafkaAdmin::Private
{
    QString bootstrap;
    QString error; // no client
    BrokerApis apis;
    rd_kafka_t *rk = nullptr;
    std::optional<ClusterMetadata> metadata;

    // Why `api` cannot be asked; empty when it can (or when nobody knows and it is safe to try).
    QString notOffered(KafkaApi api) const
    {
        bool seen = false;
        const QStringList lacking = apis.lacking(int(api), seen);
        if (!lacking.isEmpty())
            return tr("the brokers' ApiVersions (%1) offer no %2")
                .arg(lacking.join(QStringLiteral(", ")), kafkaApiName(api));
        return {};
    }
};

KafkaAdmin::KafkaAdmin(const QString &bootstrap) : d(std::make_unique<Private>())
{
    d->bootstrap = bootstrap;
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512] = {};
    // "feature" logs each broker's ApiVersions answer, a few dozen lines per connection.
    rd_kafka_conf_set(conf, "debug", "feature", errstr, sizeof errstr);
    rd_kafka_conf_set_log_cb(conf, logToBrokerApis);
    rd_kafka_conf_set_opaque(conf, &d->apis);
    if (rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        d->error = QString::fromUtf8(errstr);
        return;
    }
    d->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!d->rk) {
        rd_kafka_conf_destroy(conf);
        d->error = QString::fromUtf8(errstr);
    }
}

KafkaAdmin::~KafkaAdmin()
{
    if (d->rk)
        rd_kafka_destroy(d->rk);
}

QString KafkaAdmin::bootstrap() const
{
    return d->bootstrap;
}

const ClusterMetadata &KafkaAdmin::metadata(int timeoutMs)
{
    if (d->metadata)
        return *d->metadata;
    ClusterMetadata &out = d->metadata.emplace();
    if (!d->rk) {
        out.error = d->error;
        return out;
    }
    // All topics: asking for one by name could make a broker with auto.create.topics.enable create it.
    const struct rd_kafka_metadata *md = nullptr;
    if (const rd_kafka_resp_err_t err = rd_kafka_metadata(d->rk, 1, nullptr, &md, timeoutMs);
        err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        out.error = tr("no metadata from %1: %2").arg(d->bootstrap, QString::fromUtf8(rd_kafka_err2str(err)));
        return out;
    }
    for (int i = 0; i < md->topic_cnt; ++i) {
        if (md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
            out.topics.insert(QString::fromUtf8(md->topics[i].topic), md->topics[i].partition_cnt);
    }
    for (int i = 0; i < md->broker_cnt; ++i)
        out.brokers << md->brokers[i].id;
    rd_kafka_metadata_destroy(md);
    return out;
}

KafkaAdmin::Support KafkaAdmin::supports(KafkaApi api) const
{
    bool seen = false;
    const QStringList lacking = d->apis.lacking(int(api), seen);
    if (!seen)
        return Support::Unknown;
    return lacking.isEmpty() ? Support::Offered : Support::Missing;
}

QString KafkaAdmin::missingApiText(KafkaApi api) const
{
    return d->notOffered(api);
}

namespace {

// One DescribeConfigs round trip for `names` of one resource type.
QMap<QString, ConfigFacts> describeConfigs(rd_kafka_t *rk, rd_kafka_ResourceType_t type, const QStringList &names,
                                           int timeoutMs)
{
    QMap<QString, ConfigFacts> out;
    std::vector<rd_kafka_ConfigResource_t *> resources;
    for (const QString &name : names) {
        out[name] = ConfigFacts{};
        resources.push_back(rd_kafka_ConfigResource_new(type, name.toUtf8().constData()));
    }
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
    char errstr[512] = {};
    rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, errstr, sizeof errstr);
    rd_kafka_DescribeConfigs(rk, resources.data(), resources.size(), options, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs + 1000);
    const rd_kafka_DescribeConfigs_result_t *result = event ? rd_kafka_event_DescribeConfigs_result(event) : nullptr;
    if (!result || rd_kafka_event_error(event)) {
        const QString why = event ? QString::fromUtf8(rd_kafka_event_error_string(event)) : tr("no answer in time");
        for (ConfigFacts &facts : out)
            facts.error = tr("DescribeConfigs failed: %1").arg(why);
    } else {
        size_t count = 0;
        const rd_kafka_ConfigResource_t **described = rd_kafka_DescribeConfigs_result_resources(result, &count);
        for (size_t i = 0; i < count; ++i) {
            ConfigFacts &facts = out[QString::fromUtf8(rd_kafka_ConfigResource_name(described[i]))];
            if (rd_kafka_ConfigResource_error(described[i]) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                facts.error = QString::fromUtf8(rd_kafka_ConfigResource_error_string(described[i]));
                continue;
            }
            size_t entries = 0;
            const rd_kafka_ConfigEntry_t **configs = rd_kafka_ConfigResource_configs(described[i], &entries);
            for (size_t e = 0; e < entries; ++e) {
                const char *value = rd_kafka_ConfigEntry_value(configs[e]);
                facts.configs.insert(QString::fromUtf8(rd_kafka_ConfigEntry_name(configs[e])),
                                     value ? QString::fromUtf8(value) : QString());
            }
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_ConfigResource_destroy_array(resources.data(), resources.size());
    return out;
}

} // namespace

QMap<QString, ConfigFacts> KafkaAdmin::describeTopicConfigs(const QStringList &topics, int timeoutMs)
{
    QMap<QString, ConfigFacts> out;
    if (topics.isEmpty())
        return out;
    const ClusterMetadata &md = metadata(timeoutMs);
    QString unavailable = md.error;
    QString unsupported = unavailable.isEmpty() ? d->notOffered(KafkaApi::DescribeConfigs) : QString();
    if (unavailable.isEmpty() && unsupported.isEmpty())
        return describeConfigs(d->rk, RD_KAFKA_RESOURCE_TOPIC, topics, timeoutMs);
    for (const QString &t : topics) {
        out[t].error = unavailable;
        out[t].unsupported = unsupported;
    }
    return out;
}

ConfigFacts KafkaAdmin::describeBrokerConfigs(int brokerId, int timeoutMs)
{
    const ClusterMetadata &md = metadata(timeoutMs);
    ConfigFacts facts;
    if (!md.error.isEmpty()) {
        facts.error = md.error;
        return facts;
    }
    facts.unsupported = d->notOffered(KafkaApi::DescribeConfigs);
    if (!facts.unsupported.isEmpty())
        return facts;
    const QString name = QString::number(brokerId);
    return describeConfigs(d->rk, RD_KAFKA_RESOURCE_BROKER, {name}, timeoutMs).value(name);
}

QMap<QString, GroupFacts> KafkaAdmin::describeGroups(const QStringList &groups, int timeoutMs)
{
    QMap<QString, GroupFacts> out;
    if (groups.isEmpty())
        return out;
    auto all = [&](QString GroupFacts::*field, const QString &why) {
        for (const QString &g : groups)
            out[g].*field = why;
        return out;
    };
    // The connection (and so the brokers' ApiVersions) comes with the metadata.
    if (const ClusterMetadata &md = metadata(timeoutMs); !md.error.isEmpty())
        return all(&GroupFacts::error, md.error);
    QStringList missing;
    for (KafkaApi api : {KafkaApi::FindCoordinator, KafkaApi::DescribeGroups}) {
        if (const QString why = d->notOffered(api); !why.isEmpty())
            missing << why;
    }
    if (!missing.isEmpty())
        return all(&GroupFacts::unsupported, missing.join(QStringLiteral("; ")));
    if (supports(KafkaApi::DescribeGroups) == Support::Unknown && rd_kafka_version() < kFixedDescribeGroupsVersion)
        return all(&GroupFacts::unsupported,
                   tr("librdkafka %1 did not say which requests the brokers offer, and asking a broker without "
                      "DescribeGroups hangs this version")
                       .arg(QString::fromUtf8(rd_kafka_version_str())));

    std::vector<QByteArray> names;
    std::vector<const char *> pointers;
    for (const QString &g : groups)
        names.push_back(g.toUtf8());
    for (const QByteArray &n : names)
        pointers.push_back(n.constData());
    rd_kafka_queue_t *queue = rd_kafka_queue_new(d->rk);
    rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(d->rk, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS);
    char errstr[512] = {};
    rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, errstr, sizeof errstr);
    rd_kafka_DescribeConsumerGroups(d->rk, pointers.data(), pointers.size(), options, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs + 1000);
    const rd_kafka_DescribeConsumerGroups_result_t *result =
        event ? rd_kafka_event_DescribeConsumerGroups_result(event) : nullptr;
    if (!result || rd_kafka_event_error(event)) {
        all(&GroupFacts::error,
            event ? QString::fromUtf8(rd_kafka_event_error_string(event)) : tr("no answer in time"));
    } else {
        size_t count = 0;
        const rd_kafka_ConsumerGroupDescription_t **described =
            rd_kafka_DescribeConsumerGroups_result_groups(result, &count);
        for (size_t i = 0; i < count; ++i) {
            GroupFacts &facts = out[QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(described[i]))];
            if (const rd_kafka_error_t *error = rd_kafka_ConsumerGroupDescription_error(described[i])) {
                facts.error = QString::fromUtf8(rd_kafka_error_string(error));
                continue;
            }
            facts.state = QString::fromUtf8(
                rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(described[i])));
            facts.members = int(rd_kafka_ConsumerGroupDescription_member_count(described[i]));
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    return out;
}

} // namespace cdc::doctor
