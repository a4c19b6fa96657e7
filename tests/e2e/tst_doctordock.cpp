// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor dock on the real stack: Run Checks on a project whose MariaDB connector uses the server's own
// server_id; the run happens off the GUI thread, the dock shows exactly that error first, and its
// screenshot (light and dark) is saved for a person to look at.
#include "doctor/doctorpanel.h"
#include "doctor/doctorrun.h"
#include "doctor/findingsview.h"
#include "doctorfixtures.h"
#include "guitestsupport.h"
#include "stackclient.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>

using namespace cdc;
using namespace cdc::e2e;

class TestDoctorDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { CDC_E2E_REQUIRE_STACK(m_env); }

    void cleanupTestCase() { closeStackDatabases(); }

    void runOnTheRealStack_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void runOnTheRealStack()
    {
        QFETCH(bool, dark);
        QSqlQuery q(openStackDatabase(m_env, false));
        QVERIFY(q.exec(QStringLiteral("SELECT @@server_id")) && q.next());
        topology::Project project = doctorProject(m_env, randomSecret().left(8));
        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("database.server.id"),
                             q.value(0).toString());
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(guitest::darkPalette());
        {
            ui::DoctorPanel panel;
            panel.setPlanProvider(
                [this, project]() -> Result<doctor::DoctorPlan> { return doctor::planFor(project, &m_env); });
            panel.resize(1100, 600);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            QElapsedTimer t;
            t.start();
            panel.runAction()->trigger();
            const qint64 returned = t.elapsed();
            QVERIFY(panel.isRunning());
            QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 60000);
            qInfo("Run Checks returned after %lld ms; the whole run on the stack took %lld ms", returned, t.elapsed());
            const doctor::Finding *selected = panel.findingsView()->selectedFinding();
            QVERIFY(selected);
            QCOMPARE(selected->check, QStringLiteral("my.server-id"));
            QCOMPARE(selected->severity, doctor::Severity::Error);
            QVERIFY(panel.summaryText().startsWith(QStringLiteral("1 error, 0 warnings")));
            QTest::qWait(50);
            QVERIFY(panel.grab().save(
                guitest::outputDir() +
                QStringLiteral("/doctor-stack-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()))));
        }
        QApplication::setPalette(original);
    }

private:
    StackEnvironment m_env;
};

QTEST_MAIN(TestDoctorDock)
#include "tst_doctordock.moc"
