// SPDX-License-Identifier: GPL-3.0-or-later
// The Connectors dock: clusters, the live connectors tree, its operations and the details of failures.
#include "connectorspanel.h"

#include "common/emptystate.h"
#include "common/messagebar.h"
#include "common/settingskeys.h"
#include "common/statebadge.h"
#include "connect/clusterdialog.h"
#include "connect/connectclient.h"
#include "connect/connectoroperations.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorstatedelegate.h"
#include "connect/deploydialog.h"
#include "connect/failuredetails.h"
#include "connect/tracedialog.h"
#include "core/stackenvironment.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScopedValueRollback>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cdc::ui {

using connect::ConnectClient;
using connect::ConnectorsModel;

namespace {

QString errorText(const Error &e)
{
    return e.hint.isEmpty() ? e.what : e.what + u'\n' + e.hint;
}

constexpr int kNameMinimumWidth = 130; // the name column elides down to this before the state gives way

QString intervalText(int ms)
{
    return ms == 0 ? ConnectorsPanel::tr("Auto-refresh off") : ConnectorsPanel::tr("Every %1 s").arg(ms / 1000);
}

} // namespace

const QList<int> &ConnectorsPanel::refreshIntervals()
{
    static const QList<int> intervals{0, 2000, 5000, 10000, 30000};
    return intervals;
}

ConnectorsPanel::ConnectorsPanel(QWidget *parent) : ConnectorsPanel(nullptr, parent) {}

ConnectorsPanel::ConnectorsPanel(connect::ConnectorsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model ? model : new ConnectorsModel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("connectorsPanel"));
    const int saved = QSettings().value(settings::connectorsRefreshIntervalMs(), 5000).toInt();
    m_intervalMs = refreshIntervals().contains(saved) ? saved : 5000;
    connect(m_timer, &QTimer::timeout, this, &ConnectorsPanel::refresh);
    createActions();

    m_messages = new MessageBar(this);
    m_empty = new EmptyState(
        tr("No Kafka Connect cluster"),
        tr("Add the Kafka Connect cluster this project runs on, by the REST URL of a worker such as "
           "http://localhost:8083. Its connectors and tasks then appear here with their state, to pause, "
           "resume, restart, delete or deploy."),
        this);
    m_empty->setObjectName(QStringLiteral("connectorsEmptyState"));
    m_empty->addAction(m_actions.addCluster);
    m_useSuggestion = new QAction(this);
    m_useSuggestion->setObjectName(QStringLiteral("useStackCluster"));
    m_useSuggestion->setVisible(false);
    connect(m_useSuggestion, &QAction::triggered, this, [this] {
        if (!m_suggestion)
            return;
        QList<connect::ClusterSettings> clusters = m_clusters;
        clusters << *m_suggestion;
        setClusters(clusters);
        selectCluster(m_suggestion->name);
        Q_EMIT clustersEdited(m_clusters);
    });
    m_empty->addAction(m_useSuggestion);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(createContent());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_messages);
    layout->addWidget(m_pages, 1);

    setSuggestion(stackSuggestion());
    updatePage();
    updateActions();
    updateDetails();
}

ConnectorsPanel::~ConnectorsPanel() = default;

void ConnectorsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (m_operations && (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
        m_operations->updateIcons();
}

void ConnectorsPanel::createActions()
{
    QStyle *s = style();
    auto make = [this](const QString &text, const QIcon &icon, const QKeySequence &shortcut, const QString &tip) {
        auto *action = new QAction(icon, text, this);
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        action->setStatusTip(tip);
        action->setToolTip(
            shortcut.isEmpty() ? tip : tip + QStringLiteral(" (") + shortcut.toString(QKeySequence::NativeText) + u')');
        addAction(action); // the shortcut works anywhere in the panel
        return action;
    };
    m_actions.refresh = make(tr("&Refresh"), s->standardIcon(QStyle::SP_BrowserReload), QKeySequence(Qt::Key_F5),
                             tr("Read the connectors' states now"));
    connect(m_actions.refresh, &QAction::triggered, this, &ConnectorsPanel::refresh);

    m_operations = new ConnectorOperations(this, [this] { return selection(); });
    const ConnectorOperations::Actions &o = m_operations->actions();
    m_actions.pause = o.pause;
    m_actions.resume = o.resume;
    m_actions.stop = o.stop;
    m_actions.restart = o.restart;
    m_actions.restartFailedTasks = o.restartFailedTasks;
    m_actions.restartAllTasks = o.restartAllTasks;
    m_actions.restartTask = o.restartTask;
    m_actions.remove = o.remove;
    m_actions.editConfig = o.editConfig;
    m_actions.offsets = o.offsets;
    connect(m_operations, &ConnectorOperations::finished, this, [this](bool ok, const QString &message) {
        if (ok)
            showInformation(message);
        else
            showError(message);
    });
    connect(m_operations, &ConnectorOperations::connectorChanged, this, &ConnectorsPanel::refreshSoon);
    m_actions.showTrace = make(tr("Show Full &Trace…"), {}, {}, tr("The whole stack trace of the failure"));
    connect(m_actions.showTrace, &QAction::triggered, this, &ConnectorsPanel::showFullTrace);
    m_actions.addCluster = make(tr("&Add Cluster…"), s->standardIcon(QStyle::SP_FileDialogNewFolder), {},
                                tr("Add a Kafka Connect cluster to the project"));
    connect(m_actions.addCluster, &QAction::triggered, this, &ConnectorsPanel::addCluster);
    m_actions.editCluster = make(tr("Edit C&luster…"), s->standardIcon(QStyle::SP_FileDialogInfoView), {},
                                 tr("Change the chosen cluster's URL, user, password reference or CA file"));
    connect(m_actions.editCluster, &QAction::triggered, this, &ConnectorsPanel::editCluster);
}

QWidget *ConnectorsPanel::createContent()
{
    auto *content = new QWidget(this);

    m_clusterBox = new QComboBox(content);
    m_clusterBox->setObjectName(QStringLiteral("clusterBox"));
    m_clusterBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    // Short at the dock's minimum (300 px holds the label, the box and both buttons, whose minimums count
    // even while the page is hidden), as wide as the row allows otherwise.
    m_clusterBox->setMinimumContentsLength(8);
    m_clusterBox->setMinimumWidth(60);
    m_clusterBox->setToolTip(tr("The Kafka Connect cluster whose connectors are shown"));
    connect(m_clusterBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(settings::connectorsCluster(), currentClusterName());
        connectToCurrent();
    });
    auto *clusterLabel = new QLabel(tr("C&luster:"), content);
    clusterLabel->setBuddy(m_clusterBox);
    // Short words, not icons: the standard icons say nothing about clusters.
    auto textButton = [content](const QString &text, QAction *action) {
        auto *button = new QToolButton(content);
        button->setText(text);
        button->setToolTip(action->toolTip());
        button->setEnabled(action->isEnabled());
        connect(button, &QToolButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::enabledChanged, button, &QToolButton::setEnabled);
        return button;
    };
    QToolButton *editButton = textButton(tr("Edit…"), m_actions.editCluster);
    editButton->setObjectName(QStringLiteral("editClusterButton"));
    QToolButton *addButton = textButton(tr("Add…"), m_actions.addCluster);
    addButton->setObjectName(QStringLiteral("addClusterButton"));
    auto *clusterRow = new QHBoxLayout;
    clusterRow->setSpacing(4);
    clusterRow->addWidget(clusterLabel);
    clusterRow->addWidget(m_clusterBox, 1);
    clusterRow->addWidget(editButton);
    clusterRow->addWidget(addButton);

    m_connection = new QLabel(content);
    m_connection->setObjectName(QStringLiteral("connectionState"));
    m_connection->setWordWrap(true);
    m_connection->setTextFormat(Qt::PlainText);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The operations as buttons with words (icons beside them when the dock is wide enough), on one
    // row or two as the width allows: never folded behind a "»" (issue 20). Their tooltips name the
    // shortcuts.
    m_actions.offsets->setIconText(tr("Offsets"));
    m_actions.remove->setIconText(tr("Delete"));
    m_bar = new QWidget(content);
    m_bar->setObjectName(QStringLiteral("connectorsToolBar"));
    m_bar->installEventFilter(this);
    // Its minimum is not the row it shows now: the buttons go to two rows, then lose their icons, as
    // the dock narrows, so the dock may narrow.
    m_bar->setMinimumWidth(120);
    auto *barRows = new QVBoxLayout(m_bar);
    barRows->setContentsMargins(0, 0, 0, 0);
    barRows->setSpacing(2);
    for (QHBoxLayout *&row : m_barRows) {
        row = new QHBoxLayout;
        row->setSpacing(2);
        barRows->addLayout(row);
    }
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    auto actionButton = [this, icon](QAction *action) {
        auto *button = new QToolButton(m_bar);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setIconSize(QSize(icon, icon));
        return button;
    };
    auto *restartMenu = new QMenu(this);
    restartMenu->addAction(m_actions.restart);
    restartMenu->addAction(m_actions.restartFailedTasks);
    restartMenu->addAction(m_actions.restartAllTasks);
    restartMenu->addAction(m_actions.restartTask);
    m_restartButton = new QToolButton(m_bar);
    m_restartButton->setObjectName(QStringLiteral("restartButton"));
    m_restartButton->setText(tr("Restart"));
    m_restartButton->setToolTip(tr("Restart the connector (%1); the arrow offers its tasks")
                                    .arg(m_actions.restart->shortcut().toString(QKeySequence::NativeText)));
    m_restartButton->setAutoRaise(true);
    m_restartButton->setMenu(restartMenu);
    m_restartButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_restartButton->setEnabled(m_actions.restart->isEnabled());
    connect(m_restartButton, &QToolButton::clicked, m_actions.restart, &QAction::trigger);
    connect(m_actions.restart, &QAction::enabledChanged, m_restartButton, &QToolButton::setEnabled);
    m_lifecycleButtons = {actionButton(m_actions.refresh), actionButton(m_actions.pause),
                          actionButton(m_actions.resume), actionButton(m_actions.stop), m_restartButton};
    m_configButtons = {actionButton(m_actions.editConfig), actionButton(m_actions.offsets),
                       actionButton(m_actions.remove)};
    arrangeButtons();

    m_intervalBox = new QComboBox(content);
    m_intervalBox->setObjectName(QStringLiteral("refreshInterval"));
    m_intervalBox->setToolTip(tr("How often the connectors' states are read"));
    for (int ms : refreshIntervals())
        m_intervalBox->addItem(intervalText(ms), ms);
    m_intervalBox->setCurrentIndex(int(refreshIntervals().indexOf(m_intervalMs)));
    connect(m_intervalBox, &QComboBox::currentIndexChanged, this,
            [this] { setRefreshInterval(m_intervalBox->currentData().toInt()); });
    // The refresh interval sits by the connection line, leaving the toolbar its whole width.
    auto *connectionRow = new QHBoxLayout;
    connectionRow->addWidget(m_connection, 1);
    connectionRow->addWidget(m_intervalBox, 0, Qt::AlignTop);

    m_tree = new QTreeView(content);
    m_tree->setObjectName(QStringLiteral("connectorsTree"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new ConnectorStateDelegate(m_tree));
    // Failures are what one looks for: a connector opens on its failed task when the failure begins,
    // once; collapsed again, it stays collapsed while the failure lasts.
    connect(m_model, &ConnectorsModel::failureStarted, m_tree, [this](const QString &name) {
        const QModelIndex connector = m_model->connectorIndex(name);
        m_tree->expand(connector);
        // In sight: the connector's row and its first failed task, not below the fold.
        QModelIndex failed = connector;
        for (int row = 0; row < m_model->rowCount(connector); ++row) {
            if (m_model->index(row, 0, connector).data(ConnectorsModel::StateRole).toString() ==
                QLatin1String("FAILED")) {
                failed = m_model->index(row, 0, connector);
                break;
            }
        }
        m_tree->scrollTo(failed);
        m_tree->scrollTo(connector);
        // Its state now says more ("FAILED · 1/1 tasks · connector RUNNING"): room for it, never less.
        const int state = ConnectorsModel::StateColumn;
        const int wanted = static_cast<const QAbstractItemView *>(m_tree)->sizeHintForColumn(state);
        if (m_tree->header()->sectionSize(state) < wanted)
            m_tree->header()->resizeSection(state, wanted);
        fitColumns(); // within the dock's width: the detail is elided before the badge is
    });
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(ConnectorsModel::NameColumn, 160);
    // The State column fits the widest bare state, "UNASSIGNED", whatever the dock's width: the name
    // is what gets elided (fitColumns()).
    m_tree->header()->resizeSection(ConnectorsModel::StateColumn, stateColumnMinimum());
    m_tree->viewport()->installEventFilter(this);
    connect(m_tree->header(), &QHeaderView::sectionResized, this, [this](int section, int, int size) {
        if (section == ConnectorsModel::NameColumn && !m_fittingColumns &&
            (QGuiApplication::mouseButtons() & Qt::LeftButton))
            m_nameWidthByHand = true; // dragged: the user's width stays
        if (section == ConnectorsModel::StateColumn && size < stateColumnMinimum() && !m_fittingColumns)
            QTimer::singleShot(0, this, [this] { fitColumns(); });
    });
    m_tree->header()->resizeSection(ConnectorsModel::TypeColumn, 60);
    m_tree->header()->resizeSection(ConnectorsModel::WorkerColumn, 130);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &ConnectorsPanel::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateActions();
        updateDetails();
    });
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!index.data(ConnectorsModel::TraceRole).toString().isEmpty())
            showFullTrace();
    });
    // A refresh can change the selected row's state in place.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        updateDetails();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        updateActions();
        updateDetails();
    });

    m_details = new FailureDetails(content);
    connect(m_details, &FailureDetails::fullTraceRequested, m_actions.showTrace, &QAction::trigger);

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(clusterRow);
    layout->addLayout(connectionRow);
    layout->addWidget(m_bar);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_details);
    return content;
}

