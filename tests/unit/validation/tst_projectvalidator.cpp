// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the project-wide validation: each seeded mistake is flagged on the right node.
#include "topology/templates.h"
#include "validation/projectvalidator.h"

#include <QTest>

using namespace cdc;
using cdc::topology::Node;

namespace {

topology::Project capstone()
{
    return topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone"))).value();
}

Node &node(topology::Project &p, const QString &id)
{
    for (Node &n : p.nodes) {
        if (n.id == id)
            return n;
    }
    qFatal("no node %s", qPrintable(id));
}

void removeEdge(topology::Project &p, const QString &from, const QString &to)
{
    std::erase_if(p.edges, [&](const topology::Edge &e) { return e.from == from && e.to == to; });
}

// A second connector like `sourceId` ("<id>-2"), between the same database and topic, with some
// settings changed so that only the rule under test can fire.
void addCopyOf(topology::Project &p, const QString &sourceId, const QString &database, const QString &topic,
               const QMap<QString, QString> &changes)
{
    Node copy = node(p, sourceId);
    copy.id = sourceId + QStringLiteral("-2");
    copy.name += QStringLiteral("-2");
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        copy.properties[it.key()] = it.value();
    p.nodes.push_back(copy);
    p.edges.push_back({database, copy.id});
    p.edges.push_back({copy.id, topic});
}

QStringList found(const topology::Project &p)
{
    QStringList out;
    for (const validation::ProjectDiagnostic &d : validation::validateProject(p))
        out << d.rule + u'@' + d.nodeId;
    return out;
}

} // namespace

class TstProjectValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyBundledTemplateIsClean()
    {
        QCOMPARE(topology::bundledTemplates().size(), 2u);
        for (const topology::ProjectTemplate &t : topology::bundledTemplates()) {
            const auto project = topology::loadTemplate(t);
            QVERIFY2(project.ok(), qPrintable(t.id));
            QVERIFY2(found(project.value()).isEmpty(), qPrintable(t.id + u' ' + found(project.value()).join(u',')));
        }
    }

    void duplicateServerIdIsOnTheSecondConnector()
    {
        topology::Project p = capstone();
        addCopyOf(p, QStringLiteral("connector-mysql"), QStringLiteral("db-mysql"), QStringLiteral("topic-mysql"),
                  {{QStringLiteral("topic.prefix"), QStringLiteral("mysql2")},
                   {QStringLiteral("schema.history.internal.kafka.topic"), QStringLiteral("schema-changes.other")},
                   {QStringLiteral("predicates.isOutboxTable.pattern"), QStringLiteral("mysql2\\.capstone\\.outbox")}});
        // The copy reads the same outbox into the same topics, too.
        QCOMPARE(found(p), (QStringList{QStringLiteral("duplicate-server-id@connector-mysql-2"),
                                        QStringLiteral("duplicate-capture@connector-mysql-2")}));
    }

    void sharedSlotOnOneServer()
    {
        topology::Project p = capstone();
        addCopyOf(p, QStringLiteral("connector-postgres"), QStringLiteral("db-postgres"),
                  QStringLiteral("topic-postgres"),
                  {{QStringLiteral("topic.prefix"), QStringLiteral("pg2")},
                   {QStringLiteral("publication.name"), QStringLiteral("other_pub")}});
        QCOMPARE(found(p), (QStringList{QStringLiteral("duplicate-slot@connector-postgres-2"),
                                        QStringLiteral("duplicate-capture@connector-postgres-2")}));
    }

    void topicsNobodyReads()
    {
        topology::Project p = capstone();
        removeEdge(p, QStringLiteral("topic-mysql"), QStringLiteral("consumer-pyflink"));
        QCOMPARE(found(p), QStringList{QStringLiteral("unread-topics@connector-mysql")});
    }

    void consumerReadingNothing()
    {
        topology::Project p = capstone();
        removeEdge(p, QStringLiteral("topic-mysql"), QStringLiteral("consumer-pyflink"));
        removeEdge(p, QStringLiteral("topic-postgres"), QStringLiteral("consumer-pyflink"));
        const QStringList f = found(p);
        QVERIFY(f.contains(QStringLiteral("consumer-without-topic@consumer-pyflink")));
        QVERIFY(f.contains(QStringLiteral("unread-topics@connector-postgres")));
    }

    void overlappingIdsWithoutCompositeKey()
    {
        topology::Project p = capstone();
        node(p, QStringLiteral("consumer-pyflink")).properties.remove(QStringLiteral("key"));
        QCOMPARE(found(p), QStringList{QStringLiteral("aggregate-ids-collide@consumer-pyflink")});
        // One database alone has no collision to fear.
        removeEdge(p, QStringLiteral("topic-mysql"), QStringLiteral("consumer-pyflink"));
        QVERIFY(!found(p).contains(QStringLiteral("aggregate-ids-collide@consumer-pyflink")));
    }

    void routingThatMissesTheTopicNode()
    {
        topology::Project p = capstone();
        node(p, QStringLiteral("connector-mysql"))
            .properties[QStringLiteral("transforms.outbox.route.topic.replacement")] =
            QStringLiteral("outbox.event.${routedByValue}");
        // Issue 21: the project compares the routing with its topic nodes, on the connector, with the fix.
        QCOMPARE(found(p), QStringList{QStringLiteral("routing-mismatch@connector-mysql")});
        const auto all = validation::validateProject(p);
        QCOMPARE(all.front().severity, debezium::Severity::Error);
        QCOMPARE(all.front().property, QStringLiteral("transforms.outbox.route.topic.replacement"));
        QVERIFY2(all.front().message.contains(QStringLiteral("Events are routed to \"outbox.event.${routedByValue}\"")),
                 qPrintable(all.front().message));
        QVERIFY(all.front().message.contains(QStringLiteral("^outbox\\.event\\.mysql\\..*")));
        QCOMPARE(all.front().fix->value, QStringLiteral("outbox.event.mysql.${routedByValue}"));
        node(p, QStringLiteral("connector-mysql")).properties =
            debezium::applyFix(node(p, QStringLiteral("connector-mysql")).properties, *all.front().fix);
        QCOMPARE(found(p), QStringList());

        // Debezium's default replacement, left unset, is compared too.
        node(p, QStringLiteral("connector-postgres"))
            .properties.remove(QStringLiteral("transforms.outbox.route.topic.replacement"));
        QCOMPARE(found(p), QStringList{QStringLiteral("routing-mismatch@connector-postgres")});
    }

    void orphanTopicAndConnectorWithoutDatabase()
    {
        topology::Project p = capstone();
        removeEdge(p, QStringLiteral("connector-postgres"), QStringLiteral("topic-postgres"));
        removeEdge(p, QStringLiteral("db-postgres"), QStringLiteral("connector-postgres"));
        const QStringList f = found(p);
        QVERIFY(f.contains(QStringLiteral("topic-without-writer@topic-postgres")));
        QVERIFY(f.contains(QStringLiteral("connector-without-database@connector-postgres")));
    }

    void connectorsSharingTopics()
    {
        // Another PostgreSQL database routed into the same topics: a warning on the second connector.
        topology::Project p = capstone();
        addCopyOf(p, QStringLiteral("connector-postgres"), QStringLiteral("db-postgres"),
                  QStringLiteral("topic-postgres"),
                  {{QStringLiteral("topic.prefix"), QStringLiteral("pg2")},
                   {QStringLiteral("database.hostname"), QStringLiteral("pg-archive")},
                   {QStringLiteral("predicates.isOutboxTable.pattern"), QStringLiteral("pg2\\.public\\.outbox")}});
        QCOMPARE(found(p), QStringList{QStringLiteral("shared-topics@connector-postgres-2")});
        const auto all = validation::validateProject(p);
        QCOMPARE(all.front().severity, debezium::Severity::Warning);
        QVERIFY2(all.front().message.contains(QStringLiteral("outbox.event.postgres.*")),
                 qPrintable(all.front().message));
    }

    void connectorFindingsOfANewConnector()
    {
        const topology::Project p = capstone();
        debezium::ConnectorConfig config;
        config.name = QStringLiteral("again");
        config.databaseKind = QStringLiteral("postgres");
        config.config = node(const_cast<topology::Project &>(p), QStringLiteral("connector-postgres")).properties;
        config.config[QStringLiteral("topic.prefix")] = QStringLiteral("pg2");
        config.config[QStringLiteral("slot.name")] = QStringLiteral("again");
        config.config[QStringLiteral("publication.name")] = QStringLiteral("again_pub");
        config.config[QStringLiteral("predicates.isOutboxTable.pattern")] = QStringLiteral("pg2\\.public\\.outbox");

        const auto with = validation::projectWithConnector(p, config);
        QCOMPARE(with.nodeId, QStringLiteral("connector-postgres-2"));
        QStringList edges;
        for (const topology::Edge &e : with.addedEdges)
            edges << e.from + QStringLiteral("->") + e.to;
        QCOMPARE(edges, (QStringList{QStringLiteral("db-postgres->connector-postgres-2"),
                                     QStringLiteral("connect-local->connector-postgres-2"),
                                     QStringLiteral("connector-postgres-2->topic-postgres")}));

        QStringList rules;
        for (const auto &d : validation::connectorFindings(p, config))
            rules << d.rule + u'@' + d.nodeId;
        QCOMPARE(rules, QStringList{QStringLiteral("duplicate-capture@connector-postgres-2")});

        // Editing the first connector into a copy of the second: the finding lands on the other node, and
        // still counts as the edit's.
        topology::Project two = with.project;
        debezium::ConnectorConfig edited = config;
        edited.name = QStringLiteral("postgres-outbox");
        edited.config[QStringLiteral("topic.prefix")] = QStringLiteral("pg3");
        rules.clear();
        for (const auto &d : validation::connectorFindings(two, edited, QStringLiteral("connector-postgres")))
            rules << d.rule + u'@' + d.nodeId;
        QVERIFY2(rules.contains(QStringLiteral("duplicate-capture@connector-postgres-2")),
                 qPrintable(rules.join(u',')));
    }
};

QTEST_GUILESS_MAIN(TstProjectValidator)
#include "tst_projectvalidator.moc"
