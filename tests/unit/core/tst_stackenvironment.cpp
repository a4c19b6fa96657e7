// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of reading stack.env, the file stack/up writes for tests and cdcctl.
#include "core/stackenvironment.h"

#include <QTemporaryDir>
#include <QTest>

using cdc::StackEnvironment;

class TstStackEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesKeysCommentsAndQuotes()
    {
        const auto env = StackEnvironment::parse("# written by stack/up\n"
                                                 "KAFKA_BOOTSTRAP=127.0.0.1:19092\n"
                                                 "  export CONNECT_URL=\"http://127.0.0.1:18083\"  \n"
                                                 "\n"
                                                 "PG_DATABASE='capstone'\n"
                                                 "EMPTY=\n",
                                                 QStringLiteral("mem"));
        QVERIFY(env.ok());
        QCOMPARE(env.value().values().size(), 4);
        QCOMPARE(env.value().value(QStringLiteral("KAFKA_BOOTSTRAP")), QStringLiteral("127.0.0.1:19092"));
        QCOMPARE(env.value().value(QStringLiteral("CONNECT_URL")), QStringLiteral("http://127.0.0.1:18083"));
        QCOMPARE(env.value().value(QStringLiteral("PG_DATABASE")), QStringLiteral("capstone"));
        QVERIFY(env.value().contains(QStringLiteral("EMPTY")));
        QCOMPARE(env.value().value(QStringLiteral("MISSING"), QStringLiteral("x")), QStringLiteral("x"));
    }

    void refusesALineThatIsNotAnAssignment()
    {
        const auto env = StackEnvironment::parse("A=1\nthis is not it\n", QStringLiteral("stack.env"));
        QVERIFY(!env.ok());
        QCOMPARE(env.error().where, QStringLiteral("stack.env:2"));
    }

    void missingFileSaysHowToStartTheStack()
    {
        QTemporaryDir dir;
        const auto env = StackEnvironment::load(dir.filePath(QStringLiteral("stack.env")));
        QVERIFY(!env.ok());
        QVERIFY(env.error().hint.contains(QStringLiteral("stack/up")));
    }

    void defaultPathFollowsTheEnvironment()
    {
        qputenv("CDC_STACK_ENV", "/x/stack.env");
        QCOMPARE(StackEnvironment::defaultPath(), QStringLiteral("/x/stack.env"));
        qunsetenv("CDC_STACK_ENV");
        qputenv("CDC_STACK_DIR", "/data");
        QCOMPARE(StackEnvironment::defaultPath(), QStringLiteral("/data/stack.env"));
        qunsetenv("CDC_STACK_DIR");
        QCOMPARE(StackEnvironment::defaultPath(), QString());
    }
};

QTEST_GUILESS_MAIN(TstStackEnvironment)
#include "tst_stackenvironment.moc"
