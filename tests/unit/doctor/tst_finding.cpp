// SPDX-License-Identifier: GPL-3.0-or-later
// How findings read in the CLI and its JSON: severity, check, subject and title on one line; evidence,
// fix and guide indented under it; counts and the summary line.
#include "doctor/finding.h"

#include <QJsonObject>
#include <QTest>

using namespace cdc::doctor;

namespace {

Finding walLevel()
{
    Finding f;
    f.check = QStringLiteral("pg.wal-level");
    f.area = Area::PostgreSQL;
    f.severity = Severity::Error;
    f.subject = QStringLiteral("PostgreSQL 127.0.0.1:5432/capstone");
    f.databaseKind = QStringLiteral("postgres");
    f.title = QStringLiteral("wal_level is replica; Debezium needs logical.");
    f.evidence = QStringLiteral("SHOW wal_level\n→ replica");
    f.fix = QStringLiteral("ALTER SYSTEM SET wal_level = logical;\n-- then restart PostgreSQL");
    f.guide = QStringLiteral("wal-level");
    return f;
}

} // namespace

class TestFinding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneLine()
    {
        QCOMPARE(
            formatFinding(walLevel(), false),
            QStringLiteral("ERROR   pg.wal-level PostgreSQL 127.0.0.1:5432/capstone: wal_level is replica; Debezium "
                           "needs logical."));
        Finding ok = walLevel();
        ok.severity = Severity::Ok;
        ok.subject.clear();
        QCOMPARE(formatFinding(ok, false),
                 QStringLiteral("OK      pg.wal-level wal_level is replica; Debezium needs logical."));
    }

    void detailsAreIndentedUnderTheLine()
    {
        QCOMPARE(
            formatFinding(walLevel(), true),
            QStringLiteral("ERROR   pg.wal-level PostgreSQL 127.0.0.1:5432/capstone: wal_level is replica; Debezium "
                           "needs logical.\n"
                           "  evidence:\n"
                           "    SHOW wal_level\n"
                           "    → replica\n"
                           "  fix:\n"
                           "    ALTER SYSTEM SET wal_level = logical;\n"
                           "    -- then restart PostgreSQL\n"
                           "  guide: wal-level"));
    }

    void json()
    {
        const QJsonObject o = findingToJson(walLevel());
        QCOMPARE(o.value(QStringLiteral("check")).toString(), QStringLiteral("pg.wal-level"));
        QCOMPARE(o.value(QStringLiteral("area")).toString(), QStringLiteral("PostgreSQL"));
        QCOMPARE(o.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(o.value(QStringLiteral("fix")).toString(), walLevel().fix);
        QCOMPARE(o.value(QStringLiteral("guide")).toString(), QStringLiteral("wal-level"));
        QCOMPARE(o.value(QStringLiteral("databaseKind")).toString(), QStringLiteral("postgres"));
        QCOMPARE(o.value(QStringLiteral("applicable")).toBool(), false);
        Finding applicable = walLevel();
        applicable.apply.kind = ApplyAction::Kind::Sql;
        QCOMPARE(findingToJson(applicable).value(QStringLiteral("applicable")).toBool(), true);
        Finding project = walLevel();
        project.databaseKind.clear();
        QVERIFY(!findingToJson(project).contains(QStringLiteral("databaseKind")));
    }

    void countsAndSummary()
    {
        Finding warning = walLevel();
        warning.severity = Severity::Warning;
        Finding ok = walLevel();
        ok.severity = Severity::Ok;
        const Findings all{walLevel(), warning, ok, ok, walLevel()};
        const FindingCounts c = countFindings(all);
        QCOMPARE(c.error, 2);
        QCOMPARE(c.warning, 1);
        QCOMPARE(c.info, 0);
        QCOMPARE(c.ok, 2);
        QCOMPARE(worstSeverity(all), Severity::Error);
        QCOMPARE(worstSeverity({ok, warning}), Severity::Warning);
        QCOMPARE(worstSeverity({}), Severity::Ok);
        QCOMPARE(summaryText(c), QStringLiteral("2 errors, 1 warning, 2 passed"));
        QCOMPARE(summaryText(FindingCounts{3, 1, 0, 0}), QStringLiteral("0 errors, 0 warnings, 1 note, 3 passed"));
    }

    void names()
    {
        QCOMPARE(severityName(Severity::Info), QStringLiteral("info"));
        QCOMPARE(areaName(Area::MySQL), QStringLiteral("MySQL/MariaDB"));
        QCOMPARE(areaName(Area::KafkaConnect), QStringLiteral("Kafka Connect"));
    }
};

QTEST_GUILESS_MAIN(TestFinding)
#include "tst_finding.moc"
