// SPDX-License-Identifier: GPL-3.0-or-later
// The operations on the selected connector and their confirmations.
#include "connectoroperations.h"

#include "common/glyphicon.h"
#include "connect/connectclient.h"
#include "connect/connectorsmodel.h"
#include "connect/offsetsdialog.h"
#include "debezium/connectoranswers.h"
#include "debezium/connectorwizard.h"

#include <QAction>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace cdc::ui {

using connect::ConnectClient;

namespace {

QString errorText(const Error &e)
{
    return e.hint.isEmpty() ? e.what : e.what + u'\n' + e.hint;
}

} // namespace

ConnectorOperations::ConnectorOperations(QWidget *panel, SelectionSource selection)
    : QObject(panel)
    , m_panel(panel)
    , m_selection(std::move(selection))
{
    createActions();
    updateIcons();
}

void ConnectorOperations::createActions()
{
    QStyle *s = m_panel->style();
    auto make = [this](const QString &text, const QIcon &icon, const QKeySequence &shortcut, const QString &tip) {
        auto *action = new QAction(icon, text, this);
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        action->setStatusTip(tip);
        action->setToolTip(
            shortcut.isEmpty() ? tip : tip + QStringLiteral(" (") + shortcut.toString(QKeySequence::NativeText) + u')');
        m_panel->addAction(action); // the shortcut works anywhere in the panel
        return action;
    };
    // Each simple operation: the request, and the sentence that says it was done.
    auto simple = [this](QAction *action, const QString &doneText, const Operation &operation) {
        connect(action, &QAction::triggered, this, [this, doneText, operation] {
            const ConnectorSelection s = m_selection();
            if (s.connector)
                operate(s.connector->info.name, doneText.arg(s.connector->info.name), operation);
        });
    };

    m_actions.pause = make(tr("&Pause"), {}, QKeySequence(Qt::CTRL | Qt::Key_P),
                           tr("Pause the connector and its tasks; they keep their resources"));
    simple(m_actions.pause, tr("Paused %1."),
           [](ConnectClient *c, const QString &name, auto done) { c->pause(name, done); });
    m_actions.resume = make(tr("Res&ume"), {}, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                            tr("Resume a paused or stopped connector"));
    simple(m_actions.resume, tr("Resumed %1."),
           [](ConnectClient *c, const QString &name, auto done) { c->resume(name, done); });
    m_actions.stop = make(tr("&Stop"), {}, QKeySequence(Qt::CTRL | Qt::Key_Period),
                          tr("Stop the connector and shut its tasks down (needed before its offsets can be changed)"));
    simple(m_actions.stop, tr("Stopped %1."),
           [](ConnectClient *c, const QString &name, auto done) { c->stop(name, done); });
    m_actions.restart = make(tr("Restart &Connector"), {}, QKeySequence(Qt::CTRL | Qt::Key_R),
                             tr("Restart the connector instance (not its tasks)"));
    simple(m_actions.restart, tr("Restarted %1."),
           [](ConnectClient *c, const QString &name, auto done) { c->restart(name, false, false, done); });
    m_actions.restartFailedTasks = make(tr("Restart &Failed Tasks"), {}, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                                        tr("Restart the connector and those of its tasks that failed"));
    simple(m_actions.restartFailedTasks, tr("Restarted the failed tasks of %1."),
           [](ConnectClient *c, const QString &name, auto done) { c->restart(name, true, true, done); });
    m_actions.restartAllTasks =
        make(tr("Restart &All Tasks"), {}, {}, tr("Restart the connector and every one of its tasks"));
    simple(m_actions.restartAllTasks, tr("Restarted %1 and all its tasks."),
           [](ConnectClient *c, const QString &name, auto done) { c->restart(name, true, false, done); });
    m_actions.restartTask =
        make(tr("Restart &Task"), {}, QKeySequence(Qt::CTRL | Qt::Key_T), tr("Restart the selected task"));
    connect(m_actions.restartTask, &QAction::triggered, this, [this] {
        const ConnectorSelection s = m_selection();
        if (!s.connector || s.task < 0)
            return;
        const QString name = s.connector->info.name;
        operate(name, tr("Restarted task %1 of %2.").arg(s.task).arg(name),
                [task = s.task](ConnectClient *c, const QString &n, auto done) { c->restartTask(n, task, done); });
    });
    m_actions.remove = make(tr("&Delete…"), s->standardIcon(QStyle::SP_TrashIcon),
                            QKeySequence(Qt::CTRL | Qt::Key_Delete), tr("Delete the connector from the cluster"));
    connect(m_actions.remove, &QAction::triggered, this, &ConnectorOperations::confirmDelete);
    m_actions.editConfig = make(tr("&Edit Config…"), s->standardIcon(QStyle::SP_FileDialogContentsView),
                                QKeySequence(Qt::CTRL | Qt::Key_E),
                                tr("Open the running config in the connector wizard and update it on the cluster"));
    connect(m_actions.editConfig, &QAction::triggered, this, &ConnectorOperations::editConfig);
    m_actions.offsets = make(tr("Show &Offsets…"), s->standardIcon(QStyle::SP_FileDialogDetailedView),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                             tr("Where the connector has read up to, and resetting it"));
    connect(m_actions.offsets, &QAction::triggered, this, &ConnectorOperations::showOffsets);
}

void ConnectorOperations::updateIcons()
{
    const int size = m_panel->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_panel);
    m_actions.pause->setIcon(glyphIcon(Glyph::Pause, m_panel->palette(), size));
    m_actions.resume->setIcon(glyphIcon(Glyph::Resume, m_panel->palette(), size));
    m_actions.stop->setIcon(glyphIcon(Glyph::Stop, m_panel->palette(), size));
}