int ConnectorsPanel::stateColumnMinimum() const
{
    // The badge as the delegate draws it, with the item's margins either side.
    const int margin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_tree) + 1;
    return int(std::ceil(stateBadgeSize(QStringLiteral("UNASSIGNED"), m_tree->font()).width())) + 4 * margin + 8;
}

void ConnectorsPanel::fitColumns()
{
    // The name gives way to the state in a narrow dock (it is elided), and grows back when there is room.
    const QScopedValueRollback fitting(m_fittingColumns, true);
    QHeaderView *header = m_tree->header();
    const int viewport = m_tree->viewport()->width();
    const int minimum = stateColumnMinimum();
    const int state = std::clamp(header->sectionSize(ConnectorsModel::StateColumn), minimum,
                                 std::max(minimum, viewport - kNameMinimumWidth));
    header->resizeSection(ConnectorsModel::StateColumn, state);
    if (m_nameWidthByHand)
        return;
    const int name = std::clamp(viewport - state, kNameMinimumWidth, 200);
    header->resizeSection(ConnectorsModel::NameColumn, name);
}

void ConnectorsPanel::arrangeButtons()
{
    // The widest arrangement that fits: one row with icons and words, one row of words, two rows with
    // icons and words, two rows of words.
    const int width = m_bar->width();
    const int spacing = m_barRows[0]->spacing();
    auto rowWidth = [spacing](const QList<QToolButton *> &buttons, Qt::ToolButtonStyle style) {
        int total = 0;
        for (QToolButton *b : buttons) {
            b->setToolButtonStyle(style);
            total += b->sizeHint().width() + spacing;
        }
        return total;
    };
    const QList<QToolButton *> all = m_lifecycleButtons + m_configButtons;
    bool oneRow = true;
    Qt::ToolButtonStyle style = Qt::ToolButtonTextBesideIcon;
    if (rowWidth(all, style) + 16 > width) {
        style = Qt::ToolButtonTextOnly;
        if (rowWidth(all, style) + 16 > width) {
            oneRow = false;
            style = Qt::ToolButtonTextBesideIcon;
            if (std::max(rowWidth(m_lifecycleButtons, style), rowWidth(m_configButtons, style)) > width)
                style = Qt::ToolButtonTextOnly;
        }
    }
    for (QToolButton *b : all)
        b->setToolButtonStyle(style);
    if (m_barOneRow == int(oneRow) && m_barRows[0]->count() > 0)
        return;
    m_barOneRow = int(oneRow);
    for (QHBoxLayout *row : m_barRows) {
        while (QLayoutItem *item = row->takeAt(0))
            delete item;
    }
    for (QToolButton *b : m_lifecycleButtons)
        m_barRows[0]->addWidget(b);
    QHBoxLayout *second = oneRow ? m_barRows[0] : m_barRows[1];
    if (oneRow)
        second->addSpacing(8);
    for (QToolButton *b : m_configButtons)
        second->addWidget(b);
    for (QHBoxLayout *row : m_barRows)
        row->addStretch(1);
}

