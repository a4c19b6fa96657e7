// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl tail`: the live path headless, one JSON line per event on stdout.
#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cdc::cli {

void describeTail(QCommandLineParser &parser);
int runTail(const QCommandLineParser &parser);

// The broker to use: `explicitValue` when given, else KAFKA_BOOTSTRAP of the stack's stack.env
// ($CDC_STACK_ENV, $CDC_STACK_DIR/stack.env) when there is one, else the stack's default port.
QString resolveBootstrap(const QString &explicitValue);

// Quiets the consumer's logging (librdkafka's connection chatter); the commands report states themselves.
void quietStreamLogging();

} // namespace cdc::cli
