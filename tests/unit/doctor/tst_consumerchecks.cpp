// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor's unified-consumer checks against real programs: Debian's python3 (no PyFlink there, the
// failure users meet), a Python that reports another PyFlink version (a real interpreter given a
// pyflink package of the test's own), and the machine's java.
#include "doctor/consumerchecks.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cdc;
using namespace cdc::doctor;

namespace {

topology::Project withConsumer()
{
    topology::Project project;
    topology::Node node;
    node.id = QStringLiteral("consumer");
    node.kind = topology::NodeKind::Consumer;
    node.name = QStringLiteral("unified-orders (PyFlink)");
    node.properties = {{QStringLiteral("type"), QStringLiteral("pyflink")}};
    project.nodes.push_back(node);
    return project;
}

const Finding *findingOf(const Findings &findings, const QString &check)
{
    for (const Finding &f : findings)
        if (f.check == check)
            return &f;
    return nullptr;
}

} // namespace

class TstConsumerChecks : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_python;
    QString m_jar;

    void writeEnv(const QString &python)
    {
        QFile env(m_dir.filePath(QStringLiteral("flink.env")));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write(QStringLiteral("FLINK_PYTHON=%1\nFLINK_KAFKA_JAR=%2\n").arg(python, m_jar).toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_python = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
        QVERIFY2(!m_python.isEmpty(), "python3 is in scripts/packages.apt");
        m_jar = m_dir.filePath(QStringLiteral("flink-sql-connector-kafka.jar"));
        QFile(m_jar).open(QIODevice::WriteOnly);
        qunsetenv("FLINK_PYTHON");
        qunsetenv("FLINK_KAFKA_JAR");
        qputenv("CDC_FLINK_ENV", m_dir.filePath(QStringLiteral("flink.env")).toUtf8());
    }

    void nothingWithoutAConsumerNode() { QVERIFY(runConsumerChecks(topology::Project{}, 5000).empty()); }

    void aMissingRuntimeIsAWarningWithItsFix()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("flink.env")));
        const Findings findings = runConsumerChecks(withConsumer(), 5000);
        const Finding *runtime = findingOf(findings, QStringLiteral("consumer.runtime"));
        QVERIFY(runtime);
        QCOMPARE(runtime->severity, Severity::Warning);
        QCOMPARE(runtime->area, Area::Consumer);
        QCOMPARE(runtime->fix, QStringLiteral("stack/flink fetch"));
    }

    void aPythonWithoutPyFlinkIsAnError()
    {
        writeEnv(m_python);
        const Findings findings = runConsumerChecks(withConsumer(), 10000);
        const Finding *pyflink = findingOf(findings, QStringLiteral("consumer.pyflink"));
        QVERIFY(pyflink);
        QCOMPARE(pyflink->severity, Severity::Error);
        QVERIFY2(pyflink->evidence.contains(QStringLiteral("No module named")), qPrintable(pyflink->evidence));
    }

    void anotherPyFlinkVersionIsAWarning()
    {
        // A real interpreter whose `pyflink` is a package of this test's own, reporting 1.20.0.
        QDir(m_dir.path()).mkpath(QStringLiteral("site/pyflink"));
        QFile init(m_dir.filePath(QStringLiteral("site/pyflink/__init__.py")));
        QVERIFY(init.open(QIODevice::WriteOnly));
        init.close();
        QFile version(m_dir.filePath(QStringLiteral("site/pyflink/version.py")));
        QVERIFY(version.open(QIODevice::WriteOnly));
        version.write("__version__ = \"1.20.0\"\n");
        version.close();
        const QString wrapper = m_dir.filePath(QStringLiteral("python-old-pyflink"));
        QFile script(wrapper);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(QStringLiteral("#!/bin/sh\nPYTHONPATH=%1 exec %2 \"$@\"\n")
                         .arg(m_dir.filePath(QStringLiteral("site")), m_python)
                         .toUtf8());
        script.close();
        script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        writeEnv(wrapper);
        const Findings findings = runConsumerChecks(withConsumer(), 10000);
        const Finding *pyflink = findingOf(findings, QStringLiteral("consumer.pyflink"));
        QVERIFY(pyflink);
        QCOMPARE(pyflink->severity, Severity::Warning);
        QVERIFY2(pyflink->title.contains(QStringLiteral("1.20.0")) && pyflink->title.contains(QStringLiteral("2.2.0")),
                 qPrintable(pyflink->title));
    }

    void javaIsFoundAndItsVersionRead()
    {
        // openjdk-17-jdk-headless is in stack/packages.apt: this machine's java is 17 or newer.
        const Findings findings = runConsumerChecks(withConsumer(), 15000);
        const Finding *java = findingOf(findings, QStringLiteral("consumer.java"));
        QVERIFY(java);
        QVERIFY2(java->severity == Severity::Ok, qPrintable(java->title + u' ' + java->evidence));
        QCOMPARE(javaMajorVersion(QStringLiteral("openjdk version \"17.0.13\" 2024-10-15")), 17);
        QCOMPARE(javaMajorVersion(QStringLiteral("java version \"1.8.0_392\"")), 8);
        QCOMPARE(javaMajorVersion(QStringLiteral("garbage")), 0);
    }
};

QTEST_GUILESS_MAIN(TstConsumerChecks)
#include "tst_consumerchecks.moc"