bool ConnectorsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        if (watched == m_bar)
            arrangeButtons();
        else if (watched == m_tree->viewport())
            fitColumns();
    }
    return QWidget::eventFilter(watched, event);
}

std::optional<connect::ClusterSettings> ConnectorsPanel::stackSuggestion()
{
    const QString path = StackEnvironment::defaultPath();
    if (path.isEmpty())
        return std::nullopt;
    const auto env = StackEnvironment::load(path);
    if (!env || env.value().value(QStringLiteral("CONNECT_URL")).isEmpty())
        return std::nullopt;
    connect::ClusterSettings s;
    s.name = tr("local stack");
    s.url = QUrl(env.value().value(QStringLiteral("CONNECT_URL")));
    if (!s.url.isValid())
        return std::nullopt;
    return s;
}

void ConnectorsPanel::setSuggestion(std::optional<connect::ClusterSettings> suggestion)
{
    m_suggestion = std::move(suggestion);
    if (m_suggestion) {
        m_useSuggestion->setText(
            tr("Use the Local Stack's Kafka Connect (%1)").arg(m_suggestion->url.toDisplayString()));
        m_useSuggestion->setToolTip(tr("CONNECT_URL from the local stack's stack.env"));
    }
    m_useSuggestion->setVisible(m_suggestion.has_value());
}

