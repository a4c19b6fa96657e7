// SPDX-License-Identifier: GPL-3.0-or-later
// The recent log lines behind Help ▸ Report a Problem: kept in order, bounded, secrets masked.
#include "core/messagelog.h"

#include <QLoggingCategory>
#include <QTest>

using namespace cdc;

namespace {
Q_LOGGING_CATEGORY(lcTest, "cdc.test")
}

class TestMessageLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheLastLinesInOrder()
    {
        messagelog::install(5);
        for (int i = 0; i < 8; ++i)
            qCWarning(lcTest, "line %d", i);
        const QStringList lines = messagelog::recent();
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines.first().endsWith(QStringLiteral("W cdc.test: line 3")), qPrintable(lines.first()));
        QVERIFY2(lines.last().endsWith(QStringLiteral("W cdc.test: line 7")), qPrintable(lines.last()));
        messagelog::install(5); // installing twice must not chain the handler to itself
        qCInfo(lcTest, "once");
        QCOMPARE(messagelog::recent().filter(QStringLiteral("once")).size(), 1);
    }

    void masksSecretsInWhatItKeeps()
    {
        messagelog::install(10);
        qCWarning(lcTest, "connect failed: database.password=hunter2 user=app");
        QVERIFY(!messagelog::recent().last().contains(QStringLiteral("hunter2")));
    }

    void maskSecrets_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("masked");
        QTest::newRow("properties") << "database.password=hunter2 x=1"
                                    << "database.password=**** x=1";
        QTest::newRow("json") << R"({"database.password": "hunter2", "a": 1})"
                              << R"({"database.password": "****", "a": 1})";
        QTest::newRow("jaas") << R"(sasl.jaas.config=... username="u" password="p4ss";)"
                              << R"(sasl.jaas.config=... username="u" password="****";)";
        QTest::newRow("token") << "Authorization token: abc.def"
                               << "Authorization token: ****";
        QTest::newRow("reference kept") << "database.password=${env:PG_PASSWORD}"
                                        << "database.password=${env:PG_PASSWORD}";
        QTest::newRow("file reference kept") << R"("database.password": "${file:/run/s.properties:pw}")"
                                             << R"("database.password": "${file:/run/s.properties:pw}")";
        QTest::newRow("nothing secret") << "topic.prefix=outbox rows=12"
                                        << "topic.prefix=outbox rows=12";
        QTest::newRow("two") << "PASSWORD=a secret=b"
                             << "PASSWORD=**** secret=****";
    }

    void maskSecrets()
    {
        QFETCH(QString, line);
        QFETCH(QString, masked);
        QCOMPARE(messagelog::maskSecrets(line), masked);
    }
};

QTEST_GUILESS_MAIN(TestMessageLog)
#include "tst_messagelog.moc"
