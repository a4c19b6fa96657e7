// SPDX-License-Identifier: GPL-3.0-or-later
// The status bar's problem and lag badges.
#include "healthstatuslabel.h"

#include "common/sourcecolors.h"
#include "health/pipelinehealth.h"

namespace cdc::ui {

HealthStatusLabel::HealthStatusLabel(const health::PipelineHealth *health, Line line, QWidget *parent)
    : QLabel(parent)
    , m_health(health)
    , m_line(line)
{
    connect(health, &health::PipelineHealth::changed, this, &HealthStatusLabel::showSummary);
    showSummary();
}

void HealthStatusLabel::showSummary()
{
    const health::HealthSummary &summary = m_health->summary();
    const QString text = m_line == Line::Problems ? summary.counts : summary.lagText;
    const health::Severity severity = m_line == Line::Problems ? summary.severity : summary.lagSeverity;
    // What the count is made of, for the pointer; the list itself is in Diagnostics.
    QStringList lines;
    for (const health::LiveIssue &issue : m_health->liveIssues()) {
        if (m_line == Line::Problems || issue.kind == health::LiveIssue::Kind::Lag)
            lines << issue.statusText;
    }
    setToolTip(lines.join(u'\n'));
    if (text != this->text())
        setText(text);
    setVisible(!text.isEmpty());
    if (severity == m_severity && !styleSheet().isEmpty() == (severity != health::Severity::Ok))
        return;
    m_severity = severity;
    if (severity == health::Severity::Ok) {
        setStyleSheet(QString());
        return;
    }
    // A badge: the severity reads in colour and in words, on light and dark status bars alike.
    const QColor fill = severityColor(severity);
    setStyleSheet(QStringLiteral("QLabel { background-color: %1; color: %2; border-radius: 3px; "
                                 "padding: 0px 6px; font-weight: bold; }")
                      .arg(fill.name(), sourceTagTextColor(fill).name()));
}

} // namespace cdc::ui
