// The connector wizards and their review page.
#include "connectorwizard.h"

#include "common/monospacefont.h"
#include "debezium/connectorexport.h"
#include "debezium/outboxartifacts.h"
#include "debezium/wizardpages.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cdc::ui {

using debezium::Flavour;

ConnectorWizard::ConnectorWizard(const debezium::ConnectorAnswers &initial,
                                 std::vector<debezium::ConnectorConfig> others, QWidget *parent)
    : QWizard(parent)
    , m_answers(initial)
    , m_others(std::move(others))
{
    setObjectName(QStringLiteral("connectorWizard"));
    const bool postgres = initial.flavour == Flavour::PostgreSQL;
    setWindowTitle(postgres ? tr("PostgreSQL Connector") : tr("MySQL / MariaDB Connector"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);

    m_pages << new ConnectionPage(&m_answers, !postgres) << new CapturePage(&m_answers);
    if (postgres)
        m_pages << new PostgresReplicationPage(&m_answers);
    else
        m_pages << new MySqlReplicationPage(&m_answers, m_others);
    m_pages << new OutboxPage(&m_answers) << new ConvertersPage(&m_answers);
    for (AnswersPage *page : std::as_const(m_pages))
        addPage(page);
    addPage(new ReviewPage(this));
    resize(760, 560);
}

void ConnectorWizard::setAnswers(const debezium::ConnectorAnswers &answers)
{
    m_answers = answers;
    for (AnswersPage *page : std::as_const(m_pages))
        page->load();
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
{
    setTitle(tr("Review"));
    setSubTitle(tr("The config Kafka Connect will get, and what the checks found in it."));
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

    auto *problems = new QWidget(this);
    auto *problemsLayout = new QVBoxLayout(problems);
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

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_json);
    splitter->addWidget(problems);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *exports = new QHBoxLayout;
    exports->addWidget(copyJson);
    exports->addWidget(copyCurl);
    exports->addWidget(exportButton);
    exports->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
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

    std::vector<debezium::ConnectorConfig> all = m_wizard->others();
    all.push_back(config);
    m_diagnostics.clear();
    for (debezium::Diagnostic &d : debezium::lintConnectors(all, debezium::PropertyCatalog::bundled())) {
        if (d.connector == config.name)
            m_diagnostics.push_back(std::move(d));
    }
    m_list->clear();
    int errors = 0;
    bool migrations = false;
    for (const debezium::Diagnostic &d : m_diagnostics) {
        auto *item = new QTreeWidgetItem(m_list);
        const bool error = d.severity == debezium::Severity::Error;
        errors += error;
        migrations |= d.rule.startsWith(QLatin1String("renamed"));
        item->setIcon(0, style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                               : d.severity == debezium::Severity::Warning
                                                   ? QStyle::SP_MessageBoxWarning
                                                   : QStyle::SP_MessageBoxInformation));
        item->setText(0, debezium::severityName(d.severity));
        item->setText(1, d.property);
        item->setText(2, d.suggestion.isEmpty() ? d.message : d.message + u' ' + d.suggestion);
        item->setToolTip(2, item->text(2));
    }
    m_summary->setText(m_diagnostics.empty() ? tr("✓ No problems found.")
                                             : tr("%n problem(s); errors must be fixed before Finish.", nullptr,
                                                  int(m_diagnostics.size())));
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
                        [](const debezium::Diagnostic &d) { return d.severity == debezium::Severity::Error; });
}

void ReviewPage::applyFix(int index)
{
    if (index < 0 || std::size_t(index) >= m_diagnostics.size() || !m_diagnostics.at(std::size_t(index)).fix)
        return;
    debezium::ConnectorConfig config = m_wizard->config();
    config.config = debezium::applyFix(config.config, *m_diagnostics.at(std::size_t(index)).fix);
    m_wizard->setAnswers(debezium::answersFromConfig(config));
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
