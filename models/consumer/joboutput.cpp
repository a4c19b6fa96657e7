// SPDX-License-Identifier: GPL-3.0-or-later
// The job's log followed on a thread of its own.
#include "joboutput.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>

namespace cdc::consumer {

namespace {

constexpr int kFollowIntervalMs = 100;
// The thread that runs the job keeps this many lines of the log; a batch never carries more.
constexpr qsizetype kBatchLines = 200;

} // namespace

QString latestRestorePoint(const QString &stateDir)
{
    QList<QFileInfo> points;
    QDirIterator it(stateDir, {QStringLiteral("_metadata")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        points << QFileInfo(it.next());
    if (points.isEmpty())
        return {};
    std::sort(points.begin(), points.end(),
              [](const QFileInfo &a, const QFileInfo &b) { return a.lastModified() > b.lastModified(); });
    for (qsizetype i = 1; i < points.size(); ++i)
        QDir(points.at(i).absolutePath()).removeRecursively();
    return points.constFirst().absolutePath();
}

// Lives on JobOutput's thread; every member is touched only there.
class OutputFollower : public QObject
{
    Q_OBJECT
public:
    OutputFollower() : m_timer(this)
    {
        m_timer.setInterval(kFollowIntervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] { read(false); });
    }

    void prepare(const QString &workDir, const QString &jobPath, const QString &jobText, const QString &logPath,
                 const QString &stateDir, bool restore, const QString &firstLine)
    {
        m_timer.stop();
        read(true); // what a previous run left unread
        PreparedRun run;
        if (!QDir().mkpath(workDir)) {
            run.error = tr("Cannot create %1.").arg(workDir);
            Q_EMIT prepared(run);
            return;
        }
        QSaveFile job(jobPath);
        if (!job.open(QIODevice::WriteOnly) || job.write(jobText.toUtf8()) < 0 || !job.commit()) {
            run.error = tr("Cannot write %1: %2").arg(jobPath, job.errorString());
            Q_EMIT prepared(run);
            return;
        }
        if (restore)
            run.restoredFrom = latestRestorePoint(stateDir);
        m_log.close();
        m_writer.close();
        m_writer.setFileName(logPath);
        m_log.setFileName(logPath);
        if (!m_writer.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered) ||
            !m_log.open(QIODevice::ReadOnly)) {
            run.error = tr("Cannot write %1: %2")
                            .arg(logPath, m_writer.isOpen() ? m_log.errorString() : m_writer.errorString());
            m_writer.close();
            Q_EMIT prepared(run);
            return;
        }
        m_offset = m_log.size();
        m_partial.clear();
        m_own.clear();
        append(firstLine);
        m_timer.start();
        Q_EMIT prepared(run);
    }

    void append(const QString &line)
    {
        if (!m_writer.isOpen())
            return;
        // A line of ours never runs on from a line the child has not ended yet.
        read(false);
        m_writer.write((m_partial.isEmpty() ? QByteArray() : QByteArray("\n")) + line.toUtf8() + '\n');
        m_own.append(line);
    }

    void drain(const QString &lastLine)
    {
        read(true);
        if (!lastLine.isEmpty())
            append(lastLine);
        Q_EMIT drained();
    }

Q_SIGNALS:
    void prepared(const cdc::consumer::PreparedRun &run);
    void output(const cdc::consumer::OutputBatch &batch);
    void drained();

private:
    void read(bool toTheEnd)
    {
        if (!m_log.isOpen() || !m_log.seek(m_offset))
            return;
        const QByteArray data = m_log.readAll();
        m_offset += data.size();
        m_partial += data;
        OutputBatch batch;
        qsizetype start = 0;
        for (qsizetype newline; (newline = m_partial.indexOf('\n', start)) >= 0; start = newline + 1)
            take(QString::fromUtf8(m_partial.constData() + start, newline - start).trimmed(), batch);
        m_partial.remove(0, start);
        if (toTheEnd && !m_partial.isEmpty()) {
            take(QString::fromUtf8(m_partial).trimmed(), batch);
            m_partial.clear();
        }
        if (!batch.lines.isEmpty())
            Q_EMIT output(batch);
    }

    void take(const QString &line, OutputBatch &batch)
    {
        if (!m_own.isEmpty() && line == m_own.constFirst()) {
            m_own.removeFirst(); // the thread that runs the job has it already
            return;
        }
        static const QRegularExpression jobLine(QStringLiteral("^CDC-STUDIO job ([0-9a-f]{32})$"));
        if (const auto match = jobLine.match(line); match.hasMatch())
            batch.jobId = match.captured(1);
        else if (auto row = parsePrintSinkLine(line))
            batch.rows.append(std::move(*row));
        batch.lines.append(line);
        if (batch.lines.size() > kBatchLines)
            batch.lines.removeFirst();
    }

    QFile m_log;       // read from m_offset on
    QFile m_writer;    // our own lines, appended
    QStringList m_own; // our own lines not read back yet: skipped when they are
    qint64 m_offset = 0;
    QByteArray m_partial;
    QTimer m_timer;
};

JobOutput::JobOutput(QObject *parent) : QObject(parent), m_follower(new OutputFollower)
{
    m_thread.setObjectName(QStringLiteral("consumer-output"));
    m_follower->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_follower, &QObject::deleteLater);
    // Re-emitted from this object, on its own thread.
    connect(m_follower, &OutputFollower::prepared, this, [this](const PreparedRun &run) { Q_EMIT prepared(run); });
    connect(m_follower, &OutputFollower::output, this, [this](const OutputBatch &batch) { Q_EMIT output(batch); });
    connect(m_follower, &OutputFollower::drained, this, [this] { Q_EMIT drained(); });
    m_thread.start();
}

JobOutput::~JobOutput()
{
    m_thread.quit();
    m_thread.wait();
}

void JobOutput::prepare(const QString &workDir, const QString &jobPath, const QString &jobText, const QString &logPath,
                        const QString &stateDir, bool restore, const QString &firstLine)
{
    QMetaObject::invokeMethod(m_follower, [=, follower = m_follower] {
        follower->prepare(workDir, jobPath, jobText, logPath, stateDir, restore, firstLine);
    });
}

void JobOutput::append(const QString &line)
{
    QMetaObject::invokeMethod(m_follower, [line, follower = m_follower] { follower->append(line); });
}

void JobOutput::drain(const QString &lastLine)
{
    QMetaObject::invokeMethod(m_follower, [lastLine, follower = m_follower] { follower->drain(lastLine); });
}

} // namespace cdc::consumer

#include "joboutput.moc"
