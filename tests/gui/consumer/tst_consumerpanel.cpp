// The unified consumer in the window: Run (F9) on the capstone's consumer node runs the real generated
// job in a child process. Here the Python has no PyFlink (Debian's own python3), a failure users meet,
// and the failure tells one story: the node's badge, the Unified Consumer dock, Diagnostics and the
// status bar. Without any runtime, Run says how to install one. Screenshots at 1366×768, light and dark.
#include "common/emptystate.h"
#include "consumer/consumerpanel.h"
#include "consumer/consumerservice.h"
#include "guitestsupport.h"
#include "health/pipelinehealth.h"
#include "mainwindow/mainwindow.h"
#include "topology/nodeitem.h"
#include "topology/projectdocument.h"
#include "topology/topologyscene.h"
#include "validation/diagnosticspanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace cdc;
using consumer::JobState;

namespace {
const QString kConsumerNode = QStringLiteral("consumer-pyflink");
}

class TstConsumerPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<topology::ProjectDocument> m_document;
    std::unique_ptr<ui::MainWindow> m_window;
    QTemporaryDir m_dir;

    ui::ConsumerPanel *panel() const { return m_window->consumerPanel(); }
    consumer::ConsumerService *service() const { return m_window->consumerService(); }
    ui::NodeItem *node() const { return m_window->topologyScene()->nodeItem(kConsumerNode); }
    QString problemText() const
    {
        return m_window->statusBar()->findChild<QLabel *>(QStringLiteral("problemStatus"))->text();
    }
    QStringList diagnosticsEntries() const
    {
        auto *diagnostics = m_window->dock(QStringLiteral("diagnosticsDock"))->findChild<ui::DiagnosticsPanel *>();
        QStringList out;
        for (int i = 0; i < diagnostics->list()->count(); ++i)
            out << diagnostics->list()->item(i)->text();
        return out;
    }
    void shoot(const QString &name)
    {
        for (bool dark : {false, true}) {
            qApp->setPalette(dark ? guitest::darkPalette() : QApplication::style()->standardPalette());
            QTest::qWait(50);
            const QString file =
                guitest::outputDir() + QStringLiteral("/consumer-%1-%2.png")
                                           .arg(name, dark ? QStringLiteral("dark") : QStringLiteral("light"));
            QVERIFY(m_window->grab().save(file));
        }
        qApp->setPalette(QApplication::style()->standardPalette());
    }

private Q_SLOTS:
    void initTestCase()
    {
        guitest::useTestSettings(QStringLiteral("tst_consumerpanel"));
        QVERIFY(m_dir.isValid());
        m_document = std::make_unique<topology::ProjectDocument>();
        m_window = std::make_unique<ui::MainWindow>(m_document.get());
        m_window->setGeometry(0, 0, 1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openTemplate(QStringLiteral("capstone")));
        QVERIFY(node());
    }

    void beforeARunItSaysHowToStart()
    {
        auto *dock = m_window->dock(QStringLiteral("consumerDock"));
        QVERIFY(dock);
        dock->show();
        dock->raise();
        QVERIFY(panel()->runAction()->isEnabled());
        QVERIFY(!panel()->stopAction()->isEnabled());
        QCOMPARE(panel()->runAction()->shortcut(), QKeySequence(Qt::Key_F9));
        auto *empty = panel()->findChild<ui::EmptyState *>();
        QVERIFY(empty && empty->isVisible());
        QVERIFY2(empty->explanation().contains(QStringLiteral("stack/flink fetch")), qPrintable(empty->explanation()));
        QVERIFY(node()->runtimeState().isEmpty());
        shoot(QStringLiteral("empty"));
    }

    void withoutPyFlinkRunSaysHowToInstallIt()
    {
        qputenv("CDC_FLINK_ENV", m_dir.filePath(QStringLiteral("absent/flink.env")).toUtf8());
        qunsetenv("FLINK_PYTHON");
        qunsetenv("FLINK_KAFKA_JAR");
        panel()->runAction()->trigger();
        QCOMPARE(service()->state(), JobState::Failed);
        QVERIFY2(panel()->messageText().contains(QStringLiteral("PyFlink is not installed")),
                 qPrintable(panel()->messageText()));
        QVERIFY(panel()->messageText().contains(QStringLiteral("stack/flink fetch")));
        QCOMPARE(node()->runtimeState(), QStringLiteral("FAILED"));
        // Run again is offered: nothing is left running.
        QVERIFY(panel()->runAction()->isEnabled());
    }

    // The real job, started by a Python without PyFlink: it fails, and every view says so alike.
    void aFailedJobTellsOneStory()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
        QVERIFY2(!python.isEmpty(), "python3 is in scripts/packages.apt");
        const QString jar = m_dir.filePath(QStringLiteral("flink-sql-connector-kafka.jar"));
        QFile(jar).open(QIODevice::WriteOnly);
        qputenv("FLINK_PYTHON", python.toUtf8());
        qputenv("FLINK_KAFKA_JAR", jar.toUtf8());
        m_window->dock(QStringLiteral("eventsDock"))->raise();
        QTest::keyClick(m_window.get(), Qt::Key_F9);
        // Run brings the Unified Consumer dock forward.
        QTRY_VERIFY(!m_window->dock(QStringLiteral("consumerDock"))->visibleRegion().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(service()->state() == JobState::Failed, 30000);
        const QString reason = QStringLiteral("PyFlink is not installed in this Python: run stack/flink fetch.");
        QCOMPARE(service()->failureReason(), reason);
        // The node.
        QCOMPARE(node()->runtimeState(), QStringLiteral("FAILED"));
        QCOMPARE(node()->severity(), health::Severity::Error);
        QVERIFY2(node()->toolTip().contains(reason), qPrintable(node()->toolTip()));
        // The dock: the same word, the reason and where the log is.
        QVERIFY2(panel()->stateText().contains(QStringLiteral("FAILED")), qPrintable(panel()->stateText()));
        QVERIFY(panel()->messageText().startsWith(reason));
        QVERIFY(panel()->messageText().contains(QStringLiteral("consumer.log")));
        QVERIFY(panel()->openLogAction()->isEnabled());
        QVERIFY(QFile::exists(service()->logPath()));
        // Diagnostics and the status bar.
        QTRY_VERIFY(!diagnosticsEntries().filter(QStringLiteral("consumer FAILED")).isEmpty());
        QVERIFY2(diagnosticsEntries().filter(QStringLiteral("consumer FAILED")).constFirst().contains(reason),
                 qPrintable(diagnosticsEntries().join(u'|')));
        QVERIFY(m_window->pipelineHealth()->summary().errors >= 1);
        QVERIFY2(problemText() != QStringLiteral("No problems"), qPrintable(problemText()));
        shoot(QStringLiteral("failed"));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_document.reset();
    }
};

int main(int argc, char **argv)
{
    QTemporaryDir screenDir;
    cdc::guitest::useOffscreenScreen(screenDir, "laptop", 1366, 768);
    QApplication app(argc, argv);
    TstConsumerPanel test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_consumerpanel.moc"
