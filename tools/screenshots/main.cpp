// SPDX-License-Identifier: GPL-3.0-or-later
// cdc-screenshots: the documentation's screenshot set, made by one command (`./dev screenshots`), so the
// pictures in README.md and docs/ show what the code of today does. Runs the real window offscreen on one
// screen of the size asked for, in the sandbox (no stack needed), and saves one PNG a scene:
// NAME-WIDTHxHEIGHT-THEME.png.
#include "core/messagelog.h"
#include "debezium/connectoractions.h"
#include "debezium/connectorwizard.h"
#include "help/helpwindow.h"
#include "mainwindow/mainwindow.h"
#include "sandbox/guidedtour.h"
#include "sandbox/sandboxcontroller.h"
#include "stream/eventviewer.h"
#include "topology/projectdocument.h"

#include "guitestsupport.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <functional>

using namespace cdc;

namespace {

struct Options
{
    int width = 1366;
    int height = 768;
    QString outDir;
    QStringList only; // scene names; empty: all
};

QAction *findAction(QWidget *window, const QString &name)
{
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

// Waits for `done` at most `ms`, keeping the event loop running; false on the deadline.
bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QTest::qWait(50);
    }
    return true;
}

class Shooter
{
public:
    explicit Shooter(Options options) : m_options(std::move(options)) {}

    int run()
    {
        QDir().mkpath(m_options.outDir);
        for (const bool dark : {false, true}) {
            applyTheme(dark);
            topology::ProjectDocument document;
            ui::MainWindow window(&document);
            window.setGeometry(0, 0, m_options.width, m_options.height);
            window.show();
            if (!QTest::qWaitForWindowExposed(&window))
                return fail(QStringLiteral("the window was never shown"));
            scenes(window, dark);
            if (window.sandbox()->isRunning())
                window.sandbox()->stop();
        }
        std::printf("screenshots: %d saved in %s, %d failed\n", m_saved, qPrintable(m_options.outDir), m_failed);
        return m_failed == 0 ? 0 : 1;
    }

private:
    static void applyTheme(bool dark) { QApplication::setPalette(dark ? guitest::darkPalette() : QPalette()); }

    bool wanted(const QString &scene) const { return m_options.only.isEmpty() || m_options.only.contains(scene); }

    void save(QWidget *widget, const QString &scene, bool dark)
    {
        QTest::qWait(150); // a paint after the last change
        const QString file = QDir(m_options.outDir)
                                 .filePath(QStringLiteral("%1-%2x%3-%4.png")
                                               .arg(scene)
                                               .arg(m_options.width)
                                               .arg(m_options.height)
                                               .arg(dark ? QStringLiteral("dark") : QStringLiteral("light")));
        const QPixmap picture = widget->grab();
        if (picture.isNull() || picture.size() != widget->size()) {
            fail(QStringLiteral("%1: the picture is empty or not the window's size").arg(scene));
            return;
        }
        if (picture.save(file, "PNG")) {
            ++m_saved;
            std::printf("screenshots: %s\n", qPrintable(file));
        } else {
            fail(QStringLiteral("cannot save ") + file);
        }
    }

    int fail(const QString &why)
    {
        ++m_failed;
        std::fprintf(stderr, "screenshots: %s\n", qPrintable(why));
        return 1;
    }

