// SPDX-License-Identifier: GPL-3.0-or-later
// Help ▸ About: the versions of the application and of what it runs on, copyable for bug reports.
#pragma once

#include <QDialog>

namespace cdc::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The text that "Copy versions" puts on the clipboard.
    static QString versionText();
};

} // namespace cdc::ui
