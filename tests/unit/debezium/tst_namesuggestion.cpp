// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of "did you mean": a word left out, letters slipped, and nothing suggested for a stranger.
#include "debezium/namesuggestion.h"

#include <QTest>

using cdc::debezium::closestName;

class TstNameSuggestion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void suggestions_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("word left out") << QStringLiteral("table.field.timestamp")
                                       << QStringLiteral("table.field.event.timestamp");
        QTest::newRow("word added") << QStringLiteral("route.topic.name.replacement")
                                    << QStringLiteral("route.topic.replacement");
        QTest::newRow("letters") << QStringLiteral("route.topic.replacment")
                                 << QStringLiteral("route.topic.replacement");
        QTest::newRow("case") << QStringLiteral("Route.By.Field") << QStringLiteral("route.by.field");
        QTest::newRow("stranger") << QStringLiteral("tracing.enabled") << QString();
        QTest::newRow("itself") << QStringLiteral("route.by.field") << QString();
        QTest::newRow("short and far") << QStringLiteral("id") << QString();
    }

    void suggestions()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        const QStringList known{QStringLiteral("table.field.event.timestamp"), QStringLiteral("table.field.event.id"),
                                QStringLiteral("route.topic.replacement"), QStringLiteral("route.topic.regex"),
                                QStringLiteral("route.by.field")};
        QCOMPARE(closestName(typed, known), expected);
    }
};

QTEST_GUILESS_MAIN(TstNameSuggestion)
#include "tst_namesuggestion.moc"