    void scenes(ui::MainWindow &window, bool dark)
    {
        // The capstone as a project, before anything runs.
        if (wanted(QStringLiteral("capstone"))) {
            window.openTemplate(QStringLiteral("capstone"));
            QTest::qWait(400);
            save(&window, QStringLiteral("capstone"), dark);
        }

        if (!window.sandbox()->start(50))
            return (void)fail(QStringLiteral("the sandbox did not start"));
        if (!waitFor([&] { return window.sandbox()->isDeployed(); }, 20000))
            return (void)fail(QStringLiteral("the sandbox's connectors were not deployed within 20 s"));
        ui::EventViewer *events = window.findChild<ui::EventViewer *>();
        QTableView *table = events ? events->tableView() : nullptr;
        if (!table || !waitFor([&] { return table->model()->rowCount() > 40; }, 20000))
            return (void)fail(QStringLiteral("no events reached the Events panel within 20 s"));
        QTest::qWait(3000); // the lag charts draw a few samples

        if (wanted(QStringLiteral("sandbox")))
            save(&window, QStringLiteral("sandbox"), dark);

        if (wanted(QStringLiteral("events"))) {
            table->selectRow(qMin(5, table->model()->rowCount() - 1));
            save(&window, QStringLiteral("events"), dark);
            table->clearSelection();
        }

        if (wanted(QStringLiteral("tour"))) {
            if (QAction *tour = findAction(&window, QStringLiteral("guidedTour"))) {
                tour->trigger();
                QTest::qWait(300);
                for (int i = 0; i < 2; ++i) { // step 3: the MySQL topic
                    window.sandbox()->guidedTour()->next();
                    QTest::qWait(200);
                }
                save(&window, QStringLiteral("tour"), dark);
                window.sandbox()->guidedTour()->close();
            }
        }

        if (wanted(QStringLiteral("incident"))) {
            if (QAction *incident = findAction(&window, QStringLiteral("incident-task-failed"))) {
                incident->trigger();
                QTest::qWait(4000); // the Connectors panel polls, the lag builds up
                save(&window, QStringLiteral("incident"), dark);
                incident->trigger(); // recover
                QTest::qWait(500);
            }
        }

        if (wanted(QStringLiteral("doctor"))) {
            if (QAction *incident = findAction(&window, QStringLiteral("incident-duplicate-server-id")))
                incident->trigger();
            QTest::qWait(2500);
            if (QAction *doctor = findAction(&window, QStringLiteral("runDoctor"))) {
                doctor->trigger();
                QTest::qWait(8000); // the checks report as they finish; a screenshot of a run in progress is fine
                if (QDockWidget *d = window.dock(QStringLiteral("doctorDock")))
                    d->raise();
                save(&window, QStringLiteral("doctor"), dark);
            }
            if (QAction *incident = findAction(&window, QStringLiteral("incident-duplicate-server-id")))
                incident->trigger();
        }

        if (wanted(QStringLiteral("wizard-review"))) {
            QString nodeId;
            for (const topology::Node &n : window.document()->topology()->nodes()) {
                if (n.kind == topology::NodeKind::Connector) {
                    nodeId = n.id;
                    break;
                }
            }
            if (ui::ConnectorWizard *wizard = window.connectorActions()->startEdit(nodeId)) {
                QTest::qWait(300);
                // To the review; a page whose errors keep Next disabled ends the walk where it is.
                while (wizard->currentId() != -1 && wizard->nextId() != -1) {
                    const int page = wizard->currentId();
                    wizard->next();
                    QTest::qWait(100);
                    if (wizard->currentId() == page)
                        break;
                }
                save(wizard, QStringLiteral("wizard-review"), dark);
                wizard->reject();
            } else {
                fail(QStringLiteral("no connector node to open in the wizard"));
            }
        }

        if (wanted(QStringLiteral("help"))) {
            if (QAction *guide = findAction(&window, QStringLiteral("userGuide"))) {
                guide->trigger();
                if (auto *help = window.findChild<ui::HelpWindow *>()) {
                    QTest::qWait(300);
                    save(help, QStringLiteral("help"), dark);
                    help->close();
                }
            }
        }

        if (wanted(QStringLiteral("presentation"))) {
            QAction *presentation = window.sandbox()->presentationAction();
            presentation->trigger();
            QTest::qWait(1500);
            save(&window, QStringLiteral("presentation"), dark);
            presentation->trigger();
            QTest::qWait(300);
        }
    }

    Options m_options;
    int m_saved = 0;
    int m_failed = 0;
};

} // namespace

int main(int argc, char **argv)
{
    Options options;
    // The screen's size must be known before QApplication exists: parse --size by hand first.
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--size") == 0) {
            const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"))
                                                  .match(QString::fromLocal8Bit(argv[i + 1]));
            if (!m.hasMatch()) {
                std::fputs("cdc-screenshots: --size takes WIDTHxHEIGHT, for example 1366x768\n", stderr);
                return 64;
            }
            options.width = m.captured(1).toInt();
            options.height = m.captured(2).toInt();
        }
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        qputenv("QT_LOGGING_RULES", "cdc.*.debug=false;qt.qpa.*=false");
    QTemporaryDir screenDir;
    guitest::useOffscreenScreen(screenDir, "screenshots", options.width, options.height);

    QApplication app(argc, argv);
    messagelog::install();
    guitest::useTestSettings(QStringLiteral("cdc-screenshots")); // the user's own layout and theme stay out
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The documentation's screenshot set, one PNG a scene."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("size"), QStringLiteral("The screen's size (default 1366x768)."),
                      QStringLiteral("WxH"), QStringLiteral("1366x768")});
    parser.addOption({QStringLiteral("only"),
                      QStringLiteral("Comma-separated scenes: capstone, sandbox, events, tour, incident, doctor, "
                                     "wizard-review, help, presentation."),
                      QStringLiteral("scenes")});
    parser.addPositionalArgument(QStringLiteral("outdir"), QStringLiteral("Where the PNGs go."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fputs("cdc-screenshots: name one folder for the pictures (see --help)\n", stderr);
        return 64;
    }
    options.outDir = parser.positionalArguments().constFirst();
    if (parser.isSet(QStringLiteral("only")))
        options.only = parser.value(QStringLiteral("only")).split(u',', Qt::SkipEmptyParts);
    QSettings().clear();
    return Shooter(options).run();
}
