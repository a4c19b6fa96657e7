// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing of one lag chart. Kept cheap for Debian's QCustomPlot (no OpenGL): pens of width 1, no
// antialiasing, opaque bands on their own layer, the hover line on the buffered overlay layer.
#include "lagchart.h"

#include "common/sourcecolors.h"
#include "lag/lagmonitor.h"

#include <QEvent>
#include <QFontMetrics>
#include <QResizeEvent>
#include <QSignalBlocker>

#include <algorithm>
#include <cmath>

namespace cdc::ui {

namespace {

constexpr std::size_t kMaxBands = 200;
// Two pixels: a line along the axis or a grid line still reads as data (issue 20). Adaptive sampling
// keeps the points to about two per pixel column, so the wider pen costs little.
constexpr int kLinePenWidth = 2;
const QString kBandsLayer = QStringLiteral("bands");
const QString kThresholdsLayer = QStringLiteral("thresholds");
const QString kOverlayLayer = QStringLiteral("overlay");

// Value ticks in the unit's own words ("256 MB", "30 s"), at steps that are round in that unit:
// powers of 1024 for bytes, seconds, minutes and hours for milliseconds.
class LagValueTicker : public QCPAxisTicker
{
public:
    explicit LagValueTicker(lag::LagUnit unit) : m_unit(unit) { setTickCount(4); }

    double stepFor(const QCPRange &range) { return getTickStep(range); }

protected:
    double getTickStep(const QCPRange &range) override
    {
        const double exact = range.size() / std::max(1, tickCount());
        switch (m_unit) {
        case lag::LagUnit::Bytes:
            // Powers of two read as round numbers in binary units: 256 MB, 512 MB, 1.0 GB.
            return std::max(1.0, std::exp2(std::round(std::log2(std::max(exact, 1.0)))));
        case lag::LagUnit::Milliseconds: {
            // Steps a clock has: ms, seconds, 15 s, 30 s, minutes, hours.
            static const double steps[] = {
                1,       2,       5,         10,        20,        50,         100,        200,        500,
                1000,    2000,    5000,      10'000,    15'000,    30'000,     60'000,     120'000,    300'000,
                600'000, 900'000, 1'800'000, 3'600'000, 7'200'000, 10'800'000, 21'600'000, 43'200'000, 86'400'000};
            for (double step : steps) {
                if (step >= exact * 0.8)
                    return step;
            }
            return std::ceil(exact / 86'400'000) * 86'400'000;
        }
        case lag::LagUnit::Messages: break;
        }
        return std::max(1.0, QCPAxisTicker::getTickStep(range)); // no fractions of a message
    }
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return lag::formatValue(m_unit, std::abs(tick) < 1e-9 ? 0.0 : tick);
    }

private:
    lag::LagUnit m_unit;
};

QColor bandColor(const QColor &base, bool critical)
{
    return blendColors(base, lagLevelColor(critical ? lag::LagLevel::Critical : lag::LagLevel::Warning),
                       critical ? 0.16 : 0.13);
}

QString thresholdText(lag::LagUnit unit, lag::LagLevel level, double value)
{
    return (level == lag::LagLevel::Critical ? LagChart::tr("critical %1") : LagChart::tr("warning %1"))
        .arg(lag::formatValue(unit, value));
}

// Sorts and joins intervals closer than `gap`; widens the gap until at most kMaxBands remain.
std::vector<QCPRange> mergeSpans(std::vector<QCPRange> spans, double gap)
{
    std::sort(spans.begin(), spans.end(), [](const QCPRange &a, const QCPRange &b) { return a.lower < b.lower; });
    std::vector<QCPRange> merged;
    for (;;) {
        merged.clear();
        for (const QCPRange &s : spans) {
            if (!merged.empty() && s.lower <= merged.back().upper + gap)
                merged.back().upper = std::max(merged.back().upper, s.upper);
            else
                merged.push_back(s);
        }
        if (merged.size() <= kMaxBands || gap <= 0)
            return merged;
        gap *= 2;
        spans = merged;
    }
}

} // namespace

