// The colours of node kinds: PostgreSQL blue and MySQL amber everywhere a source is shown.
#include "sourcecolors.h"

namespace cdc::ui {

QColor nodeKindColor(topology::NodeKind kind)
{
    using topology::NodeKind;
    switch (kind) {
    case NodeKind::PostgresDatabase: return QColor(0x33, 0x6b, 0xd6);
    case NodeKind::MySqlDatabase: return QColor(0xe0, 0x8a, 0x00);
    case NodeKind::ConnectCluster: return QColor(0x8b, 0x5c, 0xf6);
    case NodeKind::Connector: return QColor(0x0f, 0x9d, 0x8a);
    case NodeKind::Topic: return QColor(0x4c, 0xa3, 0x3b);
    case NodeKind::Consumer: return QColor(0xd9, 0x46, 0x8f);
    case NodeKind::Sink: return QColor(0x6b, 0x72, 0x80);
    }
    return Qt::gray;
}

} // namespace cdc::ui
