// SPDX-License-Identifier: GPL-3.0-or-later
// Adds or edits one Kafka Connect cluster of the project: name, REST URL, basic-auth user, a
// reference to the password (never the password itself) and the CA file for HTTPS.
#pragma once

#include "connect/connecttypes.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace cdc::ui {

class ClusterDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit };

    // `takenNames` are the other clusters' names: a name must be unique in the project.
    ClusterDialog(Mode mode, const connect::ClusterSettings &initial, const QStringList &takenNames,
                  QWidget *parent = nullptr);

    connect::ClusterSettings settings() const;
    // Why the entries cannot be saved, as a sentence; empty when they can.
    QString problem() const;

    void accept() override;

private:
    void showProblem(const QString &text);

    connect::ClusterSettings m_initial;
    QStringList m_takenNames;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_username;
    QLineEdit *m_passwordReference;
    QLineEdit *m_caFile;
    QLabel *m_problem;
};

} // namespace cdc::ui
