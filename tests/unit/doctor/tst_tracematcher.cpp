// SPDX-License-Identifier: GPL-3.0-or-later
// The FAILED-task trace matcher: each known cause found by the line that says it, nothing for the rest.
#include "doctor/tracematcher.h"
#include "tracesamples.h"

#include <QTest>

using namespace cdc::doctor;

class TestTraceMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownCauses_data()
    {
        QTest::addColumn<QString>("trace");
        QTest::addColumn<QString>("guide");
        QTest::addColumn<QString>("line");
        QTest::newRow("wal_level") << QString::fromLatin1(samples::kWalLevelTrace) << QStringLiteral("wal-level")
                                   << QStringLiteral("Caused by: org.postgresql.util.PSQLException: ERROR: logical "
                                                     "decoding requires wal_level >= logical");
        QTest::newRow("duplicate server id")
            << QString::fromLatin1(samples::kDuplicateServerIdTrace) << QStringLiteral("duplicate-server-id")
            << QStringLiteral(
                   "Caused by: io.debezium.DebeziumException: A slave with the same server_uuid/server_id as "
                   "this slave has connected to the master; the first event 'binlog.000002' at 4, the last "
                   "event read from './binlog.000002' at 1234; Error code: 1236; SQLSTATE: HY000.");
        QTest::newRow("slot missing") << QString::fromLatin1(samples::kSlotMissingTrace)
                                      << QStringLiteral("slot-missing")
                                      << QStringLiteral("Caused by: org.postgresql.util.PSQLException: ERROR: "
                                                        "replication slot \"outbox_postgres\" does not exist");
        QTest::newRow("replication role")
            << QString::fromLatin1(samples::kReplicationPrivilegeTrace) << QStringLiteral("missing-privileges")
            << QStringLiteral("Caused by: org.postgresql.util.PSQLException: FATAL: must be superuser or replication "
                              "role to start walsender");
        QTest::newRow("mysql grant") << QString::fromLatin1(samples::kMySqlGrantTrace)
                                     << QStringLiteral("missing-privileges")
                                     << QStringLiteral(
                                            "Caused by: java.sql.SQLSyntaxErrorException: Access denied; you "
                                            "need (at least one of) the REPLICATION SLAVE privilege(s) for "
                                            "this operation");
        QTest::newRow("history topic") << QString::fromLatin1(samples::kHistoryTopicTrace)
                                       << QStringLiteral("history-topic")
                                       << QStringLiteral("io.debezium.DebeziumException: The db history topic is "
                                                         "missing. You may attempt to recover it by reconfiguring the "
                                                         "connector to recovery.");
        QTest::newRow("publication") << QString::fromLatin1(samples::kPublicationTrace) << QStringLiteral("publication")
                                     << QStringLiteral("Caused by: org.postgresql.util.PSQLException: ERROR: "
                                                       "publication \"outbox_postgres_pub\" does not exist");
    }

    void knownCauses()
    {
        QFETCH(QString, trace);
        QFETCH(QString, guide);
        QFETCH(QString, line);
        const std::optional<TraceMatch> match = matchTrace(trace);
        QVERIFY(match);
        QCOMPARE(match->entry->id, guide);
        QCOMPARE(match->line, line);
    }

    void missingRoutedTopic()
    {
        const std::optional<TraceMatch> match = matchTrace(QStringLiteral(
            "org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from producer send callback\n"
            "Caused by: org.apache.kafka.common.errors.TimeoutException: Topic outbox.event.postgres.order not "
            "present in metadata after 60000 ms."));
        QVERIFY(match);
        QCOMPARE(match->entry->id, QStringLiteral("routed-topics"));
    }

    void unknownTraceMatchesNothing()
    {
        QVERIFY(!matchTrace(QString::fromLatin1(samples::kUnknownTrace)));
        QVERIFY(!matchTrace(QString()));
    }

    void stackFramesAreNotCauses() { QVERIFY(!matchTrace(QString::fromLatin1(samples::kFrameOnlyTrace))); }

    void bothPartsMustBeOnOneLine()
    {
        // "replication slot" and "does not exist" on different lines are two unrelated statements.
        QVERIFY(!matchTrace(QStringLiteral("Creating replication slot x\nERROR: relation \"t\" does not exist")));
    }
};

QTEST_GUILESS_MAIN(TestTraceMatcher)
#include "tst_tracematcher.moc"
