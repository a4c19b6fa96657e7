// SPDX-License-Identifier: GPL-3.0-or-later
// The failure details under the connectors tree.
#include "failuredetails.h"

#include "common/statebadge.h"
#include "connect/connectorsmodel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cdc::ui {

using connect::ConnectorsModel;

namespace {

bool isFailed(const QModelIndex &index)
{
    return index.data(ConnectorsModel::StateRole).toString() == QLatin1String("FAILED");
}

} // namespace

FailureDetails::FailureDetails(QWidget *parent) : QFrame(parent), m_title(new QLabel(this)), m_line(new QLabel(this))
{
    setObjectName(QStringLiteral("failureDetails"));
    setFrameShape(QFrame::StyledPanel);
    m_title->setObjectName(QStringLiteral("failureTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_line->setObjectName(QStringLiteral("failureLine"));
    m_line->setWordWrap(true);
    m_line->setTextFormat(Qt::PlainText);
    m_line->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *traceButton = new QPushButton(tr("Show Full Trace…"), this);
    traceButton->setObjectName(QStringLiteral("showTraceButton"));
    connect(traceButton, &QPushButton::clicked, this, &FailureDetails::fullTraceRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_line);
    layout->addWidget(traceButton, 0, Qt::AlignRight);
    hide();
}

void FailureDetails::showFailureOf(const QModelIndex &selected)
{
    QModelIndex failed;
    const QModelIndex current = selected.siblingAtColumn(0);
    if (current.isValid() && isFailed(current)) {
        failed = current;
    } else if (current.isValid() && current.data(ConnectorsModel::TaskIdRole).toInt() < 0) {
        const QAbstractItemModel *model = current.model();
        for (int row = 0; row < model->rowCount(current) && !failed.isValid(); ++row) {
            if (isFailed(model->index(row, 0, current)))
                failed = model->index(row, 0, current);
        }
    }
    if (!failed.isValid()) {
        m_subject.clear();
        m_trace.clear();
        hide();
        return;
    }
    const QString connector = failed.data(ConnectorsModel::ConnectorNameRole).toString();
    const int task = failed.data(ConnectorsModel::TaskIdRole).toInt();
    const QString worker = failed.siblingAtColumn(ConnectorsModel::WorkerColumn).data().toString();
    m_subject = task < 0 ? connector : tr("%1, task %2").arg(connector).arg(task);
    m_trace = failed.data(ConnectorsModel::TraceRole).toString();
    m_title->setText(worker.isEmpty() ? tr("%1 FAILED").arg(m_subject) : tr("%1 FAILED on %2").arg(m_subject, worker));
    QString line = failed.data(ConnectorsModel::TraceSummaryRole).toString();
    if (line.isEmpty())
        line = tr("Kafka Connect gave no trace for this failure.");
    m_line->setText(line);
    m_line->setToolTip(line);
    QPalette titlePalette = palette();
    titlePalette.setColor(QPalette::WindowText, connectorStateColor(QStringLiteral("FAILED")));
    m_title->setPalette(titlePalette);
    show();
}

QString FailureDetails::text() const
{
    return isHidden() ? QString() : m_title->text() + u'\n' + m_line->text();
}

} // namespace cdc::ui
