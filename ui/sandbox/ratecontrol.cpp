// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's rate control: a logarithmic slider, a spin box and presets, kept in step.
#include "ratecontrol.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QMenu>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace cdc::ui {

const QList<int> &RateControl::presets()
{
    static const QList<int> values{10, 100, 1000, 10000, 50000};
    return values;
}

int RateControl::rateForPosition(int position)
{
    const double fraction = double(std::clamp(position, 0, kSteps)) / kSteps;
    const double value = std::pow(10.0, fraction * std::log10(double(kMaximum)));
    return std::clamp(int(std::lround(value)), kMinimum, kMaximum);
}

int RateControl::positionForRate(int rate)
{
    const double clamped = std::clamp(rate, kMinimum, kMaximum);
    return int(std::lround(std::log10(clamped) / std::log10(double(kMaximum)) * kSteps));
}

RateControl::RateControl(QWidget *parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new QSpinBox(this))
    , m_presets(new QToolButton(this))
{
    setObjectName(QStringLiteral("rateControl"));
    const QString tip = tr("Events per second both databases write together (1 to 50,000)");
    m_slider->setObjectName(QStringLiteral("rateSlider"));
    m_slider->setRange(0, kSteps);
    m_slider->setPageStep(kSteps / 10);
    m_slider->setMinimumWidth(140);
    m_slider->setMaximumWidth(320); // in a toolbar row of its own it would take the whole width
    m_slider->setToolTip(tip);
    m_spin->setObjectName(QStringLiteral("rateSpinBox"));
    m_spin->setRange(kMinimum, kMaximum);
    m_spin->setGroupSeparatorShown(true);
    m_spin->setSuffix(tr(" events/s"));
    m_spin->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_spin->setKeyboardTracking(false); // typing "5000" is one change, not four
    m_spin->setToolTip(tip);
    m_presets->setObjectName(QStringLiteral("ratePresets"));
    m_presets->setText(tr("Presets"));
    m_presets->setToolTip(tr("A preset rate"));
    m_presets->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_presets);
    for (int value : presets()) {
        menu->addAction(tr("%1 events/s").arg(QLocale().toString(value)), this, [this, value] {
            setRate(value);
            Q_EMIT rateChosen(value);
        });
    }
    m_presets->setMenu(menu);

    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    layout->addWidget(m_presets);

    // The slider follows while dragged; the sandbox is told on release (or at once for keys and clicks).
    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        if (m_updating)
            return;
        const int value = rateForPosition(position);
        const QSignalBlocker blocker(m_spin);
        m_spin->setValue(value);
        if (!m_slider->isSliderDown())
            Q_EMIT rateChosen(value);
    });
    connect(m_slider, &QSlider::sliderReleased, this, [this] { Q_EMIT rateChosen(m_spin->value()); });
    connect(m_spin, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        choose(value);
    });
    setRate(200);
}

int RateControl::rate() const
{
    return m_spin->value();
}

void RateControl::setRate(int eventsPerSecond)
{
    m_updating = true;
    m_spin->setValue(std::clamp(eventsPerSecond, kMinimum, kMaximum));
    m_slider->setValue(positionForRate(eventsPerSecond));
    m_updating = false;
}

void RateControl::choose(int rate)
{
    setRate(rate);
    Q_EMIT rateChosen(rate);
}

} // namespace cdc::ui
