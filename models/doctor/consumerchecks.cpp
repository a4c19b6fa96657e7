// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer's prerequisites.
#include "doctor/consumerchecks.h"

#include "consumer/consumerrunner.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace cdc::doctor {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConsumerChecks", text);
}

const QString kFetchFix = QStringLiteral("stack/flink fetch");

// Runs `program args` and returns what it printed (stdout and stderr), or nullopt when it did not start
// or end within `timeoutMs` (`error` says which).
std::optional<QString> output(const QString &program, const QStringList &args, int timeoutMs, QString *error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForStarted(timeoutMs)) {
        *error = process.errorString();
        return std::nullopt;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        *error = tr("no answer within %1 s").arg(timeoutMs / 1000.0, 0, 'g', 3);
        return std::nullopt;
    }
    const QString text = QString::fromUtf8(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = text.section(u'\n', -1);
        return std::nullopt;
    }
    return text;
}

} // namespace

int javaMajorVersion(const QString &versionOutput)
{
    static const QRegularExpression version(QStringLiteral(R"(version "(\d+)(?:\.(\d+))?)"));
    const auto m = version.match(versionOutput);
    if (!m.hasMatch())
        return 0;
    const int first = m.captured(1).toInt();
    return first == 1 ? m.captured(2).toInt() : first;
}

Finding consumerFinding(const QString &check, Severity severity, const QString &subject)
{
    Finding f;
    f.check = check;
    f.area = Area::Consumer;
    f.severity = severity;
    f.subject = subject;
    return f;
}

Findings runConsumerChecks(const topology::Project &project, int timeoutMs)
{
    const topology::Node *consumerNode = nullptr;
    for (const topology::Node &node : project.nodes) {
        if (node.kind == topology::NodeKind::Consumer &&
            node.properties.value(QStringLiteral("type"), QStringLiteral("pyflink")) == QLatin1String("pyflink")) {
            consumerNode = &node;
            break;
        }
    }
    if (!consumerNode)
        return {};
    const QString subject = consumerNode->name;
    Findings out;

    const Result<consumer::FlinkRuntime> runtime = consumer::FlinkRuntime::locate();
    if (!runtime) {
        Finding f = consumerFinding(QStringLiteral("consumer.runtime"), Severity::Warning, subject);
        f.title = tr("The unified consumer cannot run here: %1").arg(runtime.error().what);
        f.evidence = tr("Looked for FLINK_PYTHON and FLINK_KAFKA_JAR, then %1.").arg(runtime.error().where);
        f.fix = kFetchFix;
        out.push_back(f);
    } else {
        QString error;
        const auto version =
            output(runtime.value().python,
                   {QStringLiteral("-c"), QStringLiteral("import pyflink.version as v; print(v.__version__)")},
                   timeoutMs, &error);
        if (!version) {
            Finding f = consumerFinding(QStringLiteral("consumer.pyflink"), Severity::Error, subject);
            f.title = tr("PyFlink does not import in %1.").arg(runtime.value().python);
            f.evidence = tr("python -c \"import pyflink.version\": %1").arg(error);
            f.fix = kFetchFix;
            out.push_back(f);
        } else if (*version != QLatin1String(kPinnedPyFlinkVersion)) {
            Finding f = consumerFinding(QStringLiteral("consumer.pyflink"), Severity::Warning, subject);
            f.title = tr("PyFlink is %1; the generated job is tested with %2.")
                          .arg(*version, QLatin1String(kPinnedPyFlinkVersion));
            f.evidence = tr("%1 reports PyFlink %2.").arg(runtime.value().python, *version);
            f.fix = kFetchFix;
            out.push_back(f);
        } else {
            Finding f = consumerFinding(QStringLiteral("consumer.pyflink"), Severity::Ok, subject);
            f.title = tr("PyFlink %1 and Flink's Kafka connector are installed.").arg(*version);
            f.evidence = tr("%1 reports PyFlink %2; the connector is %3.")
                             .arg(runtime.value().python, *version, runtime.value().kafkaJar);
            out.push_back(f);
        }
    }

    // PyFlink starts `java` from JAVA_HOME, else from PATH.
    QString java = qEnvironmentVariable("JAVA_HOME");
    java = java.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("java")) : java + QStringLiteral("/bin/java");
    QString error;
    const auto javaVersion =
        java.isEmpty() ? std::nullopt : output(java, {QStringLiteral("-version")}, timeoutMs, &error);
    const int major = javaVersion ? javaMajorVersion(*javaVersion) : 0;
    Finding f = consumerFinding(QStringLiteral("consumer.java"), major >= 17 ? Severity::Ok : Severity::Error, subject);
    if (java.isEmpty() || !javaVersion) {
        f.title = tr("Java is missing: PyFlink runs the job on a JVM.");
        f.evidence =
            java.isEmpty() ? tr("No java on PATH and JAVA_HOME is not set.") : tr("%1 -version: %2").arg(java, error);
        f.fix = QStringLiteral("sudo apt-get install openjdk-17-jdk-headless");
    } else if (major < 17) {
        f.title = tr("Java %1 is too old: Flink 2.2 needs Java 17 or newer.").arg(major);
        f.evidence = tr("%1 -version: %2").arg(java, javaVersion->section(u'\n', 0, 0));
        f.fix = QStringLiteral("sudo apt-get install openjdk-17-jdk-headless");
    } else {
        f.title = tr("Java %1 runs Flink.").arg(major);
        f.evidence = tr("%1 -version: %2").arg(java, javaVersion->section(u'\n', 0, 0));
    }
    out.push_back(f);
    return out;
}

} // namespace cdc::doctor
