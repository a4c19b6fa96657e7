// SPDX-License-Identifier: GPL-3.0-or-later
// The Lag panel's CSV export.
#include "lagcsv.h"

#include "lag/lagmonitor.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSaveFile>

namespace cdc::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LagCsv", text);
}

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n')) {
        bytes.replace('"', "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

Error cannotWrite(const QString &path, const QString &reason)
{
    return Error{tr("Cannot write the CSV file: %1").arg(reason), path, tr("Choose a folder you can write to.")};
}

} // namespace

Result<void> writeLagCsv(const lag::LagMonitor &monitor, qint64 fromMs, qint64 toMs, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file.errorString());
    file.write("series,label,unit,time_iso,time_ms,min,max,mean\n");
    for (const lag::SeriesKey &key : monitor.series()) {
        const lag::TimeSeries *series = monitor.seriesData(key.id);
        if (!series)
            continue;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        if (!series->writeCsv(&buffer, fromMs, toMs))
            return Error{tr("Cannot write the samples of %1.").arg(key.label), path, {}};
        const QByteArray prefix =
            csvField(key.id) + ',' + csvField(key.label) + ',' + csvField(lag::unitName(key.unit)) + ',';
        for (const QByteArray &line : buffer.data().split('\n')) {
            const QByteArray row = line.trimmed();
            if (row.isEmpty() || row.startsWith("time_iso"))
                continue; // each series' own header: the file has one
            file.write(prefix + row + '\n');
        }
    }
    if (!file.commit())
        return cannotWrite(path, file.errorString());
    return {};
}

} // namespace cdc::ui