LagChart::LagChart(lag::LagUnit unit, QWidget *parent) : QCustomPlot(parent), m_unit(unit)
{
    setObjectName(QStringLiteral("lagChart-") + lag::unitName(unit));
    // No OpenGL in Debian's build: no antialiasing, fast polylines, cached tick labels.
    setNotAntialiasedElements(QCP::aeAll);
    setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
    // Free zoom and pan along time only; the value axis follows the data.
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal);
    axisRect()->setRangeZoom(Qt::Horizontal);
    setMinimumSize(240, 140);

    // The shaded spans go under the grid; the hover line lives on the buffered overlay layer, so moving
    // it repaints that layer alone.
    addLayer(kBandsLayer, layer(QStringLiteral("grid")), QCustomPlot::limBelow);
    addLayer(kThresholdsLayer, layer(QStringLiteral("main")), QCustomPlot::limAbove); // over the lines
    layer(kOverlayLayer)->setMode(QCPLayer::lmBuffered);

    m_timeTicker.reset(new QCPAxisTickerDateTime);
    m_timeTicker->setTickCount(4);
    xAxis->setTicker(m_timeTicker);
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LagValueTicker(unit)));
    yAxis->setRange(0, 1);

    // A header row above the plot: the title on the left, the legend on its right.
    plotLayout()->insertRow(0);
    auto *header = m_header = new QCPLayoutGrid;
    plotLayout()->addElement(0, 0, header);
    plotLayout()->setRowStretchFactor(0, 0.001);
    header->setMargins(QMargins(6, 4, 6, 0));
    header->setColumnSpacing(12);
    m_title = new QCPTextElement(this, titleFor(unit));
    m_title->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    header->addElement(0, 0, m_title);
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    header->addElement(0, 1, legend);
    header->setColumnStretchFactors({1, 0.01}); // the legend keeps to the right, as wide as it needs
    header->setRowSpacing(0);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setWrap(3);
    legend->setIconSize(14, 8);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(10);
    legend->setMargins(QMargins(2, 2, 2, 2));
    legend->setSelectableParts(QCPLegend::spNone);

    auto makeLine = [this] {
        auto *line = new QCPItemStraightLine(this);
        line->setLayer(kThresholdsLayer);
        line->setSelectable(false);
        line->point1->setCoords(0, 0);
        line->point2->setCoords(1, 0);
        line->setVisible(false);
        return line;
    };
    auto makeLabel = [this](QCPItemStraightLine *line) {
        auto *label = new QCPItemText(this);
        label->setLayer(kThresholdsLayer);
        label->setSelectable(false);
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setPadding(QMargins(3, 0, 3, 1));
        label->setVisible(line->visible());
        return label;
    };
    m_warningLine = makeLine();
    m_warningLine->setObjectName(QStringLiteral("warningThreshold"));
    m_criticalLine = makeLine();
    m_criticalLine->setObjectName(QStringLiteral("criticalThreshold"));
    m_warningLabel = makeLabel(m_warningLine);
    m_criticalLabel = makeLabel(m_criticalLine);

    m_cursor = new QCPItemStraightLine(this);
    m_cursor->setLayer(kOverlayLayer);
    m_cursor->setSelectable(false);
    m_cursor->setVisible(false);
    m_cursor->point1->setCoords(0, 0);
    m_cursor->point2->setCoords(0, 1);

    applyFonts();
    applyPalette();
    // The labels' side of their line is decided with the plot's final geometry, at every replot.
    connect(this, &QCustomPlot::afterLayout, this, &LagChart::placeThresholdLabels);
}

QString LagChart::shortTitleFor(lag::LagUnit unit)
{
    switch (unit) {
    case lag::LagUnit::Bytes: return tr("PostgreSQL");
    case lag::LagUnit::Milliseconds: return tr("MySQL");
    case lag::LagUnit::Messages: return tr("Consumers");
    }
    return {};
}

QString LagChart::titleFor(lag::LagUnit unit)
{
    switch (unit) {
    case lag::LagUnit::Bytes: return tr("PostgreSQL · WAL retained");
    case lag::LagUnit::Milliseconds: return tr("MySQL · behind the source");
    case lag::LagUnit::Messages: return tr("Consumers · messages behind");
    }
    return {};
}

QCPGraph *LagChart::addSeries(const lag::SeriesKey &key, int shade)
{
    if (QCPGraph *existing = m_graphs.value(key.id))
        return existing;
    QCPGraph *graph = addGraph();
    graph->setName(key.label);
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    graph->setPen(QPen(lagSeriesColor(key.databaseKind, shade, dark), kLinePenWidth));
    m_shades.insert(key.id, shade);
    graph->setAntialiased(false);
    graph->setAdaptiveSampling(true);
    graph->setSelectable(QCP::stNone);
    m_graphs.insert(key.id, graph);
    m_keys << key;
    fitHeader(width());
    return graph;
}

