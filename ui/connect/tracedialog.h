// SPDX-License-Identifier: GPL-3.0-or-later
// The whole stack trace of a failed connector or task, read-only in a monospace view, with Copy.
#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace cdc::ui {

class TraceDialog : public QDialog
{
    Q_OBJECT

public:
    // `subject` names what failed: "capstone-mysql, task 0".
    TraceDialog(const QString &subject, const QString &trace, QWidget *parent = nullptr);

    QPlainTextEdit *textView() const { return m_text; }

private:
    QPlainTextEdit *m_text;
};

} // namespace cdc::ui
