// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18: "A Doctor run always ends". The whole Doctor on the sandbox a workshop starts (the capstone,
// deployed to the simulated Kafka Connect, librdkafka's mock cluster as its Kafka): five runs in a row of
// the GUI's runner end, each with every check's findings and the consumer group reported as not supported
// by that broker; and `cdcctl doctor` on the project against `cdcctl demo` ends with the same note.
#include "doctor/doctorrun.h"
#include "sandbox/sandbox.h"
#include "topology/projectfile.h"
#include "topology/templates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace cdc;

Q_DECLARE_METATYPE(cdc::doctor::Findings)

namespace {

const doctor::Finding *findingOf(const doctor::Findings &findings, const QString &check)
{
    const auto it =
        std::find_if(findings.begin(), findings.end(), [&check](const doctor::Finding &f) { return f.check == check; });
    return it == findings.end() ? nullptr : &*it;
}

topology::Project capstone()
{
    const topology::ProjectTemplate *t = topology::findTemplate(QStringLiteral("capstone"));
    return t ? topology::loadTemplate(*t).value() : topology::Project{};
}

} // namespace

class TestDoctorSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<doctor::Findings>(); }

    void fiveRunsInARowOnTheSandboxEnd()
    {
        sandbox::Sandbox box;
        QVERIFY(box.start().ok());
        const topology::Project project = box.sandboxProject(capstone());
        QVERIFY(!project.nodes.empty());
        std::optional<Result<void>> deployed;
        box.deployProject(project, [&deployed](Result<void> r) { deployed = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(deployed.has_value(), 30000);
        QVERIFY2(deployed->ok(), qPrintable(deployed->ok() ? QString() : deployed->error().toString()));

        const doctor::DoctorPlan plan = doctor::planFor(project, nullptr);
        QCOMPARE(plan.kafkaBootstrap, box.bootstrap());
        doctor::DoctorRunner runner;
        QSignalSpy finished(&runner, &doctor::DoctorRunner::finished);
        QSignalSpy checks(&runner, &doctor::DoctorRunner::checkFinished);
        for (int run = 1; run <= 5; ++run) {
            runner.start(plan);
            QVERIFY2(finished.wait(60000), qPrintable(QStringLiteral("run %1 did not end in 60 s").arg(run)));
            QCOMPARE(finished.size(), run);
            QCOMPARE(finished.last().at(1).toBool(), false); // not cancelled
            const doctor::Findings found = finished.last().at(0).value<doctor::Findings>();
            // project, Kafka Connect, PostgreSQL, MariaDB, Kafka, the unified consumer and its group: each
            // returned, none missed its deadline.
            QCOMPARE(checks.size(), 7 * run);
            for (const doctor::Finding &f : found)
                QVERIFY2(!f.check.endsWith(QLatin1String(".deadline")), qPrintable(doctor::formatFinding(f, true)));
            const doctor::Finding *connector = findingOf(found, QStringLiteral("connect.connector-state"));
            QVERIFY(connector);
            const doctor::Finding *group = findingOf(found, QStringLiteral("kafka.consumer-group"));
            QVERIFY(group);
            QCOMPARE(group->severity, doctor::Severity::Info);
            QCOMPARE(group->title,
                     QStringLiteral("Consumer group unified-orders was not checked: not supported by this broker."));
            QVERIFY2(group->evidence.contains(QStringLiteral("offer no DescribeGroups (API 15)")),
                     qPrintable(group->evidence));
            const doctor::Finding *history = findingOf(found, QStringLiteral("kafka.history-topic"));
            QVERIFY(history);
            QCOMPARE(history->severity, doctor::Severity::Info);
        }
    }

    void cdcctlDoctorOnTheDemoEnds()
    {
        QProcess demo;
        demo.start(QStringLiteral(CDCCTL_PATH),
                   {QStringLiteral("demo"), QStringLiteral("--rate"), QStringLiteral("50")});
        QVERIFY(demo.waitForStarted());
        QString bootstrap, connectUrl;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                while (demo.canReadLine()) {
                    const QString line = QString::fromUtf8(demo.readLine()).trimmed();
                    if (line.startsWith(QLatin1String("bootstrap=")))
                        bootstrap = line.section(u'=', 1);
                    else if (line.startsWith(QLatin1String("connect=")))
                        connectUrl = line.section(u'=', 1);
                }
                return !bootstrap.isEmpty() && !connectUrl.isEmpty();
            }(),
            30000);

        // The capstone pointed at the demo, as the sandbox points it.
        topology::Project project = capstone();
        for (topology::Node &node : project.nodes) {
            if (node.kind == topology::NodeKind::ConnectCluster)
                node.properties.insert(QStringLiteral("url"), connectUrl);
            if (node.kind == topology::NodeKind::ConnectCluster || node.kind == topology::NodeKind::Topic ||
                node.kind == topology::NodeKind::Consumer)
                node.properties.insert(QStringLiteral("bootstrap.servers"), bootstrap);
            if (node.properties.contains(QStringLiteral("schema.history.internal.kafka.bootstrap.servers")))
                node.properties.insert(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"), bootstrap);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.cdcproj"));
        QVERIFY(topology::saveProjectFile(path, project).ok());

        QProcess doctor;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CDC_STACK_DIR"), dir.path()); // no stack.env: nothing from a real stack
        doctor.setProcessEnvironment(env);
        doctor.start(QStringLiteral(CDCCTL_PATH), {QStringLiteral("doctor"), path, QStringLiteral("--json"),
                                                   QStringLiteral("--only"), QStringLiteral("connect,kafka")});
        QVERIFY(doctor.waitForFinished(60000));
        demo.terminate();
        QVERIFY(demo.waitForFinished(10000));
        QCOMPARE(doctor.exitStatus(), QProcess::NormalExit);
        const QJsonObject doc = QJsonDocument::fromJson(doctor.readAllStandardOutput()).object();
        QString groupTitle;
        for (const QJsonValue &f : doc.value(QStringLiteral("findings")).toArray()) {
            if (f.toObject().value(QStringLiteral("check")).toString() == QLatin1String("kafka.consumer-group"))
                groupTitle = f.toObject().value(QStringLiteral("title")).toString();
        }
        QCOMPARE(groupTitle,
                 QStringLiteral("Consumer group unified-orders was not checked: not supported by this broker."));
    }
};

QTEST_GUILESS_MAIN(TestDoctorSandbox)
#include "tst_doctorsandbox.moc"
