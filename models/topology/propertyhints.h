// SPDX-License-Identifier: GPL-3.0-or-later
// The properties a node of a kind understands that the properties editor offers while they are unset,
// each with an example value and what it does.
#pragma once

#include "topology/nodekind.h"

#include <QList>
#include <QString>

namespace cdc::topology {

struct PropertyHint
{
    QString key;
    QString placeholder; // an example value, shown greyed in the empty cell
    QString description; // what it does, for the tooltip
};

QList<PropertyHint> nodePropertyHints(NodeKind kind);

} // namespace cdc::topology
