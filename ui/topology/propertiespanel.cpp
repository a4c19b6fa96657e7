// The Properties dock.
#include "propertiespanel.h"

#include "common/sourcecolors.h"
#include "topology/projectdocument.h"
#include "topology/topologycommands.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace cdc::ui {

PropertiesPanel::PropertiesPanel(topology::ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_stack(new QStackedWidget(this))
    , m_kind(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_wizard(new QPushButton(tr("Open Wizard…"), this))
{
    setObjectName(QStringLiteral("propertiesPanel"));
    auto *hint = new QLabel(tr("Select a node to see and edit its settings."), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *editor = new QWidget(this);
    m_name->setObjectName(QStringLiteral("nodeName"));
    m_table->setObjectName(QStringLiteral("nodeProperties"));
    m_table->setHorizontalHeaderLabels({tr("Setting"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_wizard);
    auto *layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kind);
    layout->addWidget(m_name);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    m_stack->addWidget(hint);
    m_stack->addWidget(editor);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addWidget(m_stack);

    connect(m_name, &QLineEdit::editingFinished, this, &PropertiesPanel::commit);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_refreshing)
            commit();
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        m_refreshing = true;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem());
        m_table->setItem(row, 1, new QTableWidgetItem());
        m_refreshing = false;
        m_table->editItem(m_table->item(row, 0));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0) {
            m_refreshing = true;
            m_table->removeRow(m_table->currentRow());
            m_refreshing = false;
            commit();
        }
    });
    connect(m_wizard, &QPushButton::clicked, this, [this] { Q_EMIT openWizardRequested(m_id); });
    const topology::TopologyModel *model = document->topology();
    connect(model, &topology::TopologyModel::nodeChanged, this, [this](const QString &id) {
        if (id == m_id)
            refresh();
    });
    connect(model, &topology::TopologyModel::nodeRemoved, this, [this](const QString &id) {
        if (id == m_id)
            showNode({});
    });
    connect(model, &topology::TopologyModel::modelReset, this, [this] { showNode({}); });
    showNode({});
}

void PropertiesPanel::showNode(const QString &id)
{
    m_id = m_document->topology()->node(id) ? id : QString();
    refresh();
}

void PropertiesPanel::refresh()
{
    const topology::Node *node = m_document->topology()->node(m_id);
    m_stack->setCurrentIndex(node ? 1 : 0);
    if (!node)
        return;
    m_refreshing = true;
    m_kind->setText(
        QStringLiteral("<b style=\"color:%1\">%2</b>")
            .arg(nodeKindColor(node->kind).name(), topology::nodeKindDisplayName(node->kind).toHtmlEscaped()));
    m_name->setText(node->name);
    m_table->setRowCount(0);
    for (auto it = node->properties.cbegin(); it != node->properties.cend(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    m_wizard->setVisible(node->kind == topology::NodeKind::Connector);
    m_refreshing = false;
}

void PropertiesPanel::commit()
{
    const topology::Node *node = m_document->topology()->node(m_id);
    if (!node || m_refreshing)
        return;
    QMap<QString, QString> properties;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString key = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        if (!key.isEmpty())
            properties.insert(key, m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString());
    }
    const QString name = m_name->text().trimmed().isEmpty() ? node->name : m_name->text().trimmed();
    if (name == node->name && properties == node->properties)
        return;
    m_document->undoStack()->push(new topology::EditNodeCommand(m_document->topology(), m_id, name, properties));
}

} // namespace cdc::ui
