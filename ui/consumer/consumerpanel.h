// SPDX-License-Identifier: GPL-3.0-or-later
// The Unified Consumer dock: Run and Stop for the project's consumer node, the job's state (the same
// badge and words as the node), why it failed and where its log is, and the rows its print sink wrote:
// PG-n and MY-n with their source_database. What to run comes from a provider the window sets. In the
// sandbox the consumer is simulated, and the dock says so.
#pragma once

#include <QString>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;

namespace cdc::consumer {
class ConsumerService;
}
namespace cdc::topology {
struct Project;
}

namespace cdc::ui {

class EmptyState;
class MessageBar;

class ConsumerPanel : public QWidget
{
    Q_OBJECT

public:
    struct RunRequest
    {
        QString nodeId;  // the consumer node; empty: the project has none (the reason says so)
        QString reason;  // why nothing can run, for the message bar
        QString workDir; // where the job's files go
    };
    // The open project, and which consumer node to run.
    using RequestProvider = std::function<RunRequest(const topology::Project &project)>;
    using ProjectProvider = std::function<topology::Project()>;

    ConsumerPanel(consumer::ConsumerService *service, QWidget *parent = nullptr);

    void setProviders(ProjectProvider project, RequestProvider request);
    QAction *runAction() const { return m_run; }
    QAction *stopAction() const { return m_stop; }
    QAction *openLogAction() const { return m_openLog; }

    void run();
    QString stateText() const;
    QString messageText() const;
    QTableView *rowsView() const { return m_table; }
    QLabel *simulatedLabel() const { return m_simulated; }

private:
    void refresh();

    consumer::ConsumerService *m_service;
    ProjectProvider m_project;
    RequestProvider m_request;
    QAction *m_run;
    QAction *m_runFromEmpty; // the empty state's button: shown only while Run is offered
    QAction *m_stop;
    QAction *m_openLog;
    QLabel *m_state;
    QLabel *m_simulated;
    QLabel *m_records;
    MessageBar *m_message;
    QStackedWidget *m_pages;
    EmptyState *m_empty;
    QTableView *m_table;
};

} // namespace cdc::ui
