// SPDX-License-Identifier: GPL-3.0-or-later
// Carries out a deploy plan: every changing connector validated on the worker, then applied in order.
#include "deployer.h"

#include <QTimer>

namespace cdc::connect {

namespace {

bool changes(const PlannedConnector &c)
{
    return c.action != PlannedConnector::Action::Unchanged;
}

} // namespace

Deployer::Deployer(ConnectClient *client, DeployPlan plan, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_plan(std::move(plan))
{}

void Deployer::start()
{
    if (m_running)
        return;
    m_running = true;
    m_outcomes.clear();
    for (const PlannedConnector &c : std::as_const(m_plan.connectors)) {
        Outcome o;
        o.name = c.name;
        o.action = c.action;
        o.message = changes(c) ? tr("not applied") : tr("unchanged");
        m_outcomes.append(o);
    }
    // Even a plan with nothing to do answers later, never from inside start().
    QTimer::singleShot(0, this, [this] { validateNext(0); });
}

void Deployer::validateNext(int index)
{
    const int total = 2 * (m_plan.connectors.size() - m_plan.count(PlannedConnector::Action::Unchanged));
    while (index < m_plan.connectors.size() && !changes(m_plan.connectors.at(index)))
        ++index;
    if (index >= m_plan.connectors.size()) {
        for (const Outcome &o : std::as_const(m_outcomes)) {
            if (!o.ok) {
                finish(false); // nothing is applied when any connector was refused
                return;
            }
        }
        applyNext(0);
        return;
    }
    const PlannedConnector &c = m_plan.connectors.at(index);
    int validated = 0;
    for (int i = 0; i < index; ++i)
        validated += changes(m_plan.connectors.at(i)) ? 1 : 0;
    Q_EMIT progress(validated, total, tr("Validating %1").arg(c.name));

    QMap<QString, QString> config = c.config;
    config.insert(QStringLiteral("name"), c.name); // the worker's validation wants the name
    if (!m_client) {
        m_outcomes[index].ok = false;
        m_outcomes[index].message = tr("There is no Kafka Connect client to deploy with.");
        finish(false);
        return;
    }
    m_client->validate(
        config,
        [this, index](Result<ValidationResult> result) {
            Outcome &o = m_outcomes[index];
            if (!result) {
                o.ok = false;
                o.message = result.error().toString();
                finish(false);
                return;
            }
            if (result.value().errorCount > 0) {
                o.ok = false;
                o.refused = result.value().withErrors();
                o.message = result.value().errorCount == 1
                                ? tr("The worker's validation refused 1 setting; nothing was applied.")
                                : tr("The worker's validation refused %1 settings; nothing was applied.")
                                      .arg(result.value().errorCount);
            }
            validateNext(index + 1);
        },
        this);
}

void Deployer::applyNext(int index)
{
    const int changing = m_plan.connectors.size() - m_plan.count(PlannedConnector::Action::Unchanged);
    while (index < m_plan.connectors.size() && !changes(m_plan.connectors.at(index)))
        ++index;
    if (index >= m_plan.connectors.size()) {
        Q_EMIT progress(2 * changing, 2 * changing, tr("Deployed"));
        finish(true);
        return;
    }
    const PlannedConnector &c = m_plan.connectors.at(index);
    int applied = 0;
    for (int i = 0; i < index; ++i)
        applied += changes(m_plan.connectors.at(i)) ? 1 : 0;
    const bool create = c.action == PlannedConnector::Action::Create;
    Q_EMIT progress(changing + applied, 2 * changing,
                    create ? tr("Creating %1").arg(c.name) : tr("Updating %1").arg(c.name));

    auto done = [this, index, create](Result<ConnectorInfo> result) {
        Outcome &o = m_outcomes[index];
        if (!result) {
            o.ok = false;
            o.message = result.error().toString();
            finish(false);
            return;
        }
        const int changeCount = m_plan.connectors.at(index).changes.size();
        o.message = create             ? tr("created")
                    : changeCount == 1 ? tr("updated (1 change)")
                                       : tr("updated (%1 changes)").arg(changeCount);
        applyNext(index + 1);
    };
    if (create)
        m_client->create(c.name, c.config, done, this);
    else
        m_client->updateConfig(c.name, c.config, done, this);
}

void Deployer::finish(bool ok)
{
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT finished(ok);
}

} // namespace cdc::connect
