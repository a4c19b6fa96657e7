// SPDX-License-Identifier: GPL-3.0-or-later
// The deploy plan dialog.
#include "deploydialog.h"

#include "connect/connectclient.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cdc::ui {

using connect::PlannedConnector;

namespace {

enum Column { NameColumn, ActionColumn, ChangeColumn };

const QColor kCreateColor(0x2e, 0xa0, 0x43);
const QColor kUpdateColor(0xd1, 0x8b, 0x00);
const QColor kFailColor(0xd9, 0x30, 0x25);

QString errorText(const Error &e)
{
    return e.hint.isEmpty() ? e.what : e.what + u'\n' + e.hint;
}

QString actionText(PlannedConnector::Action action)
{
    switch (action) {
    case PlannedConnector::Action::Create: return DeployDialog::tr("create");
    case PlannedConnector::Action::Update: return DeployDialog::tr("update");
    case PlannedConnector::Action::Unchanged: return DeployDialog::tr("unchanged");
    }
    return {};
}

QString changeText(const connect::ConfigChange &c)
{
    const QString unset = DeployDialog::tr("(not set)");
    return (c.added ? unset : c.before) + QStringLiteral("  →  ") + (c.removed ? unset : c.after);
}

void setRowColor(QTreeWidgetItem *item, const QColor &color)
{
    for (int column = 0; column < item->columnCount(); ++column)
        item->setForeground(column, color);
}

} // namespace

