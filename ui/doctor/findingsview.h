// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor's findings: a tree grouped by area with a severity icon per finding, and the selected
// finding's details — evidence, the fix with a Copy button, an Apply button (behind a confirmation)
// where the core says applying is safe, and the link to its troubleshooting entry.
#pragma once

#include "doctor/finding.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace cdc::ui {

class FindingsView : public QWidget
{
    Q_OBJECT

public:
    explicit FindingsView(QWidget *parent = nullptr);

    // Rebuilds the tree. The first problem is selected, unless a person picked a finding that is still
    // there (a run adds findings while someone reads one).
    void setFindings(const doctor::Findings &findings);
    const doctor::Findings &findings() const { return m_findings; }
    // Selects the first finding of `check` (for tests and links); false when there is none.
    bool selectCheck(const QString &check);
    const doctor::Finding *selectedFinding() const;
    // The outcome of an Apply, shown under the details.
    void showApplyResult(const QString &check, bool ok, const QString &message);

    static QIcon severityIcon(doctor::Severity severity, const QWidget *widget);

Q_SIGNALS:
    void guideRequested(const QString &entryId);
    void applyRequested(const cdc::doctor::Finding &finding);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showDetails();
    void applyLinkColour();
    void copyFix();
    void confirmApply();

    doctor::Findings m_findings;
    QSplitter *m_split;
    QTreeWidget *m_tree;
    QTextBrowser *m_details;
    QPushButton *m_copy;
    QPushButton *m_apply;
    QLabel *m_applyResult;
    bool m_selecting = false;    // setFindings() is choosing the selection
    bool m_pickedByHand = false; // the selection is a person's (or a link's) choice
};

} // namespace cdc::ui
