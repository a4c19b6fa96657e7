// SPDX-License-Identifier: GPL-3.0-or-later
// Findings grouped by area, worst first; details as rich text; Copy and Apply.
#include "findingsview.h"

#include "common/monospacefont.h"
#include "doctor/troubleshootingguide.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
#include <QStringList>
#include <QStyle>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace cdc::ui {

namespace {

constexpr int kIndexRole = Qt::UserRole; // index into m_findings; -1 for area rows
constexpr int kSideBySideMinWidth = 760; // narrower (a side dock): the details go under the list

// "1 error, 2 passed": only the counts that are not zero.
QString compactCounts(const doctor::FindingCounts &c)
{
    QStringList parts;
    for (const auto &[severity, n] : {std::pair{doctor::Severity::Error, c.error},
                                      {doctor::Severity::Warning, c.warning},
                                      {doctor::Severity::Info, c.info},
                                      {doctor::Severity::Ok, c.ok}}) {
        if (n > 0)
            parts << doctor::countText(severity, n);
    }
    return parts.join(QStringLiteral(", "));
}

QString severityText(doctor::Severity s)
{
    switch (s) {
    case doctor::Severity::Ok: return FindingsView::tr("passed");
    case doctor::Severity::Info: return FindingsView::tr("note");
    case doctor::Severity::Warning: return FindingsView::tr("warning");
    case doctor::Severity::Error: return FindingsView::tr("error");
    }
    return {};
}

QString preformatted(const QString &text)
{
    return QStringLiteral("<pre style=\"white-space: pre-wrap\">") + text.toHtmlEscaped() + QStringLiteral("</pre>");
}

} // namespace

QIcon FindingsView::severityIcon(doctor::Severity severity, const QWidget *widget)
{
    QStyle *s = widget->style();
    switch (severity) {
    case doctor::Severity::Ok: return s->standardIcon(QStyle::SP_DialogApplyButton, nullptr, widget);
    case doctor::Severity::Info: return s->standardIcon(QStyle::SP_MessageBoxInformation, nullptr, widget);
    case doctor::Severity::Warning: return s->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, widget);
    case doctor::Severity::Error: return s->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, widget);
    }
    return {};
}

FindingsView::FindingsView(QWidget *parent)
    : QWidget(parent)
    , m_split(new QSplitter(Qt::Horizontal, this))
    , m_tree(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_copy(new QPushButton(tr("&Copy Fix"), this))
    , m_apply(new QPushButton(tr("&Apply Fix…"), this))
    , m_applyResult(new QLabel(this))
{
    m_tree->setObjectName(QStringLiteral("doctorFindings"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Finding"), tr("Where")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    // The finding takes the width the dock has (elided, whole in its tooltip and the details), so a
    // side dock shows it without a horizontal scroll bar.
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_tree->setColumnWidth(1, 130);
    m_details->setObjectName(QStringLiteral("doctorDetails"));
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a finding to see what was asked, what came back, and the fix."));
    m_copy->setObjectName(QStringLiteral("doctorCopyFix"));
    m_apply->setObjectName(QStringLiteral("doctorApplyFix"));
    m_applyResult->setObjectName(QStringLiteral("doctorApplyResult"));
    m_applyResult->setWordWrap(true);
    m_copy->setEnabled(false);
    m_apply->setVisible(false);

    auto *detailsPane = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(detailsPane);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_details, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_apply);
    buttons->addWidget(m_applyResult, 1);
    detailsLayout->addLayout(buttons);

    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_tree);
    m_split->addWidget(detailsPane);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_split);
    applyLinkColour();

    connect(m_tree, &QTreeWidget::currentItemChanged, this, &FindingsView::showDetails);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        if (!m_selecting)
            m_pickedByHand = true;
    });
    connect(m_copy, &QPushButton::clicked, this, &FindingsView::copyFix);
    connect(m_apply, &QPushButton::clicked, this, &FindingsView::confirmApply);
    connect(m_details, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("guide"))
            Q_EMIT guideRequested(url.path());
    });
}

void FindingsView::setFindings(const doctor::Findings &findings)
{
    std::optional<doctor::Finding> kept;
    if (const doctor::Finding *f = selectedFinding(); f && m_pickedByHand)
        kept = *f;
    m_selecting = true;
    m_findings = findings;
    m_tree->clear();
    m_applyResult->clear();
    // One row per area in the order of a run, each finding under its area, worst first.
    std::map<int, std::vector<int>> byArea;
    for (int i = 0; i < int(m_findings.size()); ++i)
        byArea[int(m_findings[size_t(i)].area)].push_back(i);
    QTreeWidgetItem *firstProblem = nullptr;
    QTreeWidgetItem *keptItem = nullptr;
    for (auto &[area, indexes] : byArea) {
        std::stable_sort(indexes.begin(), indexes.end(), [this](int a, int b) {
            return m_findings[size_t(a)].severity > m_findings[size_t(b)].severity;
        });
        doctor::Findings ofArea;
        for (int i : indexes)
            ofArea.push_back(m_findings[size_t(i)]);
        const doctor::FindingCounts c = doctor::countFindings(ofArea);
        auto *areaItem = new QTreeWidgetItem(m_tree);
        areaItem->setText(0, QStringLiteral("%1 — %2").arg(doctor::areaName(doctor::Area(area)), compactCounts(c)));
        areaItem->setIcon(0, severityIcon(doctor::worstSeverity(ofArea), this));
        areaItem->setData(0, kIndexRole, -1);
        QFont bold = areaItem->font(0);
        bold.setBold(true);
        areaItem->setFont(0, bold);
        areaItem->setFirstColumnSpanned(true);
        for (int i : indexes) {
            const doctor::Finding &f = m_findings[size_t(i)];
            auto *item = new QTreeWidgetItem(areaItem);
            item->setText(0, f.title);
            item->setText(1, f.subject);
            item->setIcon(0, severityIcon(f.severity, this));
            item->setToolTip(0, QStringLiteral("%1\n%2 · %3").arg(f.title, severityText(f.severity), f.check));
            item->setToolTip(1, f.subject);
            item->setData(0, kIndexRole, i);
            if (!firstProblem && (f.severity == doctor::Severity::Error || f.severity == doctor::Severity::Warning))
                firstProblem = item;
            if (kept && !keptItem && f.check == kept->check && f.subject == kept->subject && f.title == kept->title)
                keptItem = item;
        }
        areaItem->setExpanded(true);
    }
    // The first problem is what a person wants to read first.
    if (QTreeWidgetItem *current = keptItem ? keptItem : firstProblem)
        m_tree->setCurrentItem(current);
    else
        showDetails();
    m_pickedByHand = keptItem != nullptr;
    m_selecting = false;
}

