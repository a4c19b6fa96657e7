// SPDX-License-Identifier: GPL-3.0-or-later
// The Properties dock: the selected node's name and settings, editable; every change is one undo step.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace cdc::topology {
class ProjectDocument;
}

namespace cdc::ui {

class PropertiesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PropertiesPanel(topology::ProjectDocument *document, QWidget *parent = nullptr);

    // Shows one node, or the "select a node" hint for an empty id.
    void showNode(const QString &id);
    QString nodeId() const { return m_id; }

Q_SIGNALS:
    void openWizardRequested(const QString &nodeId);

private:
    void refresh();
    void commit();

    topology::ProjectDocument *m_document;
    QString m_id;
    bool m_refreshing = false;
    QStackedWidget *m_stack;
    QLabel *m_kind;
    QLineEdit *m_name;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_wizard;
};

} // namespace cdc::ui
