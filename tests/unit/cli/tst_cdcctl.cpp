// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the command lines of cdcctl and cdc-studio, run as the user runs them (as processes).
#include "core/buildinfo.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args,
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

Run cdcctl(const QStringList &args)
{
    return run(QStringLiteral(CDCCTL_PATH), args);
}

const QStringList kAllCommands{QStringLiteral("validate"), QStringLiteral("render"),    QStringLiteral("deploy"),
                               QStringLiteral("status"),   QStringLiteral("connector"), QStringLiteral("tail"),
                               QStringLiteral("lag"),      QStringLiteral("doctor"),    QStringLiteral("demo"),
                               QStringLiteral("bench")};
const QStringList kBuilt{QStringLiteral("validate"), QStringLiteral("render"),    QStringLiteral("deploy"),
                         QStringLiteral("status"),   QStringLiteral("connector"), QStringLiteral("tail"),
                         QStringLiteral("lag"),      QStringLiteral("doctor"),    QStringLiteral("demo"),
                         QStringLiteral("bench")};

// A project with one connector node, for the deploy command's checks before it talks to Connect.
const QByteArray kOneConnectorProject =
    "{\"format\": 1, \"topology\": {\"nodes\": [{\"id\": \"connector-pg\", \"kind\": \"connector\", "
    "\"name\": \"pg-outbox\", \"position\": [0, 0], \"properties\": {\"connector.class\": "
    "\"io.debezium.connector.postgresql.PostgresConnector\"}}], \"edges\": []}}";

