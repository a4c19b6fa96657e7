// SPDX-License-Identifier: GPL-3.0-or-later
// The viewer's "Connect…" dialog: bootstrap servers, topics by regex or list, where to start, consumer
// group or none, and security. A password is only ever a reference (${env:VAR}, ${file:path:key}),
// resolved when connecting; the settings are remembered without secrets.
#pragma once

#include "stream/streamconsumer.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace cdc::ui {

class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    void setSettings(const stream::ConsumerSettings &settings);
    stream::ConsumerSettings settings() const;
    // Why the entries cannot be used (shown in the dialog), or an empty string.
    QString problem() const;

    // The settings of the last connection, or the defaults (the sandbox's broker, the outbox topics).
    static stream::ConsumerSettings remembered();
    static void remember(const stream::ConsumerSettings &settings);
    // "Kafka: connected", "Kafka: broker unreachable, retrying — <message>", ... for the status bar.
    static QString stateText(stream::StreamConsumer::State state, const QString &message);

    void accept() override;

private:
    void updateEnabled();

    QLineEdit *m_bootstrap;
    QComboBox *m_topicMode;
    QLineEdit *m_topics;
    QComboBox *m_start;
    QStackedWidget *m_startValue;
    QLineEdit *m_offset;
    QDateTimeEdit *m_timestamp;
    QLineEdit *m_group;
    QComboBox *m_protocol;
    QComboBox *m_mechanism;
    QLineEdit *m_user;
    QLineEdit *m_passwordReference;
    QLineEdit *m_caLocation;
    QLabel *m_problem;
};

} // namespace cdc::ui
