// SPDX-License-Identifier: GPL-3.0-or-later
// Checks of the guided tour shared by the sandbox's GUI tests: where each step's target is, computed from
// the window (not from the tour), and a walk through every step that checks the callout sits beside its
// target, inside the window, and saves a screenshot of each step.
#pragma once

#include "mainwindow/mainwindow.h"
#include "sandbox/guidedtour.h"
#include "sandbox/sandboxcontroller.h"
#include "topology/nodeitem.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include "guitestsupport.h"

#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QTest>

namespace cdc::guitest {

// What `step` explains, in the window's coordinates: its nodes' rectangle as the canvas maps them (not
// clipped), or its dock's geometry.
inline QRect tourTarget(const ui::MainWindow &window, const ui::TourStep &step)
{
    if (step.nodeIds.isEmpty()) {
        const QDockWidget *dock = window.dock(step.dock);
        return dock ? dock->geometry() : QRect();
    }
    QRectF area;
    for (const QString &id : step.nodeIds)
        area |= window.topologyScene()->nodeItem(id)->sceneBoundingRect();
    const ui::TopologyView *view = window.topologyView();
    const QRect shown = view->mapFromScene(area).boundingRect();
    return shown.translated(view->viewport()->mapTo(&window, QPoint(0, 0)));
}

inline QString describeRect(const QRect &r)
{
    return QStringLiteral("%1,%2 %3×%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// Why the callout is not where it should be for `step`, or empty when it is: inside the window, off the
// target, on the side its arrow says, the target whole on screen.
inline QString tourPlacementProblem(const ui::MainWindow &window, const ui::GuidedTour &tour, const ui::TourStep &step)
{
    const QRect target = tourTarget(window, step);
    const QRect callout = tour.geometry();
    const QString where =
        QStringLiteral("%1: callout %2, target %3, window %4")
            .arg(step.title, describeRect(callout), describeRect(target), describeRect(window.rect()));
    if (target.isEmpty())
        return QStringLiteral("no target: ") + where;
    if (!step.nodeIds.isEmpty()) {
        const ui::TopologyView *view = window.topologyView();
        const QRect canvas(view->viewport()->mapTo(&window, QPoint(0, 0)), view->viewport()->size());
        // (a selection outline may touch the edge when the scene ends there)
        if (!canvas.contains(target.adjusted(4, 4, -4, -4)))
            return QStringLiteral("nodes not whole on the canvas %1: ").arg(describeRect(canvas)) + where;
    }
    if (!window.rect().contains(callout))
        return QStringLiteral("outside the window: ") + where;
    if (callout.intersects(target))
        return QStringLiteral("over its target: ") + where;
    if (tour.targetRect().isEmpty() || !tour.arrowEdge())
        return QStringLiteral("no arrow: ") + where;
    switch (*tour.arrowEdge()) {
    case Qt::LeftEdge:
        return callout.left() > target.right() ? QString() : QStringLiteral("arrow on the left: ") + where;
    case Qt::RightEdge:
        return callout.right() < target.left() ? QString() : QStringLiteral("arrow on the right: ") + where;
    case Qt::TopEdge: return callout.top() > target.bottom() ? QString() : QStringLiteral("arrow on top: ") + where;
    case Qt::BottomEdge: return callout.bottom() < target.top() ? QString() : QStringLiteral("arrow below: ") + where;
    }
    return {};
}

// From the step shown to the last, with Next: each step's callout is beside its target and its text
// fits; the window is saved as `<prefix>-<n>.png` (n from 1) in the output folder. Stops at the last step.
inline void walkTour(ui::MainWindow &window, const QString &prefix)
{
    ui::GuidedTour *tour = window.sandbox()->guidedTour();
    for (int i = tour->currentStep(); i < tour->stepCount(); ++i) {
        QCOMPARE(tour->currentStep(), i);
        const ui::TourStep &step = ui::GuidedTour::capstoneSteps().at(i);
        if (!step.dock.isEmpty())
            QTRY_VERIFY2(!window.dock(step.dock)->visibleRegion().isEmpty(), qPrintable(step.dock));
        // The raised dock and the centred nodes settle in the event loop: the callout follows.
        QTRY_VERIFY2_WITH_TIMEOUT(tourPlacementProblem(window, *tour, step).isEmpty(),
                                  qPrintable(tourPlacementProblem(window, *tour, step)), 5000);
        for (QLabel *label : {tour->titleLabel(), tour->textLabel()})
            QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(step.title));
        QVERIFY(window.grab().save(outputDir() + QStringLiteral("/%1-%2.png").arg(prefix).arg(i + 1)));
        if (i + 1 < tour->stepCount())
            QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
    }
}

} // namespace cdc::guitest