// A project whose PostgreSQL, MariaDB, Kafka and Kafka Connect are all at ports nothing listens on.
QByteArray unreachableLagProject()
{
    const auto node = [](const char *id, const char *kind, const char *name, const QJsonObject &properties) {
        return QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                           {QStringLiteral("kind"), QLatin1String(kind)},
                           {QStringLiteral("name"), QLatin1String(name)},
                           {QStringLiteral("position"), QJsonArray{0, 0}},
                           {QStringLiteral("properties"), properties}};
    };
    const QJsonArray nodes{
        node("c-pg", "connector", "pg-outbox",
             {{QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector")},
              {QStringLiteral("database.hostname"), QStringLiteral("127.0.0.1")},
              {QStringLiteral("database.port"), QStringLiteral("1")},
              {QStringLiteral("database.user"), QStringLiteral("debezium")},
              {QStringLiteral("slot.name"), QStringLiteral("outbox_pg")}}),
        node("c-my", "connector", "my-outbox",
             {{QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector")},
              {QStringLiteral("database.hostname"), QStringLiteral("127.0.0.1")},
              {QStringLiteral("database.port"), QStringLiteral("2")},
              {QStringLiteral("database.user"), QStringLiteral("debezium")},
              {QStringLiteral("topic.prefix"), QStringLiteral("my")}}),
        node("connect", "connect", "Connect", {{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:3")}}),
        node("topic", "topic", "outbox.event.*",
             {{QStringLiteral("pattern"), QStringLiteral("^outbox\\.event\\..*")},
              {QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:4")}}),
        node("consumer", "consumer", "unified", {{QStringLiteral("group.id"), QStringLiteral("unified")}})};
    const QJsonArray edges{QJsonObject{{QStringLiteral("from"), QStringLiteral("topic")},
                                       {QStringLiteral("to"), QStringLiteral("consumer")}}};
    const QJsonObject project{
        {QStringLiteral("format"), 1},
        {QStringLiteral("topology"), QJsonObject{{QStringLiteral("nodes"), nodes}, {QStringLiteral("edges"), edges}}}};
    return QJsonDocument(project).toJson();
}

// The environment without a stack: nothing fills what a project leaves out.
QProcessEnvironment withoutStack()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CDC_STACK_DIR"));
    env.remove(QStringLiteral("CDC_STACK_ENV"));
    return env;
}

} // namespace

class TstCdcctl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionNamesAppQtAndLibrdkafka()
    {
        const Run r = cdcctl({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("cdcctl ") + cdc::buildinfo::applicationVersion());
        QVERIFY(lines[1].startsWith(QStringLiteral("Qt 6.")));
        QCOMPARE(lines[2], QStringLiteral("librdkafka ") + cdc::buildinfo::librdkafkaVersion());
    }

    void helpListsEveryCommand()
    {
        const Run r = cdcctl({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const QString &c : kAllCommands)
            QVERIFY2(r.out.contains(QStringLiteral("\n  ") + c + u' '), qPrintable(c));
    }

    void everyCommandAnswersHelp_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString &c : kAllCommands)
            QTest::newRow(qPrintable(c)) << c;
    }

    void everyCommandAnswersHelp()
    {
        QFETCH(QString, command);
        const Run r = cdcctl({command, QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: cdcctl ") + command), qPrintable(r.out));
        QCOMPARE(r.out.contains(QStringLiteral("not implemented yet")), !kBuilt.contains(command));
    }

    void unbuiltCommandsExitTwo_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString &c : kAllCommands) {
            if (!kBuilt.contains(c))
                QTest::newRow(qPrintable(c)) << c;
        }
    }

    void unbuiltCommandsExitTwo()
    {
        if (kBuilt.size() == kAllCommands.size())
            QSKIP("every subcommand is built");
        QFETCH(QString, command);
        const Run r = cdcctl({command});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("cdcctl ") + command + QStringLiteral(": not implemented yet")),
                 qPrintable(r.err));
    }

    void demoUsageErrors()
    {
        for (const QStringList &args :
             {QStringList{QStringLiteral("--rate"), QStringLiteral("0")},
              QStringList{QStringLiteral("--rate"), QStringLiteral("50001")},
              QStringList{QStringLiteral("--seconds"), QStringLiteral("soon")}, QStringList{QStringLiteral("extra")}}) {
            const Run r = cdcctl(QStringList{QStringLiteral("demo")} + args);
            QCOMPARE(r.exitCode, 64);
            QVERIFY2(r.err.startsWith(QStringLiteral("cdcctl demo: ")), qPrintable(r.err));
            QVERIFY2(!r.out.contains(QStringLiteral("bootstrap=")), qPrintable(r.out)); // refused before starting
        }
    }

    void usageErrors()
    {
        QCOMPARE(cdcctl({}).exitCode, 64);
        const Run unknown = cdcctl({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 64);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command \"frobnicate\"")));
        const Run badOption = cdcctl({QStringLiteral("validate"), QStringLiteral("--no-such-option")});
        QCOMPARE(badOption.exitCode, 64);
        QVERIFY(badOption.err.contains(QStringLiteral("no-such-option")));
        QCOMPARE(cdcctl({QStringLiteral("validate")}).exitCode, 64);
    }

    void tailRefusesBadOptions()
    {
        const QString tail = QStringLiteral("tail");
        const Run from = cdcctl({tail, QStringLiteral("--from"), QStringLiteral("yesterday-ish")});
        QCOMPARE(from.exitCode, 64);
        QVERIFY2(from.err.contains(QStringLiteral("--from")), qPrintable(from.err));
        QCOMPARE(cdcctl({tail, QStringLiteral("--max"), QStringLiteral("0")}).exitCode, 64);
        QCOMPARE(cdcctl({tail, QStringLiteral("--order"), QStringLiteral("random")}).exitCode, 64);
        QCOMPARE(cdcctl({tail, QStringLiteral("--topics"), QStringLiteral("a"), QStringLiteral("--topic"),
                         QStringLiteral("b")})
                     .exitCode,
                 64);
        QCOMPARE(cdcctl({tail, QStringLiteral("a.cdcproj"), QStringLiteral("b.cdcproj")}).exitCode, 64);
        QCOMPARE(cdcctl({QStringLiteral("bench")}).exitCode, 64);
    }

    void tailReportsABadFilterWithItsColumn()
    {
        const Run r = cdcctl({QStringLiteral("tail"), QStringLiteral("--filter"), QStringLiteral("source:mysql op:"),
                              QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cdcctl tail: --filter column ")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void tailGivesUpOnAnUnreachableBrokerAfterTheTimeout()
    {
        const Run r = cdcctl({QStringLiteral("tail"), QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:1"),
                              QStringLiteral("--timeout"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no answer from the broker at 127.0.0.1:1")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void tailReportsAnUnreadableProject()
    {
        const Run r = cdcctl({QStringLiteral("tail"), QStringLiteral("/nonexistent/project.cdcproj")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/project.cdcproj")), qPrintable(r.err));
    }

    void deployRefusesBadCommandLines()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("one.cdcproj"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kOneConnectorProject);
        f.close();
        const QString deploy = QStringLiteral("deploy");

        QCOMPARE(cdcctl({deploy}).exitCode, 64);
        QCOMPARE(cdcctl({deploy, project, project}).exitCode, 64);
        const Run unreadable = cdcctl({deploy, QStringLiteral("/nonexistent/project.cdcproj")});
        QCOMPARE(unreadable.exitCode, 2);
        QVERIFY2(unreadable.err.contains(QStringLiteral("/nonexistent/project.cdcproj")), qPrintable(unreadable.err));
        const Run node = cdcctl({deploy, project, QStringLiteral("--node"), QStringLiteral("connector-nope")});
        QCOMPARE(node.exitCode, 64);
        QVERIFY2(node.err.contains(QStringLiteral("\"connector-nope\"")) &&
                     node.err.contains(QStringLiteral("connector-pg")),
                 qPrintable(node.err));
        const Run url = cdcctl({deploy, project, QStringLiteral("--connect"), QStringLiteral("ftp://example.org")});
        QCOMPARE(url.exitCode, 64);
        QVERIFY2(url.err.contains(QStringLiteral("is not a Kafka Connect URL")), qPrintable(url.err));
        QVERIFY(url.out.isEmpty());
    }

    void deployReportsAConnectThatIsDown()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("one.cdcproj"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kOneConnectorProject);
        f.close();
        const Run r = cdcctl({QStringLiteral("deploy"), project, QStringLiteral("--dry-run"),
                              QStringLiteral("--connect"), QStringLiteral("http://127.0.0.1:1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cdcctl deploy: ")) && r.err.contains(QStringLiteral("127.0.0.1:1")),
                 qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("create")), qPrintable(r.out)); // no plan without the cluster
    }

    void statusRefusesBadCommandLines()
    {
        QCOMPARE(cdcctl({QStringLiteral("status"), QStringLiteral("extra")}).exitCode, 64);
        const Run url = cdcctl({QStringLiteral("status"), QStringLiteral("--connect"), QStringLiteral("not a url")});
        QCOMPARE(url.exitCode, 64);
        QVERIFY2(url.err.contains(QStringLiteral("is not a Kafka Connect URL")), qPrintable(url.err));
    }

    void connectorRefusesBadCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString name = QStringLiteral("pg-outbox");
        QTest::newRow("nothing") << QStringList{} << QStringLiteral("give an action and a connector name");
        QTest::newRow("no name") << QStringList{QStringLiteral("pause")}
                                 << QStringLiteral("give an action and a connector name");
        QTest::newRow("unknown action") << QStringList{QStringLiteral("explode"), name}
                                        << QStringLiteral("unknown action \"explode\"");
        QTest::newRow("delete without --yes") << QStringList{QStringLiteral("delete"), name} << QStringLiteral("--yes");
        QTest::newRow("reset-offsets without --yes")
            << QStringList{QStringLiteral("reset-offsets"), name} << QStringLiteral("--yes");
        QTest::newRow("--task with pause")
            << QStringList{QStringLiteral("pause"), name, QStringLiteral("--task"), QStringLiteral("0")}
            << QStringLiteral("--task goes with restart only");
        QTest::newRow("--task not a number")
            << QStringList{QStringLiteral("restart"), name, QStringLiteral("--task"), QStringLiteral("first")}
            << QStringLiteral("--task takes a task number");
        QTest::newRow("--task and --include-tasks")
            << QStringList{QStringLiteral("restart"), name, QStringLiteral("--task"), QStringLiteral("1"),
                           QStringLiteral("--include-tasks")}
            << QStringLiteral("leave out --include-tasks");
        QTest::newRow("--only-failed with stop")
            << QStringList{QStringLiteral("stop"), name, QStringLiteral("--only-failed")}
            << QStringLiteral("go with restart only");
        QTest::newRow("--json with resume") << QStringList{QStringLiteral("resume"), name, QStringLiteral("--json")}
                                            << QStringLiteral("--json goes with offsets only");
        QTest::newRow("bad url") << QStringList{QStringLiteral("offsets"), name, QStringLiteral("--connect"),
                                                QStringLiteral("localhost")}
                                 << QStringLiteral("is not a Kafka Connect URL");
    }

    void connectorRefusesBadCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cdcctl(QStringList{QStringLiteral("connector")} + args);
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.startsWith(QStringLiteral("cdcctl connector: ")) && r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void lagRefusesBadCommandLines()
    {
        const QString lag = QStringLiteral("lag");
        const Run none = cdcctl({lag});
        QCOMPARE(none.exitCode, 64);
        QVERIFY2(none.err.startsWith(QStringLiteral("cdcctl lag: name one project file")), qPrintable(none.err));
        QCOMPARE(cdcctl({lag, QStringLiteral("a.cdcproj"), QStringLiteral("b.cdcproj")}).exitCode, 64);
        const Run interval =
            cdcctl({lag, QStringLiteral("a.cdcproj"), QStringLiteral("--interval"), QStringLiteral("50")});
        QCOMPARE(interval.exitCode, 64);
        QVERIFY2(interval.err.contains(QStringLiteral("--interval")), qPrintable(interval.err));
        QCOMPARE(
            cdcctl({lag, QStringLiteral("a.cdcproj"), QStringLiteral("--interval"), QStringLiteral("often")}).exitCode,
            64);
        const Run seconds =
            cdcctl({lag, QStringLiteral("a.cdcproj"), QStringLiteral("--seconds"), QStringLiteral("0")});
        QCOMPARE(seconds.exitCode, 64);
        QVERIFY2(seconds.err.contains(QStringLiteral("--seconds")), qPrintable(seconds.err));
        const Run unreadable = cdcctl({lag, QStringLiteral("/nonexistent/project.cdcproj")});
        QCOMPARE(unreadable.exitCode, 2);
        QVERIFY2(unreadable.err.contains(QStringLiteral("/nonexistent/project.cdcproj")), qPrintable(unreadable.err));
        QVERIFY(unreadable.out.isEmpty());
    }

    void lagSaysWhenThereIsNothingToMeasure()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("sink.cdcproj"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": 1, \"topology\": {\"nodes\": [{\"id\": \"s\", \"kind\": \"sink\", \"name\": \"s\", "
                "\"position\": [0, 0], \"properties\": {}}], \"edges\": []}}");
        f.close();
        const Run r = run(QStringLiteral(CDCCTL_PATH), {QStringLiteral("lag"), project}, withoutStack());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("has nothing to measure")), qPrintable(r.err));
    }

    void lagReportsEverySamplerItCannotReach()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("unreachable.cdcproj"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(unreachableLagProject());
        f.close();
        const Run r = run(QStringLiteral(CDCCTL_PATH),
                          {QStringLiteral("lag"), project, QStringLiteral("--interval"), QStringLiteral("200"),
                           QStringLiteral("--seconds"), QStringLiteral("20")},
                          withoutStack());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cdcctl lag: PostgreSQL slots at 127.0.0.1:1: PostgreSQL at 127.0.0.1:1 "
                                               "does not answer as debezium")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("cdcctl lag: MySQL lag of my-outbox: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("cdcctl lag: Consumer groups at 127.0.0.1:4: Kafka at 127.0.0.1:4 "
                                               "does not answer")),
                 qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // no value is made up
    }

    void validateTheBundledTemplate()
    {
        const Run r = cdcctl({QStringLiteral("validate"), QStringLiteral("--template"), QStringLiteral("capstone")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("template:capstone: ok (9 nodes, 9 edges, 2 connectors)"));
    }

    void validateReportsWhereAFileIsBroken()
    {
        QTemporaryDir dir;
        const QString good = dir.filePath(QStringLiteral("good.cdcproj"));
        const QString bad = dir.filePath(QStringLiteral("bad.cdcproj"));
        QFile g(good);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(R"({"format": 1})");
        g.close();
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("{\n\"format\": 1,\n\"topology\": [}\n");
        b.close();

        const Run r = cdcctl({QStringLiteral("validate"), good, bad});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out.trimmed(), good + QStringLiteral(": ok (0 nodes, 0 edges, 0 connectors)"));
        QVERIFY2(r.err.contains(QStringLiteral("ERROR ") + bad +
                                QStringLiteral(":line 3, column 14: The file is not valid JSON.")),
                 qPrintable(r.err));
    }

    void validateAConnectorConfigOneDiagnosticPerLine()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("old.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"name": "legacy", "config": {
            "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
            "database.hostname": "db", "database.user": "u", "database.dbname": "shop",
            "database.password": "secret", "database.server.name": "shop", "plugin.name": "pgoutput"}})");
        f.close();
        const Run r = cdcctl({QStringLiteral("validate"), file});
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(
            lines[0].startsWith(QStringLiteral("WARNING ") + file + QStringLiteral("[legacy] database.server.name: ")),
            qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(QStringLiteral("ERROR ") + file + QStringLiteral("[legacy] topic.prefix: ")),
                 qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(QStringLiteral("ERROR ") + file + QStringLiteral("[legacy] database.password: ")),
                 qPrintable(lines[2]));
        QVERIFY(!r.out.contains(QStringLiteral("secret\"")));
    }

    void validateExitsOneOnlyOnErrorsAndStrictOnWarnings()
    {
        // Issue 21: an old key beside its new one runs on Debezium 3: a warning, exit 0; --strict fails.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("both.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"name\": \"both\", \"config\": {"
                "\"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\","
                "\"database.hostname\": \"db\", \"database.user\": \"u\", \"database.dbname\": \"shop\","
                "\"database.password\": \"${env:PG_PASSWORD}\", \"plugin.name\": \"pgoutput\","
                "\"topic.prefix\": \"shop\", \"database.server.name\": \"shop\"}}");
        f.close();
        const Run lenient = cdcctl({QStringLiteral("validate"), file});
        QCOMPARE(lenient.exitCode, 0);
        QVERIFY2(
            lenient.out.startsWith(QStringLiteral("WARNING ") + file + QStringLiteral("[both] database.server.name: ")),
            qPrintable(lenient.out));
        QVERIFY(lenient.out.contains(QStringLiteral("Remove the old key database.server.name.")));
        const Run strict = cdcctl({QStringLiteral("validate"), QStringLiteral("--strict"), file});
        QCOMPARE(strict.exitCode, 1);
        QCOMPARE(strict.out, lenient.out);
    }

    void validateTakesNullAsUnset()
    {
        // Issue 21: "database.password": null is how users post configs; Connect takes it as unset. The
        // file is read, its findings printed, and the run's exit code is the findings', not 2.
        QTemporaryDir dir;
        const QString withNull = dir.filePath(QStringLiteral("null.json"));
        QFile f(withNull);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\", \"name\": \"n\","
                "\"database.hostname\": \"db\", \"database.user\": \"u\", \"database.dbname\": \"shop\","
                "\"database.password\": null, \"plugin.name\": \"pgoutput\", \"topic.prefix\": \"shop\","
                "\"slot.name\": null}");
        f.close();
        const Run alone = cdcctl({QStringLiteral("validate"), withNull});
        QCOMPARE(alone.exitCode, 0);
        QCOMPARE(
            alone.out.split(u'\n', Qt::SkipEmptyParts),
            (QStringList{QStringLiteral("INFO ") + withNull +
                             QStringLiteral("[n] database.password: database.password is null: Kafka Connect takes "
                                            "it as unset."),
                         QStringLiteral("INFO ") + withNull +
                             QStringLiteral("[n] slot.name: slot.name is null: Kafka Connect takes it as unset.")}));

        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        QFile b(broken);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("{\"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\", \"tasks.max\": [1]}");
        b.close();
        const Run both = cdcctl({QStringLiteral("validate"), withNull, broken});
        QCOMPARE(both.exitCode, 2); // the broken one, not the null one
        QVERIFY2(both.err.contains(broken + QStringLiteral(":/tasks.max")), qPrintable(both.err));
        QVERIFY(!both.err.contains(withNull));
    }

    void validateWithAWorkerThatDoesNotAnswer()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("c.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\"}");
        f.close();
        const Run r = cdcctl(
            {QStringLiteral("validate"), QStringLiteral("--connect"), QStringLiteral("http://127.0.0.1:1"), file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("cannot list the plugins of http://127.0.0.1:1")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty()); // nothing judged without the worker it was asked to judge against
        QCOMPARE(
            cdcctl({QStringLiteral("validate"), QStringLiteral("--connect"), QStringLiteral("ftp://x"), file}).exitCode,
            2);
    }

    void renderListsAndExports()
    {
        const Run list = cdcctl({QStringLiteral("render"), QStringLiteral("--template"), QStringLiteral("capstone"),
                                 QStringLiteral("--list")});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.out, QStringLiteral("postgres-outbox\tio.debezium.connector.postgresql.PostgresConnector\n"
                                          "mysql-outbox\tio.debezium.connector.mariadb.MariaDbConnector\n"));
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("put"), QStringLiteral("curl"),
                                      QStringLiteral("properties"), QStringLiteral("strimzi"), QStringLiteral("ddl")}) {
            const Run r = cdcctl({QStringLiteral("render"), QStringLiteral("--template"), QStringLiteral("capstone"),
                                  QStringLiteral("--connector"), QStringLiteral("mysql-outbox"),
                                  QStringLiteral("--format"), format});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains(format == QLatin1String("ddl")
                                        ? QStringLiteral("capstone.outbox")
                                        : QStringLiteral("outbox.event.mysql.${routedByValue}")),
                     qPrintable(format + u'\n' + r.out));
        }
        const Run pyflink = cdcctl({QStringLiteral("render"), QStringLiteral("--template"), QStringLiteral("capstone"),
                                    QStringLiteral("--format"), QStringLiteral("pyflink")});
        QCOMPARE(pyflink.exitCode, 0);
        QVERIFY(pyflink.out.contains(QStringLiteral("GROUP_ID = \"unified-orders\"")));
        const Run unknown = cdcctl({QStringLiteral("render"), QStringLiteral("--template"), QStringLiteral("capstone"),
                                    QStringLiteral("--connector"), QStringLiteral("nope")});
        QCOMPARE(unknown.exitCode, 64);
        QVERIFY(unknown.err.contains(QStringLiteral("postgres-outbox, mysql-outbox")));
    }

    void studioVersionNeedsNoDisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const Run r = run(QStringLiteral(CDC_STUDIO_PATH), {QStringLiteral("--version")}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("cdc-studio ") + cdc::buildinfo::applicationVersion() + u'\n'));

        const Run help = run(QStringLiteral(CDC_STUDIO_PATH), {QStringLiteral("--help")}, env);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("--template")));
    }

    // The install test (packaging/package-test) looks at the installed GUI through this option.
    void studioScreenshotSavesTheMainWindowAndQuits()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        const QString file = home.filePath(QStringLiteral("window.png"));
        const Run r = run(
            QStringLiteral(CDC_STUDIO_PATH),
            {QStringLiteral("--screenshot"), file, QStringLiteral("--screenshot-delay"), QStringLiteral("200")}, env);
        QCOMPARE(r.exitCode, 0);
        const QImage shot(file);
        // The first run's size: 1400×900, or maximised on a smaller screen (offscreen's is 800×600).
        QVERIFY2(shot.width() >= 640 && shot.height() >= 480,
                 qPrintable(QStringLiteral("%1×%2").arg(shot.width()).arg(shot.height())));
        QSet<QRgb> colours; // not one flat colour: a grid of samples finds the window's many
        for (int y = 0; y < shot.height(); y += 16) {
            for (int x = 0; x < shot.width(); x += 16)
                colours.insert(shot.pixel(x, y));
        }
        QVERIFY2(colours.size() >= 8, qPrintable(QString::number(colours.size())));

        const Run bad = run(
            QStringLiteral(CDC_STUDIO_PATH),
            {QStringLiteral("--screenshot"), file, QStringLiteral("--screenshot-delay"), QStringLiteral("soon")}, env);
        QCOMPARE(bad.exitCode, 64);
        QVERIFY(bad.err.contains(QStringLiteral("--screenshot-delay")));

        const Run unwritable = run(QStringLiteral(CDC_STUDIO_PATH),
                                   {QStringLiteral("--screenshot"), home.filePath(QStringLiteral("no/such/dir/w.png")),
                                    QStringLiteral("--screenshot-delay"), QStringLiteral("0")},
                                   env);
        QCOMPARE(unwritable.exitCode, 1);
        QVERIFY(unwritable.err.contains(QStringLiteral("cannot save the screenshot")));
    }
};

QTEST_GUILESS_MAIN(TstCdcctl)
#include "tst_cdcctl.moc"
