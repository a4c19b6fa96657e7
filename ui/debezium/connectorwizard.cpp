// SPDX-License-Identifier: GPL-3.0-or-later
// The connector wizards and their review page.
#include "connectorwizard.h"

#include "common/monospacefont.h"
#include "common/sourcecolors.h"
#include "debezium/connectorexport.h"
#include "debezium/outboxartifacts.h"
#include "debezium/wizardpages.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cdc::ui {

using debezium::Flavour;

ConnectorWizard::ConnectorWizard(const debezium::ConnectorAnswers &initial, WizardContext context, QWidget *parent)
    : QWizard(parent)
    , m_answers(initial)
    , m_initial(initial)
    , m_context(std::move(context))
    , m_steps(new QListWidget(this))
{
    setObjectName(QStringLiteral("connectorWizard"));
    const bool postgres = initial.flavour == Flavour::PostgreSQL;
    setWindowTitle(postgres ? tr("PostgreSQL Connector") : tr("MySQL / MariaDB Connector"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    // Editing one value of an existing connector should not mean paging through every step.
    setOption(QWizard::HaveFinishButtonOnEarlyPages, m_context.editing);

    m_pages << new ConnectionPage(&m_answers, !postgres, m_context.simulatedDatabases) << new CapturePage(&m_answers);
    if (postgres)
        m_pages << new PostgresReplicationPage(&m_answers);
    else
        m_pages << new MySqlReplicationPage(&m_answers, m_context.others);
    m_pages << new OutboxPage(&m_answers) << new ConvertersPage(&m_answers);
    for (AnswersPage *page : std::as_const(m_pages)) {
        page->setFindingsSource([this] { return findings(); });
        connect(page, &AnswersPage::fixRequested, this, &ConnectorWizard::applyFix);
        page->setFinalPage(m_context.editing);
        addPage(page);
    }
    addPage(new ReviewPage(this));

    // Every page says where it is: "Step 2 of 6 — Capture", and the side bar lists the steps.
    m_steps->setObjectName(QStringLiteral("wizardSteps"));
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->setFrameShape(QFrame::NoFrame);
    m_steps->setToolTip(m_context.editing ? tr("Click a step to go to it") : QString());
    QPalette sidePalette = m_steps->palette();
    sidePalette.setColor(QPalette::Base, sidePalette.color(QPalette::Window));
    m_steps->setPalette(sidePalette);
    const QList<int> ids = pageIds();
    for (int id : ids) {
        m_titles << page(id)->title();
        page(id)->setTitle(stepText(id));
        m_steps->addItem(QStringLiteral("%1.  %2").arg(ids.indexOf(id) + 1).arg(m_titles.back()));
    }
    int width = 0;
    for (int row = 0; row < m_steps->count(); ++row)
        width = std::max(width, m_steps->fontMetrics().horizontalAdvance(m_steps->item(row)->text()));
    m_steps->setFixedWidth(width + 3 * m_steps->fontMetrics().averageCharWidth() + 8);
    setSideWidget(m_steps);
    connect(this, &QWizard::currentIdChanged, this, &ConnectorWizard::showStep);
    connect(m_steps, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { goToStep(pageIds().value(m_steps->row(item), -1)); });

    // A field with an error gets a red frame; one with a warning an amber one.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QColor red =
        dark ? severityColor(health::Severity::Error).lighter(135) : severityColor(health::Severity::Error);
    const QColor amber = severityColor(health::Severity::Warning);
    setStyleSheet(
        QStringLiteral("*[cdcFinding=\"error\"] { border: 2px solid %1; border-radius: 3px; padding: 1px; }"
                       "*[cdcFinding=\"warning\"] { border: 2px solid %2; border-radius: 3px; padding: 1px; }")
            .arg(red.name(), amber.name()));
    resize(900, 600);
}

void ConnectorWizard::setAnswers(const debezium::ConnectorAnswers &answers)
{
    m_answers = answers;
    for (AnswersPage *page : std::as_const(m_pages))
        page->reload();
    if (auto *review = qobject_cast<ReviewPage *>(currentPage()))
        review->refresh();
}

void ConnectorWizard::applyFix(const debezium::ConfigFix &fix)
{
    debezium::ConnectorConfig c = config();
    c.config = debezium::applyFix(c.config, fix);
    debezium::ConnectorAnswers fixed = debezium::answersFromConfig(c);
    fixed.flavour = m_answers.flavour; // MySQL and MariaDB share a kind: keep the one chosen
    setAnswers(fixed);
}

std::vector<validation::ProjectDiagnostic> ConnectorWizard::findings() const
{
    const debezium::ConnectorConfig c = config();
    if (m_context.project)
        return validation::connectorFindings(*m_context.project, c, m_context.editNodeId);
    std::vector<debezium::ConnectorConfig> all = m_context.others;
    all.push_back(c);
    std::vector<validation::ProjectDiagnostic> out;
    for (debezium::Diagnostic &d : debezium::lintConnectors(all, debezium::PropertyCatalog::bundled())) {
        if (d.connector == c.name)
            out.push_back({d.severity, d.rule, {}, d.property, d.message, d.suggestion, d.fix});
    }
    return out;
}

bool ConnectorWizard::hasChanges() const
{
    const debezium::ConnectorConfig now = config();
    const debezium::ConnectorConfig before = debezium::buildConnectorConfig(m_initial);
    return now.name != before.name || now.config != before.config;
}

QString ConnectorWizard::stepText(int id) const
{
    const QList<int> ids = pageIds();
    const int index = int(ids.indexOf(id));
    return tr("Step %1 of %2 — %3").arg(index + 1).arg(ids.size()).arg(m_titles.value(index));
}

void ConnectorWizard::showStep(int id)
{
    const int row = int(pageIds().indexOf(id));
    for (int i = 0; i < m_steps->count(); ++i) {
        QFont font = m_steps->font();
        font.setBold(i == row);
        m_steps->item(i)->setFont(font);
    }
    m_steps->setCurrentRow(row);
}

void ConnectorWizard::goToStep(int id)
{
    const QList<int> ids = pageIds();
    const int target = int(ids.indexOf(id));
    // Back is always open; forward only when editing, through pages that are complete (each one stores
    // its answers on the way, as Next would).
    while (target >= 0 && target < int(ids.indexOf(currentId())))
        back();
    while (m_context.editing && target > int(ids.indexOf(currentId())) && currentPage()->isComplete())
        next();
    showStep(currentId());
}

void ConnectorWizard::done(int result)
{
    if (result == QDialog::Accepted) {
        if (!validateCurrentPage())
            return;
        const auto found = findings();
        const bool errors = std::any_of(found.begin(), found.end(), [](const validation::ProjectDiagnostic &d) {
            return d.severity == debezium::Severity::Error;
        });
        if (errors) {
            // Finish from an early page: the review shows what still stands in the way.
            for (int before = -1; currentId() != pageIds().constLast() && currentId() != before;) {
                before = currentId();
                next();
            }
            return;
        }
        QWizard::done(result);
        return;
    }
    if (auto *page = qobject_cast<AnswersPage *>(currentPage()))
        page->store();
    if (!m_discardConfirmed && hasChanges()) {
        if (m_discardQuestion)
            return;
        m_discardQuestion =
            new QMessageBox(QMessageBox::Question, tr("Discard Changes"), tr("Discard the changes to this connector?"),
                            QMessageBox::Discard | QMessageBox::Cancel, this);
        m_discardQuestion->setObjectName(QStringLiteral("discardQuestion"));
        m_discardQuestion->setInformativeText(m_context.editing ? tr("The connector keeps its settings as they were.")
                                                                : tr("The connector is not added."));
        m_discardQuestion->setDefaultButton(QMessageBox::Cancel);
        m_discardQuestion->setAttribute(Qt::WA_DeleteOnClose);
        QMessageBox *question = m_discardQuestion;
        connect(question, &QMessageBox::finished, this, [this, question] {
            if (question->standardButton(question->clickedButton()) == QMessageBox::Discard) {
                m_discardConfirmed = true;
                reject();
            }
        });
        m_discardQuestion->open();
        return;
    }
    QWizard::done(result);
}

QString ConnectorWizard::exportText(WizardExport format) const
{
    const debezium::ConnectorConfig c = config();
    switch (format) {
    case WizardExport::PostJson: return debezium::exportConnector(c, debezium::ExportFormat::PostJson);
    case WizardExport::PutJson: return debezium::exportConnector(c, debezium::ExportFormat::PutJson);
    case WizardExport::Curl: return debezium::exportConnector(c, debezium::ExportFormat::Curl);
    case WizardExport::Properties: return debezium::exportConnector(c, debezium::ExportFormat::Properties);
    case WizardExport::Strimzi: return debezium::exportConnector(c, debezium::ExportFormat::Strimzi);
    case WizardExport::Ddl: {
        const auto flavour = m_answers.flavour == Flavour::PostgreSQL ? debezium::SqlFlavour::PostgreSQL
                             : m_answers.flavour == Flavour::MariaDB  ? debezium::SqlFlavour::MariaDB
                                                                      : debezium::SqlFlavour::MySQL;
        return debezium::outboxTableDdl(flavour, m_answers.outboxTable);
    }
    case WizardExport::PyFlink: {
        debezium::PyFlinkJobOptions options;
        options.bootstrapServers = m_answers.historyBootstrap;
        return debezium::pyFlinkUnionJob(options);
    }
    }
    return {};
}

// --- Review ------------------------------------------------------------------------------------

namespace {

struct ExportChoice
{
    WizardExport format;
    const char *label;
    const char *filter;
};

const ExportChoice kExports[] = {
    {WizardExport::PostJson, QT_TRANSLATE_NOOP("ReviewPage", "Kafka Connect JSON (POST /connectors)…"),
     "JSON (*.json)"},
    {WizardExport::PutJson, QT_TRANSLATE_NOOP("ReviewPage", "Config only (PUT /connectors/{name}/config)…"),
     "JSON (*.json)"},
    {WizardExport::Curl, QT_TRANSLATE_NOOP("ReviewPage", "curl command…"), "Shell script (*.sh)"},
    {WizardExport::Properties, QT_TRANSLATE_NOOP("ReviewPage", "Standalone worker .properties…"),
     "Properties (*.properties)"},
    {WizardExport::Strimzi, QT_TRANSLATE_NOOP("ReviewPage", "Strimzi KafkaConnector YAML…"), "YAML (*.yaml)"},
    {WizardExport::Ddl, QT_TRANSLATE_NOOP("ReviewPage", "Outbox table DDL…"), "SQL (*.sql)"},
    {WizardExport::PyFlink, QT_TRANSLATE_NOOP("ReviewPage", "Unified PyFlink job…"), "Python (*.py)"},
};

} // namespace

ReviewPage::ReviewPage(ConnectorWizard *wizard)
    : m_wizard(wizard)
    , m_json(new QPlainTextEdit(this))
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_fix(new QPushButton(tr("Apply Fix"), this))
    , m_migrate(new QPushButton(tr("Migrate Old Settings"), this))
    , m_problems(new QWidget(this))
{
    setTitle(tr("Review"));
    setSubTitle(tr("The config Kafka Connect will get, and what the checks of the connector and of the project "
                   "with it found."));
    setObjectName(QStringLiteral("reviewPage"));

    m_json->setReadOnly(true);
    m_json->setObjectName(QStringLiteral("configJson"));
    m_json->setFont(monospaceFont());
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_list->setObjectName(QStringLiteral("diagnostics"));
    m_list->setHeaderLabels({tr("Severity"), tr("Property"), tr("Problem")});
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_summary->setObjectName(QStringLiteral("diagnosticsSummary"));
    m_fix->setObjectName(QStringLiteral("applyFix"));
    m_migrate->setObjectName(QStringLiteral("migrateAll"));

    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(exportButton);
    for (const ExportChoice &choice : kExports) {
        menu->addAction(tr(choice.label), this, [this, format = choice.format] { exportWithDialog(format); });
    }
    exportButton->setMenu(menu);
    auto *copyJson = new QPushButton(tr("Copy JSON"), this);
    auto *copyCurl = new QPushButton(tr("Copy curl"), this);
    connect(copyJson, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_wizard->exportText(WizardExport::PostJson)); });
    connect(copyCurl, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_wizard->exportText(WizardExport::Curl)); });

    auto *problemsLayout = new QVBoxLayout(m_problems);
    problemsLayout->setContentsMargins(0, 0, 0, 0);
    auto *problemButtons = new QHBoxLayout;
    problemButtons->addWidget(m_summary, 1);
    problemButtons->addWidget(m_fix);
    problemButtons->addWidget(m_migrate);
    problemsLayout->addLayout(problemButtons);
    problemsLayout->addWidget(m_list);
    m_detail->setWordWrap(true);
    m_detail->setObjectName(QStringLiteral("diagnosticDetail"));
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problemsLayout->addWidget(m_detail);

    auto *exports = new QHBoxLayout;
    exports->addWidget(copyJson);
    exports->addWidget(copyCurl);
    exports->addWidget(exportButton);
    exports->addStretch(1);

    // With no findings the summary is one line above the config, and the table is not shown at all.
    m_summary->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_json, 1);
    layout->addWidget(m_problems);
    layout->addLayout(exports);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        const int index = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
        m_fix->setEnabled(index >= 0 && m_diagnostics.at(std::size_t(index)).fix.has_value());
        m_detail->setText(index >= 0
                              ? m_list->currentItem()->text(1) + QStringLiteral(": ") + m_list->currentItem()->text(2)
                              : QString());
    });
    connect(m_fix, &QPushButton::clicked, this, [this] {
        if (m_list->currentItem())
            applyFix(m_list->indexOfTopLevelItem(m_list->currentItem()));
    });
    connect(m_migrate, &QPushButton::clicked, this, &ReviewPage::migrateAll);
}