void LagChart::setThreshold(const lag::LagThreshold &threshold)
{
    m_threshold = threshold;
    const auto place = [this](QCPItemStraightLine *line, QCPItemText *label, lag::LagLevel level, double value) {
        line->setVisible(value > 0);
        label->setVisible(value > 0);
        line->point1->setCoords(0, value);
        line->point2->setCoords(1, value);
        label->position->setCoords(0.995, value);
        label->setText(thresholdText(m_unit, level, value));
    };
    place(m_warningLine, m_warningLabel, lag::LagLevel::Warning, threshold.warning);
    place(m_criticalLine, m_criticalLabel, lag::LagLevel::Critical, threshold.critical);
}

void LagChart::load(const lag::LagMonitor &monitor, qint64 fromMs, qint64 toMs)
{
    const double from = keyFor(fromMs);
    const double to = keyFor(toMs);
    m_loadedPoints = 0;
    double dataMax = 0;
    std::vector<QCPRange> above[2]; // warning, critical
    const double levels[2] = {m_threshold.warning, m_threshold.critical};
    QVector<double> keys;
    QVector<double> values;
    for (const lag::SeriesKey &key : std::as_const(m_keys)) {
        QCPGraph *graph = m_graphs.value(key.id);
        std::vector<lag::TimeSeries::Point> &points = m_points[key.id];
        const lag::TimeSeries *series = monitor.seriesData(key.id);
        points = series ? series->range(fromMs, toMs) : std::vector<lag::TimeSeries::Point>();
        const std::size_t n = points.size();
        // A pause in the samples longer than a few of their intervals is a gap in the line (NaN), not
        // a straight line across it.
        const double spacing =
            n > 1 ? double(points.back().timeMs - points.front().timeMs) / double(n - 1) / 1000.0 : 1;
        const double gap = std::max(5.0, 4 * spacing);
        keys.clear();
        values.clear();
        keys.reserve(qsizetype(n) + 8);
        values.reserve(qsizetype(n) + 8);
        for (std::size_t i = 0; i < n; ++i) {
            const lag::TimeSeries::Point &p = points[i];
            const double k = keyFor(p.timeMs);
            const bool gapAfter = i + 1 < n && keyFor(points[i + 1].timeMs) - k > gap;
            keys << k;
            values << p.max;
            if (gapAfter) {
                keys << k + spacing;
                values << qQNaN();
            }
            dataMax = std::max(dataMax, p.max);
            const double end = i + 1 < n && !gapAfter ? keyFor(points[i + 1].timeMs) : k + spacing;
            for (int l = 0; l < 2; ++l) {
                if (levels[l] > 0 && p.max >= levels[l])
                    above[l].push_back(QCPRange(k, end));
            }
        }
        graph->data()->clear();
        graph->addData(keys, values, true);
        m_loadedPoints += qsizetype(n);
    }

    {
        // Not a zoom by the user: whoever follows the axis' rangeChanged (the panel) does not hear this.
        const QSignalBlocker blocker(xAxis);
        xAxis->setRange(from, to);
    }
    updateTimeFormat(to - from);
    double upper = dataMax * 1.15;
    // Room above a threshold line for its label, also on a short chart (a laptop's screen).
    const double labelPx = QFontMetricsF(m_warningLabel->font()).height() + 3;
    const double plotPx = axisRect()->height();
    const double headroom = plotPx > 3 * labelPx ? std::max(1.12, plotPx / (plotPx - labelPx)) : 1.12;
    for (double level : levels) {
        if (level > 0 && dataMax >= 0.4 * level)
            upper = std::max(upper, level * headroom);
    }
    if (upper <= 0)
        upper = m_threshold.warning > 0 ? m_threshold.warning * headroom : 1;
    // The top tick inside the range, with room for its label: up to the next round step, a little over.
    auto *ticker = static_cast<LagValueTicker *>(yAxis->ticker().data());
    for (int i = 0; i < 2; ++i) {
        const double step = ticker->stepFor(QCPRange(0, upper));
        if (step > 0)
            upper = (std::floor(upper / step * (1 + 1e-9)) + 1) * step;
    }
    upper *= 1.04;
    // Below zero by a few pixels, so a series at 0 is drawn above the axis line rather than under it.
    const double belowPx = 4;
    const double below = plotPx > 4 * belowPx ? upper * belowPx / (plotPx - belowPx) : upper * 0.03;
    yAxis->setRange(-below, upper);

    // Spans closer than two pixels are one band.
    const double gap = 2 * (to - from) / std::max(1, axisRect()->width());
    m_warningSpans = mergeSpans(std::move(above[0]), gap);
    m_criticalSpans = mergeSpans(std::move(above[1]), gap);
    showSpans(m_warningSpans, m_warningBands, false);
    showSpans(m_criticalSpans, m_criticalBands, true);
}

