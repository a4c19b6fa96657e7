// SPDX-License-Identifier: GPL-3.0-or-later
// The placeholder a panel shows while it has nothing to show: what will appear and how to get it.
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QVBoxLayout;

namespace cdc::ui {

class EmptyState : public QWidget
{
    Q_OBJECT

public:
    EmptyState(const QString &title, const QString &explanation, QWidget *parent = nullptr);

    // Adds a button that triggers `action` (the same action as in the menus, so shortcuts and
    // enabled state stay in one place). The button follows the action's text, enabled state and visibility.
    void addAction(QAction *action);

    QString title() const;
    QString explanation() const;
    void setTexts(const QString &title, const QString &explanation);

private:
    QLabel *m_title;
    QLabel *m_explanation;
    QVBoxLayout *m_buttons;
};

} // namespace cdc::ui
