// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the MySQL lag sampler's binlog reasoning (offsets, positions, what counts as a backlog), the
// topics it watches, and how it reports a server, a broker and a Kafka Connect that are not there.
#include "lag/mysqllagsampler.h"
#include "lag/samplerthread.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace cdc;
using namespace cdc::lag;

namespace {

BinlogEvent ev(const char *type, const char *info = "")
{
    return BinlogEvent{QString::fromLatin1(type), QString::fromLatin1(info), 0, 0};
}

// A whole MariaDB transaction as SHOW BINLOG EVENTS lists it.
std::vector<BinlogEvent> transaction()
{
    return {ev("Gtid", "BEGIN GTID 0-1-42"), ev("Annotate_rows", "INSERT INTO outbox ..."),
            ev("Table_map", "table_id: 33 (capstone.outbox)"), ev("Write_rows_v1", "table_id: 33 flags: STMT_END_F"),
            ev("Xid", "COMMIT /* xid=120 */")};
}

// A port nothing listens on.
quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort(); // closed again when `s` goes
}

} // namespace

class TstMySqlLagSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsDebeziumsBinlogOffset()
    {
        const QJsonObject offset{{QStringLiteral("file"), QStringLiteral("binlog.000003")},
                                 {QStringLiteral("pos"), 1234},
                                 {QStringLiteral("event"), 2},
                                 {QStringLiteral("row"), 1},
                                 {QStringLiteral("ts_sec"), 1764000000},
                                 {QStringLiteral("gtids"), QStringLiteral("0-1-42")}};
        const std::optional<BinlogPosition> p = binlogPositionFromOffset(offset);
        QVERIFY(p);
        QCOMPARE(*p, (BinlogPosition{QStringLiteral("binlog.000003"), 1234, 2, 1, 1764000000000}));

        const std::optional<BinlogPosition> bare = binlogPositionFromOffset(
            {{QStringLiteral("file"), QStringLiteral("b.000001")}, {QStringLiteral("pos"), 4}});
        QVERIFY(bare);
        QCOMPARE(*bare, (BinlogPosition{QStringLiteral("b.000001"), 4, 0, 0, -1}));

        QVERIFY(!binlogPositionFromOffset({{QStringLiteral("lsn"), 123}})); // a PostgreSQL offset
        QVERIFY(!binlogPositionFromOffset({{QStringLiteral("file"), QStringLiteral("b.000001")}}));
    }

    void ordersPositionsByFileNumberThenPosition()
    {
        QCOMPARE(binlogFileIndex(QStringLiteral("binlog.000012")), qint64(12));
        QCOMPARE(binlogFileIndex(QStringLiteral("mysql-bin.1000000")), qint64(1000000));
        QCOMPARE(binlogFileIndex(QStringLiteral("binlog")), qint64(-1));
        QCOMPARE(compareBinlogPositions(QStringLiteral("b.000009"), 900, QStringLiteral("b.000010"), 4), -1);
        QCOMPARE(compareBinlogPositions(QStringLiteral("b.000010"), 4, QStringLiteral("b.000009"), 900), 1);
        QCOMPARE(compareBinlogPositions(QStringLiteral("b.000010"), 500, QStringLiteral("b.000010"), 500), 0);
        QCOMPARE(compareBinlogPositions(QStringLiteral("b.000010"), 499, QStringLiteral("b.000010"), 500), -1);
    }

    void theTransactionAtTheOffsetIsNotABacklog()
    {
        // Debezium's offset points at the start of the last transaction it processed (with event/row > 0).
        QCOMPARE(binlogBacklog(transaction(), true, true), BinlogBacklog::None);
        // ... but a transaction after it is.
        std::vector<BinlogEvent> two = transaction();
        const std::vector<BinlogEvent> next = transaction();
        two.insert(two.end(), next.begin(), next.end());
        QCOMPARE(binlogBacklog(two, true, true), BinlogBacklog::Pending);
        // An offset after a completed transaction (event 0): whatever transaction follows is pending.
        QCOMPARE(binlogBacklog(transaction(), false, true), BinlogBacklog::Pending);
        QCOMPARE(binlogBacklog({}, false, true), BinlogBacklog::None);
    }

    void housekeepingEventsAreNoBacklog()
    {
        std::vector<BinlogEvent> events = transaction();
        events.push_back(ev("Rotate", "binlog.000004;pos=4"));
        QCOMPARE(binlogBacklog(events, true, true), BinlogBacklog::None);
        const std::vector<BinlogEvent> freshFile{ev("Format_desc", "Server ver: 10.11.6"), ev("Gtid_list", "[0-1-42]"),
                                                 ev("Binlog_checkpoint", "binlog.000004")};
        QCOMPARE(binlogBacklog(freshFile, false, true), BinlogBacklog::None);
    }

    void aDdlStatementIsATransactionOfItsOwn()
    {
        std::vector<BinlogEvent> events = transaction();
        events.push_back(ev("Gtid", "GTID 0-1-43"));
        events.push_back(ev("Query", "ALTER TABLE outbox ADD COLUMN x INT"));
        QCOMPARE(binlogBacklog(events, true, true), BinlogBacklog::Pending);
        const std::vector<BinlogEvent> ddlAtOffset{ev("Gtid", "GTID 0-1-43"), ev("Query", "CREATE TABLE t (a INT)")};
        QCOMPARE(binlogBacklog(ddlAtOffset, true, true), BinlogBacklog::None);
    }

    void aListCutShortProvesNothing() { QCOMPARE(binlogBacklog(transaction(), true, false), BinlogBacklog::Pending); }

    void watchesTheConnectorsOutboxAndHeartbeatTopics()
    {
        QMap<QString, QString> config{
            {QStringLiteral("topic.prefix"), QStringLiteral("my.sql")},
            {QStringLiteral("transforms"), QStringLiteral("unwrap, outbox")},
            {QStringLiteral("transforms.unwrap.type"), QStringLiteral("io.debezium.transforms.ExtractNewRecordState")},
            {QStringLiteral("transforms.outbox.type"), QStringLiteral("io.debezium.transforms.outbox.EventRouter")},
            {QStringLiteral("transforms.outbox.route.topic.replacement"),
             QStringLiteral("outbox.event.mysql.${routedByValue}.v1")}};
        QRegularExpression re(connectorTopicRegex(config));
        QVERIFY2(re.isValid(), qPrintable(re.pattern()));
        QVERIFY(re.match(QStringLiteral("outbox.event.mysql.order.v1")).hasMatch());
        QVERIFY(!re.match(QStringLiteral("outbox.event.mysql.order")).hasMatch());
        QVERIFY(re.match(QStringLiteral("my.sql.capstone.orders")).hasMatch());
        QVERIFY(!re.match(QStringLiteral("myXsql.capstone.orders")).hasMatch());
        QVERIFY(re.match(QStringLiteral("__debezium-heartbeat.my.sql")).hasMatch());

        config.insert(QStringLiteral("topic.heartbeat.prefix"), QStringLiteral("beats"));
        config.remove(QStringLiteral("transforms.outbox.route.topic.replacement")); // the router's default
        re.setPattern(connectorTopicRegex(config));
        QVERIFY(re.match(QStringLiteral("beats.my.sql")).hasMatch());
        QVERIFY(!re.match(QStringLiteral("__debezium-heartbeat.my.sql")).hasMatch());
        QVERIFY(re.match(QStringLiteral("outbox.event.order")).hasMatch());
    }

    void reportsWhatIsNotThere()
    {
        MySqlLagSettings s;
        s.connector = QStringLiteral("mysql-outbox");
        s.nodeId = QStringLiteral("connector-mysql");
        s.database = MySqlEndpoint{QStringLiteral("127.0.0.1"), closedPort(), QStringLiteral("debezium"),
                                   QStringLiteral("secret")};
        s.kafka.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        s.kafka.topicRegex = QStringLiteral("^outbox\\.event\\.mysql\\..*$");
        s.connect.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        MySqlLagSampler sampler(s);
        QCOMPARE(sampler.name(), QStringLiteral("MySQL lag of mysql-outbox"));
        QSignalSpy failed(&sampler, &LagSampler::failed);
        QSignalSpy sampled(&sampler, &LagSampler::sampled);
        sampler.start(200);
        // Each part's problem joins the message as it is found; wait until the database's is in.
        QTRY_VERIFY_WITH_TIMEOUT(
            !failed.isEmpty() && failed.last().at(1).toString().contains(QStringLiteral("MySQL at")), 20000);
        const QString message = failed.last().at(1).toString();
        QCOMPARE(failed.last().at(0).toString(), sampler.name());
        QVERIFY2(
            message.contains(QStringLiteral("MySQL at 127.0.0.1:%1 does not answer as debezium").arg(s.database.port)),
            qPrintable(message));
        QTRY_VERIFY_WITH_TIMEOUT(failed.last().at(1).toString().contains(QStringLiteral("Kafka Connect")), 20000);
        QVERIFY(sampled.isEmpty()); // nothing known, nothing made up
        sampler.stop();
        QVERIFY(SamplerThread::waitForAll(10000));
    }

    void theSeriesIsInMilliseconds()
    {
        const SeriesKey key = MySqlLagSampler::series(QStringLiteral("mysql-outbox"), QStringLiteral("n1"));
        QCOMPARE(key.id, QStringLiteral("mysql-ms:mysql-outbox"));
        QCOMPARE(key.unit, LagUnit::Milliseconds);
        QCOMPARE(key.databaseKind, QStringLiteral("mysql"));
        QCOMPARE(key.nodeId, QStringLiteral("n1"));
    }
};

QTEST_GUILESS_MAIN(TstMySqlLagSampler)
#include "tst_mysqllagsampler.moc"
