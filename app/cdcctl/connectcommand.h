// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl deploy`, `cdcctl status` and `cdcctl connector`: the project's connectors on Kafka Connect.
#pragma once

#include <QCommandLineParser>

namespace cdc::cli {

void describeDeploy(QCommandLineParser &parser);
int runDeploy(const QCommandLineParser &parser);

void describeStatus(QCommandLineParser &parser);
int runStatus(const QCommandLineParser &parser);

void describeConnector(QCommandLineParser &parser);
int runConnector(const QCommandLineParser &parser);

} // namespace cdc::cli
