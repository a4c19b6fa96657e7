// SPDX-License-Identifier: GPL-3.0-or-later
// The source offsets of one connector: each partition's position in words (LSN, binlog file and
// position, GTID) and the raw JSON; "Reset Offsets…" behind a confirmation that explains the
// connector must be STOPPED first and offers to stop it.
#pragma once

#include "connect/connecttypes.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace cdc::connect {
class ConnectClient;
}

namespace cdc::ui {

class OffsetsDialog : public QDialog
{
    Q_OBJECT

public:
    // `state` is the connector's state as last seen (RUNNING, STOPPED, ...).
    OffsetsDialog(connect::ConnectClient *client, const QString &connector, const QString &state,
                  QWidget *parent = nullptr);

    void reload();
    // Asks for confirmation (window-modal, not blocking), then stops the connector if needed and resets.
    void confirmReset();

    QTreeWidget *offsetList() const { return m_list; }
    QPlainTextEdit *rawJson() const { return m_raw; }
    QString statusText() const;

Q_SIGNALS:
    // The connector was stopped or its offsets reset: the panel refreshes.
    void connectorChanged();

private:
    void load(const QString &doneText);
    void showOffsets(const connect::ConnectorOffsets &offsets);
    void setStatus(const QString &text, bool error);
    void stopThenReset();
    void waitUntilStopped(int attemptsLeft);
    void reset();

    connect::ConnectClient *m_client;
    QString m_connector;
    QString m_state;
    QTreeWidget *m_list;
    QPlainTextEdit *m_raw;
    QLabel *m_status;
    QPushButton *m_reset;
};

} // namespace cdc::ui
