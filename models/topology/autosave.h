// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave and crash recovery: a few seconds after each edit the project is written to a recovery
// file; a clean save or a normal close removes it; at the next start a leftover file means the
// last session ended without saving, and its content can be recovered.
#pragma once

#include "core/result.h"
#include "topology/projectdocument.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

namespace cdc::topology {

struct RecoverableProject
{
    QString recoveryFile; // the autosaved project
    QString originalPath; // where the project lived; empty for an unsaved one
    QDateTime savedAt;
};

class Autosave : public QObject
{
    Q_OBJECT

public:
    // `directory` holds the recovery files (the app passes its data folder; tests a temporary one).
    Autosave(ProjectDocument *document, QString directory, int delayMs = 3000, QObject *parent = nullptr);
    ~Autosave() override;

    QString recoveryFile() const;
    // Writes the recovery file now (normally the timer does).
    Result<void> writeNow();
    // Removes the recovery file: call on a clean close.
    void discard();

    // Recovery files left by sessions that did not end cleanly, newest first.
    static std::vector<RecoverableProject> leftovers(const QString &directory);
    // Loads a leftover into `document` (marked modified, with its original path) and deletes the leftover.
    static Result<void> recover(const RecoverableProject &leftover, ProjectDocument *document);

private:
    ProjectDocument *m_document;
    QString m_directory;
    QTimer m_timer;
};

} // namespace cdc::topology
