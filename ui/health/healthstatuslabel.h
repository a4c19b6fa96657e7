// SPDX-License-Identifier: GPL-3.0-or-later
// A status-bar label showing one line of health::PipelineHealth's summary — the problems' count ("1 error,
// 1 warning", as Diagnostics says it) or the lag ("Lag: PostgreSQL warning — 4.3 MB behind") — as a badge
// in the severity's colour, plain while all is well; the issues themselves in its tooltip. It words
// nothing itself: the summary does.
#pragma once

#include "health/healthtypes.h"

#include <QLabel>

namespace cdc::health {
class PipelineHealth;
}

namespace cdc::ui {

class HealthStatusLabel : public QLabel
{
    Q_OBJECT

public:
    enum class Line { Problems, Lag };

    HealthStatusLabel(const health::PipelineHealth *health, Line line, QWidget *parent = nullptr);

    health::Severity severity() const { return m_severity; }

private:
    void showSummary();

    const health::PipelineHealth *m_health;
    Line m_line;
    health::Severity m_severity = health::Severity::Ok;
};

} // namespace cdc::ui
