// SPDX-License-Identifier: GPL-3.0-or-later
// The connector offsets dialog.
#include "offsetsdialog.h"

#include "common/monospacefont.h"
#include "connect/connectclient.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

QString errorText(const Error &e)
{
    return e.hint.isEmpty() ? e.what : e.what + u'\n' + e.hint;
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

constexpr int kStopPollMs = 500;
constexpr int kStopPollAttempts = 30;

} // namespace

OffsetsDialog::OffsetsDialog(connect::ConnectClient *client, const QString &connector, const QString &state,
                             QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_connector(connector)
    , m_state(state)
    , m_list(new QTreeWidget(this))
    , m_raw(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_reset(new QPushButton(tr("&Reset Offsets…"), this))
{
    setObjectName(QStringLiteral("offsetsDialog"));
    setWindowTitle(tr("Offsets of %1").arg(connector));

    m_list->setObjectName(QStringLiteral("offsetList"));
    m_list->setHeaderLabels({tr("Position"), tr("Partition")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_raw->setObjectName(QStringLiteral("offsetJson"));
    m_raw->setReadOnly(true);
    m_raw->setFont(monospaceFont());
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_raw);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);

    m_status->setObjectName(QStringLiteral("offsetStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_reset->setObjectName(QStringLiteral("resetOffsets"));
    m_reset->setToolTip(tr("Forget where the connector has read up to; it starts from nothing when it runs again"));
    buttons->addButton(m_reset, QDialogButtonBox::ActionRole);
    QPushButton *reloadButton = buttons->addButton(tr("Re&load"), QDialogButtonBox::ActionRole);
    connect(reloadButton, &QPushButton::clicked, this, &OffsetsDialog::reload);
    connect(m_reset, &QPushButton::clicked, this, &OffsetsDialog::confirmReset);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 460);
    reload();
}

QString OffsetsDialog::statusText() const
{
    return m_status->text();
}

void OffsetsDialog::setStatus(const QString &text, bool error)
{
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, QColor(0xd9, 0x30, 0x25));
    m_status->setPalette(p);
    m_status->setText(text);
}

void OffsetsDialog::reload()
{
    load({});
}

// Reads the offsets; `doneText` replaces the usual summary afterwards (e.g. after a reset).
void OffsetsDialog::load(const QString &doneText)
{
    setStatus(tr("Reading the offsets of %1…").arg(m_connector), false);
    m_client->offsets(
        m_connector,
        [this, doneText](Result<connect::ConnectorOffsets> r) {
            if (!r) {
                setStatus(errorText(r.error()), true);
                return;
            }
            showOffsets(r.value());
            if (!doneText.isEmpty())
                setStatus(doneText, false);
        },
        this);
}

void OffsetsDialog::showOffsets(const connect::ConnectorOffsets &offsets)
{
    m_list->clear();
    QJsonArray array;
    for (const connect::SourceOffset &o : offsets.offsets) {
        auto *item = new QTreeWidgetItem(m_list, {o.describe(), compact(o.partition)});
        item->setToolTip(0, compact(o.offset));
        array.append(QJsonObject{{QStringLiteral("partition"), o.partition}, {QStringLiteral("offset"), o.offset}});
    }
    m_raw->setPlainText(QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("offsets"), array}}).toJson(QJsonDocument::Indented)));
    setStatus(offsets.offsets.isEmpty()
                  ? tr("%1 has committed no offsets yet: it starts from the beginning when it runs.").arg(m_connector)
                  : (offsets.offsets.size() == 1 ? tr("1 source partition.")
                                                 : tr("%1 source partitions.").arg(offsets.offsets.size())),
              false);
}

void OffsetsDialog::confirmReset()
{
    const bool stopped = m_state == QLatin1String("STOPPED");
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Reset Offsets"),
                                tr("Reset the offsets of %1?").arg(m_connector), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmResetOffsets"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QString info = tr("Kafka Connect forgets where %1 has read up to. When it runs again it starts from nothing: "
                      "it takes a new snapshot if its snapshot.mode allows it, and consumers may see events again.")
                       .arg(m_connector);
    info += QStringLiteral("\n\n");
    info += stopped ? tr("The connector is STOPPED, as a reset requires.")
                    : tr("Offsets can only be reset while the connector is STOPPED; it is %1 now. "
                         "CDC Studio can stop it first (resume it afterwards from the Connectors panel).")
                          .arg(m_state.isEmpty() ? tr("not stopped") : m_state);
    box->setInformativeText(info);
    QPushButton *go =
        box->addButton(stopped ? tr("Reset Offsets") : tr("Stop and Reset"), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("confirmReset"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, go, stopped] {
        if (box->clickedButton() != go)
            return;
        if (stopped)
            reset();
        else
            stopThenReset();
    });
    box->open();
}

void OffsetsDialog::stopThenReset()
{
    m_reset->setEnabled(false);
    setStatus(tr("Stopping %1…").arg(m_connector), false);
    m_client->stop(
        m_connector,
        [this](Result<void> r) {
            if (!r) {
                m_reset->setEnabled(true);
                setStatus(errorText(r.error()), true);
                return;
            }
            Q_EMIT connectorChanged();
            waitUntilStopped(kStopPollAttempts);
        },
        this);
}

// A stop is accepted at once and carried out by the workers; the reset waits until it shows.
void OffsetsDialog::waitUntilStopped(int attemptsLeft)
{
    m_client->status(
        m_connector,
        [this, attemptsLeft](Result<connect::ConnectorStatus> r) {
            if (r && r.value().state == QLatin1String("STOPPED")) {
                m_state = r.value().state;
                reset();
                return;
            }
            if (attemptsLeft <= 1) {
                m_reset->setEnabled(true);
                setStatus(r ? tr("%1 did not stop in time (it is %2). Try again in a moment.")
                                  .arg(m_connector, r.value().state)
                            : errorText(r.error()),
                          true);
                return;
            }
            setStatus(tr("Waiting for %1 to stop…").arg(m_connector), false);
            QTimer::singleShot(kStopPollMs, this, [this, attemptsLeft] { waitUntilStopped(attemptsLeft - 1); });
        },
        this);
}

void OffsetsDialog::reset()
{
    m_reset->setEnabled(false);
    setStatus(tr("Resetting the offsets of %1…").arg(m_connector), false);
    m_client->resetOffsets(
        m_connector,
        [this](Result<void> r) {
            m_reset->setEnabled(true);
            if (!r) {
                setStatus(errorText(r.error()), true);
                return;
            }
            Q_EMIT connectorChanged();
            load(tr("The offsets of %1 were reset: it starts from nothing when it is resumed.").arg(m_connector));
        },
        this);
}

} // namespace cdc::ui
