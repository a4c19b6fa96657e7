// SPDX-License-Identifier: GPL-3.0-or-later
// The Unified Consumer dock.
#include "consumerpanel.h"

#include "common/emptystate.h"
#include "common/glyphicon.h"
#include "common/messagebar.h"
#include "common/monospacefont.h"
#include "common/statebadge.h"
#include "consumer/consumerservice.h"
#include "topology/projectfile.h"

#include <QAction>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace cdc::ui {

using consumer::JobState;

ConsumerPanel::ConsumerPanel(consumer::ConsumerService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_run(new QAction(tr("&Run Unified Consumer"), this))
    , m_stop(new QAction(tr("S&top Unified Consumer"), this))
    , m_openLog(new QAction(tr("Open Consumer &Log"), this))
    , m_state(new QLabel(this))
    , m_simulated(new QLabel(tr("Simulated — no Flink runs in the sandbox"), this))
    , m_records(new QLabel(this))
    , m_message(new MessageBar(this))
    , m_pages(new QStackedWidget(this))
    , m_empty(new EmptyState(QString(), QString(), this))
    , m_table(new QTableView(this))
{
    m_run->setObjectName(QStringLiteral("runConsumer"));
    m_run->setShortcut(QKeySequence(Qt::Key_F9));
    bindGlyphIcon(
        this, Glyph::Resume, [button = m_run](const QIcon &icon) { button->setIcon(icon); },
        style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this));
    m_run->setStatusTip(tr("Run the PyFlink job of the consumer node on a local Flink, or on the Flink cluster of "
                           "its flink.rest.url"));
    m_run->setToolTip(tr("Run the unified consumer (F9)"));
    m_stop->setObjectName(QStringLiteral("stopConsumer"));
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F9));
    bindGlyphIcon(
        this, Glyph::Stop, [button = m_stop](const QIcon &icon) { button->setIcon(icon); },
        style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this));
    m_stop->setStatusTip(tr("Stop the unified consumer with a savepoint; the next run goes on from there"));
    m_stop->setToolTip(tr("Stop the unified consumer (Shift+F9)"));
    // The dock's buttons say it short (icon text); the menus say it whole.
    m_run->setIconText(tr("Run"));
    m_stop->setIconText(tr("Stop"));
    m_openLog->setIconText(tr("Log"));
    m_openLog->setObjectName(QStringLiteral("openConsumerLog"));
    m_openLog->setStatusTip(tr("Open the job's whole output"));
    connect(m_run, &QAction::triggered, this, &ConsumerPanel::run);
    connect(m_stop, &QAction::triggered, m_service, &consumer::ConsumerService::stop);
    connect(m_openLog, &QAction::triggered, this, [this] {
        if (!m_service->logPath().isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_service->logPath()));
    });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    for (QAction *action : {m_run, m_stop, m_openLog}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(action == m_openLog ? Qt::ToolButtonTextOnly : Qt::ToolButtonTextBesideIcon);
        bar->addWidget(button);
    }
    m_state->setObjectName(QStringLiteral("consumerState"));
    m_state->setTextFormat(Qt::RichText);
    m_records->setObjectName(QStringLiteral("consumerRecords"));
    m_records->setWordWrap(true); // wraps rather than widening the dock past the screen (presentation mode)
    // A tag beside the state, in the palette's tooltip colours: no one takes these rows for Flink's.
    m_simulated->setObjectName(QStringLiteral("consumerSimulated"));
    m_simulated->setAutoFillBackground(true);
    m_simulated->setBackgroundRole(QPalette::ToolTipBase);
    m_simulated->setForegroundRole(QPalette::ToolTipText);
    m_simulated->setFrameShape(QFrame::StyledPanel);
    m_simulated->setContentsMargins(6, 1, 6, 1);
    m_simulated->setWordWrap(true);
    m_simulated->hide();
    bar->addSpacing(8);
    bar->addWidget(m_state);
    bar->addSpacing(8);
    bar->addWidget(m_simulated);
    bar->addStretch(1);
    bar->addWidget(m_records);

    // Its own action, hidden while a job runs: a greyed Run under "The job runs on …" says nothing.
    m_runFromEmpty = new QAction(m_run->icon(), m_run->text(), this);
    connect(m_runFromEmpty, &QAction::triggered, m_run, &QAction::trigger);
    m_empty->addAction(m_runFromEmpty);
    m_table->setObjectName(QStringLiteral("unifiedRows"));
    m_table->setModel(m_service->rows());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setFont(monospaceFont());
    m_table->setWordWrap(false);
    // In a scroll area: with an error above it, a short dock must not push the window past the screen.
    auto *emptyScroll = new QScrollArea(this);
    emptyScroll->setWidget(m_empty);
    emptyScroll->setWidgetResizable(true);
    emptyScroll->setFrameShape(QFrame::NoFrame);
    m_pages->addWidget(emptyScroll);
    m_pages->addWidget(m_table);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_pages, 1);

    connect(m_service, &consumer::ConsumerService::changed, this, &ConsumerPanel::refresh);
    connect(m_service->rows(), &QAbstractItemModel::rowsInserted, this, [this] {
        refresh();
        m_table->scrollToBottom();
    });
    connect(m_service->rows(), &QAbstractItemModel::modelReset, this, &ConsumerPanel::refresh);
    refresh();
}