DeployDialog::DeployDialog(connect::ConnectClient *client, std::vector<debezium::ConnectorConfig> project,
                           QStringList onlyNodeIds, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_project(std::move(project))
    , m_onlyNodeIds(std::move(onlyNodeIds))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_progress(new QProgressBar(this))
    , m_progressText(new QLabel(this))
    , m_apply(new QPushButton(tr("&Apply"), this))
{
    setObjectName(QStringLiteral("deployDialog"));
    const QString cluster = client->settings().name;
    setWindowTitle(tr("Deploy to %1").arg(cluster));

    m_summary->setObjectName(QStringLiteral("deploySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree->setObjectName(QStringLiteral("deployPlan"));
    m_tree->setHeaderLabels({tr("Connector / property"), tr("Action"), tr("Change")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setTextElideMode(Qt::ElideMiddle);

    m_progress->setObjectName(QStringLiteral("deployProgress"));
    m_progressText->setObjectName(QStringLiteral("deployProgressText"));
    m_progressText->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_apply->setObjectName(QStringLiteral("applyDeploy"));
    m_apply->setEnabled(false);
    m_apply->setDefault(true);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    connect(m_apply, &QPushButton::clicked, this, &DeployDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_progressText);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(820, 520);
    fetchPlan();
}

QString DeployDialog::summaryText() const
{
    return m_summary->text();
}

void DeployDialog::setSummary(const QString &text, bool error)
{
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, kFailColor);
    m_summary->setPalette(p);
    m_summary->setText(text);
}

void DeployDialog::fetchPlan()
{
    m_hasPlan = false;
    m_apply->setEnabled(false);
    m_progress->setRange(0, 0); // busy
    m_progress->show();
    m_progressText->hide();
    setSummary(tr("Reading the connectors %1 runs (%2)…")
                   .arg(m_client->settings().name, m_client->settings().url.toDisplayString()),
               false);
    m_client->connectors(
        [this](Result<QList<connect::ConnectorOverview>> r) {
            m_progress->hide();
            if (!r) {
                setSummary(errorText(r.error()), true);
                return;
            }
            m_plan = connect::planDeploy(m_project, r.value(), m_onlyNodeIds);
            m_hasPlan = true;
            showPlan();
            Q_EMIT planReady();
        },
        this);
}

void DeployDialog::showPlan()
{
    m_tree->clear();
    const QColor muted = palette().color(QPalette::PlaceholderText);
    for (const PlannedConnector &c : std::as_const(m_plan.connectors)) {
        auto *item = new QTreeWidgetItem(m_tree, {c.name, actionText(c.action)});
        item->setData(NameColumn, Qt::UserRole, c.name);
        switch (c.action) {
        case PlannedConnector::Action::Create:
            item->setForeground(ActionColumn, kCreateColor);
            item->setText(ChangeColumn, tr("new on the cluster, %1 settings").arg(c.config.size()));
            break;
        case PlannedConnector::Action::Update:
            item->setForeground(ActionColumn, kUpdateColor);
            item->setText(ChangeColumn, c.changes.size() == 1 ? tr("1 setting changes")
                                                              : tr("%1 settings change").arg(c.changes.size()));
            for (const connect::ConfigChange &change : c.changes) {
                auto *child = new QTreeWidgetItem(item, {change.key,
                                                         change.added     ? tr("added")
                                                         : change.removed ? tr("removed")
                                                                          : tr("changed"),
                                                         changeText(change)});
                child->setToolTip(ChangeColumn, changeText(change));
            }
            item->setExpanded(true);
            break;
        case PlannedConnector::Action::Unchanged:
            setRowColor(item, muted);
            item->setText(ChangeColumn, tr("the cluster runs this config"));
            break;
        }
        QFont bold = item->font(NameColumn);
        bold.setBold(true);
        item->setFont(NameColumn, bold);
    }
    if (!m_plan.onlyOnCluster.isEmpty()) {
        auto *drift = new QTreeWidgetItem(
            m_tree, {tr("Only on the cluster"), tr("drift"), tr("not in the project; Deploy leaves them alone")});
        drift->setForeground(ActionColumn, kUpdateColor);
        for (const QString &name : std::as_const(m_plan.onlyOnCluster)) {
            auto *child = new QTreeWidgetItem(drift, {name, tr("not touched")});
            setRowColor(child, muted);
        }
        drift->setExpanded(true);
    }
    m_tree->header()->resizeSection(NameColumn, qMax(220, m_tree->header()->sectionSizeHint(NameColumn)));
    m_tree->resizeColumnToContents(ActionColumn);

    const int create = m_plan.count(PlannedConnector::Action::Create);
    const int update = m_plan.count(PlannedConnector::Action::Update);
    const int unchanged = m_plan.count(PlannedConnector::Action::Unchanged);
    QString text;
    if (m_plan.connectors.isEmpty())
        text = tr("The project has no connector to deploy.");
    else if (m_plan.nothingToDo())
        text =
            tr("Nothing to do: %1 already runs the project's connectors as they are.").arg(m_client->settings().name);
    else
        text = tr("On %1 (%2): %3 to create, %4 to update, %5 unchanged. Every connector that changes is "
                  "validated by the worker first; nothing is applied if any is refused.")
                   .arg(m_client->settings().name, m_client->settings().url.toDisplayString())
                   .arg(create)
                   .arg(update)
                   .arg(unchanged);
    if (!m_plan.onlyOnCluster.isEmpty())
        text += u' ' + (m_plan.onlyOnCluster.size() == 1
                            ? tr("1 connector runs only on the cluster (drift).")
                            : tr("%1 connectors run only on the cluster (drift).").arg(m_plan.onlyOnCluster.size()));
    setSummary(text, false);
    m_apply->setEnabled(!m_plan.connectors.isEmpty() && !m_plan.nothingToDo());
}

QTreeWidgetItem *DeployDialog::connectorItem(const QString &name) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(NameColumn, Qt::UserRole).toString() == name)
            return item;
    }
    return nullptr;
}

void DeployDialog::apply()
{
    if (!m_hasPlan || m_deployer)
        return;
    m_apply->setEnabled(false);
    m_deployer = new connect::Deployer(m_client, m_plan, this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->show();
    m_progressText->setText(tr("Validating…"));
    m_progressText->show();
    connect(m_deployer, &connect::Deployer::progress, this, [this](int done, int total, const QString &what) {
        m_progress->setRange(0, qMax(1, total));
        m_progress->setValue(done);
        m_progressText->setText(what);
    });
    connect(m_deployer, &connect::Deployer::finished, this, [this](bool ok) {
        m_progress->setValue(m_progress->maximum());
        showOutcomes(ok);
        Q_EMIT deployed(ok);
    });
    m_deployer->start();
}

void DeployDialog::showOutcomes(bool ok)
{
    int applied = 0;
    int failed = 0;
    int refused = 0;
    for (const connect::Deployer::Outcome &o : m_deployer->outcomes()) {
        QTreeWidgetItem *item = connectorItem(o.name);
        if (!item)
            item = new QTreeWidgetItem(m_tree, {o.name});
        if (o.ok && o.action != PlannedConnector::Action::Unchanged)
            ++applied;
        if (!o.ok)
            ++failed;
        item->setText(ActionColumn, !o.ok                                          ? tr("failed")
                                    : o.action == PlannedConnector::Action::Create ? tr("created")
                                    : o.action == PlannedConnector::Action::Update ? tr("updated")
                                                                                   : tr("unchanged"));
        if (!o.ok)
            item->setForeground(ActionColumn, kFailColor);
        else if (o.action != PlannedConnector::Action::Unchanged)
            item->setForeground(ActionColumn, kCreateColor);
        // What was planned stays in the row when it worked; a failure replaces it with the reason.
        if (!o.ok && !o.message.isEmpty()) {
            item->setText(ChangeColumn, o.message);
            item->setToolTip(ChangeColumn, o.message);
        }
        if (!o.refused.isEmpty()) {
            qDeleteAll(item->takeChildren());
            for (const connect::PropertyValidation &p : o.refused) {
                const QString errors = p.errors.join(QStringLiteral("; "));
                auto *child = new QTreeWidgetItem(item, {p.name, tr("refused"), errors});
                child->setForeground(ActionColumn, kFailColor);
                child->setToolTip(ChangeColumn, errors);
                ++refused;
            }
            item->setExpanded(true);
        }
    }
    m_progressText->setText(ok ? tr("Done.") : tr("Stopped."));
    m_progress->setVisible(ok);
    if (ok)
        setSummary(
            tr("Deployed to %1: %2 created or updated.")
                .arg(m_client->settings().name, applied == 1 ? tr("1 connector") : tr("%1 connectors").arg(applied)),
            false);
    else if (refused > 0)
        setSummary(tr("Nothing was applied: the worker's validation refused %1. Fix the project and deploy again.")
                       .arg(refused == 1 ? tr("1 setting") : tr("%1 settings").arg(refused)),
                   true);
    else
        setSummary(tr("%1 of %2 connectors failed; %3 applied. See each connector's message below.")
                       .arg(failed)
                       .arg(m_deployer->outcomes().size())
                       .arg(applied),
                   true);
}

} // namespace cdc::ui
