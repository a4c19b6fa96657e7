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
        QCOMPARE(found(p), QStringList{QStringLiteral("duplicate-server-id@connector-mysql-2")});
    }

    void sharedSlotOnOneServer()
    {
        topology::Project p = capstone();
        addCopyOf(p, QStringLiteral("connector-postgres"), QStringLiteral("db-postgres"),
                  QStringLiteral("topic-postgres"),
                  {{QStringLiteral("topic.prefix"), QStringLiteral("pg2")},
                   {QStringLiteral("publication.name"), QStringLiteral("other_pub")}});
        QCOMPARE(found(p), QStringList{QStringLiteral("duplicate-slot@connector-postgres-2")});
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
        const QStringList f = found(p);
        QVERIFY(f.contains(QStringLiteral("outbox-routing@connector-mysql")));
        QVERIFY(f.contains(QStringLiteral("routing-mismatch@topic-mysql")));
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
};

QTEST_GUILESS_MAIN(TstProjectValidator)
#include "tst_projectvalidator.moc"
