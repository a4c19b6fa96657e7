// SPDX-License-Identifier: GPL-3.0-or-later
// The event viewer's copy and export: the selected events as JSON Lines on the clipboard, and the
// selection or the filtered view written to a file on a worker thread, with progress and Cancel.
#include "eventviewer.h"

#include "common/settingskeys.h"
#include "eventformats.h"
#include "stream/eventjson.h"
#include "stream/eventquery.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"

#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPromise>
#include <QSettings>
#include <QStandardPaths>
#include <QtConcurrent>

#include <climits>

namespace cdc::ui {

using stream::EventTableModel;

QByteArray EventViewer::selectedEventsJson() const
{
    QByteArray out;
    for (int row : selectedRows()) {
        stream::appendEventJsonLine(out, m_model->event(row));
    }
    return out;
}

void EventViewer::copySelection()
{
    const QByteArray json = selectedEventsJson();
    if (!json.isEmpty())
        QGuiApplication::clipboard()->setText(QString::fromUtf8(json));
}

void EventViewer::exportInteractively(bool selectionOnly)
{
    if (selectionOnly && selectedRows().empty()) {
        showError(tr("Nothing to export"), tr("Select one or more events first."));
        return;
    }
    const QString folder =
        QSettings()
            .value(settings::eventExportFolder(), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString path = QFileDialog::getSaveFileName(
        this, selectionOnly ? tr("Export Selected Events") : tr("Export Shown Events"),
        folder + QStringLiteral("/events.jsonl"), tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(settings::eventExportFolder(), QFileInfo(path).absolutePath());
    exportToFile(path, selectionOnly);
}

void EventViewer::exportToFile(const QString &path, bool selectionOnly)
{
    std::optional<std::vector<quint64>> sequences;
    if (selectionOnly || m_model->isQueryRejected()) {
        sequences.emplace();
        for (int row : selectedRows())
            sequences->push_back(m_model->index(row, 0).data(EventTableModel::SequenceRole).toULongLong());
    }
    // The worker reads a snapshot (which keeps its events alive) and evaluates the filter itself.
    const stream::EventQuery query = selectionOnly ? stream::EventQuery() : m_model->filter();
    auto job = [snapshot = m_model->store()->snapshot(), sequences = std::move(sequences), query,
                path](QPromise<JsonLinesOutcome> &promise) {
        std::optional<std::vector<quint64>> rows = sequences;
        if (!rows && !query.isEmpty())
            rows = stream::matchingSequences(snapshot, query, 0, snapshot.size());
        promise.addResult(writeJsonLines(snapshot, rows, path, [&promise](qsizetype done, qsizetype total) {
            promise.setProgressRange(0, int(qMin<qsizetype>(total, INT_MAX)));
            promise.setProgressValue(int(qMin<qsizetype>(done, INT_MAX)));
            return !promise.isCanceled();
        }));
    };
    auto *watcher = new QFutureWatcher<JsonLinesOutcome>(this);
    auto *progress = new QProgressDialog(tr("Exporting events…"), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500); // shown only for exports that take a while
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, progress, &QProgressDialog::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, watcher, &QFutureWatcherBase::cancel);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, progress] {
        progress->deleteLater();
        watcher->deleteLater();
        if (watcher->isCanceled() || watcher->future().resultCount() == 0) {
            Q_EMIT exportFinished(false, tr("Export cancelled; no file was written."));
            return;
        }
        const JsonLinesOutcome outcome = watcher->result();
        if (!outcome.ok && !outcome.cancelled)
            showError(tr("Cannot export events"), outcome.message);
        Q_EMIT exportFinished(outcome.ok, outcome.message);
    });
    watcher->setFuture(QtConcurrent::run(std::move(job)));
}

void EventViewer::showError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("eventViewerError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace cdc::ui