bool FindingsView::selectCheck(const QString &check)
{
    for (int a = 0; a < m_tree->topLevelItemCount(); ++a) {
        QTreeWidgetItem *area = m_tree->topLevelItem(a);
        for (int c = 0; c < area->childCount(); ++c) {
            const int i = area->child(c)->data(0, kIndexRole).toInt();
            if (m_findings[size_t(i)].check == check) {
                m_tree->setCurrentItem(area->child(c));
                return true;
            }
        }
    }
    return false;
}

const doctor::Finding *FindingsView::selectedFinding() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    const int i = item ? item->data(0, kIndexRole).toInt() : -1;
    return i >= 0 && i < int(m_findings.size()) ? &m_findings[size_t(i)] : nullptr;
}

void FindingsView::showDetails()
{
    const doctor::Finding *f = selectedFinding();
    m_copy->setEnabled(f && !f->fix.isEmpty());
    m_apply->setVisible(f && f->applicable());
    m_applyResult->clear();
    if (!f) {
        m_details->clear();
        return;
    }
    QString html = QStringLiteral("<p><b>%1</b></p><p>%2 · %3 · <code>%4</code></p>")
                       .arg(f->title.toHtmlEscaped(), severityText(f->severity), f->subject.toHtmlEscaped(), f->check);
    if (!f->evidence.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Evidence")) + preformatted(f->evidence);
    if (!f->fix.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Fix")) + preformatted(f->fix);
    if (const doctor::GuideEntry *g = doctor::findGuideEntry(f->guide))
        html += QStringLiteral("<p>%1 <a href=\"guide:%2\">%3</a></p>")
                    .arg(tr("Troubleshooting:"), g->id, g->symptom.toHtmlEscaped());
    m_details->setHtml(html);
}

void FindingsView::copyFix()
{
    if (const doctor::Finding *f = selectedFinding(); f && !f->fix.isEmpty()) {
        QApplication::clipboard()->setText(f->fix);
        m_applyResult->setText(tr("Fix copied."));
    }
}

void FindingsView::confirmApply()
{
    const doctor::Finding *f = selectedFinding();
    if (!f || !f->applicable())
        return;
    const QString what =
        f->apply.kind == doctor::ApplyAction::Kind::Sql
            ? tr("Run this statement as %1 on %2:%3?\n\n%4")
                  .arg(f->apply.endpoint.user, f->apply.endpoint.host)
                  .arg(f->apply.endpoint.port)
                  .arg(f->apply.statement)
            : tr("Restart the failed tasks of connector %1 on %2?").arg(f->apply.connector, f->apply.connectUrl);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Apply Fix"), what, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("doctorApplyConfirmation"));
    QPushButton *apply = box->addButton(tr("Apply"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const doctor::Finding finding = *f;
    connect(box, &QMessageBox::buttonClicked, this, [this, apply, finding](QAbstractButton *clicked) {
        if (clicked != apply)
            return;
        m_applyResult->setText(tr("Applying…"));
        m_apply->setEnabled(false);
        Q_EMIT applyRequested(finding);
    });
    box->open();
}

void FindingsView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const bool narrow = width() < kSideBySideMinWidth;
    const Qt::Orientation wanted = narrow ? Qt::Vertical : Qt::Horizontal;
    if (m_split->orientation() != wanted)
        m_split->setOrientation(wanted);
    // The details name the subject too; in a narrow dock the finding's title gets the room.
    m_tree->setColumnHidden(1, narrow);
}

void FindingsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyLinkColour();
        showDetails();
    }
}

// Qt's default link blue is unreadable on a dark base: take the highlight colour when the two are close.
void FindingsView::applyLinkColour()
{
    const QPalette p = palette();
    QColor link = p.color(QPalette::Link);
    if (std::abs(link.lightness() - p.color(QPalette::Base).lightness()) < 110)
        link = p.color(QPalette::Highlight).lighter(130);
    // The evidence and the fix are <pre> and <code>: the same fixed-pitch font as every code view.
    m_details->document()->setDefaultStyleSheet(monospaceStyleSheet() +
                                                QStringLiteral(" a { color: %1; }").arg(link.name()));
}

void FindingsView::showApplyResult(const QString &check, bool ok, const QString &message)
{
    m_apply->setEnabled(true);
    const doctor::Finding *f = selectedFinding();
    if (!f || f->check != check)
        return;
    m_applyResult->setText(ok ? message : tr("Not applied: %1").arg(message));
}

} // namespace cdc::ui
