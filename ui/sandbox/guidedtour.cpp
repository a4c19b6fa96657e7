// The guided tour: its steps, the panel and what each step highlights in the window.
#include "guidedtour.h"

#include "mainwindow/mainwindow.h"
#include "sandbox/sandboxtypes.h"
#include "topology/nodeitem.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cdc::ui {

namespace {
constexpr int kMargin = 12; // from the canvas's edges
} // namespace

const QList<TourStep> &GuidedTour::capstoneSteps()
{
    using sandbox::Incident;
    using sandbox::incidentInfo;
    static const QList<TourStep> steps{
        {tr("Two databases, one outbox each"),
         tr("PostgreSQL and MariaDB both hold orders. Each service writes its domain events into an "
            "<b>outbox</b> table in the same transaction as the order: <tt>public.outbox</tt> and "
            "<tt>capstone.outbox</tt>. Order ids overlap on purpose: both databases have an order 42."),
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
            "and the key is made unique across them: <b>PG-42</b> and <b>MY-42</b> are different orders. Try "
            "the query <tt>key:PG-42</tt>."),
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
            "Unified Consumer dock. The burst incident shows PG-n and MY-n there."),
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
{
    setObjectName(QStringLiteral("guidedTour"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
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

    connect(m_back, &QPushButton::clicked, this, &GuidedTour::back);
    connect(m_next, &QPushButton::clicked, this, &GuidedTour::next);
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    window->installEventFilter(this);
    hide();
}

void GuidedTour::next()
{
    if (m_index + 1 < stepCount())
        showStep(m_index + 1);
    else
        hide(); // "Finish"
}

void GuidedTour::back()
{
    if (m_index > 0)
        showStep(m_index - 1);
}

void GuidedTour::showStep(int index)
{
    m_index = std::clamp(index, 0, stepCount() - 1);
    const TourStep &step = m_steps.at(m_index);
    applyTitleFont();
    m_title->setText(step.title);
    m_text->setText(step.text);
    m_counter->setText(tr("Step %1 of %2").arg(m_index + 1).arg(stepCount()));
    m_back->setEnabled(m_index > 0);
    m_next->setText(m_index + 1 < stepCount() ? tr("Next") : tr("Finish"));
    show();
    raise();
    place();
    highlight(step);
    Q_EMIT stepShown(m_index);
}

void GuidedTour::highlight(const TourStep &step)
{
    if (!step.dock.isEmpty()) {
        if (QDockWidget *dock = m_window->dock(step.dock)) {
            dock->show();
            dock->raise();
        }
    }
    TopologyScene *scene = m_window->topologyScene();
    scene->clearSelection();
    QRectF area;
    for (const QString &id : step.nodeIds) {
        if (NodeItem *item = scene->nodeItem(id)) {
            item->setSelected(true);
            area |= item->sceneBoundingRect();
        }
    }
    if (!area.isNull())
        m_window->topologyView()->centerOn(area.center());
}

void GuidedTour::applyTitleFont()
{
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
}

void GuidedTour::place()
{
    // Over the canvas's bottom-right corner (the pipeline sits in its middle), as wide as a comfortable
    // paragraph in the current font.
    QWidget *canvas = m_window->centralWidget();
    const int width = std::min(fontMetrics().averageCharWidth() * 52, canvas->width() - 2 * kMargin);
    setFixedWidth(std::max(width, 200));
    setFixedHeight(heightForWidth(this->width()) > 0 ? heightForWidth(this->width()) : sizeHint().height());
    const QPoint corner = canvas->mapTo(m_window, QPoint(canvas->width() - kMargin, canvas->height() - kMargin));
    move(corner.x() - this->width(), std::max(corner.y() - height(), canvas->mapTo(m_window, QPoint(0, 0)).y()));
}

bool GuidedTour::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && isVisible() &&
        (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        place();
    return QFrame::eventFilter(watched, event);
}

void GuidedTour::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::FontChange) { // presentation mode: the title and the panel's size follow
        applyTitleFont();
        if (isVisible())
            place();
    }
}

} // namespace cdc::ui
