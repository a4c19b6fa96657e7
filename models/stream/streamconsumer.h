// SPDX-License-Identifier: GPL-3.0-or-later
// The librdkafka consumer on its own thread: subscribes by topic list or regex, starts at the end,
// the beginning, an offset or a timestamp, with its own consumer group or none (assign, never commit,
// so watching never disturbs real consumers). Survives a broker that goes away and comes back without
// a gap or a repeated message: it tracks the next offset of every partition. Delivers batches to a
// MessageSink on its thread; reports state to the owner's thread through signals.
#pragma once

#include "core/result.h"
#include "stream/rawmessage.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace cdc::stream {

struct ConsumerSettings
{
    enum class Start { End, Beginning, Offset, Timestamp };

    QString bootstrapServers = QStringLiteral("127.0.0.1:19092");
    QStringList topics;                                          // exact names; used when topicRegex is empty
    QString topicRegex = QStringLiteral("^outbox\\.event\\..*"); // librdkafka regex subscription (leading ^)
    Start start = Start::End;
    qint64 startOffset = 0;       // Start::Offset: this offset in every partition (clamped by the broker)
    qint64 startTimestampMs = 0;  // Start::Timestamp: the first message at or after this time
    QString groupId;              // empty: no group (assign every matching partition, commit nothing)
    int metadataRefreshMs = 3000; // no group: how often new topics and partitions are looked for

    // Security: librdkafka's names. Passwords are never stored: a reference `${env:VAR}` or
    // `${file:/path/to/file.properties:key}` is resolved when connecting.
    QString securityProtocol = QStringLiteral("plaintext"); // plaintext, ssl, sasl_plaintext, sasl_ssl
    QString saslMechanism;                                  // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512
    QString saslUsername;
    QString saslPasswordReference;
    QString sslCaLocation;
    QString sslCertificateLocation;
    QString sslKeyLocation;
    QMap<QString, QString> extra; // any other librdkafka property, passed as it is
};

class StreamConsumer : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Connecting, Connected, BrokerDown, Failed };
    Q_ENUM(State)

    struct Counters
    {
        qint64 messages = 0;
        qint64 bytes = 0;
        qint64 duplicatesSkipped = 0; // messages at an offset already delivered (after a reconnect)
        qint64 gaps = 0;              // times a partition's offset jumped forward
    };

    // `sink` must outlive the consumer (or stop() must have returned).
    StreamConsumer(ConsumerSettings settings, MessageSink *sink, QObject *parent = nullptr);
    ~StreamConsumer() override; // stops and joins the thread

    // Checks the settings and creates the client, then starts the thread. Errors are values here;
    // later trouble (broker down, authentication) arrives as stateChanged().
    Result<void> start();
    // Stops the thread and waits for it. Safe to call twice.
    void stop();

    State state() const;
    Counters counters() const; // thread-safe
    // The group.id given to librdkafka: settings().groupId, or without a group the random one librdkafka
    // needs for assign() (never joined, never committed to). Empty before start().
    QString effectiveGroupId() const;
    const ConsumerSettings &settings() const { return m_settings; }

Q_SIGNALS:
    // Emitted from the consumer thread (connect with a context object: it arrives queued).
    void stateChanged(cdc::stream::StreamConsumer::State state, const QString &message);
    // Partitions assigned (no group: found by metadata; group: by the rebalance), as "topic[partition]".
    void partitionsAssigned(const QStringList &partitions);

private:
    struct Worker;
    ConsumerSettings m_settings;
    MessageSink *m_sink;
    std::unique_ptr<Worker> m_worker;
};

} // namespace cdc::stream
