// SPDX-License-Identifier: GPL-3.0-or-later
// The verification checklist: items tick from findings (ok passes, warning/error fails, info waits),
// per database kind, both kinds for "both connectors", and by hand for what no check can see.
#include "doctor/checklist.h"
#include "doctor/troubleshootingguide.h"

#include <QTest>

#include <algorithm>

using namespace cdc::doctor;

namespace {

Finding finding(const char *check, Severity severity, const char *kind = "")
{
    Finding f;
    f.check = QString::fromLatin1(check);
    f.severity = severity;
    f.databaseKind = QString::fromLatin1(kind);
    return f;
}

const ChecklistItem &item(const char *id)
{
    for (const ChecklistItem &i : verificationChecklist()) {
        if (i.id == QLatin1String(id))
            return i;
    }
    qFatal("no checklist item %s", id);
}

} // namespace

class TestChecklist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void infrastructureComesBeforeEventFlow()
    {
        const auto &items = verificationChecklist();
        QCOMPARE(items.size(), size_t(16));
        QCOMPARE(items.front().section, QStringLiteral("Infrastructure"));
        QCOMPARE(items.back().section, QStringLiteral("Event flow"));
        bool flow = false;
        for (const ChecklistItem &i : items) {
            flow = flow || i.section == QLatin1String("Event flow");
            QVERIFY2(!flow || i.section == QLatin1String("Event flow"), qPrintable(i.id));
        }
        // One connector in isolation first, then both.
        const auto index = [&items](const char *id) {
            return std::find_if(items.begin(), items.end(), [id](const auto &i) { return i.id == QLatin1String(id); }) -
                   items.begin();
        };
        QVERIFY(index("pg-running") < index("my-running"));
        QVERIFY(index("my-running") < index("both-running"));
    }

    void nothingRunYetIsAllPending()
    {
        const ChecklistProgress p = checklistProgress({}, {});
        QCOMPARE(p.passed, 0);
        QCOMPARE(p.failed, 0);
        QCOMPARE(p.pending, 16);
    }

    void everyDecidingFindingMustBeOk()
    {
        const ChecklistItem &pg = item("pg-ready");
        QCOMPARE(evaluateItem(pg, {finding("pg.connect", Severity::Ok), finding("pg.wal-level", Severity::Ok)}, {}),
                 ItemState::Passed);
        QCOMPARE(evaluateItem(pg, {finding("pg.connect", Severity::Ok), finding("pg.wal-level", Severity::Error)}, {}),
                 ItemState::Failed);
        QCOMPARE(
            evaluateItem(pg, {finding("pg.connect", Severity::Ok), finding("pg.wal-level", Severity::Warning)}, {}),
            ItemState::Failed);
        // A note (not deployed yet, will be created) neither passes nor fails.
        QCOMPARE(evaluateItem(item("pg-slot-active"), {finding("pg.slot", Severity::Info, "postgres")}, {}),
                 ItemState::Pending);
        // Findings of other checks do not decide it.
        QCOMPARE(evaluateItem(pg, {finding("my.connect", Severity::Error)}, {}), ItemState::Pending);
    }

    void oneConnectorAloneThenBoth()
    {
        const Findings pgOnly{finding("connect.connector-state", Severity::Ok, "postgres"),
                              finding("connect.connector-state", Severity::Info, "mysql")};
        QCOMPARE(evaluateItem(item("pg-running"), pgOnly, {}), ItemState::Passed);
        QCOMPARE(evaluateItem(item("my-running"), pgOnly, {}), ItemState::Pending);
        QCOMPARE(evaluateItem(item("both-running"), pgOnly, {}), ItemState::Pending);

        const Findings both{finding("connect.connector-state", Severity::Ok, "postgres"),
                            finding("connect.connector-state", Severity::Ok, "mysql")};
        QCOMPARE(evaluateItem(item("both-running"), both, {}), ItemState::Passed);

        const Findings mysqlFailed{finding("connect.connector-state", Severity::Ok, "postgres"),
                                   finding("connect.connector-state", Severity::Error, "mysql")};
        QCOMPARE(evaluateItem(item("pg-running"), mysqlFailed, {}), ItemState::Passed);
        QCOMPARE(evaluateItem(item("my-running"), mysqlFailed, {}), ItemState::Failed);
        QCOMPARE(evaluateItem(item("both-running"), mysqlFailed, {}), ItemState::Failed);
    }

    void manualItemsAreTickedByHand()
    {
        const ChecklistItem &event = item("pg-event");
        QVERIFY(event.checks.isEmpty());
        QVERIFY(!event.hint.isEmpty());
        QCOMPARE(evaluateItem(event, {}, {}), ItemState::Pending);
        QCOMPARE(evaluateItem(event, {}, {QStringLiteral("pg-event")}), ItemState::Passed);
        const ChecklistProgress p = checklistProgress({}, {QStringLiteral("pg-event"), QStringLiteral("my-event")});
        QCOMPARE(p.passed, 2);
        QCOMPARE(p.pending, 14);
    }

    void everyAutomaticItemHasAGuideEntry()
    {
        // The guide links each check that can fail a checklist item to its entry.
        for (const ChecklistItem &i : verificationChecklist()) {
            for (const QString &check : i.checks)
                QVERIFY2(guideEntryForCheck(check), qPrintable(check));
        }
    }

    void guideEntriesAreComplete()
    {
        QSet<QString> ids;
        for (const GuideEntry &e : troubleshootingGuide()) {
            QVERIFY2(!ids.contains(e.id), qPrintable(e.id));
            ids.insert(e.id);
            QVERIFY2(!e.symptom.isEmpty() && !e.cause.isEmpty() && !e.check.isEmpty() && !e.fix.isEmpty(),
                     qPrintable(e.id));
            QVERIFY2(!e.checks.isEmpty(), qPrintable(e.id));
        }
        QCOMPARE(guideEntryForCheck(QStringLiteral("pg.wal-level"))->id, QStringLiteral("wal-level"));
        QCOMPARE(guideEntryForCheck(QStringLiteral("my.server-id"))->id, QStringLiteral("duplicate-server-id"));
        QCOMPARE(findGuideEntry(QStringLiteral("history-topic"))->checks,
                 QStringList{QStringLiteral("kafka.history-topic")});
        QVERIFY(!findGuideEntry(QStringLiteral("no-such-entry")));
    }
};

QTEST_GUILESS_MAIN(TestChecklist)
#include "tst_checklist.moc"