void ConnectorsPanel::setClusters(const QList<connect::ClusterSettings> &clusters)
{
    const QString current = currentClusterName();
    const std::optional<connect::ClusterSettings> before =
        m_clusterBox->currentIndex() >= 0 ? std::optional(m_clusters.value(m_clusterBox->currentIndex()))
                                          : std::nullopt;
    m_clusters = clusters;
    {
        const QSignalBlocker block(m_clusterBox);
        m_clusterBox->clear();
        for (const connect::ClusterSettings &c : clusters) {
            m_clusterBox->addItem(c.name);
            m_clusterBox->setItemData(m_clusterBox->count() - 1, c.url.toDisplayString(), Qt::ToolTipRole);
        }
        QString wanted = current;
        if (wanted.isEmpty())
            wanted = QSettings().value(settings::connectorsCluster()).toString();
        const int index = m_clusterBox->findText(wanted);
        m_clusterBox->setCurrentIndex(index >= 0 ? index : (clusters.isEmpty() ? -1 : 0));
    }
    const std::optional<connect::ClusterSettings> after =
        m_clusterBox->currentIndex() >= 0 ? std::optional(m_clusters.value(m_clusterBox->currentIndex()))
                                          : std::nullopt;
    updatePage();
    if (before != after || (after && !m_client))
        connectToCurrent();
}

void ConnectorsPanel::selectCluster(const QString &name)
{
    const int index = m_clusterBox->findText(name);
    if (index >= 0)
        m_clusterBox->setCurrentIndex(index);
}

QString ConnectorsPanel::currentClusterName() const
{
    return m_clusterBox->currentIndex() >= 0 ? m_clusterBox->currentText() : QString();
}

bool ConnectorsPanel::isShowingConnectors() const
{
    return m_pages->currentIndex() == 1;
}

void ConnectorsPanel::updatePage()
{
    m_pages->setCurrentIndex(m_clusters.isEmpty() ? 0 : 1);
    m_actions.editCluster->setEnabled(!m_clusters.isEmpty());
}

void ConnectorsPanel::connectToCurrent()
{
    ++m_generation;
    m_refreshing = false;
    m_refreshAgain = false;
    m_model->clear();
    m_everRefreshed = false;
    m_timer->stop();
    const int index = m_clusterBox->currentIndex();
    if (index < 0 || index >= m_clusters.size()) {
        delete m_client;
        m_client = nullptr;
        setConnectionLine({}, false);
        updateActions();
        updateDetails();
        Q_EMIT connectorsRefreshed({});
        Q_EMIT connectionStateChanged(tr("Connect: no cluster"));
        return;
    }
    const connect::ClusterSettings &cluster = m_clusters[index];
    if (m_client)
        m_client->setSettings(cluster);
    else
        m_client = new ConnectClient(cluster, this);
    updateActions();
    updateDetails();
    Q_EMIT connectorsRefreshed({});

    const QString where = cluster.url.authority();
    m_connection->setToolTip(cluster.url.toDisplayString());
    m_connectedText = tr("Connected to %1").arg(where);
    setConnectionLine(tr("Connecting to %1…").arg(where), false);
    Q_EMIT connectionStateChanged(tr("Connect: connecting"));
    const int generation = m_generation;
    m_client->serverInfo(
        [this, generation, where](Result<connect::ServerInfo> r) {
            if (generation != m_generation)
                return;
            if (!r) {
                setConnectionLine(errorText(r.error()), true);
                Q_EMIT connectionStateChanged(tr("Connect: unreachable"));
                return;
            }
            m_connectedText = tr("Kafka Connect %1 at %2").arg(r.value().version, where);
            setConnectionLine(m_connectedText, false);
            Q_EMIT connectionStateChanged(tr("Connect: %1 at %2").arg(r.value().version, where));
        },
        this);
    refresh();
    if (m_intervalMs > 0)
        m_timer->start(m_intervalMs);
}

