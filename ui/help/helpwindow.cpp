// SPDX-License-Identifier: GPL-3.0-or-later
// The help window.
#include "helpwindow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

const QUrl userGuideUrl(QStringLiteral("qrc:/help/user-guide.md"));

QString escapeCell(QString text)
{
    text.remove(u'&'); // the mnemonic marker
    return text.replace(u'|', QStringLiteral("\\|"));
}

// "| `Ctrl+S` | File ▸ Save |": the action's shortcuts, and its text after `where`.
QString row(const QAction *action, const QString &where)
{
    QStringList keys;
    for (const QKeySequence &k : action->shortcuts())
        keys << QStringLiteral("`%1`").arg(k.toString(QKeySequence::NativeText));
    return QStringLiteral("| %1 | %2%3 |").arg(keys.join(QStringLiteral(", ")), where, escapeCell(action->text()));
}

// The actions of one menu with a shortcut, recursing into submenus, as table rows.
void collect(const QMenu *menu, const QString &path, QStringList &rows, QSet<const QAction *> &seen)
{
    for (QAction *action : menu->actions()) {
        if (action->menu()) {
            collect(action->menu(), path + QStringLiteral(" ▸ ") + escapeCell(action->menu()->title()), rows, seen);
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        rows << row(action, path + QStringLiteral(" ▸ "));
    }
}

// "Events ▸ " for an action of a panel in the Events dock: the panel it belongs to.
QString panelOf(const QAction *action)
{
    for (const QObject *o = action->parent(); o; o = o->parent()) {
        if (const auto *dock = qobject_cast<const QDockWidget *>(o))
            return escapeCell(dock->windowTitle()) + QStringLiteral(" ▸ ");
    }
    return {};
}

} // namespace

HelpWindow::HelpWindow(QWidget *actionsOf, QWidget *parent)
    : QDialog(parent)
    , m_actionsOf(actionsOf)
    , m_pages(new QListWidget(this))
    , m_browser(new QTextBrowser(this))
    , m_find(new QLineEdit(this))
{
    setObjectName(QStringLiteral("helpWindow"));
    setWindowTitle(tr("CDC Studio Help"));
    setWindowFlag(Qt::WindowContextHelpButtonHint, false);
    setSizeGripEnabled(true);

    m_pages->setObjectName(QStringLiteral("helpPages"));
    m_pages->addItem(tr("User Guide"));
    m_pages->addItem(tr("Keyboard Shortcuts"));
    m_pages->setMaximumWidth(m_pages->sizeHintForColumn(0) + 24);

    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setOpenExternalLinks(false); // offline: a web link is shown, never followed

    m_find->setObjectName(QStringLiteral("helpFind"));
    m_find->setPlaceholderText(tr("Find in page"));
    m_find->setClearButtonEnabled(true);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { find(false); });
    connect(m_find, &QLineEdit::textEdited, this, [this] {
        m_browser->moveCursor(QTextCursor::Start);
        find(false);
    });
    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    connect(findShortcut, &QShortcut::activated, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    auto *next = new QShortcut(QKeySequence::FindNext, this);
    connect(next, &QShortcut::activated, this, [this] { find(false); });
    auto *previous = new QShortcut(QKeySequence::FindPrevious, this);
    connect(previous, &QShortcut::activated, this, [this] { find(true); });

    connect(m_pages, &QListWidget::currentRowChanged, this, &HelpWindow::loadPage);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_pages);
    splitter->addWidget(m_browser);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({m_pages->maximumWidth(), 10000});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_find, 1);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
    resize(860, 640);
    showPage(UserGuide);
}

void HelpWindow::showPage(Page page)
{
    if (m_pages->currentRow() == int(page))
        loadPage(int(page)); // again: the shortcuts may have changed
    else
        m_pages->setCurrentRow(int(page));
}

void HelpWindow::loadPage(int row)
{
    if (row == KeyboardShortcuts)
        m_browser->setMarkdown(shortcutsMarkdown(m_actionsOf));
    else
        m_browser->setSource(userGuideUrl, QTextDocument::MarkdownResource);
}

HelpWindow::Page HelpWindow::currentPage() const
{
    return m_pages->currentRow() == KeyboardShortcuts ? KeyboardShortcuts : UserGuide;
}

void HelpWindow::find(bool backward)
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return;
    QTextDocument::FindFlags flags;
    if (backward)
        flags |= QTextDocument::FindBackward;
    if (!m_browser->find(text, flags)) { // wrap around once
        m_browser->moveCursor(backward ? QTextCursor::End : QTextCursor::Start);
        const bool found = m_browser->find(text, flags);
        m_find->setProperty("notFound", !found);
        m_find->setStyleSheet(found ? QString() : QStringLiteral("QLineEdit { color: #c62828; }"));
        return;
    }
    m_find->setStyleSheet({});
}

QString HelpWindow::shortcutsMarkdown(const QWidget *window)
{
    QStringList rows;
    QSet<const QAction *> seen;
    if (const auto *main = qobject_cast<const QMainWindow *>(window)) {
        for (QAction *top : main->menuBar()->actions()) {
            if (top->menu())
                collect(top->menu(), escapeCell(top->menu()->title()), rows, seen);
        }
    }
    // Actions outside the menus (a panel's own, with a window-wide shortcut).
    if (window) {
        for (const QAction *action : window->findChildren<QAction *>()) {
            if (seen.contains(action) || action->shortcuts().isEmpty() || action->text().isEmpty())
                continue;
            if (action->shortcutContext() == Qt::WidgetShortcut)
                continue;
            seen.insert(action);
            rows << row(action, panelOf(action));
        }
    }
    return tr("# Keyboard shortcuts\n\nEvery shortcut of this window, read from its menus and panels.\n\n"
              "| Keys | Action |\n|---|---|\n") +
           rows.join(u'\n') + u'\n';
}

} // namespace cdc::ui
