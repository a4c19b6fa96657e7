// SPDX-License-Identifier: GPL-3.0-or-later
// The verification checklist page: infrastructure, then event flow, each item ticked from the Doctor's
// last findings (passed, failed, waiting) or, for what no check can see, by the person following it.
#pragma once

#include "doctor/finding.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace cdc::ui {

class ChecklistView : public QWidget
{
    Q_OBJECT

public:
    explicit ChecklistView(QWidget *parent = nullptr);

    void setFindings(const doctor::Findings &findings);
    const QSet<QString> &ticked() const { return m_ticked; }
    // Ticks an item no check can see from what the product itself observed (`how` says what was seen).
    void setObserved(const QString &itemId, const QString &how);
    QString progressText() const;

private:
    void refresh();

    doctor::Findings m_findings;
    QSet<QString> m_ticked;
    QTreeWidget *m_tree;
    QLabel *m_progress;
    bool m_refreshing = false;
};

} // namespace cdc::ui