QCPItemRect *LagChart::band(std::size_t index, bool critical)
{
    std::vector<QCPItemRect *> &pool = critical ? m_criticalBands : m_warningBands;
    while (pool.size() <= index) {
        auto *rect = new QCPItemRect(this);
        rect->setLayer(kBandsLayer);
        rect->setSelectable(false);
        rect->setPen(Qt::NoPen);
        rect->setBrush(bandColor(palette().color(QPalette::Base), critical));
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        pool.push_back(rect);
    }
    return pool[index];
}

void LagChart::showSpans(const std::vector<QCPRange> &spans, std::vector<QCPItemRect *> &pool, bool critical)
{
    for (std::size_t i = 0; i < spans.size(); ++i) {
        QCPItemRect *rect = band(i, critical);
        rect->topLeft->setCoords(spans[i].lower, 0);
        rect->bottomRight->setCoords(spans[i].upper, 1);
        rect->setVisible(true);
    }
    for (std::size_t i = spans.size(); i < pool.size(); ++i)
        pool[i]->setVisible(false);
}

void LagChart::placeThresholdLabels()
{
    // Above its line when there is room under the top of the plot, else below it: never cut off. A
    // threshold above the shown range has no label: half a label at the top edge reads as nothing.
    const double top = axisRect()->top();
    for (QCPItemText *label : {m_warningLabel, m_criticalLabel}) {
        const double value = label->position->coords().y();
        label->setVisible(value > 0 && value <= yAxis->range().upper);
        const double y = yAxis->coordToPixel(value);
        const double height = QFontMetricsF(label->font()).height() + 2;
        label->setPositionAlignment(Qt::AlignRight | (y - height < top ? Qt::AlignTop : Qt::AlignBottom));
    }
}

void LagChart::setCursorKey(std::optional<double> key)
{
    if (!key && !m_cursor->visible())
        return;
    m_cursor->setVisible(key.has_value());
    if (key) {
        m_cursor->point1->setCoords(*key, 0);
        m_cursor->point2->setCoords(*key, 1);
    }
    m_cursor->layer()->replot();
}

QList<LagChart::Reading> LagChart::readingsAt(double key) const
{
    QList<Reading> out;
    const auto timeMs = qint64(std::llround(key * 1000));
    for (const lag::SeriesKey &series : m_keys) {
        const auto found = m_points.constFind(series.id);
        if (found == m_points.constEnd() || found->empty())
            continue;
        const std::vector<lag::TimeSeries::Point> &points = *found;
        auto it = std::upper_bound(points.begin(), points.end(), timeMs,
                                   [](qint64 t, const lag::TimeSeries::Point &p) { return t < p.timeMs; });
        if (it == points.begin())
            continue;
        --it;
        const qint64 spacing =
            points.size() > 1 ? (points.back().timeMs - points.front().timeMs) / qint64(points.size() - 1) : 1000;
        if (timeMs - it->timeMs > std::max<qint64>(3 * spacing, 5000))
            continue; // past the end of the series, or in a gap
        const QString value = it->min == it->max ? lag::formatValue(m_unit, it->max)
                                                 : lag::formatValue(m_unit, it->min) + QStringLiteral("–") +
                                                       lag::formatValue(m_unit, it->max);
        out.push_back({series.label, m_graphs.value(series.id)->pen().color(), value});
    }
    return out;
}

void LagChart::updateTimeFormat(double spanSeconds)
{
    if (spanSeconds == m_timeFormatSpan)
        return;
    m_timeFormatSpan = spanSeconds;
    if (spanSeconds <= 20 * 60)
        m_timeTicker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    else if (spanSeconds <= 36 * 3600)
        m_timeTicker->setDateTimeFormat(QStringLiteral("HH:mm"));
    else
        m_timeTicker->setDateTimeFormat(QStringLiteral("d MMM HH:mm"));
}

