// SPDX-License-Identifier: GPL-3.0-or-later
// Items as rows under their section; states from doctor::evaluateItem, manual ticks kept here.
#include "checklistview.h"

#include "doctor/checklist.h"
#include "findingsview.h"

#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cdc::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kWrapSlack = 16;

// A step's text wraps within its column instead of ending in "…": the rows are as tall as their text
// at the column's width, so a side dock reads every step without floating it.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeWidget *tree) : QStyledItemDelegate(tree), m_tree(tree) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        if (index.column() != 0)
            return size;
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        // The room the text has: the column less the indentation, the check box, the icon and the margins.
        int depth = 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
            ++depth;
        const int column = m_tree->header()->sectionSize(0) - depth * m_tree->indentation();
        // Less a few pixels: the style draws the text a little inside the rectangle it measures.
        const int textWidth =
            std::max(40, column - (size.width() - opt.fontMetrics.horizontalAdvance(opt.text)) - kWrapSlack);
        const QRect needed =
            opt.fontMetrics.boundingRect(QRect(0, 0, textWidth, 100000), Qt::TextWordWrap | Qt::AlignLeft, opt.text);
        const int margins = size.height() - opt.fontMetrics.height();
        size.setHeight(std::max(size.height(), needed.height() + margins));
        return size;
    }

private:
    QTreeWidget *m_tree;
};

} // namespace

ChecklistView::ChecklistView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_progress(new QLabel(this))
{
    m_tree->setObjectName(QStringLiteral("doctorChecklist"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Step"), tr("State")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setWordWrap(true);
    m_tree->setTextElideMode(Qt::ElideNone);
    m_tree->setItemDelegate(new WrappingDelegate(m_tree));
    // Rows grow and shrink with the column's width.
    connect(m_tree->header(), &QHeaderView::sectionResized, m_tree, [this](int section) {
        if (section == 0)
            m_tree->doItemsLayout();
    });
    m_progress->setObjectName(QStringLiteral("doctorChecklistProgress"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_progress);
    layout->addWidget(m_tree, 1);

    QTreeWidgetItem *section = nullptr;
    for (const doctor::ChecklistItem &i : doctor::verificationChecklist()) {
        if (!section || section->text(0) != i.section) {
            section = new QTreeWidgetItem(m_tree, {i.section});
            QFont bold = section->font(0);
            bold.setBold(true);
            section->setFont(0, bold);
            section->setFlags(Qt::ItemIsEnabled);
            section->setFirstColumnSpanned(true);
        }
        auto *item = new QTreeWidgetItem(section, {i.text});
        item->setData(0, kIdRole, i.id);
        if (i.checks.isEmpty()) {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(0, Qt::Unchecked);
            item->setToolTip(0, tr("Tick it when done: %1").arg(i.hint));
        } else {
            item->setToolTip(0, tr("Ticks itself when these checks pass: %1").arg(i.checks.join(QStringLiteral(", "))));
        }
    }
    m_tree->expandAll();
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_refreshing || !(item->flags() & Qt::ItemIsUserCheckable))
            return;
        const QString id = item->data(0, kIdRole).toString();
        if (item->checkState(0) == Qt::Checked)
            m_ticked.insert(id);
        else
            m_ticked.remove(id);
        refresh();
    });
    refresh();
}

void ChecklistView::setObserved(const QString &itemId, const QString &how)
{
    m_ticked.insert(itemId);
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *section = m_tree->topLevelItem(s);
        for (int c = 0; c < section->childCount(); ++c) {
            QTreeWidgetItem *row = section->child(c);
            if (row->data(0, kIdRole).toString() != itemId)
                continue;
            m_refreshing = true;
            row->setCheckState(0, Qt::Checked);
            row->setToolTip(0, how);
            row->setToolTip(1, how);
            m_refreshing = false;
        }
    }
    refresh();
}

void ChecklistView::setFindings(const doctor::Findings &findings)
{
    m_findings = findings;
    refresh();
}

QString ChecklistView::progressText() const
{
    return m_progress->text();
}

void ChecklistView::refresh()
{
    m_refreshing = true;
    const auto &items = doctor::verificationChecklist();
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *section = m_tree->topLevelItem(s);
        for (int c = 0; c < section->childCount(); ++c) {
            QTreeWidgetItem *row = section->child(c);
            const QString id = row->data(0, kIdRole).toString();
            const auto it = std::find_if(items.begin(), items.end(), [&id](const auto &i) { return i.id == id; });
            if (it == items.end())
                continue;
            const doctor::ItemState state = doctor::evaluateItem(*it, m_findings, m_ticked);
            switch (state) {
            case doctor::ItemState::Passed:
                row->setIcon(1, FindingsView::severityIcon(doctor::Severity::Ok, this));
                row->setText(1, tr("passed"));
                break;
            case doctor::ItemState::Failed:
                row->setIcon(1, FindingsView::severityIcon(doctor::Severity::Error, this));
                row->setText(1, tr("failed"));
                break;
            case doctor::ItemState::Pending:
                row->setIcon(1, QIcon());
                row->setText(1, it->checks.isEmpty() ? tr("tick when done") : tr("not yet"));
                break;
            }
        }
    }
    const doctor::ChecklistProgress p = doctor::checklistProgress(m_findings, m_ticked);
    m_progress->setText(tr("%1 of %2 steps passed, %3 failed. Work from the top: infrastructure first, then one "
                           "connector alone, then both.")
                            .arg(p.passed)
                            .arg(p.passed + p.failed + p.pending)
                            .arg(p.failed));
    m_progress->setWordWrap(true);
    m_refreshing = false;
}

} // namespace cdc::ui
