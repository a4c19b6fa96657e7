// SPDX-License-Identifier: GPL-3.0-or-later
// Help ▸ Report a Problem: what a bug report needs — versions, platform, the recent log with secrets
// masked — shown before it is copied, so the user sees exactly what they share. Nothing is sent anywhere.
#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace cdc::ui {

class ProblemReportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ProblemReportDialog(QWidget *parent = nullptr);

    // The report: versions and licences, platform and screens, then the last `logLines` log lines.
    static QString reportText(int logLines = 300);

    QString text() const;

private:
    QPlainTextEdit *m_text;
};

} // namespace cdc::ui
