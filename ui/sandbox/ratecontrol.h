// SPDX-License-Identifier: GPL-3.0-or-later
// The presenter's rate control: 1 to 50,000 events per second on a logarithmic slider, a spin box for
// an exact figure and the usual presets. Used in the sandbox toolbar and the Rate dialog.
#pragma once

#include <QWidget>

class QSlider;
class QSpinBox;
class QToolButton;

namespace cdc::ui {

class RateControl : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMinimum = 1;
    static constexpr int kMaximum = 50000;
    static const QList<int> &presets(); // 10, 100, 1,000, 10,000, 50,000

    explicit RateControl(QWidget *parent = nullptr);

    int rate() const;
    // Shows `eventsPerSecond` without emitting rateChosen (the sandbox changed it).
    void setRate(int eventsPerSecond);

    QSlider *slider() const { return m_slider; }
    QSpinBox *spinBox() const { return m_spin; }
    QToolButton *presetButton() const { return m_presets; }

    // Slider position (0 … kSteps) ↔ rate, logarithmic.
    static int rateForPosition(int position);
    static int positionForRate(int rate);
    static constexpr int kSteps = 1000;

Q_SIGNALS:
    void rateChosen(int eventsPerSecond); // by the user: slider released or moved, spin box, preset

private:
    void choose(int rate);

    QSlider *m_slider;
    QSpinBox *m_spin;
    QToolButton *m_presets;
    bool m_updating = false;
};

} // namespace cdc::ui
