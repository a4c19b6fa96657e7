// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the project file: round trips of every node kind, refusal of broken and newer files.
#include "topology/projectdocument.h"
#include "topology/projectfile.h"
#include "topology/templates.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cdc::topology;

namespace {

Project everyKind()
{
    Project p;
    p.name = QStringLiteral("Round trip ✓");
    p.description = QStringLiteral("all kinds \"quoted\"\nsecond line");
    qreal x = 0;
    for (NodeKind kind : allNodeKinds) {
        Node n;
        n.id = QStringLiteral("id-") + nodeKindKey(kind);
        n.kind = kind;
        n.name = nodeKindDisplayName(kind);
        n.position = QPointF(x, -x / 2 + 0.25);
        n.properties.insert(QStringLiteral("key.") + nodeKindKey(kind), QStringLiteral("value ${env:X} ü"));
        p.nodes.push_back(n);
        x += 100;
    }
    p.edges = {{QStringLiteral("id-postgres"), QStringLiteral("id-connector")},
               {QStringLiteral("id-connect"), QStringLiteral("id-connector")},
               {QStringLiteral("id-connector"), QStringLiteral("id-topic")},
               {QStringLiteral("id-topic"), QStringLiteral("id-consumer")},
               {QStringLiteral("id-consumer"), QStringLiteral("id-sink")}};
    p.viewer = {{"subscription", "^outbox\\..*"}, {"columns", {"tag", "key"}}};
    return p;
}

QByteArray withFormat(int format)
{
    return QStringLiteral(R"({"format": %1, "topology": {"nodes": [], "edges": []}})").arg(format).toUtf8();
}

} // namespace

class TstProjectFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryNodeKind()
    {
        const Project original = everyKind();
        const QByteArray bytes = serializeProject(original);
        const auto parsed = parseProject(bytes, QStringLiteral("mem"));
        QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().toString()));
        const Project &p = parsed.value();
        QCOMPARE(p.name, original.name);
        QCOMPARE(p.description, original.description);
        QCOMPARE(p.nodes.size(), allNodeKinds.size());
        for (std::size_t i = 0; i < p.nodes.size(); ++i)
            QCOMPARE(p.nodes[i], original.nodes[i]);
        QCOMPARE(p.edges.size(), original.edges.size());
        for (std::size_t i = 0; i < p.edges.size(); ++i)
            QCOMPARE(p.edges[i], original.edges[i]);
        QCOMPARE(QString::fromStdString(p.viewer.dump()), QString::fromStdString(original.viewer.dump()));
        // A second trip gives the same bytes: saving an unchanged project changes nothing on disk.
        QCOMPARE(serializeProject(p), bytes);
    }

    void connectClustersRoundTrip()
    {
        Project original = everyKind();
        original.clusters = {
            {QStringLiteral("local"), QStringLiteral("http://localhost:8083"), {}, {}, {}},
            {QStringLiteral("prod"), QStringLiteral("https://connect.example.com:8443"), QStringLiteral("deployer"),
             QStringLiteral("${file:/etc/cdc/connect.properties:password}"), QStringLiteral("/etc/cdc/ca.pem")},
            {QStringLiteral("staging"),
             QStringLiteral("http://staging:8083"),
             QStringLiteral("admin"),
             QStringLiteral("${env:STAGING_CONNECT_PASSWORD}"),
             {}},
        };
        const QByteArray bytes = serializeProject(original);
        QVERIFY(!bytes.contains("\"password\""));
        const auto parsed = parseProject(bytes, QStringLiteral("mem"));
        QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().toString()));
        QCOMPARE(parsed.value().clusters.size(), original.clusters.size());
        for (std::size_t i = 0; i < original.clusters.size(); ++i)
            QVERIFY(parsed.value().clusters[i] == original.clusters[i]);
        QCOMPARE(serializeProject(parsed.value()), bytes);
        QCOMPARE(nlohmann::json::parse(bytes.toStdString()).at("format").get<int>(), 1);
    }

    void documentKeepsClustersWithUndo()
    {
        Project project;
        project.name = QStringLiteral("p");
        project.clusters = {
            ConnectClusterEntry{QStringLiteral("local"), QStringLiteral("http://127.0.0.1:8083"), {}, {}, {}}};
        ProjectDocument document;
        QVERIFY(document.load(project, {}));
        QCOMPARE(document.clusters().size(), std::size_t(1));
        QVERIFY(!document.isModified());

        int changed = 0;
        connect(&document, &ProjectDocument::clustersChanged, this, [&changed] { ++changed; });
        std::vector<ConnectClusterEntry> two = document.clusters();
        two.push_back({QStringLiteral("prod"),
                       QStringLiteral("https://connect.example:8443"),
                       QStringLiteral("ops"),
                       QStringLiteral("${env:CONNECT_PASSWORD}"),
                       {}});
        document.setClusters(two);
        QCOMPARE(changed, 1);
        QVERIFY(document.isModified());
        QCOMPARE(document.snapshot().clusters.size(), std::size_t(2));
        QVERIFY(document.snapshot().clusters[1] == two[1]);

        document.setClusters(two); // the same list: no step
        QCOMPARE(document.undoStack()->count(), 1);

        document.undoStack()->undo();
        QCOMPARE(changed, 2);
        QCOMPARE(document.clusters().size(), std::size_t(1));
        QVERIFY(!document.isModified());
        document.undoStack()->redo();
        QCOMPARE(document.clusters().size(), std::size_t(2));
    }

    void projectsWithoutClustersStayAsTheyWere()
    {
        const QByteArray bytes = serializeProject(everyKind());
        QVERIFY(!bytes.contains("connectClusters"));
        const auto parsed = parseProject(bytes, QStringLiteral("mem"));
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value().clusters.empty());
    }

    void lagSettingsRoundTrip()
    {
        Project original = everyKind();
        original.lag = {{"postgres", {{"warningBytes", 1000}, {"criticalBytes", 2000}}},
                        {"mysql", {{"warningMs", 2500.5}}},
                        {"chart", {{"window", "1h"}}}};
        const QByteArray bytes = serializeProject(original);
        QVERIFY(bytes.contains("\"lag\""));
        const auto parsed = parseProject(bytes, QStringLiteral("mem"));
        QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().toString()));
        QVERIFY(parsed.value().lag == original.lag);
        QCOMPARE(serializeProject(parsed.value()), bytes);
    }

    void projectsWithoutLagSettingsStayAsTheyWere()
    {
        Project project = everyKind();
        const QByteArray bytes = serializeProject(project);
        QVERIFY(!bytes.contains("\"lag\""));
        const auto parsed = parseProject(bytes, QStringLiteral("mem"));
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value().lag.is_object());
        QVERIFY(parsed.value().lag.empty());
        // An empty object is not written either.
        project.lag = nlohmann::json::object();
        QCOMPARE(serializeProject(project), bytes);
    }

    void documentKeepsLagSettingsWithUndo()
    {
        Project project = everyKind();
        project.lag = {{"mysql", {{"warningMs", 5000}}}};
        ProjectDocument document;
        QVERIFY(document.load(project, {}));
        QVERIFY(document.lagSettings() == project.lag);
        QVERIFY(!document.isModified());

        int changed = 0;
        connect(&document, &ProjectDocument::lagSettingsChanged, this, [&changed] { ++changed; });
        const nlohmann::json stricter = {{"mysql", {{"warningMs", 1000}, {"criticalMs", 3000}}}};
        document.setLagSettings(stricter);
        QCOMPARE(changed, 1);
        QVERIFY(document.isModified());
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(document.lagSettings() == stricter);
        QVERIFY(document.snapshot().lag == stricter);

        document.setLagSettings(stricter); // the same settings: no step
        QCOMPARE(document.undoStack()->count(), 1);

        document.undoStack()->undo();
        QCOMPARE(changed, 2);
        QVERIFY(document.lagSettings() == project.lag);
        QVERIFY(!document.isModified());
        document.undoStack()->redo();
        QCOMPARE(changed, 3);
        QVERIFY(document.lagSettings() == stricter);

        // Null means "none": the empty object, written as nothing.
        document.setLagSettings(nlohmann::json());
        QVERIFY(document.lagSettings().is_object());
        QVERIFY(document.lagSettings().empty());
        QVERIFY(!serializeProject(document.snapshot()).contains("\"lag\""));

        // Saved and reopened, the settings come back.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lag.cdcproj"));
        document.undoStack()->undo();
        QVERIFY(document.saveAs(path));
        ProjectDocument reopened;
        QVERIFY(reopened.open(path));
        QVERIFY(reopened.lagSettings() == stricter);
    }

    void writesTheCurrentFormatVersion()
    {
        const auto doc = nlohmann::json::parse(serializeProject(everyKind()).toStdString());
        QCOMPARE(doc.at("format").get<int>(), kProjectFormatVersion);
    }

    void bundledCapstoneTemplateLoads()
    {
        const ProjectTemplate *t = findTemplate(QStringLiteral("capstone"));
        QVERIFY(t);
        const auto project = loadTemplate(*t);
        QVERIFY2(project.ok(), qPrintable(project ? QString() : project.error().toString()));
        const Project &p = project.value();
        int postgres = 0, mysql = 0, connectors = 0;
        QStringList replacements;
        for (const Node &n : p.nodes) {
            postgres += n.kind == NodeKind::PostgresDatabase;
            mysql += n.kind == NodeKind::MySqlDatabase;
            if (n.kind == NodeKind::Connector) {
                ++connectors;
                replacements << n.properties.value(QStringLiteral("transforms.outbox.route.topic.replacement"));
                // No password in plain text: only config-provider references.
                QVERIFY(n.properties.value(QStringLiteral("database.password")).startsWith(QStringLiteral("${file:")));
            }
        }
        QCOMPARE(postgres, 1);
        QCOMPARE(mysql, 1);
        QCOMPARE(connectors, 2);
        replacements.sort();
        QCOMPARE(replacements, (QStringList{QStringLiteral("outbox.event.mysql.${routedByValue}"),
                                            QStringLiteral("outbox.event.postgres.${routedByValue}")}));
    }

    void refusesBrokenFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");

        QTest::newRow("not json") << QByteArray("{\n  \"format\": 1,\n  \"topology\": {,\n}")
                                  << QStringLiteral("f:line 3, column 16") << QStringLiteral("not valid JSON");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("f:line 1, column 1")
                               << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("f:/") << QStringLiteral("JSON object");
        QTest::newRow("no format") << QByteArray("{}") << QStringLiteral("f:/format")
                                   << QStringLiteral("no \"format\"");
        QTest::newRow("format text") << QByteArray(R"({"format":"1"})") << QStringLiteral("f:/format")
                                     << QStringLiteral("whole number");
        QTest::newRow("format zero") << withFormat(0) << QStringLiteral("f:/format")
                                     << QStringLiteral("does not exist");
        QTest::newRow("unknown kind") << QByteArray(R"({"format":1,"topology":{"nodes":[{"id":"a","kind":"oracle"}]}})")
                                      << QStringLiteral("f:/topology/nodes/0/kind")
                                      << QStringLiteral("Unknown node kind \"oracle\"");
        QTest::newRow("node without id") << QByteArray(R"({"format":1,"topology":{"nodes":[{"kind":"sink"}]}})")
                                         << QStringLiteral("f:/topology/nodes/0/id") << QStringLiteral("\"id\"");
        QTest::newRow("number property")
            << QByteArray(
                   R"({"format":1,"topology":{"nodes":[{"id":"c","kind":"connector","properties":{"tasks.max":1}}]}})")
            << QStringLiteral("f:/topology/nodes/0/properties/tasks.max") << QStringLiteral("Property values are text");
        QTest::newRow("bad position")
            << QByteArray(R"({"format":1,"topology":{"nodes":[{"id":"c","kind":"sink","position":[1]}]}})")
            << QStringLiteral("f:/topology/nodes/0/position") << QStringLiteral("two numbers");
        QTest::newRow("dangling edge")
            << QByteArray(
                   R"({"format":1,"topology":{"nodes":[{"id":"c","kind":"connector"}],"edges":[{"from":"c","to":"x"}]}})")
            << QStringLiteral("f:/topology") << QStringLiteral("does not exist (\"x\")");
        QTest::newRow("meaningless edge")
            << QByteArray(
                   R"({"format":1,"topology":{"nodes":[{"id":"s","kind":"sink"},{"id":"p","kind":"postgres"}],"edges":[{"from":"s","to":"p"}]}})")
            << QStringLiteral("f:/topology") << QStringLiteral("cannot feed");
        QTest::newRow("clusters not a list")
            << QByteArray(R"({"format":1,"connectClusters":{"name":"local"}})") << QStringLiteral("f:/connectClusters")
            << QStringLiteral("must be a list");
        QTest::newRow("cluster url number")
            << QByteArray(R"({"format":1,"connectClusters":[{"name":"local","url":8083}]})")
            << QStringLiteral("f:/connectClusters/0/url") << QStringLiteral("Expected text");
        QTest::newRow("cluster without url") << QByteArray(R"({"format":1,"connectClusters":[{"name":"local"}]})")
                                             << QStringLiteral("f:/connectClusters/0/url") << QStringLiteral("\"url\"");
        QTest::newRow("cluster url not http")
            << QByteArray(R"({"format":1,"connectClusters":[{"name":"local","url":"ftp:\/\/connect:8083"}]})")
            << QStringLiteral("f:/connectClusters/0/url") << QStringLiteral("not an http:// or https:// URL");
        QTest::newRow("cluster without name")
            << QByteArray(R"({"format":1,"connectClusters":[{"url":"http:\/\/c:8083"}]})")
            << QStringLiteral("f:/connectClusters/0/name") << QStringLiteral("\"name\"");
        QTest::newRow("cluster names twice")
            << QByteArray(
                   R"({"format":1,"connectClusters":[{"name":"a","url":"http:\/\/c:8083"},{"name":"a","url":"http:\/\/d:8083"}]})")
            << QStringLiteral("f:/connectClusters/1/name")
            << QStringLiteral("Two Kafka Connect clusters are named \"a\"");
        QTest::newRow("cluster plain password")
            << QByteArray(
                   R"({"format":1,"connectClusters":[{"name":"a","url":"http:\/\/c:8083","username":"u","password":"hunter2"}]})")
            << QStringLiteral("f:/connectClusters/0/password") << QStringLiteral("password in plain text");
        QTest::newRow("cluster reference not a reference")
            << QByteArray(
                   R"({"format":1,"connectClusters":[{"name":"a","url":"http:\/\/c:8083","passwordReference":"hunter2"}]})")
            << QStringLiteral("f:/connectClusters/0/passwordReference") << QStringLiteral("${env:NAME}");
        QTest::newRow("lag not an object") << QByteArray(R"({"format":1,"lag":[1]})") << QStringLiteral("f:/lag")
                                           << QStringLiteral("\"lag\" must be an object");
        QTest::newRow("duplicate id")
            << QByteArray(R"({"format":1,"topology":{"nodes":[{"id":"s","kind":"sink"},{"id":"s","kind":"topic"}]}})")
            << QStringLiteral("f:/topology") << QStringLiteral("already has the id \"s\"");
    }

    void refusesBrokenFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, what);
        const auto result = parseProject(bytes, QStringLiteral("f"));
        QVERIFY(!result);
        QCOMPARE(result.error().where, where);
        QVERIFY2(result.error().what.contains(what), qPrintable(result.error().what));
    }

    void refusesNewerFormatWithoutTouchingTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.cdcproj"));
        const QByteArray future = withFormat(kProjectFormatVersion + 1);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(future);
        }
        ProjectDocument document;
        QVERIFY(document.load(everyKind(), {}));
        const auto result = document.open(path);
        QVERIFY(!result);
        QVERIFY(
            result.error().what.contains(QStringLiteral("newer CDC Studio (format %1").arg(kProjectFormatVersion + 1)));
        QCOMPARE(result.error().where, path + QStringLiteral(":/format"));
        // The document kept what it had, and the file on disk is as it was.
        QCOMPARE(document.topology()->nodes().size(), allNodeKinds.size());
        QVERIFY(document.filePath().isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), future);
    }

    void saveAndReopenThroughTheDocument()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.cdcproj"));
        ProjectDocument document;
        QVERIFY(document.load(everyKind(), {}));
        QVERIFY(document.saveAs(path));
        QCOMPARE(document.filePath(), path);
        QVERIFY(!document.isModified());

        ProjectDocument reopened;
        QVERIFY(reopened.open(path));
        QCOMPARE(reopened.topology()->nodes(), document.topology()->nodes());
        QCOMPARE(reopened.topology()->edges(), document.topology()->edges());
    }

    void failedSaveReportsThePathAndKeepsNoPartialFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing-folder/p.cdcproj"));
        const auto result = saveProjectFile(path, everyKind());
        QVERIFY(!result);
        QCOMPARE(result.error().where, path);
        QVERIFY(!QFile::exists(path));
    }

    void missingFileIsAnErrorWithThePath()
    {
        const auto result = loadProjectFile(QStringLiteral("/nonexistent/x.cdcproj"));
        QVERIFY(!result);
        QCOMPARE(result.error().where, QStringLiteral("/nonexistent/x.cdcproj"));
    }
};

QTEST_GUILESS_MAIN(TstProjectFile)
#include "tst_projectfile.moc"
