// SPDX-License-Identifier: GPL-3.0-or-later
// The details pane: one event, copied out of the store when selected, in five tabs.
#include "eventdetails.h"

#include "common/monospacefont.h"
#include "common/sourcecolors.h"
#include "eventformats.h"
#include "jsonhighlighter.h"
#include "stream/eventjson.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

QTableWidget *makeTable(const QStringList &columns, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(columns.size()), parent);
    table->setHorizontalHeaderLabels(columns);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setShowGrid(false);
    return table;
}

QPlainTextEdit *makeText(QWidget *parent)
{
    auto *text = new QPlainTextEdit(parent);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(monospaceFont());
    return text;
}

} // namespace

EventDetails::EventDetails(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_title(new QLabel(this))
    , m_redelivered(new QLabel(tr("redelivered"), this))
    , m_problem(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_value(makeText(this))
    , m_diff(makeTable({tr("Field"), tr("Before"), tr("After")}, this))
    , m_headers(makeTable({tr("Name"), tr("Value")}, this))
    , m_key(makeText(this))
    , m_raw(makeText(this))
    , m_copy(new QToolButton(this))
    , m_valueColours(new JsonHighlighter(m_value->document()))
    , m_keyColours(new JsonHighlighter(m_key->document()))
{
    auto *placeholder = new QLabel(tr("Select an event to see its value, what an update changed, its headers, "
                                      "key and raw bytes."),
                                   this);
    placeholder->setObjectName(QStringLiteral("detailsPlaceholder"));
    placeholder->setWordWrap(true);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    placeholder->setMargin(12);

    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapped, never cut: key, entity and type, then the topic, partition and offset.
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_redelivered->setObjectName(QStringLiteral("redeliveredTag"));
    m_redelivered->setToolTip(tr("An event with the same outbox id came before on this topic: Debezium delivers at "
                                 "least once, so after a crash it may send events again. Consumers drop them by "
                                 "id (the generated job does)."));
    m_redelivered->setMargin(2);
    m_redelivered->setAutoFillBackground(true);
    m_redelivered->hide();
    m_problem->setObjectName(QStringLiteral("problemBanner"));
    m_problem->setWordWrap(true);
    m_problem->setMargin(6);
    m_problem->setAutoFillBackground(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();

    m_diff->setObjectName(QStringLiteral("diffTable"));
    m_diff->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_diff->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_value->setObjectName(QStringLiteral("valueText"));
    m_tabs->setDocumentMode(true);
    // Five short tabs that all show: no scroll arrows, the pane is at least as wide as they are.
    m_tabs->setUsesScrollButtons(false);
    m_tabs->tabBar()->setExpanding(false);
    m_tabs->addTab(m_value, tr("Value"));
    m_tabs->addTab(m_diff, tr("Diff"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_key, tr("Key"));
    m_tabs->addTab(m_raw, tr("Raw"));

    m_copy->setObjectName(QStringLiteral("copyEventJson"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy this event as one JSON object (the JSON Lines export's format)"));
    m_copy->setAutoRaise(true);
    connect(m_copy, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(QString::fromUtf8(m_json)); });

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(2);
    contentLayout->addWidget(m_problem);
    auto *titleRow = new QHBoxLayout;
    titleRow->setContentsMargins(0, 0, 0, 0);
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_redelivered, 0, Qt::AlignTop);
    titleRow->addWidget(m_copy, 0, Qt::AlignTop); // not in the tab bar's corner: the five tabs get the width
    contentLayout->addLayout(titleRow);
    contentLayout->addWidget(m_tabs, 1);

    m_stack->addWidget(placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    changeEvent(nullptr);
}

void EventDetails::clear()
{
    m_json.clear();
    m_stack->setCurrentIndex(0);
}

void EventDetails::setEvent(const stream::EventView &event)
{
    if (!event.isValid()) {
        clear();
        return;
    }
    const stream::EventRecord &r = event.record();
    m_json = stream::eventToJsonLine(event);

    const QString problem = event.problem();
    m_problem->setText(problem.isEmpty() ? QString() : tr("Could not decode this event: %1").arg(problem));
    m_problem->setVisible(!problem.isEmpty());
    QStringList title;
    for (const QString &part : {event.compositeKey(), event.entity(), event.eventType()})
        if (!part.isEmpty())
            title << part;
    title << tr("%1 [%2] @ %3").arg(event.topic()).arg(r.partition).arg(r.offset);
    m_title->setText(title.join(QStringLiteral(" · ")));
    m_title->setToolTip(m_title->text());
    m_redelivered->setVisible(r.flags & stream::Redelivered);

    if (!event.hasValue()) {
        m_value->setPlainText(tr("No value: a tombstone (the record with this key was deleted)."));
    } else {
        const QString pretty = prettyJson(event.value());
        m_value->setPlainText(pretty.isEmpty() ? QString::fromUtf8(event.value()) : pretty);
    }

    const bool update = r.kind == stream::EventKind::Change && r.op == 'u';
    m_diff->setRowCount(0);
    if (update) {
        const std::vector<FieldChange> changes = changedFields(event.value());
        m_diff->setRowCount(int(qMax<std::size_t>(changes.size(), 1)));
        if (changes.empty()) {
            auto *item = new QTableWidgetItem(tr("No before image to compare with (PostgreSQL sends one with "
                                                 "REPLICA IDENTITY FULL), or nothing changed."));
            m_diff->setItem(0, 0, item);
            m_diff->setSpan(0, 0, 1, 3);
        } else {
            m_diff->clearSpans();
        }
        for (int row = 0; row < int(changes.size()); ++row) {
            const FieldChange &c = changes[std::size_t(row)];
            m_diff->setItem(row, 0, new QTableWidgetItem(c.field));
            m_diff->setItem(row, 1, new QTableWidgetItem(c.before.isEmpty() ? tr("(absent)") : c.before));
            m_diff->setItem(row, 2, new QTableWidgetItem(c.after.isEmpty() ? tr("(absent)") : c.after));
            for (int column = 0; column < 3; ++column)
                m_diff->item(row, column)->setToolTip(m_diff->item(row, column)->text());
        }
        m_diff->resizeColumnToContents(0);
    }
    // Move off the Diff tab first: disabling the current tab would pick the next one (Headers).
    if (!update && m_tabs->currentIndex() == DiffTab)
        m_tabs->setCurrentIndex(ValueTab);
    m_tabs->setTabEnabled(DiffTab, update);
    m_tabs->setTabToolTip(DiffTab, update ? QString() : tr("Only updates have a diff"));

    const auto headers = event.headers();
    m_headers->setRowCount(int(headers.size()));
    for (int row = 0; row < int(headers.size()); ++row) {
        const auto &[name, value] = headers[std::size_t(row)];
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromUtf8(name)));
        m_headers->setItem(row, 1, new QTableWidgetItem(value ? QString::fromUtf8(*value) : tr("(null)")));
    }
    m_headers->resizeColumnToContents(0);
    m_tabs->setTabText(HeadersTab, headers.empty() ? tr("Headers") : tr("Headers (%1)").arg(headers.size()));

    const QString prettyKey = prettyJson(event.key());
    m_key->setPlainText(r.keyLength == 0      ? tr("No key.")
                        : prettyKey.isEmpty() ? QString::fromUtf8(event.key())
                                              : prettyKey);

    QString raw = tr("Key, %n byte(s)", nullptr, int(r.keyLength)) + u'\n' + hexDump(event.key());
    raw += u'\n';
    raw += event.hasValue() ? tr("Value, %n byte(s)", nullptr, int(r.valueLength)) + u'\n' + hexDump(event.value())
                            : tr("No value (a tombstone).");
    m_raw->setPlainText(raw);

    m_stack->setCurrentIndex(1);
}

QString EventDetails::valueText() const
{
    return m_value->toPlainText();
}

bool EventDetails::showsRedelivered() const
{
    return !m_redelivered->isHidden();
}

QString EventDetails::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void EventDetails::changeEvent(QEvent *event)
{
    if (event && event->type() != QEvent::PaletteChange) {
        QWidget::changeEvent(event);
        return;
    }
    m_valueColours->setPalette(palette());
    m_keyColours->setPalette(palette());
    // The banner reads as an error on light and dark palettes alike.
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    QPalette banner = m_problem->palette();
    banner.setColor(QPalette::Window, dark ? QColor(0x5a, 0x1d, 0x1d) : QColor(0xfd, 0xe8, 0xe8));
    banner.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xd0, 0xd0) : QColor(0x8a, 0x10, 0x10));
    m_problem->setPalette(banner);
    // The table's "redelivered" tag, in the same violet.
    QPalette tag = m_redelivered->palette();
    tag.setColor(QPalette::Window, redeliveredTagColor(dark));
    tag.setColor(QPalette::WindowText, sourceTagTextColor(redeliveredTagColor(dark)));
    m_redelivered->setPalette(tag);
    if (event)
        QWidget::changeEvent(event);
}

} // namespace cdc::ui
