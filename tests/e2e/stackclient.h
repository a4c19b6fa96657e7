// SPDX-License-Identifier: GPL-3.0-or-later
// Small blocking clients for end-to-end tests: Kafka Connect REST, SQL to the stack's databases,
// and a librdkafka consumer. Tests may block; the application never does.
#pragma once

#include "core/stackenvironment.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace cdc::e2e {

// The running stack, or the reason it is not there. Tests QSKIP with the reason, or QFAIL when
// CDC_REQUIRE_STACK=1.
struct StackAvailability
{
    std::optional<StackEnvironment> env;
    QString reason;
    static StackAvailability probe();
    static bool required();
};

// In a test's initTestCase: sets `target` to the running stack, or skips the test with the reason
// (fails it when CDC_REQUIRE_STACK=1, as in CI).
#define CDC_E2E_REQUIRE_STACK(target)                                                                                  \
    do {                                                                                                               \
        const cdc::e2e::StackAvailability stack_ = cdc::e2e::StackAvailability::probe();                               \
        if (!stack_.env) {                                                                                             \
            if (cdc::e2e::StackAvailability::required())                                                               \
                QFAIL(qPrintable(QStringLiteral("CDC_REQUIRE_STACK=1 but ") + stack_.reason));                         \
            QSKIP(qPrintable(stack_.reason));                                                                          \
        }                                                                                                              \
        (target) = *stack_.env;                                                                                        \
    } while (false)

struct HttpReply
{
    int status = 0; // 0: no answer
    QJsonDocument json;
    QByteArray body;
    QString error;
};

HttpReply http(const QByteArray &verb, const QString &url, const QByteArray &body = {}, int timeoutMs = 30000);

// A connector config from a project, pointed at the stack: host, port, user, password reference and
// schema history brokers come from stack.env; every other setting stays as the project has it.
QMap<QString, QString> pointAtStack(QMap<QString, QString> config, const StackEnvironment &env);

// A connection to the stack's PostgreSQL or MariaDB as its Debezium user (password from the secrets file).
QSqlDatabase openStackDatabase(const StackEnvironment &env, bool postgres);

// Closes every connection openStackDatabase() made (at the end of a test).
void closeStackDatabases();

// PUT /connector-plugins/{connector.class}/config/validate on the stack's worker.
HttpReply validateOnWorker(const StackEnvironment &env, const QJsonObject &config);
HttpReply validateOnWorker(const StackEnvironment &env, const QMap<QString, QString> &config);

// Reads `key=value` lines of a .properties file (the stack's secrets).
QMap<QString, QString> readProperties(const QString &path);

// "property: error" for every property a worker's config validation (PUT .../config/validate) complains
// about.
QStringList workerErrors(const QJsonDocument &answer);

struct ConsumedMessage
{
    QString topic;
    int partition = 0;
    qint64 offset = 0;
    QByteArray key;
    QByteArray value;
    QMap<QString, QByteArray> headers;
};

// A consumer in its own group that starts at the earliest offset of every topic matching a regex.
class TopicReader
{
public:
    TopicReader(const QString &bootstrap, const QString &topicRegex);
    ~TopicReader();
    QString error() const { return m_error; }
    // Polls for up to `timeoutMs`, returning what arrived (possibly nothing).
    QList<ConsumedMessage> poll(int timeoutMs);

private:
    struct Handle;
    std::unique_ptr<Handle> m_handle;
    QString m_error;
};

} // namespace cdc::e2e
