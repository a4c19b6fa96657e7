// SPDX-License-Identifier: GPL-3.0-or-later
// Help: the user guide offline, the shortcuts read off the window, the troubleshooting guide in the Doctor
// panel, and a problem report with the versions and the recent log, secrets masked.
#include "core/buildinfo.h"
#include "core/messagelog.h"
#include "help/helpwindow.h"
#include "help/problemreport.h"
#include "mainwindow/mainwindow.h"
#include "topology/projectdocument.h"

#include "guitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>

using namespace cdc;

namespace {
Q_LOGGING_CATEGORY(lcHelpTest, "cdc.helptest")

QMenu *helpMenu(ui::MainWindow &window)
{
    return window.menuBar()->findChild<QMenu *>(QStringLiteral("helpMenu"));
}

QAction *helpAction(ui::MainWindow &window, const char *name)
{
    QMenu *menu = helpMenu(window);
    if (!menu)
        return nullptr;
    for (QAction *a : menu->actions()) {
        if (a->objectName() == QLatin1String(name))
            return a;
    }
    return nullptr;
}

// Every action in the menus that has a shortcut, with the shortcut as the shortcuts page writes it.
QStringList menuShortcuts(const QMenu *menu)
{
    QStringList out;
    for (QAction *a : menu->actions()) {
        if (a->menu())
            out += menuShortcuts(a->menu());
        else if (!a->isSeparator() && !a->shortcut().isEmpty())
            out << a->shortcut().toString(QKeySequence::NativeText);
    }
    return out;
}
} // namespace

class TestHelpMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        guitest::useTestSettings(QStringLiteral("tst_helpmenu"));
        messagelog::install();
    }

    void init() { QSettings().clear(); }

    void theMenuHasWhatAUserLooksFor()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QMenu *menu = helpMenu(window);
        QVERIFY(menu);
        QStringList names;
        for (QAction *a : menu->actions())
            names << a->objectName();
        for (const char *name :
             {"userGuide", "keyboardShortcuts", "helpGuidedTour", "troubleshootingGuide", "reportProblem"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        QCOMPARE(helpAction(window, "userGuide")->shortcut(), QKeySequence(QKeySequence::HelpContents));
    }

    void f1OpensTheUserGuideFromTheResources()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_F1);
        auto *help = window.findChild<ui::HelpWindow *>();
        QVERIFY(help);
        QTRY_VERIFY(help->isVisible());
        QCOMPARE(help->currentPage(), ui::HelpWindow::UserGuide);
        const QString text = help->browser()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("CDC Studio user guide")), qPrintable(text.left(200)));
        for (const char *section :
             {"First steps: the sandbox", "Events", "Lag", "The unified consumer", "Reporting a problem"})
            QVERIFY2(text.contains(QLatin1String(section)), section);

        // Find in page selects the text; a word that is not there says so.
        auto *find = help->findChild<QLineEdit *>(QStringLiteral("helpFind"));
        QVERIFY(find);
        QTest::keyClicks(find, QStringLiteral("redelivered"));
        QCOMPARE(help->browser()->textCursor().selectedText(), QStringLiteral("redelivered"));
        find->clear();
        QTest::keyClicks(find, QStringLiteral("zzqqxx"));
        QVERIFY(find->property("notFound").toBool());
        QVERIFY(help->grab().save(guitest::outputDir() + QStringLiteral("/help-userguide.png")));
    }

    void theShortcutsPageListsEveryMenuShortcut()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        helpAction(window, "keyboardShortcuts")->trigger();
        auto *help = window.findChild<ui::HelpWindow *>();
        QVERIFY(help);
        QCOMPARE(help->currentPage(), ui::HelpWindow::KeyboardShortcuts);
        const QString markdown = ui::HelpWindow::shortcutsMarkdown(&window);
        QStringList expected;
        for (QAction *top : window.menuBar()->actions()) {
            if (top->menu())
                expected += menuShortcuts(top->menu());
        }
        QVERIFY(expected.size() >= 10);
        for (const QString &keys : expected)
            QVERIFY2(markdown.contains(u'`' + keys + u'`'), qPrintable(keys));
        QVERIFY(markdown.contains(QStringLiteral("File ▸ Save")));
        QVERIFY(help->browser()->toPlainText().contains(QStringLiteral("Keyboard shortcuts")));
        help->resize(900, 700);
        QVERIFY(help->grab().save(guitest::outputDir() + QStringLiteral("/help-shortcuts.png")));
    }

    void troubleshootingOpensTheDoctorsGuide()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.dock(QStringLiteral("doctorDock"))->hide();
        helpAction(window, "troubleshootingGuide")->trigger();
        QVERIFY(window.dock(QStringLiteral("doctorDock"))->isVisible());
        auto *guide = window.findChild<QTextBrowser *>(QStringLiteral("doctorGuide"));
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
    }

    void theProblemReportHasVersionsAndTheLogWithoutSecrets()
    {
        qCWarning(lcHelpTest, "connection refused for database.password=s3cr3t-value on 127.0.0.1:5432");
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        helpAction(window, "reportProblem")->trigger();
        auto *dialog = window.findChild<ui::ProblemReportDialog *>();
        QVERIFY(dialog);
        const QString text = dialog->text();
        QVERIFY(text.contains(buildinfo::applicationVersion()));
        QVERIFY(text.contains(QStringLiteral("librdkafka ") + buildinfo::librdkafkaVersion()));
        QVERIFY(text.contains(QStringLiteral("Qt platform: ")));
        QVERIFY2(text.contains(QStringLiteral("W cdc.helptest: connection refused for database.password=****")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("s3cr3t-value")));
        auto *copy = dialog->findChild<QPushButton *>(QStringLiteral("copyReport"));
        QVERIFY(copy);
        copy->click();
        QCOMPARE(QApplication::clipboard()->text(), text);
        dialog->resize(800, 560);
        QVERIFY(dialog->grab().save(guitest::outputDir() + QStringLiteral("/help-report.png")));
    }
};

QTEST_MAIN(TestHelpMenu)
#include "tst_helpmenu.moc"
