// SPDX-License-Identifier: GPL-3.0-or-later
// Completion replaces only the word under the cursor (completeQuery says which), so the QCompleter is
// attached with setWidget() rather than setCompleter(), which would replace the whole line.
#include "querylineedit.h"

#include "stream/eventquery.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>
#include <QStyle>

namespace cdc::ui {

QueryLineEdit::QueryLineEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_completer(new QCompleter(this))
    , m_candidates(new QStringListModel(this))
    , m_problem(new QAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QString(), this))
{
    setObjectName(QStringLiteral("queryEdit"));
    setClearButtonEnabled(true);
    // A hint short enough for a narrow dock; the whole language is in the tooltip.
    setPlaceholderText(tr("Filter (Ctrl+F), e.g. source:mysql op:u"));
    setToolTip(tr("<p>Filter the events, for example:<br><code>source:mysql op:u type:Order* key:PG-42 "
                  "payload.total&gt;100 \"text\"</code></p>"
                  "<p>Terms are ANDed; -term negates; OR between terms alternates. Ctrl+Space completes, "
                  "Esc clears, Ctrl+F comes here from anywhere in the window.</p>"));

    m_completer->setModel(m_candidates);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &QueryLineEdit::insertCompletion);
    connect(this, &QLineEdit::textEdited, this, &QueryLineEdit::complete);

    addAction(m_problem, QLineEdit::LeadingPosition);
    m_problem->setVisible(false); // after addAction: adding shows the action's button
}

void QueryLineEdit::setProblem(const QString &message)
{
    m_problemText = message;
    m_problem->setToolTip(message);
    m_problem->setVisible(!message.isEmpty());
}

void QueryLineEdit::complete()
{
    if (!m_strings)
        return;
    const stream::QueryCompletion completion = stream::completeQuery(text(), cursorPosition(), *m_strings);
    m_replaceFrom = completion.replaceFrom;
    m_replaceTo = completion.replaceTo;
    const QString word = text().mid(m_replaceFrom, m_replaceTo - m_replaceFrom);
    // Nothing to offer, or only what is already typed: no popup.
    if (completion.candidates.isEmpty() ||
        (completion.candidates.size() == 1 && completion.candidates.front() == word)) {
        m_completer->popup()->hide();
        return;
    }
    m_candidates->setStringList(completion.candidates);
    m_completer->setCompletionPrefix(QString()); // the core already chose what fits the word
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) +
                  m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
}

void QueryLineEdit::insertCompletion(const QString &candidate)
{
    const QString current = text();
    const int from = qBound(0, m_replaceFrom, int(current.size()));
    const int to = qBound(from, m_replaceTo, int(current.size()));
    setText(current.left(from) + candidate + current.mid(to));
    setCursorPosition(from + int(candidate.size()));
    // textEdited is not emitted for setText: say that the query changed.
    Q_EMIT textEdited(text());
}

void QueryLineEdit::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab: event->ignore(); return; // the completer takes these
        default: break;
        }
    }
    if (event->key() == Qt::Key_Escape) {
        clear();
        return;
    }
    if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
        complete();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace cdc::ui