void ReviewPage::initializePage()
{
    refresh();
}

void ReviewPage::refresh()
{
    const debezium::ConnectorConfig config = m_wizard->config();
    // A password typed in plain text is shown masked: it must not end up in screenshots either.
    debezium::ConnectorConfig shown = config;
    for (auto it = shown.config.begin(); it != shown.config.end(); ++it) {
        if (it.key().endsWith(QLatin1String("password")) && !debezium::isConfigProviderReference(it.value()))
            it.value() = QStringLiteral("********");
    }
    m_json->setPlainText(debezium::exportConnector(shown, debezium::ExportFormat::PostJson));

    m_diagnostics = m_wizard->findings();
    m_list->clear();
    int errors = 0;
    bool migrations = false;
    for (const validation::ProjectDiagnostic &d : m_diagnostics) {
        auto *item = new QTreeWidgetItem(m_list);
        const bool error = d.severity == debezium::Severity::Error;
        errors += error;
        migrations |= d.rule.startsWith(QLatin1String("renamed"));
        item->setIcon(0, style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                               : d.severity == debezium::Severity::Warning
                                                   ? QStyle::SP_MessageBoxWarning
                                                   : QStyle::SP_MessageBoxInformation));
        item->setText(0, debezium::severityName(d.severity));
        item->setText(1, d.property.isEmpty() ? tr("(project)") : d.property);
        item->setText(2, d.suggestion.isEmpty() ? d.message : d.message + u' ' + d.suggestion);
        item->setToolTip(2, item->text(2));
    }
    const bool none = m_diagnostics.empty();
    if (none)
        m_summary->setText(
            m_wizard->context().project
                ? tr("✓ No problems found: the connector's checks and the project's checks with it pass.")
                : tr("✓ No problems found in the connector's checks."));
    else if (errors > 0)
        m_summary->setText(
            tr("%n problem(s); errors must be fixed before Finish.", nullptr, int(m_diagnostics.size())));
    else
        m_summary->setText(
            tr("%n warning(s); Finish is possible, but read them first.", nullptr, int(m_diagnostics.size())));
    m_list->setVisible(!none);
    m_detail->setVisible(!none);
    m_fix->setVisible(!none);
    // The table takes the room its rows need (up to about six), the config the rest.
    if (!none) {
        const int rowHeight = std::max(m_list->sizeHintForRow(0), fontMetrics().height() + 6);
        const int rows = std::min<int>(int(m_diagnostics.size()), 6);
        m_list->setFixedHeight(m_list->header()->sizeHint().height() + rows * (rowHeight + 2) +
                               2 * m_list->frameWidth() + 4);
    }
    m_fix->setEnabled(false);
    m_detail->clear();
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_migrate->setVisible(migrations);
    Q_EMIT completeChanged();
}

