// SPDX-License-Identifier: GPL-3.0-or-later
// The guided tour: its steps, the callout and where it goes, and what each step highlights in the window.
#include "guidedtour.h"

#include "mainwindow/mainwindow.h"
#include "sandbox/sandboxtypes.h"
#include "topology/nodeitem.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace cdc::ui {

namespace {
constexpr int kMargin = 12;    // from the canvas's edges, in the corner
constexpr int kGap = 4;        // between the arrow's tip and the target
constexpr int kArrow = 12;     // the arrow's length
constexpr int kArrowHalf = 10; // half its base
constexpr int kRadius = 6;
constexpr int kPadding = 10; // inside the callout's body

// `widget`'s rectangle in `window`'s coordinates, whatever its parents.
QRect rectIn(const QWidget *widget, const QWidget *window)
{
    return {window->mapFromGlobal(widget->mapToGlobal(QPoint(0, 0))), widget->size()};
}

QRectF nodesArea(const TopologyScene *scene, const QStringList &ids)
{
    QRectF area;
    for (const QString &id : ids) {
        if (const NodeItem *item = scene->nodeItem(id))
            area |= item->sceneBoundingRect();
    }
    return area;
}

Qt::Edge opposite(Qt::Edge edge)
{
    switch (edge) {
    case Qt::LeftEdge: return Qt::RightEdge;
    case Qt::RightEdge: return Qt::LeftEdge;
    case Qt::TopEdge: return Qt::BottomEdge;
    case Qt::BottomEdge: return Qt::TopEdge;
    }
    return edge;
}
} // namespace

const QList<TourStep> &GuidedTour::capstoneSteps()
{
    using sandbox::Incident;
    using sandbox::incidentInfo;
    static const QList<TourStep> steps{
        {tr("Two databases, one outbox each"),
         tr("PostgreSQL and MariaDB both hold orders. Each service writes its domain events into an "
            "<b>outbox</b> table in the same transaction as the order: <tt>public.outbox</tt> and "
            "<tt>capstone.outbox</tt>. Order ids overlap on purpose: both number their orders from 1000, and the "
            "<b>%1</b> incident writes order %2 in both.")
             .arg(incidentInfo(Incident::SameIdBurst).title.toHtmlEscaped())
             .arg(sandbox::burstOrderId),
         {QStringLiteral("db-postgres"), QStringLiteral("db-mysql")},
         {}},
        {tr("One Debezium connector per database"),
         tr("Kafka Connect runs <b>postgres-outbox</b>, reading the WAL through a replication slot, and "
            "<b>mysql-outbox</b>, reading the binlog with its own server id. Both apply the <b>Outbox Event "
            "Router</b>: each outbox row becomes one event, keyed by its aggregate id."),
         {QStringLiteral("connector-postgres"), QStringLiteral("connector-mysql"), QStringLiteral("connect-local")},
         QStringLiteral("connectorsDock")},
        {tr("Topics named by the router"),
         tr("The router sends each event to <tt>outbox.event.postgres.&lt;type&gt;</tt> or "
            "<tt>outbox.event.mysql.&lt;type&gt;</tt>, such as <tt>outbox.event.postgres.order</tt>. Any Kafka "
            "client can read them too: the sandbox's bootstrap address is in the status bar."),
         {QStringLiteral("topic-postgres"), QStringLiteral("topic-mysql")},
         {}},
        {tr("One stream, two sources"),
         tr("The Events panel merges both topics. The source column says which database an event came from, "
            "and the key is made unique across them: <b>PG-%1</b> and <b>MY-%1</b> are different orders. After "
            "the burst incident, the panel offers <b>Filter to these</b>: the query <tt>%2</tt> shows both.")
             .arg(sandbox::burstOrderId)
             .arg(sandbox::burstOrderQuery().toHtmlEscaped()),
         {},
         QStringLiteral("eventsDock")},
        {tr("Lag in each database's own unit"),
         tr("PostgreSQL lag is the WAL its replication slot still holds, in <b>bytes</b>. MySQL lag is how far "
            "the connector is behind the binlog, in <b>milliseconds</b>. Raise the rate in the sandbox toolbar "
            "and watch both climb."),
         {},
         QStringLiteral("lagDock")},
        {tr("Break something"),
         tr("Choose <b>Sandbox ▸ Incidents ▸ %1</b>. The PostgreSQL task turns FAILED in the Connectors panel "
            "with its stack trace, PostgreSQL events stop and its lag grows.")
             .arg(incidentInfo(Incident::TaskFailed).title.toHtmlEscaped()),
         {QStringLiteral("connector-postgres")},
         QStringLiteral("connectorsDock")},
        {tr("Recover it"),
         tr("%1 The task is RUNNING again, the backlog drains and the lag falls back. Every incident's tooltip "
            "in the menu says what it teaches and how it is recovered.")
             .arg(incidentInfo(Incident::TaskFailed).recovery.toHtmlEscaped()),
         {QStringLiteral("connector-postgres")},
         QStringLiteral("connectorsDock")},
        {tr("The unified consumer"),
         tr("The PyFlink job reads both topic patterns as one stream and adds a <b>source_database</b> column. "
            "It keeps the composite key, so order 42 of each database stays two rows in <i>unified orders</i>. "
            "No Flink runs in the sandbox: a <b>simulated</b> consumer does the same, and its rows are in the "
            "Unified Consumer dock. The burst incident shows PG-%1 and MY-%1 there.")
             .arg(sandbox::burstOrderId),
         {QStringLiteral("consumer-pyflink"), QStringLiteral("sink-orders")},
         QStringLiteral("consumerDock")},
    };
    return steps;
}

