// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the librdkafka configuration of the stream consumer and resolves secret references.
#include "consumerconfig.h"

#include "core/secretreference.h"

#include <QStringBuilder>

#include <librdkafka/rdkafka.h>

#include <map>

namespace cdc::stream {

namespace {

bool isSecretProperty(const QString &name)
{
    return name.contains(QStringLiteral("password")) || name.contains(QStringLiteral("secret")) ||
           name == QStringLiteral("sasl.oauthbearer.config");
}

Error configError(const QString &property, const QString &reason)
{
    return Error{QStringLiteral("librdkafka does not accept the property %1: %2").arg(property, reason), property,
                 QStringLiteral("Check the property's name and value (librdkafka's CONFIGURATION.md lists them).")};
}

} // namespace

void ConsumerConfigDeleter::operator()(rd_kafka_conf_s *conf) const
{
    rd_kafka_conf_destroy(conf);
}

Result<ConsumerConfig> buildConsumerConfig(const ConsumerSettings &settings, const QString &groupId, bool grouped)
{
    using Start = ConsumerSettings::Start;
    std::map<QString, QString> properties;
    const auto put = [&properties](const QString &name, const QString &value) { properties[name] = value; };
    put(QStringLiteral("bootstrap.servers"), settings.bootstrapServers);
    put(QStringLiteral("client.id"), QStringLiteral("cdc-studio"));
    put(QStringLiteral("enable.partition.eof"), QStringLiteral("false"));
    put(QStringLiteral("reconnect.backoff.max.ms"), QStringLiteral("2000"));
    put(QStringLiteral("auto.offset.reset"),
        grouped && settings.start == Start::End ? QStringLiteral("latest") : QStringLiteral("earliest"));
    if (grouped)
        put(QStringLiteral("topic.metadata.refresh.interval.ms"), QString::number(settings.metadataRefreshMs));
    // librdkafka before 2.2 stops fetching for a whole second (rd_kafka_max_block_ms) once its local
    // queue holds queued.min.messages or queued.max.messages.kbytes, and nothing wakes it earlier.
    // The defaults (100,000 messages, 64 MiB) hold a tenth of a second of a catch-up from the
    // beginning, so the consumer would sit idle most of each second. These hold about one second.
    put(QStringLiteral("queued.min.messages"), QStringLiteral("1000000"));
    put(QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("524288"));
    if (!settings.securityProtocol.isEmpty())
        put(QStringLiteral("security.protocol"), settings.securityProtocol);
    const std::pair<const char *, const QString *> optional[] = {
        {"sasl.mechanisms", &settings.saslMechanism},
        {"sasl.username", &settings.saslUsername},
        {"ssl.ca.location", &settings.sslCaLocation},
        {"ssl.certificate.location", &settings.sslCertificateLocation},
        {"ssl.key.location", &settings.sslKeyLocation}};
    for (const auto &[name, value] : optional) {
        if (!value->isEmpty())
            put(QString::fromLatin1(name), *value);
    }
    if (!settings.saslPasswordReference.isEmpty()) {
        Result<QString> password = resolveSecretReference(settings.saslPasswordReference);
        if (!password)
            return password.error();
        put(QStringLiteral("sasl.password"), password.value());
    }
    if (grouped)
        put(QStringLiteral("enable.auto.commit"), QStringLiteral("true"));
    for (auto it = settings.extra.cbegin(); it != settings.extra.cend(); ++it) {
        Result<QString> value = resolveSecretReference(it.value());
        if (!value)
            return value.error();
        put(it.key(), value.value());
    }
    put(QStringLiteral("group.id"), groupId);
    if (!grouped) { // watching without a group must never commit: these win over `extra`
        put(QStringLiteral("enable.auto.commit"), QStringLiteral("false"));
        put(QStringLiteral("enable.auto.offset.store"), QStringLiteral("false"));
    }

    ConsumerConfig conf(rd_kafka_conf_new());
    for (const auto &[name, value] : properties) {
        char errstr[512] = {};
        if (rd_kafka_conf_set(conf.get(), name.toUtf8().constData(), value.toUtf8().constData(), errstr,
                              sizeof errstr) != RD_KAFKA_CONF_OK) {
            return configError(name, isSecretProperty(name) ? QStringLiteral("the value is not valid")
                                                            : QString::fromUtf8(errstr));
        }
    }
    return conf;
}

} // namespace cdc::stream