void LagChart::applyPalette()
{
    const QPalette p = palette();
    const QColor base = p.color(QPalette::Base);
    const QColor text = p.color(QPalette::Text);
    const QColor axis = blendColors(base, text, 0.45);
    const QColor grid = blendColors(base, text, 0.12);
    setBackground(base);
    for (QCPAxis *a : {xAxis, yAxis}) {
        a->setBasePen(QPen(axis, 1));
        a->setTickPen(QPen(axis, 1));
        a->setSubTickPen(QPen(axis, 1));
        a->setTickLabelColor(text);
        a->setLabelColor(text);
        a->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
        a->grid()->setZeroLinePen(QPen(axis, 1));
        a->grid()->setSubGridVisible(false);
    }
    m_title->setTextColor(text);
    legend->setTextColor(text);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);

    // Threshold colours a little darker on a light background and lighter on a dark one, so the dashes
    // stand out from the series of the same hue (MySQL is amber too).
    const bool dark = base.lightness() < 128;
    const QColor warning =
        dark ? lagLevelColor(lag::LagLevel::Warning).lighter(115) : lagLevelColor(lag::LagLevel::Warning).darker(115);
    const QColor critical =
        dark ? lagLevelColor(lag::LagLevel::Critical).lighter(130) : lagLevelColor(lag::LagLevel::Critical);
    m_warningLine->setPen(QPen(warning, 1, Qt::DashLine));
    m_criticalLine->setPen(QPen(critical, 1, Qt::DashLine));
    for (auto [label, colour] : {std::pair{m_warningLabel, warning}, std::pair{m_criticalLabel, critical}}) {
        label->setColor(colour);
        label->setBrush(base); // opaque: the label stays readable over a line
    }
    m_cursor->setPen(QPen(axis, 1, Qt::DotLine));
    for (const lag::SeriesKey &key : std::as_const(m_keys))
        m_graphs.value(key.id)->setPen(
            QPen(lagSeriesColor(key.databaseKind, m_shades.value(key.id), dark), kLinePenWidth));
    for (QCPItemRect *rect : m_warningBands)
        rect->setBrush(bandColor(base, false));
    for (QCPItemRect *rect : m_criticalBands)
        rect->setBrush(bandColor(base, true));
}

void LagChart::applyFonts()
{
    QFont small = font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * 0.85);
    else
        small.setPixelSize(qMax(8, small.pixelSize() * 85 / 100));
    QFont titleFont = font();
    titleFont.setBold(true);
    xAxis->setTickLabelFont(small);
    yAxis->setTickLabelFont(small);
    m_title->setFont(titleFont);
    legend->setFont(small);
    for (int i = 0; i < legend->itemCount(); ++i)
        legend->item(i)->setFont(small);
    m_warningLabel->setFont(small);
    m_criticalLabel->setFont(small);
}

void LagChart::fitHeader(int width)
{
    // The legend beside the title when both fit, else under it; as many entries a row as fit.
    const int available = width - 16;
    const int titleWidth = QFontMetrics(m_title->font()).horizontalAdvance(m_title->text()) + 16;
    const int entries = std::max(1, int(m_keys.size()));
    auto widthWithWrap = [this](int wrap) {
        legend->setWrap(wrap);
        legend->setFillOrder(QCPLegend::foColumnsFirst, true);
        return legend->minimumOuterSizeHint().width();
    };
    bool beside = false;
    int wrap = std::min(entries, 3);
    for (; wrap >= 1; --wrap) {
        if (titleWidth + widthWithWrap(wrap) <= available) {
            beside = true;
            break;
        }
    }
    if (!beside) {
        for (wrap = std::min(entries, 3); wrap > 1; --wrap) {
            if (widthWithWrap(wrap) <= available)
                break;
        }
        widthWithWrap(std::max(wrap, 1));
    }
    const int row = beside ? 0 : 1;
    const int column = beside ? 1 : 0;
    if (m_header->hasElement(row, column) && m_header->element(row, column) == legend)
        return;
    m_header->take(legend);
    m_header->simplify();
    m_header->addElement(row, column, legend);
    if (beside)
        m_header->setColumnStretchFactors({1, 0.01}); // the legend keeps to the right, as wide as it needs
}

void LagChart::resizeEvent(QResizeEvent *event)
{
    fitHeader(event->size().width());
    // Time labels about a hundred pixels apart, so they never run into each other.
    m_timeTicker->setTickCount(std::clamp(event->size().width() / 110, 2, 6));
    QCustomPlot::resizeEvent(event);
}

void LagChart::changeEvent(QEvent *event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        replot(QCustomPlot::rpQueuedReplot);
    } else if (event->type() == QEvent::FontChange) {
        applyFonts();
        fitHeader(width()); // the title and legend take more room in a larger font
        replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace cdc::ui
