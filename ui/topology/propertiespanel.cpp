// SPDX-License-Identifier: GPL-3.0-or-later
// The Properties dock.
#include "propertiespanel.h"

#include "common/sourcecolors.h"
#include "topology/projectdocument.h"
#include "topology/propertyhints.h"
#include "topology/topologycommands.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

// A hinted property the node does not set yet: its row is offered, and stays out of the node unless a
// value is typed in.
constexpr int kHintRole = Qt::UserRole + 1;    // on the key: true for an offered row
constexpr int kPlaceholderRole = Qt::UserRole; // on the value: the example shown while it is empty

// Paints the example value, greyed, in an empty cell that has one.
class PlaceholderDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const QString placeholder = index.data(kPlaceholderRole).toString();
        if (placeholder.isEmpty() || !index.data(Qt::DisplayRole).toString().isEmpty())
            return;
        painter->save();
        painter->setPen(option.palette.color(QPalette::PlaceholderText));
        painter->drawText(option.rect.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          option.fontMetrics.elidedText(placeholder, Qt::ElideRight, option.rect.width() - 8));
        painter->restore();
    }
};

} // namespace

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
    m_table->setItemDelegateForColumn(1, new PlaceholderDelegate(m_table));
    // The buttons may narrow to their words (the style's 80 px minimum would hold the dock wider than 300 px).
    for (QPushButton *button : {m_add, m_remove, m_wizard})
        button->setMinimumWidth(button->fontMetrics().horizontalAdvance(button->text()) + 20);
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
    const QList<topology::PropertyHint> hints = topology::nodePropertyHints(node->kind);
    auto hintFor = [&hints](const QString &key) -> const topology::PropertyHint * {
        for (const topology::PropertyHint &h : hints) {
            if (h.key == key)
                return &h;
        }
        return nullptr;
    };
    auto addRow = [this](const QString &key, const QString &value, const topology::PropertyHint *hint, bool offered) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *keyItem = new QTableWidgetItem(key);
        auto *valueItem = new QTableWidgetItem(value);
        if (hint) {
            keyItem->setToolTip(hint->description);
            valueItem->setToolTip(hint->description);
            valueItem->setData(kPlaceholderRole, hint->placeholder);
        }
        if (offered) {
            keyItem->setData(kHintRole, true);
            keyItem->setForeground(m_table->palette().brush(QPalette::PlaceholderText));
        }
        m_table->setItem(row, 0, keyItem);
        m_table->setItem(row, 1, valueItem);
    };
    for (auto it = node->properties.cbegin(); it != node->properties.cend(); ++it)
        addRow(it.key(), it.value(), hintFor(it.key()), false);
    for (const topology::PropertyHint &hint : hints) {
        if (!node->properties.contains(hint.key))
            addRow(hint.key, {}, &hint, true);
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
        const QTableWidgetItem *keyItem = m_table->item(row, 0);
        const QString key = keyItem ? keyItem->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (key.isEmpty() || (keyItem->data(kHintRole).toBool() && value.isEmpty()))
            continue; // an offered setting left empty is not set
        properties.insert(key, value);
    }
    const QString name = m_name->text().trimmed().isEmpty() ? node->name : m_name->text().trimmed();
    if (name == node->name && properties == node->properties)
        return;
    m_document->undoStack()->push(new topology::EditNodeCommand(m_document->topology(), m_id, name, properties));
}

} // namespace cdc::ui
