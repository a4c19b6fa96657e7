// SPDX-License-Identifier: GPL-3.0-or-later
// Under the connectors tree: what failed (the selected task, else the selected connector, else its
// first failed task), where, the first useful line of its trace, and "Show Full Trace…".
#pragma once

#include <QFrame>

class QLabel;

namespace cdc::ui {

class FailureDetails : public QFrame
{
    Q_OBJECT

public:
    explicit FailureDetails(QWidget *parent = nullptr);

    // Shows the failure `current` (an index of a ConnectorsModel) points at; hides when there is none.
    void showFailureOf(const QModelIndex &current);

    QString subject() const { return m_subject; } // "mysql-outbox, task 0"
    QString trace() const { return m_trace; }
    QString text() const; // title and line, empty while hidden

Q_SIGNALS:
    void fullTraceRequested();

private:
    QLabel *m_title;
    QLabel *m_line;
    QString m_subject;
    QString m_trace;
};

} // namespace cdc::ui
