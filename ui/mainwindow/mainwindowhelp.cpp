// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's Help menu: the user guide, the keyboard shortcuts, the tour, the troubleshooting guide,
// a problem report, About.
#include "mainwindow.h"

#include "common/aboutdialog.h"
#include "doctor/doctorpanel.h"
#include "help/helpwindow.h"
#include "help/problemreport.h"
#include "sandbox/sandboxcontroller.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>

namespace cdc::ui {

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));

    auto openHelp = [this](HelpWindow::Page page) {
        if (!m_help) {
            m_help = new HelpWindow(this, this);
            m_help->setAttribute(Qt::WA_DeleteOnClose);
        }
        m_help->showPage(page);
        m_help->show();
        m_help->raise();
        m_help->activateWindow();
    };

    QAction *guide = help->addAction(tr("&User Guide"));
    guide->setObjectName(QStringLiteral("userGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(tr("How to use CDC Studio; it ships with the application and needs no network"));
    connect(guide, &QAction::triggered, this, [openHelp] { openHelp(HelpWindow::UserGuide); });

    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"));
    keys->setObjectName(QStringLiteral("keyboardShortcuts"));
    keys->setStatusTip(tr("Every shortcut of this window"));
    connect(keys, &QAction::triggered, this, [openHelp] { openHelp(HelpWindow::KeyboardShortcuts); });

    QAction *tour = help->addAction(tr("Guided &Tour"));
    tour->setObjectName(QStringLiteral("helpGuidedTour"));
    tour->setStatusTip(tr("A step-by-step walk through the capstone pipeline"));
    connect(tour, &QAction::triggered, this, [this] {
        if (m_sandbox && m_sandbox->tourAction())
            m_sandbox->tourAction()->trigger();
    });

    QAction *troubleshooting = help->addAction(tr("&Troubleshooting Guide"));
    troubleshooting->setObjectName(QStringLiteral("troubleshootingGuide"));
    troubleshooting->setStatusTip(tr("Symptom, cause, check and fix for the usual CDC failures (the Doctor panel)"));
    connect(troubleshooting, &QAction::triggered, this, [this] {
        if (QDockWidget *d = dock(QStringLiteral("doctorDock"))) {
            d->show();
            d->raise();
        }
        m_doctor->showGuideEntry({});
    });

    help->addSeparator();
    QAction *report = help->addAction(tr("&Report a Problem…"));
    report->setObjectName(QStringLiteral("reportProblem"));
    report->setStatusTip(tr("Versions, platform and the recent log (secrets masked) to paste into a bug report"));
    connect(report, &QAction::triggered, this, [this] {
        auto *dialog = new ProblemReportDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    help->addSeparator();
    help->addAction(m_actions.about);
    help->addAction(m_actions.aboutQt);
}

} // namespace cdc::ui