void ConnectorsPanel::setConnectionLine(const QString &text, bool error)
{
    QPalette p = m_connection->parentWidget()->palette();
    if (error)
        p.setColor(QPalette::WindowText, QColor(0xd9, 0x30, 0x25));
    m_connection->setPalette(p);
    m_connection->setText(text);
    m_connection->setProperty("error", error);
}

QString ConnectorsPanel::connectionText() const
{
    return m_connection->text();
}

void ConnectorsPanel::setRefreshInterval(int ms)
{
    if (!refreshIntervals().contains(ms))
        return;
    m_intervalMs = ms;
    QSettings().setValue(settings::connectorsRefreshIntervalMs(), ms);
    {
        const QSignalBlocker block(m_intervalBox);
        m_intervalBox->setCurrentIndex(int(refreshIntervals().indexOf(ms)));
    }
    if (ms == 0 || !m_client)
        m_timer->stop();
    else
        m_timer->start(ms);
}

void ConnectorsPanel::refresh()
{
    if (!m_client || m_refreshing)
        return; // one read at a time: a slow worker does not pile requests up
    m_refreshing = true;
    const int generation = m_generation;
    m_client->connectors(
        [this, generation](Result<QList<connect::ConnectorOverview>> r) {
            if (generation != m_generation)
                return;
            m_refreshing = false;
            if (!r) {
                setConnectionLine(errorText(r.error()), true);
                Q_EMIT connectionStateChanged(tr("Connect: unreachable"));
            } else {
                const bool first = !m_everRefreshed;
                m_everRefreshed = true;
                if (m_connection->property("error").toBool()) {
                    setConnectionLine(m_connectedText, false);
                    Q_EMIT connectionStateChanged(tr("Connect: %1").arg(m_client->settings().url.authority()));
                }
                m_model->setConnectors(r.value());
                if (first) {
                    // Wider for long names, never narrower than the defaults: a panel refreshed while its
                    // dock is hidden has no laid-out rows, and its contents hint is a few pixels.
                    for (const auto &[column, least] : {std::pair{int(ConnectorsModel::NameColumn), 160},
                                                        std::pair{int(ConnectorsModel::StateColumn), 110}})
                        m_tree->header()->resizeSection(
                            column,
                            qMax(least, static_cast<const QAbstractItemView *>(m_tree)->sizeHintForColumn(column)));
                    fitColumns(); // then within the dock's width, the name elided first
                }
                updateActions();
                updateDetails();
                Q_EMIT connectorsRefreshed(r.value());
            }
            if (m_refreshAgain) {
                m_refreshAgain = false;
                refresh();
            }
        },
        this);
}

void ConnectorsPanel::refreshSoon()
{
    if (m_refreshing)
        m_refreshAgain = true;
    else
        refresh();
}

