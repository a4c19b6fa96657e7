// SPDX-License-Identifier: GPL-3.0-or-later
// Include QCustomPlot through here: its header uses the Qt keywords (signals, slots, emit) that the
// project turns off with QT_NO_KEYWORDS (and foreach, which QCustomPlot uses in templates).
#pragma once

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