GuidedTour::GuidedTour(MainWindow *window)
    : QFrame(window)
    , m_window(window)
    , m_steps(capstoneSteps())
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_counter(new QLabel(this))
    , m_back(new QPushButton(tr("Back"), this))
    , m_next(new QPushButton(tr("Next"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_placeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("guidedTour"));
    setFrameShape(QFrame::NoFrame); // paintEvent draws the body and its arrow
    setBackgroundRole(QPalette::ToolTipBase);
    m_title->setObjectName(QStringLiteral("tourTitle"));
    m_title->setWordWrap(true);
    m_title->setForegroundRole(QPalette::ToolTipText);
    m_text->setObjectName(QStringLiteral("tourText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setForegroundRole(QPalette::ToolTipText);
    m_counter->setObjectName(QStringLiteral("tourCounter"));
    m_counter->setForegroundRole(QPalette::ToolTipText);
    m_back->setObjectName(QStringLiteral("tourBack"));
    m_next->setObjectName(QStringLiteral("tourNext"));
    m_close->setObjectName(QStringLiteral("tourClose"));
    m_close->setToolTip(tr("End the tour (Esc)"));
    m_next->setDefault(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_counter, 1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    setArrowMargins(std::nullopt);

    connect(m_back, &QPushButton::clicked, this, &GuidedTour::back);
    connect(m_next, &QPushButton::clicked, this, &GuidedTour::next);
    connect(m_close, &QPushButton::clicked, this, &GuidedTour::finish);
    // The target moves when the window's layout, a dock or the canvas's scroll position changes.
    m_placeTimer->setSingleShot(true);
    m_placeTimer->setInterval(0);
    connect(m_placeTimer, &QTimer::timeout, this, &GuidedTour::place);
    window->installEventFilter(this);
    const auto docks = window->findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly);
    for (QDockWidget *dock : docks)
        dock->installEventFilter(this);
    TopologyView *view = window->topologyView();
    view->viewport()->installEventFilter(this);
    for (QScrollBar *bar : {view->horizontalScrollBar(), view->verticalScrollBar()})
        connect(bar, &QScrollBar::valueChanged, m_placeTimer, qOverload<>(&QTimer::start));
    hide();
}

void GuidedTour::next()
{
    if (m_index + 1 < stepCount())
        showStep(m_index + 1);
    else
        finish();
}

void GuidedTour::back()
{
    if (m_index > 0)
        showStep(m_index - 1);
}

void GuidedTour::finish()
{
    hide();
    m_placeTimer->stop();
    restoreView();
}

void GuidedTour::showStep(int index)
{
    if (isHidden()) { // the tour begins: what the user had, for finish()
        const TopologyView *view = m_window->topologyView();
        SavedView saved;
        for (QGraphicsItem *item : m_window->topologyScene()->selectedItems()) {
            if (item->type() == NodeItem::Type)
                saved.selection << static_cast<NodeItem *>(item)->nodeId();
        }
        saved.transform = view->transform();
        saved.horizontal = view->horizontalScrollBar()->value();
        saved.vertical = view->verticalScrollBar()->value();
        m_saved = saved;
    }
    m_index = std::clamp(index, 0, stepCount() - 1);
    const TourStep &step = m_steps.at(m_index);
    applyTitleFont();
    m_title->setText(step.title);
    m_text->setText(step.text);
    m_counter->setText(tr("Step %1 of %2").arg(m_index + 1).arg(stepCount()));
    m_back->setEnabled(m_index > 0);
    m_next->setText(m_index + 1 < stepCount() ? tr("Next") : tr("Finish"));
    show();
    highlight(step);
    place();
    m_placeTimer->start();                  // again once the raised dock has its geometry
    m_next->setFocus(Qt::OtherFocusReason); // Enter goes on, Esc ends
    Q_EMIT stepShown(m_index);
}

void GuidedTour::highlight(const TourStep &step)
{
    TopologyScene *scene = m_window->topologyScene();
    scene->clearSelection();
    for (const QString &id : step.nodeIds) {
        if (NodeItem *item = scene->nodeItem(id))
            item->setSelected(true);
    }
    // Raised after the selection, which may bring the Properties panel forward.
    if (!step.dock.isEmpty()) {
        if (QDockWidget *dock = m_window->dock(step.dock)) {
            dock->show();
            dock->raise();
        }
    }
    revealNodes(step.nodeIds);
}

void GuidedTour::revealNodes(const QStringList &ids)
{
    const QRectF area = nodesArea(m_window->topologyScene(), ids);
    if (area.isNull())
        return;
    TopologyView *view = m_window->topologyView();
    // Whole on the canvas: zoomed out (never in) when they do not fit at the user's zoom.
    const QRectF padded = area.adjusted(-24, -24, 24, 24);
    const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
    if (padded.width() > shown.width() || padded.height() > shown.height())
        view->fitInView(padded, Qt::KeepAspectRatio);
    view->centerOn(area.center());
}

QRect GuidedTour::targetRect() const
{
    if (m_index < 0 || m_index >= stepCount())
        return {};
    const TourStep &step = m_steps.at(m_index);
    if (step.nodeIds.isEmpty())
        return dockRect(step.dock);
    const QRectF area = nodesArea(m_window->topologyScene(), step.nodeIds);
    if (area.isNull())
        return {};
    const TopologyView *view = m_window->topologyView();
    const QRect shown = view->mapFromScene(area).boundingRect() & view->viewport()->rect();
    if (shown.isEmpty())
        return {};
    return shown.translated(rectIn(view->viewport(), m_window).topLeft());
}

QRect GuidedTour::dockRect(const QString &objectName) const
{
    const QDockWidget *dock = objectName.isEmpty() ? nullptr : m_window->dock(objectName);
    if (!dock || !dock->isVisible() || dock->isFloating() || dock->visibleRegion().isEmpty())
        return {};
    return dock->geometry();
}

QRect GuidedTour::workArea() const
{
    QRect area = rectIn(m_window->centralWidget(), m_window);
    const auto docks = m_window->findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly);
    for (const QDockWidget *dock : docks) {
        if (dock->isVisible() && !dock->isFloating())
            area |= dock->geometry();
    }
    return area & m_window->rect();
}

void GuidedTour::setArrowMargins(std::optional<Qt::Edge> edge)
{
    const auto extra = [&](Qt::Edge e) { return kPadding + (edge == e ? kArrow : 0); };
    layout()->setContentsMargins(extra(Qt::LeftEdge), extra(Qt::TopEdge), extra(Qt::RightEdge), extra(Qt::BottomEdge));
}

int GuidedTour::heightFor(int width, std::optional<Qt::Edge> edge)
{
    setArrowMargins(edge);
    QLayout *box = layout();
    return box->hasHeightForWidth() ? box->totalHeightForWidth(width) : box->totalSizeHint().height();
}

std::optional<GuidedTour::Placement> GuidedTour::besideTarget(const QRect &target, const QRect &avoid,
                                                              const QRect &work)
{
    // As wide as a comfortable paragraph, narrower where the room beside the target is less.
    const int preferred = std::max(fontMetrics().averageCharWidth() * 52, 240) + kArrow;
    const int narrowest = std::max(fontMetrics().averageCharWidth() * 30, 200) + kArrow;
    struct Candidate
    {
        Placement placement;
        int slack = 0;     // room left over on that side
        bool clear = true; // off the panel the step raised
    };
    std::optional<Candidate> best;
    for (const Qt::Edge side : {Qt::RightEdge, Qt::LeftEdge, Qt::BottomEdge, Qt::TopEdge}) {
        const Qt::Edge arrow = opposite(side); // the callout's edge that faces the target
        QRect r;
        int slack = 0;
        if (side == Qt::RightEdge || side == Qt::LeftEdge) {
            const int room =
                (side == Qt::RightEdge ? work.right() - target.right() : target.left() - work.left()) - kGap;
            const int width = std::min(preferred, room);
            if (width < narrowest)
                continue;
            const int height = heightFor(width, arrow);
            if (height > work.height())
                continue;
            const int x = side == Qt::RightEdge ? target.right() + 1 + kGap : target.left() - kGap - width;
            const int y = std::clamp(target.center().y() - height / 2, work.top(), work.bottom() + 1 - height);
            r = QRect(x, y, width, height);
            slack = room - width;
        } else {
            const int room =
                (side == Qt::BottomEdge ? work.bottom() - target.bottom() : target.top() - work.top()) - kGap;
            const int width = std::min(preferred, work.width());
            const int height = heightFor(width, arrow);
            if (height > room)
                continue;
            const int x = std::clamp(target.center().x() - width / 2, work.left(), work.right() + 1 - width);
            const int y = side == Qt::BottomEdge ? target.bottom() + 1 + kGap : target.top() - kGap - height;
            r = QRect(x, y, width, height);
            slack = room - height;
        }
        // The arrow points at the target's middle, as far as the callout's straight edge reaches.
        const bool vertical = arrow == Qt::LeftEdge || arrow == Qt::RightEdge;
        const int along = vertical ? target.center().y() - r.top() : target.center().x() - r.left();
        const int length = vertical ? r.height() : r.width();
        const int lowest = kRadius + kArrowHalf;
        const int arrowAt = std::clamp(along, lowest, std::max(lowest, length - lowest));
        const Candidate candidate{{r, arrow, arrowAt}, slack, !r.intersects(avoid)};
        if (!best || std::pair(candidate.clear, candidate.slack) > std::pair(best->clear, best->slack))
            best = candidate;
    }
    if (!best)
        return std::nullopt;
    return best->placement;
}

GuidedTour::Placement GuidedTour::inCorner(const QRect &work)
{
    // Nothing to point at: the canvas's bottom-right corner (the pipeline sits in its middle).
    const QRect canvas = rectIn(m_window->centralWidget(), m_window) & work;
    const int preferred = std::max(fontMetrics().averageCharWidth() * 52, 240);
    const int width = std::max(std::min(preferred, canvas.width() - 2 * kMargin), 200);
    const int height = heightFor(width, std::nullopt);
    const int x = std::max(canvas.right() + 1 - kMargin - width, work.left());
    const int y = std::max(canvas.bottom() + 1 - kMargin - height, work.top());
    return {QRect(x, y, width, height), std::nullopt, 0};
}

void GuidedTour::place()
{
    if (isHidden())
        return;
    const QRect work = workArea();
    const QRect target = targetRect() & work;
    const TourStep &step = m_steps.at(m_index);
    const QRect avoid = step.nodeIds.isEmpty() ? QRect() : dockRect(step.dock);
    std::optional<Placement> placement;
    if (!target.isEmpty())
        placement = besideTarget(target, avoid, work);
    if (!placement)
        placement = inCorner(work);
    m_edge = placement->edge;
    m_arrowAt = placement->arrowAt;
    setArrowMargins(m_edge);
    setFixedSize(placement->rect.size());
    move(placement->rect.topLeft());
    raise();
    update();
}

void GuidedTour::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QRectF body = QRectF(rect()).adjusted(0.75, 0.75, -0.75, -0.75);
    QPainterPath path;
    if (m_edge) {
        const qreal at = m_arrowAt;
        QPolygonF arrow;
        switch (*m_edge) {
        case Qt::LeftEdge:
            body.setLeft(body.left() + kArrow);
            arrow << QPointF(body.left() + 1, at - kArrowHalf) << QPointF(0.75, at)
                  << QPointF(body.left() + 1, at + kArrowHalf);
            break;
        case Qt::RightEdge:
            body.setRight(body.right() - kArrow);
            arrow << QPointF(body.right() - 1, at - kArrowHalf) << QPointF(width() - 0.75, at)
                  << QPointF(body.right() - 1, at + kArrowHalf);
            break;
        case Qt::TopEdge:
            body.setTop(body.top() + kArrow);
            arrow << QPointF(at - kArrowHalf, body.top() + 1) << QPointF(at, 0.75)
                  << QPointF(at + kArrowHalf, body.top() + 1);
            break;
        case Qt::BottomEdge:
            body.setBottom(body.bottom() - kArrow);
            arrow << QPointF(at - kArrowHalf, body.bottom() - 1) << QPointF(at, height() - 0.75)
                  << QPointF(at + kArrowHalf, body.bottom() - 1);
            break;
        }
        path.addPolygon(arrow);
        path.closeSubpath();
    }
    QPainterPath rounded;
    rounded.addRoundedRect(body, kRadius, kRadius);
    path = rounded.united(path);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
    painter.setBrush(palette().color(QPalette::ToolTipBase));
    painter.drawPath(path);
}

void GuidedTour::restoreView()
{
    if (!m_saved)
        return;
    TopologyScene *scene = m_window->topologyScene();
    scene->clearSelection();
    for (const QString &id : std::as_const(m_saved->selection)) {
        if (NodeItem *item = scene->nodeItem(id))
            item->setSelected(true);
    }
    TopologyView *view = m_window->topologyView();
    view->setTransform(m_saved->transform);
    view->horizontalScrollBar()->setValue(m_saved->horizontal);
    view->verticalScrollBar()->setValue(m_saved->vertical);
    m_saved.reset();
}

void GuidedTour::applyTitleFont()
{
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
}

bool GuidedTour::eventFilter(QObject *watched, QEvent *event)
{
    if (isVisible()) {
        switch (event->type()) {
        case QEvent::Resize:
        case QEvent::Move:
        case QEvent::Show:
        case QEvent::Hide:
        case QEvent::LayoutRequest:
            if (watched != this)
                m_placeTimer->start();
            break;
        default: break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void GuidedTour::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        finish();
        return;
    }
    QFrame::keyPressEvent(event);
}

void GuidedTour::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::FontChange) { // presentation mode: the title and the callout's size follow
        applyTitleFont();
        if (isVisible())
            place();
    }
}

} // namespace cdc::ui
