// SPDX-License-Identifier: GPL-3.0-or-later
// The pages of the connector wizards.
#include "wizardpages.h"

#include "common/sourcecolors.h"
#include "common/statebadge.h"
#include "core/secretreference.h"
#include "debezium/connectioncheck.h"
#include "debezium/propertycatalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStyle>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWhatsThis>

namespace cdc::ui {

using debezium::Flavour;

namespace {

QLineEdit *lineEdit(QWidget *parent, const QString &objectName)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    return edit;
}

QString connectorId(Flavour flavour)
{
    switch (flavour) {
    case Flavour::PostgreSQL: return QStringLiteral("postgres");
    case Flavour::MySQL: return QStringLiteral("mysql");
    case Flavour::MariaDB: return QStringLiteral("mariadb");
    }
    return {};
}

void setCombo(QComboBox *combo, const QString &value)
{
    int index = combo->findData(value);
    if (index < 0)
        index = combo->findText(value);
    if (index < 0) {
        combo->addItem(value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

QString comboValue(const QComboBox *combo)
{
    const QVariant data = combo->currentData();
    return data.isValid() ? data.toString() : combo->currentText();
}

bool darkPalette(const QWidget *w)
{
    return w->palette().color(QPalette::Window).lightness() < 128;
}

// Red for an error, amber for a warning: lighter on a dark palette so that they read there too.
QColor findingColor(const QWidget *w, debezium::Severity severity)
{
    const QColor base = severity == debezium::Severity::Error ? severityColor(health::Severity::Error)
                                                              : severityColor(health::Severity::Warning);
    return darkPalette(w) ? base.lighter(135) : base.darker(severity == debezium::Severity::Error ? 100 : 125);
}

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

} // namespace

AnswersPage::AnswersPage(debezium::ConnectorAnswers *answers, const QString &title, const QString &subtitle)
    : m_answers(answers)
    , m_form(new QFormLayout)
{
    setTitle(title);
    setSubTitle(subtitle);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addStretch(1);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

QString AnswersPage::propertyHelp(const QString &property) const
{
    const auto &catalog = debezium::PropertyCatalog::bundled();
    const debezium::PropertySpec *spec = property.startsWith(QLatin1String("transforms.outbox."))
                                             ? catalog.outboxProperty(property.mid(18))
                                             : catalog.property(connectorId(m_answers->flavour), property);
    if (!spec)
        return {};
    QString html =
        QStringLiteral("<p><b>%1</b> <i>(%2%3)</i></p><p>%4</p>")
            .arg(property.toHtmlEscaped(), spec->type,
                 spec->defaultValue ? tr(", default %1").arg(spec->defaultValue->toHtmlEscaped()) : QString(),
                 spec->doc.toHtmlEscaped());
    if (!spec->values.isEmpty())
        html += tr("<p>Values: %1</p>").arg(spec->values.join(QStringLiteral(", ")).toHtmlEscaped());
    if (!spec->renamedFrom.isEmpty())
        html += tr("<p>Called %1 before Debezium 2.0.</p>").arg(spec->renamedFrom.toHtmlEscaped());
    return html;
}

void AnswersPage::addRow(const QString &label, QWidget *field, const QString &property)
{
    const QString help = propertyHelp(property);
    auto *row = new QWidget(this);
    auto *rows = new QVBoxLayout(row);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    if (!help.isEmpty()) {
        field->setToolTip(help);
        auto *button = new QToolButton(row);
        button->setText(QStringLiteral("?"));
        button->setAutoRaise(true);
        button->setToolTip(tr("About %1 in the property catalog").arg(property));
        button->setObjectName(QStringLiteral("help-") + property);
        connect(button, &QToolButton::clicked, this, [button, help] {
            QWhatsThis::showText(button->mapToGlobal(QPoint(0, button->height())), help, button);
        });
        layout->addWidget(button);
    }
    rows->addLayout(layout);

    // The line for the findings on this setting, hidden while there are none.
    FieldRow fieldRow;
    fieldRow.field = field;
    fieldRow.line = new QWidget(row);
    auto *line = new QHBoxLayout(fieldRow.line);
    line->setContentsMargins(0, 0, 0, 0);
    fieldRow.message = new QLabel(fieldRow.line);
    fieldRow.message->setObjectName(QStringLiteral("finding-") + property);
    fieldRow.message->setWordWrap(true);
    fieldRow.message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fieldRow.fix = new QPushButton(fieldRow.line);
    fieldRow.fix->setObjectName(QStringLiteral("fix-") + property);
    line->addWidget(fieldRow.message, 1);
    line->addWidget(fieldRow.fix, 0, Qt::AlignTop);
    fieldRow.line->hide();
    rows->addWidget(fieldRow.line);
    connect(fieldRow.fix, &QPushButton::clicked, this, [this, property] {
        if (const auto it = m_fields.constFind(property); it != m_fields.cend() && it->pendingFix)
            Q_EMIT fixRequested(*it->pendingFix);
    });
    if (!property.isEmpty() && !m_fields.contains(property))
        m_fields.insert(property, fieldRow);

    auto *text = new QLabel(label, this);
    text->setToolTip(help);
    text->setBuddy(field);
    m_form->addRow(text, row);
    watch(field);
}

void AnswersPage::watch(QWidget *field)
{
    auto changed = [this] {
        if (m_loading)
            return;
        store();
        refreshFindings();
        Q_EMIT edited();
    };
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        connect(edit, &QLineEdit::textChanged, this, changed);
    else if (auto *spin = qobject_cast<QSpinBox *>(field))
        connect(spin, &QSpinBox::valueChanged, this, changed);
    else if (auto *combo = qobject_cast<QComboBox *>(field))
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
    else if (auto *button = qobject_cast<QAbstractButton *>(field))
        connect(button, &QAbstractButton::toggled, this, changed);
    else
        for (QWidget *child : field->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            watch(child);
}

void AnswersPage::reload()
{
    m_loading = true;
    load();
    m_loading = false;
    refreshFindings();
}

void AnswersPage::refreshFindings()
{
    Findings findings = ownFindings();
    if (m_findingsSource) {
        Findings more = m_findingsSource();
        findings.insert(findings.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    const int errorsBefore = m_errorsShown;
    m_errorsShown = 0;
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        const validation::ProjectDiagnostic *shown = nullptr;
        for (const validation::ProjectDiagnostic &d : findings) {
            if (d.property != it.key() || d.severity == debezium::Severity::Info)
                continue;
            if (!shown || (d.severity == debezium::Severity::Error && shown->severity != debezium::Severity::Error))
                shown = &d;
        }
        FieldRow &row = it.value();
        const bool error = shown && shown->severity == debezium::Severity::Error;
        m_errorsShown += error;
        if (row.field->property("cdcFinding").toString() != (error   ? QStringLiteral("error")
                                                             : shown ? QStringLiteral("warning")
                                                                     : QString())) {
            row.field->setProperty("cdcFinding", error   ? QStringLiteral("error")
                                                 : shown ? QStringLiteral("warning")
                                                         : QString());
            row.field->style()->unpolish(row.field);
            row.field->style()->polish(row.field);
            row.field->update();
        }
        row.line->setVisible(shown);
        row.pendingFix = shown ? shown->fix : std::nullopt;
        if (!shown)
            continue;
        row.message->setText((error ? QStringLiteral("✗ ") : QStringLiteral("⚠ ")) + shown->message);
        row.message->setToolTip(shown->suggestion);
        setTextColor(row.message, findingColor(this, shown->severity));
        row.fix->setVisible(shown->fix.has_value());
        row.fix->setText(shown->suggestion.size() <= 48 && !shown->suggestion.isEmpty() ? shown->suggestion
                                                                                        : tr("Apply Fix"));
        row.fix->setToolTip(shown->suggestion);
        row.fix->setMinimumWidth(row.fix->sizeHint().width()); // the message wraps; the fix stays whole
    }
    if (errorsBefore != m_errorsShown)
        Q_EMIT completeChanged();
}

QString AnswersPage::shownFinding(const QString &property) const
{
    const auto it = m_fields.constFind(property);
    return it != m_fields.cend() && !it->line->isHidden() ? it->message->text() : QString();
}

QWidget *AnswersPage::fieldOf(const QString &property) const
{
    return m_fields.value(property).field;
}

// --- Connection --------------------------------------------------------------------------------

ConnectionPage::ConnectionPage(debezium::ConnectorAnswers *answers, bool chooseFlavour,
                               std::vector<debezium::DatabaseTarget> simulated)
    : AnswersPage(answers, tr("Connection"), tr("Where the database is and how the connector logs in."))
    , m_name(lineEdit(this, QStringLiteral("name")))
    , m_host(lineEdit(this, QStringLiteral("host")))
    , m_port(new QSpinBox(this))
    , m_user(lineEdit(this, QStringLiteral("user")))
    , m_passwordReference(lineEdit(this, QStringLiteral("passwordReference")))
    , m_passwordNote(new QLabel(this))
    , m_database(lineEdit(this, QStringLiteral("database")))
    , m_testPassword(lineEdit(this, QStringLiteral("testPassword")))
    , m_test(new QPushButton(tr("Test Connection"), this))
    , m_testResult(new QLabel(this))
    , m_simulated(std::move(simulated))
{
    addRow(tr("Connector na&me:"), m_name, QStringLiteral("name")); // Alt+N is Next
    m_name->setToolTip(tr("The connector's name on Kafka Connect."));
    if (chooseFlavour) {
        m_flavour = new QComboBox(this);
        m_flavour->setObjectName(QStringLiteral("flavour"));
        m_flavour->addItem(tr("MySQL"), int(Flavour::MySQL));
        m_flavour->addItem(tr("MariaDB"), int(Flavour::MariaDB));
        m_flavour->setToolTip(tr("MariaDB has its own Debezium connector class since 2.7; it allows one task only."));
        addRow(tr("&Server:"), m_flavour, QStringLiteral("connector.class"));
    }
    m_port->setRange(1, 65535);
    m_port->setObjectName(QStringLiteral("port"));
    addRow(tr("&Host:"), m_host, QStringLiteral("database.hostname"));
    addRow(tr("&Port:"), m_port, QStringLiteral("database.port"));
    addRow(tr("&User:"), m_user, QStringLiteral("database.user"));
    m_passwordReference->setPlaceholderText(QStringLiteral("${file:/etc/kafka/secrets.properties:pg.password}"));
    addRow(tr("Pass&word reference:"), m_passwordReference, QStringLiteral("database.password"));
    m_passwordNote->setWordWrap(true);
    m_form->addRow(QString(), m_passwordNote);
    addRow(answers->flavour == Flavour::PostgreSQL ? tr("&Database:") : tr("&Database to capture:"), m_database,
           answers->flavour == Flavour::PostgreSQL ? QStringLiteral("database.dbname")
                                                   : QStringLiteral("database.include.list"));

    m_testPassword->setEchoMode(QLineEdit::Password);
    m_testPassword->setPlaceholderText(m_simulated.empty() ? tr("only for the test; never saved")
                                                           : tr("not needed: the sandbox's databases are simulated"));
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testPassword, 1);
    testRow->addWidget(m_test);
    auto *testLabel = new QLabel(tr("&Test password:"), this); // Alt+P is the port
    testLabel->setBuddy(m_testPassword);
    m_form->addRow(testLabel, testRow);
    m_testResult->setWordWrap(true);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(QString(), m_testResult);

    connect(m_test, &QPushButton::clicked, this, &ConnectionPage::testConnection);
    connect(m_passwordReference, &QLineEdit::textChanged, this, &ConnectionPage::showPasswordNote);
    connect(this, &AnswersPage::edited, m_testResult, &QLabel::clear); // a result is for what was tested
}

void ConnectionPage::load()
{
    m_name->setText(m_answers->name);
    if (m_flavour)
        m_flavour->setCurrentIndex(m_flavour->findData(int(m_answers->flavour)));
    m_host->setText(m_answers->host);
    m_port->setValue(m_answers->port);
    m_user->setText(m_answers->user);
    m_passwordReference->setText(m_answers->passwordReference);
    m_database->setText(m_answers->database);
    showPasswordNote();
}

void ConnectionPage::store()
{
    m_answers->name = m_name->text().trimmed();
    if (m_flavour)
        m_answers->flavour = Flavour(m_flavour->currentData().toInt());
    m_answers->host = m_host->text().trimmed();
    m_answers->port = m_port->value();
    m_answers->user = m_user->text().trimmed();
    m_answers->passwordReference = m_passwordReference->text().trimmed();
    m_answers->database = m_database->text().trimmed();
}

AnswersPage::Findings ConnectionPage::ownFindings() const
{
    Findings out;
    auto required = [&](const QLineEdit *edit, const QString &property, const QString &message) {
        if (edit->text().trimmed().isEmpty())
            out.push_back({debezium::Severity::Error, QStringLiteral("required"), {}, property, message, {}, {}});
    };
    required(m_name, QStringLiteral("name"), tr("Give the connector a name: Kafka Connect knows it by its name."));
    required(m_host, QStringLiteral("database.hostname"), tr("Where is the database? Enter its host name or address."));
    required(m_user, QStringLiteral("database.user"), tr("Enter the user the connector logs in as."));
    required(m_database,
             m_answers->flavour == Flavour::PostgreSQL ? QStringLiteral("database.dbname")
                                                       : QStringLiteral("database.include.list"),
             tr("Enter the database to capture."));
    return out;
}

void ConnectionPage::showPasswordNote()
{
    // A plain password is the linter's error, shown in red under the field; the note explains references.
    const QString text = m_passwordReference->text().trimmed();
    m_form->setRowVisible(m_passwordNote, text.isEmpty() || debezium::isConfigProviderReference(text));
    m_passwordNote->setText(
        tr("Kafka Connect resolves the reference on the worker; the project keeps only the reference."));
    m_passwordNote->setForegroundRole(QPalette::PlaceholderText);
}

void ConnectionPage::testConnection()
{
    store();
    if (!m_simulated.empty()) {
        // The sandbox's databases are simulated: nothing to connect to, and nothing that can block.
        const auto result = debezium::checkSimulatedConnection(*m_answers, m_simulated);
        m_testResult->setText(result ? QStringLiteral("✓ ") + result.value().serverVersion + u'.'
                                     : tr("✗ %1").arg(result.error().toString()));
        setTextColor(m_testResult,
                     result ? stateToneColor(connect::StateTone::Good) : findingColor(this, debezium::Severity::Error));
        return;
    }
    QString password = m_testPassword->text();
    if (password.isEmpty() && isSecretReference(m_answers->passwordReference)) {
        const Result<QString> resolved = resolveSecretReference(m_answers->passwordReference);
        if (resolved)
            password = resolved.value();
    }
    m_test->setEnabled(false);
    m_testResult->setText(tr("Connecting to %1:%2…").arg(m_answers->host).arg(m_answers->port));
    m_testResult->setPalette(QPalette());
    // The check blocks on the network, so it runs on a thread of its own and reports back here.
    QPointer<ConnectionPage> self(this);
    QThread *thread = QThread::create([self, answers = *m_answers, password] {
        const auto result = debezium::checkConnection(answers, password);
        QString text;
        if (!result)
            text = tr("✗ %1").arg(result.error().toString());
        else if (result.value().problems.isEmpty())
            text = tr("✓ Connected: %1. The server is ready for Debezium.").arg(result.value().serverVersion);
        else
            text = tr("Connected: %1, but:\n• %2")
                       .arg(result.value().serverVersion, result.value().problems.join(QStringLiteral("\n• ")));
        const bool failed = !result;
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, text, failed] {
            if (!self)
                return;
            self->m_testResult->setText(text);
            if (failed)
                setTextColor(self->m_testResult, findingColor(self, debezium::Severity::Error));
            self->m_test->setEnabled(true);
        });
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

// --- Capture -----------------------------------------------------------------------------------

CapturePage::CapturePage(debezium::ConnectorAnswers *answers)
    : AnswersPage(answers, tr("Capture"), tr("Which tables the connector reads, and what it reads before streaming."))
    , m_outboxOnly(new QRadioButton(tr("Only the outbox table"), this))
    , m_someTables(new QRadioButton(tr("These tables (regular expressions, comma-separated; empty for all):"), this))
    , m_outboxTable(lineEdit(this, QStringLiteral("outboxTable")))
    , m_tables(lineEdit(this, QStringLiteral("tables")))
    , m_snapshotMode(new QComboBox(this))
    , m_topicPrefix(lineEdit(this, QStringLiteral("topicPrefix")))
{
    m_outboxOnly->setObjectName(QStringLiteral("outboxOnly"));
    m_form->addRow(m_outboxOnly);
    addRow(tr("Outbox &table:"), m_outboxTable, QStringLiteral("table.include.list"));
    m_form->addRow(m_someTables);
    m_form->addRow(tr("Tab&les:"), m_tables);
    watch(m_outboxOnly);
    watch(m_tables);
    connect(m_outboxOnly, &QRadioButton::toggled, m_outboxTable, &QWidget::setEnabled);
    connect(m_someTables, &QRadioButton::toggled, m_tables, &QWidget::setEnabled);
    m_snapshotMode->setObjectName(QStringLiteral("snapshotMode"));
    addRow(tr("&Snapshot:"), m_snapshotMode, QStringLiteral("snapshot.mode"));
    m_topicPrefix->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9._-]+")), this));
    addRow(tr("Topic &prefix:"), m_topicPrefix, QStringLiteral("topic.prefix"));
}

void CapturePage::load()
{
    m_snapshotMode->clear();
    const auto *spec =
        debezium::PropertyCatalog::bundled().property(connectorId(m_answers->flavour), QStringLiteral("snapshot.mode"));
    for (const QString &value : spec ? spec->values : QStringList{QStringLiteral("initial")})
        m_snapshotMode->addItem(value, value);
    setCombo(m_snapshotMode, m_answers->snapshotMode);
    m_outboxOnly->setChecked(m_answers->outboxOnly);
    m_someTables->setChecked(!m_answers->outboxOnly);
    m_outboxTable->setEnabled(m_answers->outboxOnly);
    m_tables->setEnabled(!m_answers->outboxOnly);
    m_outboxTable->setText(m_answers->outboxTable);
    m_tables->setText(m_answers->tables.join(QStringLiteral(", ")));
    m_topicPrefix->setText(m_answers->topicPrefix);
}

void CapturePage::store()
{
    m_answers->outboxOnly = m_outboxOnly->isChecked();
    m_answers->outboxTable = m_outboxTable->text().trimmed();
    m_answers->tables.clear();
    for (const QString &t : m_tables->text().split(u',', Qt::SkipEmptyParts))
        m_answers->tables << t.trimmed();
    m_answers->snapshotMode = comboValue(m_snapshotMode);
    m_answers->topicPrefix = m_topicPrefix->text().trimmed();
}

// --- PostgreSQL replication ----------------------------------------------------------------------

PostgresReplicationPage::PostgresReplicationPage(debezium::ConnectorAnswers *answers)
    : AnswersPage(answers, tr("Replication"), tr("How PostgreSQL hands changes to the connector."))
    , m_plugin(new QComboBox(this))
    , m_slot(lineEdit(this, QStringLiteral("slotName")))
    , m_publication(lineEdit(this, QStringLiteral("publicationName")))
    , m_autocreate(new QComboBox(this))
{
    m_plugin->addItem(tr("pgoutput (built into PostgreSQL)"), QStringLiteral("pgoutput"));
    m_plugin->addItem(tr("decoderbufs (needs the extension)"), QStringLiteral("decoderbufs"));
    addRow(tr("&Decoding plugin:"), m_plugin, QStringLiteral("plugin.name"));
    addRow(tr("&Slot:"), m_slot, QStringLiteral("slot.name"));
    addRow(tr("P&ublication:"), m_publication, QStringLiteral("publication.name"));
    for (const char *mode : {"filtered", "all_tables", "no_tables", "disabled"})
        m_autocreate->addItem(QLatin1String(mode), QLatin1String(mode));
    m_autocreate->setObjectName(QStringLiteral("autocreate"));
    addRow(tr("&Create publication:"), m_autocreate, QStringLiteral("publication.autocreate.mode"));
}

void PostgresReplicationPage::load()
{
    setCombo(m_plugin, m_answers->pluginName);
    m_slot->setText(m_answers->slotName);
    m_publication->setText(m_answers->publicationName);
    setCombo(m_autocreate, m_answers->publicationAutocreate);
}

void PostgresReplicationPage::store()
{
    m_answers->pluginName = comboValue(m_plugin);
    m_answers->slotName = m_slot->text().trimmed();
    m_answers->publicationName = m_publication->text().trimmed();
    m_answers->publicationAutocreate = comboValue(m_autocreate);
}

AnswersPage::Findings PostgresReplicationPage::ownFindings() const
{
    // The linter checks the slot name's characters (with a fix); an empty one falls back to "debezium",
    // which every second connector on the server would share.
    Findings out;
    if (m_slot->text().trimmed().isEmpty())
        out.push_back({debezium::Severity::Error,
                       QStringLiteral("required"),
                       {},
                       QStringLiteral("slot.name"),
                       tr("Name the replication slot: each connector needs its own."),
                       {},
                       {}});
    if (m_publication->text().trimmed().isEmpty())
        out.push_back({debezium::Severity::Error,
                       QStringLiteral("required"),
                       {},
                       QStringLiteral("publication.name"),
                       tr("Name the publication the connector reads."),
                       {},
                       {}});
    return out;
}

// --- MySQL / MariaDB ---------------------------------------------------------------------------

MySqlReplicationPage::MySqlReplicationPage(debezium::ConnectorAnswers *answers,
                                           std::vector<debezium::ConnectorConfig> others)
    : AnswersPage(answers, tr("Binlog and schema history"),
                  tr("How the connector joins the server as a replica, and where it keeps the table definitions."))
    , m_serverId(new QSpinBox(this))
    , m_historyTopic(lineEdit(this, QStringLiteral("historyTopic")))
    , m_bootstrap(lineEdit(this, QStringLiteral("historyBootstrap")))
    , m_others(std::move(others))
{
    m_serverId->setRange(1, std::numeric_limits<int>::max());
    m_serverId->setObjectName(QStringLiteral("serverId"));
    auto *suggest = new QPushButton(tr("Suggest"), this);
    suggest->setToolTip(tr("A server id no other connector of this project uses."));
    connect(suggest, &QPushButton::clicked, this,
            [this] { m_serverId->setValue(int(debezium::suggestServerId(m_others))); });
    auto *idRow = new QWidget(this);
    auto *idLayout = new QHBoxLayout(idRow);
    idLayout->setContentsMargins(0, 0, 0, 0);
    idLayout->addWidget(m_serverId, 1);
    idLayout->addWidget(suggest);
    addRow(tr("Server &id:"), idRow, QStringLiteral("database.server.id"));
    addRow(tr("History &topic:"), m_historyTopic, QStringLiteral("schema.history.internal.kafka.topic"));
    addRow(tr("History b&rokers:"), m_bootstrap, QStringLiteral("schema.history.internal.kafka.bootstrap.servers"));
}

void MySqlReplicationPage::load()
{
    m_serverId->setValue(int(std::clamp<qint64>(m_answers->serverId, 1, std::numeric_limits<int>::max())));
    m_historyTopic->setText(m_answers->historyTopic);
    m_bootstrap->setText(m_answers->historyBootstrap);
}

void MySqlReplicationPage::store()
{
    m_answers->serverId = m_serverId->value();
    m_answers->historyTopic = m_historyTopic->text().trimmed();
    m_answers->historyBootstrap = m_bootstrap->text().trimmed();
}

// --- Outbox Event Router -----------------------------------------------------------------------

OutboxPage::OutboxPage(debezium::ConnectorAnswers *answers)
    : AnswersPage(answers, tr("Outbox Event Router"),
                  tr("Turns each outbox row into an event on a topic named after its aggregate type."))
    , m_enabled(new QCheckBox(tr("Route outbox rows with the Outbox Event Router"), this))
    , m_routeBy(lineEdit(this, QStringLiteral("routeBy")))
    , m_replacement(lineEdit(this, QStringLiteral("topicReplacement")))
    , m_keyField(lineEdit(this, QStringLiteral("eventKeyField")))
    , m_expand(new QCheckBox(tr("Expand the JSON payload"), this))
    , m_additional(lineEdit(this, QStringLiteral("additionalPlacement")))
{
    m_enabled->setObjectName(QStringLiteral("outboxRouter"));
    m_form->addRow(m_enabled);
    watch(m_enabled);
    addRow(tr("&Route by column:"), m_routeBy, QStringLiteral("transforms.outbox.route.by.field"));
    addRow(tr("&Topic:"), m_replacement, QStringLiteral("transforms.outbox.route.topic.replacement"));
    addRow(tr("&Key column:"), m_keyField, QStringLiteral("transforms.outbox.table.field.event.key"));
    m_expand->setObjectName(QStringLiteral("expandPayload"));
    addRow(QString(), m_expand, QStringLiteral("transforms.outbox.table.expand.json.payload"));
    m_additional->setPlaceholderText(QStringLiteral("type:header:eventType"));
    addRow(tr("&Additional fields:"), m_additional,
           QStringLiteral("transforms.outbox.table.fields.additional.placement"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_routeBy, m_replacement, m_keyField, m_expand, m_additional})
        connect(m_enabled, &QCheckBox::toggled, w, &QWidget::setEnabled);
}

void OutboxPage::load()
{
    m_enabled->setChecked(m_answers->outboxRouter);
    m_routeBy->setText(m_answers->routeByField);
    m_replacement->setText(m_answers->effectiveTopicReplacement());
    m_keyField->setText(m_answers->eventKeyField);
    m_expand->setChecked(m_answers->expandPayload);
    m_additional->setText(m_answers->additionalPlacement.join(QStringLiteral(",")));
}

void OutboxPage::store()
{
    m_answers->outboxRouter = m_enabled->isChecked();
    m_answers->routeByField = m_routeBy->text().trimmed();
    m_answers->topicReplacement = m_replacement->text().trimmed();
    m_answers->eventKeyField = m_keyField->text().trimmed();
    m_answers->expandPayload = m_expand->isChecked();
    m_answers->additionalPlacement.clear();
    for (const QString &entry : m_additional->text().split(u',', Qt::SkipEmptyParts))
        m_answers->additionalPlacement << entry.trimmed();
}

// --- Converters --------------------------------------------------------------------------------

ConvertersPage::ConvertersPage(debezium::ConnectorAnswers *answers)
    : AnswersPage(answers, tr("Converters"), tr("How keys and values are written to Kafka."))
    , m_key(new QComboBox(this))
    , m_value(new QComboBox(this))
    , m_schemas(new QCheckBox(tr("Include the schema in every value (schema/payload wrapper)"), this))
{
    m_key->addItem(tr("Plain text (StringConverter)"),
                   QStringLiteral("org.apache.kafka.connect.storage.StringConverter"));
    m_key->addItem(tr("JSON (JsonConverter)"), QStringLiteral("org.apache.kafka.connect.json.JsonConverter"));
    m_value->addItem(tr("JSON (JsonConverter)"), QStringLiteral("org.apache.kafka.connect.json.JsonConverter"));
    m_value->addItem(tr("Plain text (StringConverter)"),
                     QStringLiteral("org.apache.kafka.connect.storage.StringConverter"));
    m_key->setObjectName(QStringLiteral("keyConverter"));
    m_value->setObjectName(QStringLiteral("valueConverter"));
    m_schemas->setObjectName(QStringLiteral("valueSchemas"));
    addRow(tr("&Key:"), m_key, QStringLiteral("key.converter"));
    addRow(tr("&Value:"), m_value, QStringLiteral("value.converter"));
    m_form->addRow(QString(), m_schemas);
    watch(m_schemas);
}

void ConvertersPage::load()
{
    setCombo(m_key, m_answers->keyConverter);
    setCombo(m_value, m_answers->valueConverter);
    m_schemas->setChecked(m_answers->valueSchemas);
}

void ConvertersPage::store()
{
    m_answers->keyConverter = comboValue(m_key);
    m_answers->valueConverter = comboValue(m_value);
    m_answers->valueSchemas = m_schemas->isChecked();
}

} // namespace cdc::ui