bool ReviewPage::isComplete() const
{
    return std::none_of(m_diagnostics.begin(), m_diagnostics.end(),
                        [](const validation::ProjectDiagnostic &d) { return d.severity == debezium::Severity::Error; });
}

void ReviewPage::applyFix(int index)
{
    if (index < 0 || std::size_t(index) >= m_diagnostics.size() || !m_diagnostics.at(std::size_t(index)).fix)
        return;
    debezium::ConnectorConfig config = m_wizard->config();
    config.config = debezium::applyFix(config.config, *m_diagnostics.at(std::size_t(index)).fix);
    debezium::ConnectorAnswers fixed = debezium::answersFromConfig(config);
    fixed.flavour = m_wizard->answers().flavour;
    m_wizard->setAnswers(fixed);
    refresh();
}

void ReviewPage::migrateAll()
{
    debezium::ConnectorConfig config = m_wizard->config();
    // Settings the new names replace may have been filled in by the wizard's defaults: the old
    // values win, since they are what the running connector used.
    for (const debezium::RenameRule &rule : debezium::PropertyCatalog::bundled().renames()) {
        for (auto it = config.config.cbegin(); it != config.config.cend(); ++it) {
            const QString newName = rule.rename(it.key());
            if (!newName.isEmpty()) {
                config.config.remove(newName);
                break;
            }
        }
    }
    config.config = debezium::migrate(config, debezium::PropertyCatalog::bundled());
    m_wizard->setAnswers(debezium::answersFromConfig(config));
    refresh();
}

bool ReviewPage::saveExport(WizardExport format, const QString &path)
{
    QSaveFile file(path);
    const QByteArray bytes = m_wizard->exportText(format).toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

void ReviewPage::exportWithDialog(WizardExport format)
{
    for (const ExportChoice &choice : kExports) {
        if (choice.format != format)
            continue;
        const QString path = QFileDialog::getSaveFileName(this, tr(choice.label).remove(u'…'), m_wizard->answers().name,
                                                          QString::fromLatin1(choice.filter));
        if (!path.isEmpty())
            saveExport(format, path);
    }
}

} // namespace cdc::ui