void ConsumerPanel::setProviders(ProjectProvider project, RequestProvider request)
{
    m_project = std::move(project);
    m_request = std::move(request);
}

void ConsumerPanel::run()
{
    if (!m_project || !m_request || m_service->isActive())
        return;
    const topology::Project project = m_project();
    const RunRequest request = m_request(project);
    if (request.nodeId.isEmpty()) {
        m_message->showMessage(MessageBar::Kind::Error, request.reason);
        return;
    }
    m_message->clearMessage();
    m_service->run(project, request.nodeId, request.workDir);
}

QString ConsumerPanel::stateText() const
{
    return m_state->text();
}

QString ConsumerPanel::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void ConsumerPanel::refresh()
{
    const JobState state = m_service->state();
    const bool active = m_service->isActive();
    const bool simulated = m_service->isSimulated();
    m_runFromEmpty->setVisible(!active);
    m_simulated->setVisible(simulated);
    if (simulated) {
        m_simulated->setToolTip(
            tr("The sandbox's in-process consumer does what the generated PyFlink job does: UNION ALL of both "
               "outbox streams, source_database, the composite key, one row per outbox event id. It writes "
               "its rows as JSON keyed by the composite key to %1 on the sandbox's broker.")
                .arg(m_service->sinkTopic()));
        m_run->setStatusTip(tr("Run the sandbox's simulated unified consumer (no Flink)"));
        m_stop->setStatusTip(tr("Stop the simulated unified consumer; the next run goes on from there"));
    } else {
        m_run->setStatusTip(tr("Run the PyFlink job of the consumer node on a local Flink"));
        m_stop->setStatusTip(tr("Stop the unified consumer with a savepoint; the next run goes on from there"));
    }
    m_run->setEnabled(!active);
    m_stop->setEnabled(active && state != JobState::Stopping);
    m_openLog->setEnabled(!m_service->logPath().isEmpty());

    // The node's badge words and colours, so the dock and the canvas say the same.
    const QString word = consumer::jobStateName(state).toUpper();
    const QColor color = connectorStateColor(word);
    // The same words as the node's badge: the state, and the event rate while it runs.
    const QString badge = stateBadgeText(word, m_service->eventRateText());
    m_state->setText(state == JobState::Stopped && m_service->logPath().isEmpty()
                         ? tr("Not running")
                         : QStringLiteral("<b style=\"color:%1\">%2</b>").arg(color.name(), badge.toHtmlEscaped()));
    m_state->setToolTip(simulated ? tr("Simulated in the sandbox: no Flink runs")
                        : m_service->clusterUrl().isEmpty()
                            ? tr("On a local Flink")
                            : tr("On the Flink cluster at %1").arg(m_service->clusterUrl().toString()));
    // The print sink's rows are counted here as they come; a Kafka sink's (or a cluster's) from Flink's metrics.
    const qint64 written = m_service->recordsSeen();
    if (simulated)
        m_records->setText(
            written > 0 || state == JobState::Running
                ? tr("%n row(s), also in %1", nullptr, int(qMin<qint64>(written, INT_MAX))).arg(m_service->sinkTopic())
                : QString());
    else
        m_records->setText(written > 0 || (written == 0 && state == JobState::Running)
                               ? tr("%n row(s) written", nullptr, int(qMin<qint64>(written, INT_MAX)))
                               : QString());

    if (state == JobState::Failed || state == JobState::StoppedUnexpectedly) {
        QString text = m_service->failureReason();
        if (!m_service->hint().isEmpty())
            text += QStringLiteral("\n") + m_service->hint();
        m_message->showMessage(MessageBar::Kind::Error, text);
    } else if (!m_service->topicWarnings().isEmpty() && active) {
        m_message->showMessage(MessageBar::Kind::Warning, m_service->topicWarnings().join(u'\n'));
    } else if (!m_service->warnings().isEmpty() && active) {
        m_message->showMessage(MessageBar::Kind::Information, m_service->warnings().join(u'\n'));
    } else if (active) {
        m_message->clearMessage();
    }

    const qsizetype rows = m_service->rows()->rowCount();
    if (rows > 0) {
        if (m_pages->currentWidget() != m_table) {
            m_pages->setCurrentWidget(m_table);
            // Once, from the first rows: the key, source and id columns fit; the payload takes the rest.
            m_table->resizeColumnsToContents();
        }
        return;
    }
    m_pages->setCurrentIndex(0);
    if (simulated && (state == JobState::Starting || state == JobState::Running))
        m_empty->setTexts(tr("Simulated consumer: no rows yet"),
                          tr("It reads the sandbox's outbox.event.postgres.* and outbox.event.mysql.* topics. Rows "
                             "appear here as soon as the connectors write outbox events."));
    else if (simulated)
        m_empty->setTexts(
            tr("The simulated unified consumer is not running"),
            tr("In the sandbox no Flink runs: Run (F9) starts an in-process consumer with the job's "
               "semantics. It unions both outbox streams, adds source_database and the composite key "
               "(PG-42, MY-42), and its rows appear here and in %1.")
                .arg(m_service->sinkTopic().isEmpty() ? QStringLiteral("unified.order") : m_service->sinkTopic()));
    else if (!m_service->sinkIsPrint() && state != JobState::Stopped)
        m_empty->setTexts(tr("The sink writes to Kafka"),
                          tr("The unified rows go to the topic %1, as JSON keyed by the composite key (PG-n, MY-n); "
                             "the records written are counted above.")
                              .arg(m_service->sinkTopic()));
    else if (!m_service->clusterUrl().isEmpty() && state != JobState::Stopped)
        m_empty->setTexts(state == JobState::Starting
                              ? tr("Submitting the job to %1…").arg(m_service->clusterUrl().toString())
                              : tr("The job runs on %1").arg(m_service->clusterUrl().toString()),
                          tr("Its print sink writes on the cluster's task managers (their .out files), not here; the "
                             "records written are counted above, from Flink's metrics."));
    else if (state == JobState::Starting)
        m_empty->setTexts(tr("Starting the job…"),
                          tr("A local Flink starts in a child process (about 15 s). The rows its print sink writes "
                             "appear here."));
    else if (state == JobState::Running)
        m_empty->setTexts(tr("Running: no rows yet"),
                          tr("The job reads outbox.event.postgres.* and outbox.event.mysql.*. Rows appear here as "
                             "soon as the connectors write outbox events."));
    else
        m_empty->setTexts(tr("The unified consumer is not running"),
                          tr("Run (F9) starts the consumer node's PyFlink job on a local Flink (or submits it to "
                             "the Flink cluster of its flink.rest.url): it unions both outbox streams, adds "
                             "source_database and the composite key (PG-42, MY-42), and its rows appear here. It "
                             "needs PyFlink: stack/flink fetch."));
}

} // namespace cdc::ui