void ConnectorOperations::update()
{
    const ConnectorSelection s = m_selection();
    const connect::ConnectorOverview *c = s.client ? s.connector : nullptr;
    const QString state = c ? c->status.state : QString();
    const bool taskFailed =
        c && std::any_of(c->status.tasks.begin(), c->status.tasks.end(),
                         [](const connect::TaskStatus &t) { return t.state == QLatin1String("FAILED"); });
    const bool paused = state == QLatin1String("PAUSED");
    const bool stopped = state == QLatin1String("STOPPED");
    m_actions.pause->setEnabled(c && !paused && !stopped);
    m_actions.resume->setEnabled(c && (paused || stopped));
    m_actions.stop->setEnabled(c && !stopped);
    m_actions.restart->setEnabled(c);
    m_actions.restartFailedTasks->setEnabled(c && (taskFailed || state == QLatin1String("FAILED")));
    m_actions.restartAllTasks->setEnabled(c && !c->status.tasks.isEmpty());
    m_actions.restartTask->setEnabled(c && s.task >= 0);
    m_actions.remove->setEnabled(c);
    m_actions.editConfig->setEnabled(c);
    m_actions.offsets->setEnabled(c);
}

void ConnectorOperations::operate(const QString &name, const QString &doneText, const Operation &operation)
{
    const ConnectorSelection s = m_selection();
    if (name.isEmpty() || !s.client)
        return;
    operation(s.client, name, [self = QPointer(this), generation = s.generation, doneText](Result<void> r) {
        if (!self || generation != self->m_selection().generation)
            return;
        Q_EMIT self->finished(r.ok(), r ? doneText : errorText(r.error()));
        Q_EMIT self->connectorChanged();
    });
}

void ConnectorOperations::confirmDelete()
{
    const ConnectorSelection s = m_selection();
    if (!s.connector || !s.client)
        return;
    const QString name = s.connector->info.name;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Connector"),
                                tr("Delete the connector %1 from %2?").arg(name, s.client->settings().name),
                                QMessageBox::NoButton, m_panel);
    box->setObjectName(QStringLiteral("confirmDeleteConnector"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Kafka Connect stops %1 and forgets its configuration. Its committed offsets "
                               "and its topics stay: a connector created later under the same name continues "
                               "from those offsets.")
                                .arg(name));
    QPushButton *remove = box->addButton(tr("Delete %1").arg(name), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDelete"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, remove, name, generation = s.generation] {
        if (box->clickedButton() != remove || generation != m_selection().generation)
            return;
        operate(name, tr("Deleted %1.").arg(name),
                [](ConnectClient *c, const QString &n, auto done) { c->remove(n, done); });
    });
    box->open();
}

// The wizard edits Debezium connectors; it opens on the config the worker runs now, not the project's.
void ConnectorOperations::editConfig()
{
    const ConnectorSelection s = m_selection();
    if (!s.connector || !s.client)
        return;
    const QString name = s.connector->info.name;
    s.client->config(
        name,
        [this, name, generation = s.generation](Result<QMap<QString, QString>> r) {
            const ConnectorSelection now = m_selection();
            if (generation != now.generation)
                return;
            if (!r) {
                Q_EMIT finished(false, errorText(r.error()));
                return;
            }
            debezium::ConnectorConfig live;
            live.name = name;
            live.config = r.value();
            live.config.remove(QStringLiteral("name"));
            const QString cls = live.value(QStringLiteral("connector.class"));
            live.databaseKind = connect::databaseKindOfClass(cls);
            if (live.databaseKind.isEmpty()) {
                Q_EMIT finished(false, tr("%1 runs %2. The connector wizard edits Debezium PostgreSQL, MySQL and "
                                          "MariaDB connectors only.")
                                           .arg(name, cls));
                return;
            }
            std::vector<debezium::ConnectorConfig> others;
            for (const connect::ConnectorOverview &o : now.all) {
                if (o.info.name == name)
                    continue;
                debezium::ConnectorConfig other;
                other.name = o.info.name;
                other.config = o.info.config;
                other.databaseKind = connect::databaseKindOfClass(o.info.connectorClass());
                others.push_back(std::move(other));
            }
            WizardContext context;
            context.others = std::move(others);
            context.editing = true;
            auto *wizard = new ConnectorWizard(debezium::answersFromConfig(live), std::move(context), m_panel);
            wizard->setAttribute(Qt::WA_DeleteOnClose);
            wizard->setWindowTitle(tr("Edit %1 on %2").arg(name, now.client->settings().name));
            connect(wizard, &QWizard::accepted, this, [this, wizard, name, generation] {
                if (generation != m_selection().generation)
                    return;
                debezium::ConnectorConfig edited = wizard->config();
                if (edited.name != name) {
                    Q_EMIT finished(false, tr("Kafka Connect cannot rename a connector: %1 keeps its name. To use "
                                              "the name %2, create a new connector and delete this one.")
                                               .arg(name, edited.name));
                    return;
                }
                edited.config.remove(QStringLiteral("name"));
                operate(name, tr("Updated the config of %1.").arg(name),
                        [config = edited.config](ConnectClient *c, const QString &n, auto done) {
                            c->updateConfig(n, config, [done](Result<connect::ConnectorInfo> info) {
                                done(info ? Result<void>() : Result<void>(info.error()));
                            });
                        });
            });
            wizard->open();
        },
        this);
}

OffsetsDialog *ConnectorOperations::showOffsets()
{
    const ConnectorSelection s = m_selection();
    if (!s.connector || !s.client)
        return nullptr;
    auto *dialog = new OffsetsDialog(s.client, s.connector->info.name, s.connector->status.state, m_panel);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OffsetsDialog::connectorChanged, this, &ConnectorOperations::connectorChanged);
    dialog->open();
    return dialog;
}

} // namespace cdc::ui
