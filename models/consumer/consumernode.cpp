// SPDX-License-Identifier: GPL-3.0-or-later
// A consumer node's cluster address and brokers.
#include "consumernode.h"

#include "lag/lagsetup.h"

#include <QCoreApplication>

namespace cdc::consumer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConsumerNode", text);
}

} // namespace

Result<QUrl> clusterUrlOf(const topology::Node &consumer)
{
    const QString text = consumer.properties.value(kClusterUrlProperty).trimmed();
    if (text.isEmpty())
        return QUrl();
    QUrl url(text);
    if (url.scheme().isEmpty() || url.host().isEmpty())
        url = QUrl(QStringLiteral("http://") + text); // host:port, as people type it
    const QString fix = tr("Set %1 of %2 to the JobManager's REST address, such as http://127.0.0.1:8081, or leave "
                           "it empty to run the job on a local Flink.")
                            .arg(kClusterUrlProperty, consumer.name);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return Error{tr("\"%1\" is not a Flink cluster's REST address.").arg(text), consumer.name, fix};
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment); // a web UI page's address
}

const topology::Node *findNode(const topology::Project &project, const QString &id)
{
    for (const topology::Node &node : project.nodes) {
        if (node.id == id)
            return &node;
    }
    return nullptr;
}

QString jobBootstrapFor(const topology::Project &project, const StackEnvironment *env)
{
    return lag::kafkaBootstrapFor(project, env);
}

} // namespace cdc::consumer
