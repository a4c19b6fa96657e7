// SPDX-License-Identifier: GPL-3.0-or-later
// One lag chart: every series of one unit (PostgreSQL WAL bytes, MySQL ms or consumer messages) over
// time, with that unit's warning and critical thresholds and the spans above them shaded.
#pragma once

#include "common/qcustomplot.h"
#include "lag/lagtypes.h"
#include "lag/timeseries.h"

#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace cdc::lag {
class LagMonitor;
}

namespace cdc::ui {

class LagChart : public QCustomPlot
{
    Q_OBJECT

public:
    explicit LagChart(lag::LagUnit unit, QWidget *parent = nullptr);

    lag::LagUnit unit() const { return m_unit; }
    static QString titleFor(lag::LagUnit unit);      // "PostgreSQL WAL retained", ...
    static QString shortTitleFor(lag::LagUnit unit); // "PostgreSQL", for a tab

    // Adds the line of a series (once), in its database's colour; `shade` tells the series of one
    // database apart (0 for the first). Returns the line.
    QCPGraph *addSeries(const lag::SeriesKey &key, int shade);
    QCPGraph *graphFor(const QString &seriesId) const { return m_graphs.value(seriesId); }
    const QList<lag::SeriesKey> &seriesKeys() const { return m_keys; }

    void setThreshold(const lag::LagThreshold &threshold);
    const lag::LagThreshold &threshold() const { return m_threshold; }
    QCPItemStraightLine *warningLine() const { return m_warningLine; }
    QCPItemStraightLine *criticalLine() const { return m_criticalLine; }
    QCPItemText *warningLabel() const { return m_warningLabel; }
    QCPItemText *criticalLabel() const { return m_criticalLabel; }

    // Reads [fromMs, toMs] of every series from the monitor (the series' tiers pick the resolution),
    // sets the x range to it (without rangeChanged: it is not the user's zoom), the y range to the data
    // (and to the thresholds when they are near), and shades the spans above the thresholds. No replot.
    void load(const lag::LagMonitor &monitor, qint64 fromMs, qint64 toMs);
    qsizetype loadedPoints() const { return m_loadedPoints; }
    // The shaded spans above warning and above critical, as [from, to] keys (seconds), after load().
    const std::vector<QCPRange> &warningSpans() const { return m_warningSpans; }
    const std::vector<QCPRange> &criticalSpans() const { return m_criticalSpans; }

    // The vertical hover line at `key` (seconds since the epoch), or none; repaints only its layer.
    void setCursorKey(std::optional<double> key);
    // What each series shows at `key`: its label and formatted value ("1.2 GB", "0.9–1.2 GB" for a
    // bucket), or nothing where it has no point.
    struct Reading
    {
        QString label;
        QColor color;
        QString value;
    };
    QList<Reading> readingsAt(double key) const;

    // Colours from the palette (light or dark): background, axes, grid, legend, bands.
    void applyPalette();
    // Text sizes from the widget's font (the title bold at its size, the rest smaller); called again
    // when the font changes, so presentation mode's larger type reaches the axes.
    void applyFonts();

    static double keyFor(qint64 timeMs) { return double(timeMs) / 1000.0; }

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QCPItemRect *band(std::size_t index, bool critical);
    void showSpans(const std::vector<QCPRange> &spans, std::vector<QCPItemRect *> &pool, bool critical);
    void fitHeader(int width);
    void placeThresholdLabels();
    void updateTimeFormat(double spanSeconds);

    lag::LagUnit m_unit;
    lag::LagThreshold m_threshold;
    QList<lag::SeriesKey> m_keys;
    QHash<QString, QCPGraph *> m_graphs;
    QHash<QString, int> m_shades;
    QHash<QString, std::vector<lag::TimeSeries::Point>> m_points; // what load() read, for the readout
    QCPLayoutGrid *m_header = nullptr;
    QCPTextElement *m_title = nullptr;
    QCPItemStraightLine *m_warningLine = nullptr;
    QCPItemStraightLine *m_criticalLine = nullptr;
    QCPItemText *m_warningLabel = nullptr;
    QCPItemText *m_criticalLabel = nullptr;
    QCPItemStraightLine *m_cursor = nullptr;
    QSharedPointer<QCPAxisTickerDateTime> m_timeTicker;
    std::vector<QCPItemRect *> m_warningBands;
    std::vector<QCPItemRect *> m_criticalBands;
    std::vector<QCPRange> m_warningSpans;
    std::vector<QCPRange> m_criticalSpans;
    qsizetype m_loadedPoints = 0;
    double m_timeFormatSpan = -1;
};

} // namespace cdc::ui
