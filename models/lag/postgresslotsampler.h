// SPDX-License-Identifier: GPL-3.0-or-later
// PostgreSQL replication slot lag in bytes: for every logical slot of a server, how much WAL the slot's
// consumer has not confirmed ("pg-slot:NAME") and how much WAL the slot keeps ("pg-retained:NAME").
// Queries on a thread of its own with its own QPSQL connection, with connect and statement timeouts.
#pragma once

#include "lag/lagsampler.h"
#include "lag/samplerhealth.h"
#include "lag/samplerthread.h"

#include <QHash>
#include <QString>

namespace cdc::lag {

// Where the sampler connects; the password is a reference (${file:…:key}, ${env:…}) resolved when it
// connects, never kept in plain text.
struct PostgresEndpoint
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 5432;
    QString database = QStringLiteral("postgres");
    QString user;
    QString passwordReference;

    bool operator==(const PostgresEndpoint &) const = default;
};

class PostgresSlotSampler : public LagSampler
{
    Q_OBJECT

public:
    static constexpr int kTimeoutSeconds = 3; // connect_timeout and statement_timeout

    // `slotNodes`: slot name → the connector node that owns the slot (alerts colour it). A slot named
    // here that the server does not have is reported through failed().
    PostgresSlotSampler(PostgresEndpoint endpoint, QHash<QString, QString> slotNodes, QObject *parent = nullptr);
    ~PostgresSlotSampler() override;

    QString name() const override;
    void start(int intervalMs) override;
    void stop() override;

    const PostgresEndpoint &endpoint() const { return m_endpoint; }
    const QHash<QString, QString> &slotNodes() const { return m_slotNodes; }

    static SeriesKey slotSeries(const QString &slot, const QString &nodeId);     // "pg-slot:NAME"
    static SeriesKey retainedSeries(const QString &slot, const QString &nodeId); // "pg-retained:NAME"

private:
    PostgresEndpoint m_endpoint;
    QHash<QString, QString> m_slotNodes;
    SamplerHealth m_health{this};
    SamplerWorkerHandle m_worker{this, &m_health};
};

} // namespace cdc::lag
