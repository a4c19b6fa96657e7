// SPDX-License-Identifier: GPL-3.0-or-later
// The Deployer against a scripted worker: validation before anything is applied, nothing applied when
// one connector is refused, creates and updates in plan order, and the first HTTP failure stops it.
#include "connect/deployer.h"
#include "support/fakeconnect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace cdc;
using namespace cdc::connect;

namespace {

const QString kClass = QStringLiteral("io.debezium.connector.postgresql.PostgresConnector");
const QString kValidatePath = QStringLiteral("/connector-plugins/") + kClass + QStringLiteral("/config/validate");

// PUT .../config/validate's answer: one clean property, and one per (property, error).
QByteArray validation(const QList<std::pair<QString, QString>> &errors = {})
{
    QJsonArray configs;
    const auto property = [](const QString &name, const QJsonArray &errors) -> QJsonObject {
        return {{QStringLiteral("definition"), QJsonObject{{QStringLiteral("name"), name},
                                                           {QStringLiteral("group"), QStringLiteral("Connection")},
                                                           {QStringLiteral("required"), false}}},
                {QStringLiteral("value"), QJsonObject{{QStringLiteral("name"), name},
                                                      {QStringLiteral("value"), QStringLiteral("x")},
                                                      {QStringLiteral("errors"), errors}}}};
    };
    configs.append(property(QStringLiteral("topic.prefix"), {}));
    for (const auto &[name, error] : errors)
        configs.append(property(name, QJsonArray{error}));
    const QJsonObject o{{QStringLiteral("name"), kClass},
                        {QStringLiteral("error_count"), int(errors.size())},
                        {QStringLiteral("groups"), QJsonArray{}},
                        {QStringLiteral("configs"), configs}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray info(const QString &name)
{
    const QJsonObject o{{QStringLiteral("name"), name},
                        {QStringLiteral("type"), QStringLiteral("source")},
                        {QStringLiteral("config"), QJsonObject{{QStringLiteral("connector.class"), kClass}}},
                        {QStringLiteral("tasks"), QJsonArray{}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

PlannedConnector planned(PlannedConnector::Action action, const QString &name, const QString &prefix)
{
    PlannedConnector c;
    c.action = action;
    c.name = name;
    c.nodeId = QStringLiteral("node-") + name;
    c.config = {{QStringLiteral("connector.class"), kClass}, {QStringLiteral("topic.prefix"), prefix}};
    if (action == PlannedConnector::Action::Update)
        c.changes = {ConfigChange{QStringLiteral("topic.prefix"), QStringLiteral("old"), prefix, false, false}};
    return c;
}

// The verbs and paths the fake saw, in order, without the validations.
QStringList applied(const FakeConnect &fake)
{
    QStringList out;
    for (const FakeConnect::Seen &s : fake.seen()) {
        if (!s.pathAndQuery.endsWith(QLatin1String("/validate")))
            out << QString::fromLatin1(s.verb) + u' ' + s.pathAndQuery;
    }
    return out;
}

} // namespace

class TstDeployer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validatesThenAppliesInOrder()
    {
        FakeConnect fake;
        fake.on("PUT", kValidatePath, {200, validation()});
        fake.on("POST", QStringLiteral("/connectors"), {201, info(QStringLiteral("a"))});
        fake.on("PUT", QStringLiteral("/connectors/b/config"), {200, info(QStringLiteral("b"))});
        ClusterSettings settings;
        settings.url = fake.url();
        ConnectClient client(settings);
        DeployPlan plan;
        plan.connectors = {planned(PlannedConnector::Action::Create, QStringLiteral("a"), QStringLiteral("pa")),
                           planned(PlannedConnector::Action::Unchanged, QStringLiteral("same"), QStringLiteral("ps")),
                           planned(PlannedConnector::Action::Update, QStringLiteral("b"), QStringLiteral("pb"))};

        Deployer deployer(&client, plan);
        QSignalSpy finished(&deployer, &Deployer::finished);
        QSignalSpy progress(&deployer, &Deployer::progress);
        deployer.start();
        QVERIFY(deployer.isRunning());
        QVERIFY(finished.isEmpty()); // never from inside start()
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!deployer.isRunning());

        QCOMPARE(fake.count("PUT", kValidatePath), 2); // not for the unchanged one
        QCOMPARE(applied(fake),
                 (QStringList{QStringLiteral("POST /connectors"), QStringLiteral("PUT /connectors/b/config")}));
        // Both validated before either was applied; the validated config names the connector.
        QVERIFY(fake.seen().at(0).pathAndQuery.endsWith(QLatin1String("/validate")));
        QVERIFY(fake.seen().at(1).pathAndQuery.endsWith(QLatin1String("/validate")));
        QCOMPARE(QJsonDocument::fromJson(fake.seen().at(0).body).object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("a"));
        const QJsonObject created = QJsonDocument::fromJson(fake.seen().at(2).body).object();
        QCOMPARE(created.value(QStringLiteral("name")).toString(), QStringLiteral("a"));
        QCOMPARE(created.value(QStringLiteral("config")).toObject().value(QStringLiteral("topic.prefix")).toString(),
                 QStringLiteral("pa"));

        const QList<Deployer::Outcome> &outcomes = deployer.outcomes();
        QCOMPARE(outcomes.size(), 3);
        QVERIFY(outcomes[0].ok && outcomes[1].ok && outcomes[2].ok);
        QCOMPARE(outcomes[0].message, QStringLiteral("created"));
        QCOMPARE(outcomes[1].action, PlannedConnector::Action::Unchanged);
        QCOMPARE(outcomes[2].message, QStringLiteral("updated (1 change)"));

        // 2 validations + 2 applies, counted up to the end.
        QVERIFY(progress.size() >= 4);
        QCOMPARE(progress.last().at(0).toInt(), 4);
        QCOMPARE(progress.last().at(1).toInt(), 4);
    }

    void aRefusedConnectorStopsEverything()
    {
        FakeConnect fake;
        // The first validation is clean, the second refuses the password.
        fake.onSequence("PUT", kValidatePath,
                        {{200, validation()},
                         {200, validation({{QStringLiteral("database.password"),
                                            QStringLiteral("Unable to connect: password authentication failed")}})}});
        ClusterSettings settings;
        settings.url = fake.url();
        ConnectClient client(settings);
        DeployPlan plan;
        plan.connectors = {planned(PlannedConnector::Action::Create, QStringLiteral("a"), QStringLiteral("pa")),
                           planned(PlannedConnector::Action::Create, QStringLiteral("b"), QStringLiteral("pb"))};

        Deployer deployer(&client, plan);
        QSignalSpy finished(&deployer, &Deployer::finished);
        deployer.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(applied(fake).isEmpty());
        const QList<Deployer::Outcome> &outcomes = deployer.outcomes();
        QVERIFY(outcomes[0].ok);
        QVERIFY(!outcomes[1].ok);
        QCOMPARE(outcomes[1].refused.size(), 1);
        QCOMPARE(outcomes[1].refused[0].name, QStringLiteral("database.password"));
        QCOMPARE(outcomes[1].refused[0].errors,
                 QStringList{QStringLiteral("Unable to connect: password authentication failed")});
        QVERIFY2(outcomes[1].message.contains(QStringLiteral("nothing was applied")), qPrintable(outcomes[1].message));
    }

    void theFirstHttpFailureStops()
    {
        FakeConnect fake;
        fake.on("PUT", kValidatePath, {200, validation()});
        fake.on("POST", QStringLiteral("/connectors"),
                {409, QByteArrayLiteral("{\"error_code\":409,\"message\":\"Connector a already exists\"}")});
        ClusterSettings settings;
        settings.url = fake.url();
        ConnectClient client(settings);
        DeployPlan plan;
        plan.connectors = {planned(PlannedConnector::Action::Create, QStringLiteral("a"), QStringLiteral("pa")),
                           planned(PlannedConnector::Action::Update, QStringLiteral("b"), QStringLiteral("pb"))};

        Deployer deployer(&client, plan);
        QSignalSpy finished(&deployer, &Deployer::finished);
        deployer.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(applied(fake), QStringList{QStringLiteral("POST /connectors")}); // b never attempted
        const QList<Deployer::Outcome> &outcomes = deployer.outcomes();
        QVERIFY(!outcomes[0].ok);
        QVERIFY2(outcomes[0].message.contains(QStringLiteral("Connector a already exists")),
                 qPrintable(outcomes[0].message));
        QVERIFY(outcomes[1].ok);
        QCOMPARE(outcomes[1].message, QStringLiteral("not applied"));
    }

    void aPlanWithNothingToDoFinishesLater()
    {
        ClusterSettings settings;
        settings.url = QUrl(QStringLiteral("http://127.0.0.1:1"));
        ConnectClient client(settings);
        DeployPlan plan;
        plan.connectors = {planned(PlannedConnector::Action::Unchanged, QStringLiteral("a"), QStringLiteral("pa"))};
        Deployer deployer(&client, plan);
        QSignalSpy finished(&deployer, &Deployer::finished);
        deployer.start();
        QVERIFY(finished.isEmpty());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(deployer.outcomes().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstDeployer)
#include "tst_deployer.moc"