bool ConnectorsPanel::selectConnector(const QString &name, int taskId)
{
    const QModelIndex index = taskId < 0 ? m_model->connectorIndex(name) : m_model->taskIndex(name, taskId);
    if (!index.isValid())
        return false;
    if (taskId >= 0)
        m_tree->expand(index.parent());
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

QString ConnectorsPanel::selectedConnector() const
{
    return m_tree->currentIndex().data(ConnectorsModel::ConnectorNameRole).toString();
}

int ConnectorsPanel::selectedTask() const
{
    const QModelIndex index = m_tree->currentIndex();
    return index.isValid() ? index.data(ConnectorsModel::TaskIdRole).toInt() : -1;
}

ConnectorSelection ConnectorsPanel::selection() const
{
    ConnectorSelection s;
    s.client = m_client;
    s.generation = m_generation;
    s.connector = m_model->connector(selectedConnector());
    s.task = selectedTask();
    s.all = m_model->connectors();
    return s;
}

void ConnectorsPanel::updateActions()
{
    m_actions.refresh->setEnabled(m_client != nullptr);
    m_actions.showTrace->setEnabled(!m_details->trace().isEmpty());
    m_operations->update();
}

void ConnectorsPanel::updateDetails()
{
    m_details->showFailureOf(m_tree->currentIndex());
    m_actions.showTrace->setEnabled(!m_details->trace().isEmpty());
}

QString ConnectorsPanel::detailsText() const
{
    return m_details->text();
}

TraceDialog *ConnectorsPanel::showFullTrace()
{
    if (m_details->trace().isEmpty())
        return nullptr;
    auto *dialog = new TraceDialog(m_details->subject(), m_details->trace(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void ConnectorsPanel::showError(const QString &text)
{
    m_messages->showMessage(MessageBar::Kind::Error, text);
}

void ConnectorsPanel::showInformation(const QString &text)
{
    m_messages->showMessage(MessageBar::Kind::Information, text);
}

OffsetsDialog *ConnectorsPanel::showOffsets()
{
    return m_operations->showOffsets();
}

ClusterDialog *ConnectorsPanel::addCluster()
{
    connect::ClusterSettings initial =
        m_clusters.isEmpty() && m_suggestion ? *m_suggestion : connect::ClusterSettings{};
    QStringList taken;
    for (const connect::ClusterSettings &c : std::as_const(m_clusters))
        taken << c.name;
    if (taken.contains(initial.name))
        initial.name.clear();
    auto *dialog = new ClusterDialog(ClusterDialog::Mode::Add, initial, taken, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const connect::ClusterSettings added = dialog->settings();
        QList<connect::ClusterSettings> clusters = m_clusters;
        clusters << added;
        setClusters(clusters);
        selectCluster(added.name);
        Q_EMIT clustersEdited(m_clusters);
    });
    dialog->open();
    return dialog;
}

ClusterDialog *ConnectorsPanel::editCluster()
{
    const int index = m_clusterBox->currentIndex();
    if (index < 0 || index >= m_clusters.size())
        return nullptr;
    QStringList taken;
    for (int i = 0; i < m_clusters.size(); ++i) {
        if (i != index)
            taken << m_clusters[i].name;
    }
    auto *dialog = new ClusterDialog(ClusterDialog::Mode::Edit, m_clusters[index], taken, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString before = m_clusters[index].name;
    connect(dialog, &QDialog::accepted, this, [this, dialog, before] {
        QList<connect::ClusterSettings> clusters = m_clusters;
        for (connect::ClusterSettings &c : clusters) {
            if (c.name == before)
                c = dialog->settings();
        }
        // The renamed cluster stays the chosen one.
        {
            const QSignalBlocker block(m_clusterBox);
            const int i = m_clusterBox->findText(before);
            if (i >= 0)
                m_clusterBox->setItemText(i, dialog->settings().name);
        }
        setClusters(clusters);
        Q_EMIT clustersEdited(m_clusters);
    });
    dialog->open();
    return dialog;
}

DeployDialog *ConnectorsPanel::deploy(std::vector<debezium::ConnectorConfig> project, const QStringList &onlyNodeIds)
{
    if (!m_client) {
        showError(tr("Add the Kafka Connect cluster to deploy to first: Add Cluster… in the Connectors panel."));
        return nullptr;
    }
    auto *dialog = new DeployDialog(m_client, std::move(project), onlyNodeIds, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeployDialog::deployed, this, [this](bool ok) {
        if (ok)
            showInformation(tr("Deployed to %1.").arg(currentClusterName()));
        refreshSoon();
    });
    dialog->open();
    return dialog;
}

void ConnectorsPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    QMenu menu(this);
    if (index.isValid()) {
        if (selectedTask() >= 0)
            menu.addAction(m_actions.restartTask);
        menu.addAction(m_actions.pause);
        menu.addAction(m_actions.resume);
        menu.addAction(m_actions.stop);
        QMenu *restart = menu.addMenu(tr("Restart"));
        restart->addAction(m_actions.restart);
        restart->addAction(m_actions.restartFailedTasks);
        restart->addAction(m_actions.restartAllTasks);
        restart->addAction(m_actions.restartTask);
        menu.addSeparator();
        menu.addAction(m_actions.editConfig);
        menu.addAction(m_actions.offsets);
        if (m_actions.showTrace->isEnabled())
            menu.addAction(m_actions.showTrace);
        menu.addSeparator();
        menu.addAction(m_actions.remove);
        menu.addSeparator();
    }
    menu.addAction(m_actions.refresh);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace cdc::ui
