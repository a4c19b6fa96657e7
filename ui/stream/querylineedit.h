// SPDX-License-Identifier: GPL-3.0-or-later
// The viewer's query line: offers field names, sources, ops and the topics, types and tables seen so
// far (from the core's completeQuery) as you type; Esc clears it. Parse errors are shown by the owner.
#pragma once

#include <QLineEdit>

class QAction;
class QCompleter;
class QStringListModel;

namespace cdc::stream {
class StringTable;
}

namespace cdc::ui {

class QueryLineEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit QueryLineEdit(QWidget *parent = nullptr);

    // Where completion finds the topics, types and tables seen so far; must outlive this line edit.
    void setStringTable(const stream::StringTable *strings) { m_strings = strings; }
    // Marks the text as not a valid query (an icon with `message` as its tooltip); empty clears it.
    void setProblem(const QString &message);
    QString problem() const { return m_problemText; }
    QCompleter *completer() const { return m_completer; }

    // Computes the completions for the cursor position and opens the popup when there are any.
    void complete();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void insertCompletion(const QString &candidate);

    const stream::StringTable *m_strings = nullptr;
    QCompleter *m_completer;
    QStringListModel *m_candidates;
    QAction *m_problem;
    QString m_problemText;
    int m_replaceFrom = 0;
    int m_replaceTo = 0;
};

} // namespace cdc::ui
