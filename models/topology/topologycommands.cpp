// Undoable edits of the pipeline graph.
#include "topologycommands.h"

#include <QCoreApplication>

namespace cdc::topology {

MoveNodesCommand::MoveNodesCommand(TopologyModel *model, QHash<QString, QPointF> from, QHash<QString, QPointF> to)
    : m_model(model)
    , m_from(std::move(from))
    , m_to(std::move(to))
{
    setText(m_to.size() == 1
                ? QCoreApplication::translate("TopologyCommands", "Move node")
                : QCoreApplication::translate("TopologyCommands", "Move %n nodes", nullptr, int(m_to.size())));
}

void MoveNodesCommand::undo()
{
    for (auto it = m_from.cbegin(); it != m_from.cend(); ++it)
        m_model->moveNode(it.key(), it.value());
}

void MoveNodesCommand::redo()
{
    for (auto it = m_to.cbegin(); it != m_to.cend(); ++it)
        m_model->moveNode(it.key(), it.value());
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *move = static_cast<const MoveNodesCommand *>(other);
    if (m_finished || move->m_model != m_model || move->m_to.size() != m_to.size())
        return false;
    for (auto it = move->m_to.cbegin(); it != move->m_to.cend(); ++it) {
        if (!m_to.contains(it.key()))
            return false;
    }
    m_to = move->m_to;
    m_finished = move->m_finished;
    return true;
}

} // namespace cdc::topology
