// SPDX-License-Identifier: GPL-3.0-or-later
// The palette of node kinds: drag one onto the canvas, or press Enter / double-click to add it there.
#pragma once

#include "topology/nodekind.h"

#include <QListWidget>

namespace cdc::ui {

class NodePalette : public QListWidget
{
    Q_OBJECT

public:
    static QString mimeType() { return QStringLiteral("application/x-cdc-studio-node-kind"); }

    explicit NodePalette(QWidget *parent = nullptr);

Q_SIGNALS:
    // Enter or double-click: add a node of this kind where the user is looking.
    void kindChosen(cdc::topology::NodeKind kind);

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
};

} // namespace cdc::ui
