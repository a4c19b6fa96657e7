// SPDX-License-Identifier: GPL-3.0-or-later
// Copy and paste of part of a pipeline.
#include "clipboardfragment.h"

#include "topology/projectfile.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace cdc::topology {

QByteArray copyFragment(const TopologyModel &model, const QStringList &nodeIds)
{
    Project fragment;
    for (const Node &n : model.nodes()) {
        if (nodeIds.contains(n.id))
            fragment.nodes.push_back(n);
    }
    for (const Edge &e : model.edges()) {
        if (nodeIds.contains(e.from) && nodeIds.contains(e.to))
            fragment.edges.push_back(e);
    }
    return serializeProject(fragment);
}

Result<Fragment> pasteFragment(const QByteArray &bytes, const TopologyModel &model, QPointF offset)
{
    auto parsed = parseProject(bytes, QCoreApplication::translate("ClipboardFragment", "the clipboard"));
    if (!parsed)
        return parsed.error();
    QSet<QString> taken;
    for (const Node &n : model.nodes())
        taken.insert(n.id);
    QHash<QString, QString> renamed;
    Fragment fragment;
    for (Node n : parsed.value().nodes) {
        QString id = n.id;
        for (int i = 2; taken.contains(id); ++i)
            id = n.id + u'-' + QString::number(i);
        taken.insert(id);
        renamed.insert(n.id, id);
        n.id = id;
        n.position += offset;
        fragment.nodes.push_back(std::move(n));
    }
    for (const Edge &e : parsed.value().edges)
        fragment.edges.push_back({renamed.value(e.from), renamed.value(e.to)});
    return fragment;
}

} // namespace cdc::topology
