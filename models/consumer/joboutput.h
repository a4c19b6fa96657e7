// SPDX-License-Identifier: GPL-3.0-or-later
// The job's files and output, handled on a thread of their own so that the thread that runs the job
// never touches the disk and never parses a row. The child process writes straight into its log file;
// this reader follows that file, splits it into lines, finds the job's id and parses the print sink's
// rows, and hands them over in batches. Lines of our own ("--- stopping …") are appended to the same
// log here.
#pragma once

#include "consumer/unifiedrows.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

namespace cdc::consumer {

// What one read of the log brought.
struct OutputBatch
{
    QStringList lines;
    QList<UnifiedRow> rows; // print-sink lines, parsed
    QString jobId;          // from a "CDC-STUDIO job <id>" line, when one came
};

// What a run needs on disk before its process starts.
struct PreparedRun
{
    QString error;        // empty: ready
    QString restoredFrom; // the newest savepoint or checkpoint under the state folder, or empty
};

class OutputFollower;

class JobOutput : public QObject
{
    Q_OBJECT
public:
    explicit JobOutput(QObject *parent = nullptr);
    ~JobOutput() override;

    // Creates `workDir`, writes `jobText` to `jobPath`, finds the restore point under `stateDir` (when
    // `restore`), appends `firstLine` to `logPath` and follows that log from there; then prepared().
    void prepare(const QString &workDir, const QString &jobPath, const QString &jobText, const QString &logPath,
                 const QString &stateDir, bool restore, const QString &firstLine);
    // A line of our own, appended to the log. The caller has it: it does not come back in output().
    void append(const QString &line);
    // Reads what is left (a last line without its newline too), appends `lastLine` (when given), then
    // drained().
    void drain(const QString &lastLine = {});

Q_SIGNALS:
    void prepared(const cdc::consumer::PreparedRun &run);
    void output(const cdc::consumer::OutputBatch &batch);
    void drained();

private:
    QThread m_thread;
    OutputFollower *m_follower = nullptr; // lives on m_thread
};

// The newest savepoint or retained checkpoint under `stateDir` (a folder with a _metadata file); older
// ones are deleted, since a run resumes only from the newest.
QString latestRestorePoint(const QString &stateDir);

} // namespace cdc::consumer
