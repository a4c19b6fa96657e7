// SPDX-License-Identifier: GPL-3.0-or-later
// JobOutput: the job's files written and its log followed on a thread of its own. Lines the child
// process appends (here: the test, appending as the child would) come back in order, with the job's id
// found and print-sink rows parsed; our own lines are written but not handed back; what is left at the
// end, a last line without a newline too, comes before drained(); a folder that cannot be made is a
// clear error.
#include "consumer/joboutput.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cdc::consumer;

class TstJobOutput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Collected
    {
        QStringList lines;
        QList<UnifiedRow> rows;
        QString jobId;
        int batches = 0;
    };

    static void collect(JobOutput &output, Collected &into)
    {
        QObject::connect(&output, &JobOutput::output, &output, [&into](const OutputBatch &batch) {
            into.lines << batch.lines;
            into.rows << batch.rows;
            if (!batch.jobId.isEmpty())
                into.jobId = batch.jobId;
            ++into.batches;
        });
    }

    static bool appendAsTheChild(const QString &path, const QByteArray &bytes)
    {
        QFile log(path);
        return log.open(QIODevice::WriteOnly | QIODevice::Append) && log.write(bytes) == bytes.size();
    }

    PreparedRun prepare(JobOutput &output, const QString &name)
    {
        QSignalSpy prepared(&output, &JobOutput::prepared);
        const QString work = m_dir.filePath(name);
        output.prepare(work, work + QStringLiteral("/job.py"), QStringLiteral("print('hi')\n"),
                       work + QStringLiteral("/consumer.log"), work + QStringLiteral("/state"), true,
                       QStringLiteral("--- starting"));
        if (!prepared.wait(5000))
            return {QStringLiteral("prepared() did not come within 5 s"), {}};
        return prepared.constFirst().constFirst().value<PreparedRun>();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void followsTheLogAndParsesRows()
    {
        JobOutput output;
        Collected got;
        collect(output, got);
        const PreparedRun run = prepare(output, QStringLiteral("follow"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QVERIFY(run.restoredFrom.isEmpty());
        QFile job(m_dir.filePath(QStringLiteral("follow/job.py")));
        QVERIFY(job.open(QIODevice::ReadOnly));
        QCOMPARE(job.readAll(), QByteArray("print('hi')\n"));

        const QString log = m_dir.filePath(QStringLiteral("follow/consumer.log"));
        QVERIFY(appendAsTheChild(log, "starting the gateway\nCDC-STUDIO job 0123456789abcdef0123456789abcdef\n"
                                      "+I[PG-7, 7, order, postgres, OrderCreated, e1, 2026-12-07T14:21:04Z, {}]\n"
                                      "2> +I[MY-7, 7, order, mysql, OrderCreated, e2, 2026-12-07T14:21:05Z, {}]\n"
                                      "half a li"));
        QTRY_COMPARE_WITH_TIMEOUT(got.rows.size(), 2, 5000);
        QCOMPARE(got.jobId, QStringLiteral("0123456789abcdef0123456789abcdef"));
        QCOMPARE(got.rows.at(0).compositeKey, QStringLiteral("PG-7"));
        QCOMPARE(got.rows.at(1).sourceDatabase, QStringLiteral("mysql"));
        // Our own first line is written, not handed back; the half line waits for its end.
        QCOMPARE(got.lines.constFirst(), QStringLiteral("starting the gateway"));
        QVERIFY(!got.lines.contains(QStringLiteral("half a li")));

        // The child has not ended its last line when a line of ours comes: ours starts on a new one.
        QVERIFY(appendAsTheChild(log, "ne\nlast words"));
        output.append(QStringLiteral("--- stopping"));
        QSignalSpy drained(&output, &JobOutput::drained);
        output.drain(QStringLiteral("--- exit 1"));
        QVERIFY(drained.wait(5000));
        QVERIFY2(got.lines.endsWith(QStringLiteral("last words")), qPrintable(got.lines.join(u'|')));
        QVERIFY(got.lines.contains(QStringLiteral("half a line")));
        QVERIFY(!got.lines.contains(QStringLiteral("--- stopping")));
        QVERIFY(!got.lines.contains(QStringLiteral("--- exit 1")));

        QFile written(log);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray text = written.readAll();
        QVERIFY(text.startsWith("--- starting\nstarting the gateway\n"));
        QVERIFY2(text.endsWith("half a line\nlast words\n--- stopping\n--- exit 1\n"), text.constData());
    }

    void aFloodOfLinesComesInBoundedBatches()
    {
        JobOutput output;
        Collected got;
        collect(output, got);
        QVERIFY(prepare(output, QStringLiteral("flood")).error.isEmpty());
        QByteArray flood;
        for (int i = 0; i < 5000; ++i)
            flood += "+I[PG-" + QByteArray::number(i) + ", " + QByteArray::number(i) +
                     ", order, postgres, OrderCreated, e, t, {}]\n";
        QVERIFY(appendAsTheChild(m_dir.filePath(QStringLiteral("flood/consumer.log")), flood));
        QTRY_COMPARE_WITH_TIMEOUT(got.rows.size(), 5000, 10000);
        // Every row, but no more lines than the runner keeps per batch.
        QVERIFY2(got.lines.size() <= got.batches * 200, qPrintable(QString::number(got.lines.size())));
        QCOMPARE(got.rows.constLast().compositeKey, QStringLiteral("PG-4999"));
    }

    void aRunResumesFromTheNewestRestorePoint()
    {
        const QString state = m_dir.filePath(QStringLiteral("restore/state"));
        for (const char *point : {"savepoints/old", "checkpoints/chk-9"}) {
            QVERIFY(QDir().mkpath(state + u'/' + QLatin1String(point)));
            QFile metadata(state + u'/' + QLatin1String(point) + QStringLiteral("/_metadata"));
            QVERIFY(metadata.open(QIODevice::WriteOnly));
            metadata.write("x");
            metadata.close();
            QTest::qWait(20); // distinct modification times
        }
        JobOutput output;
        const PreparedRun run = prepare(output, QStringLiteral("restore"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.restoredFrom, state + QStringLiteral("/checkpoints/chk-9"));
        QVERIFY(!QFileInfo::exists(state + QStringLiteral("/savepoints/old"))); // only the newest is kept
    }

    void aFolderThatCannotBeMadeIsAClearError()
    {
        QFile blocker(m_dir.filePath(QStringLiteral("blocked")));
        QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the folder should be
        blocker.close();
        JobOutput output;
        const PreparedRun run = prepare(output, QStringLiteral("blocked/work"));
        QVERIFY2(run.error.startsWith(QStringLiteral("Cannot create")), qPrintable(run.error));
    }
};

QTEST_GUILESS_MAIN(TstJobOutput)
#include "tst_joboutput.moc"
