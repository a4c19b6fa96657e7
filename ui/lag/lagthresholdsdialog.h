// SPDX-License-Identifier: GPL-3.0-or-later
// The small dialog that edits the project's lag thresholds: warning and critical for each database in
// its own unit (PostgreSQL in MB of WAL, MySQL in seconds, consumers in messages); 0 turns one off.
#pragma once

#include "lag/lagtypes.h"

#include <QDialog>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;

namespace cdc::ui {

class LagThresholdsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LagThresholdsDialog(const lag::LagThresholds &current, QWidget *parent = nullptr);

    lag::LagThresholds thresholds() const;
    void setThresholds(const lag::LagThresholds &thresholds);
    // Why OK is disabled ("critical below warning"), or empty.
    QString problem() const;

    QDoubleSpinBox *spinBox(lag::LagUnit unit, lag::LagLevel level) const;

private:
    struct Row
    {
        QDoubleSpinBox *warning = nullptr;
        QDoubleSpinBox *critical = nullptr;
        double scale = 1; // spin box value × scale = threshold in the series' unit
    };
    Row &row(lag::LagUnit unit);
    const Row &row(lag::LagUnit unit) const;
    void validate();

    lag::LagThresholds m_initial; // kept exactly where a spin box still shows it (rounded)
    Row m_postgres;
    Row m_mysql;
    Row m_consumer;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace cdc::ui
