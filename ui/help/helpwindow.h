// SPDX-License-Identifier: GPL-3.0-or-later
// Help ▸ User Guide and Help ▸ Keyboard Shortcuts: the user guide that ships inside the application
// (docs/guide/user-guide.md, compiled in as a resource, so it needs no network), and the shortcuts read
// off the window's own actions, so the list is never out of date.
#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;
class QTextBrowser;

namespace cdc::ui {

class HelpWindow : public QDialog
{
    Q_OBJECT

public:
    enum Page { UserGuide, KeyboardShortcuts };

    // `actionsOf` is the window whose actions (menus, toolbars, docks) the shortcuts page lists.
    explicit HelpWindow(QWidget *actionsOf, QWidget *parent = nullptr);

    void showPage(Page page);
    Page currentPage() const;

    // The shortcuts page as Markdown: one table row per action with a shortcut, grouped by menu.
    static QString shortcutsMarkdown(const QWidget *window);

    QTextBrowser *browser() const { return m_browser; }

private:
    void loadPage(int row);
    void find(bool backward);

    QWidget *m_actionsOf;
    QListWidget *m_pages;
    QTextBrowser *m_browser;
    QLineEdit *m_find;
};

} // namespace cdc::ui
