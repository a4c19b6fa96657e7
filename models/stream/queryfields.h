// SPDX-License-Identifier: GPL-3.0-or-later
// The query language's vocabulary, shared by its parser and its completion: the fields, the comparisons,
// and the names of the enumerated fields' values.
#pragma once

#include "stream/eventdecoder.h"

#include <QString>
#include <QStringList>

#include <utility>

namespace cdc::stream::queryfields {

// In the order they are evaluated: cheap record fields, cached string ids, then the bytes.
enum class Field : quint8 {
    Source,
    Op,
    Kind,
    Late,
    Gap,
    Redelivered,
    Partition,
    Offset,
    Type,
    Entity,
    Topic,
    Key,
    Header,
    Text,
    Json
};
// ':' is Glob (Exists for ':*'); '!=' parses as a negated Equal.
enum class Cmp : quint8 { Glob, Exists, Equal, Greater, GreaterEqual, Less, LessEqual };

// clang-format off
inline constexpr std::pair<const char16_t *, Field> kFields[] = {
    {u"source", Field::Source}, {u"op", Field::Op}, {u"kind", Field::Kind}, {u"type", Field::Type},
    {u"table", Field::Entity}, {u"entity", Field::Entity}, {u"aggregate", Field::Entity}, {u"topic", Field::Topic},
    {u"key", Field::Key}, {u"partition", Field::Partition}, {u"offset", Field::Offset}, {u"late", Field::Late},
    {u"gap", Field::Gap}, {u"redelivered", Field::Redelivered}};
// The values of the enumerated fields (gap, redelivered: as late's), with their bits; completion offers the first name.
struct ValueName { Field field; quint32 bits; const char16_t *names; };
inline constexpr ValueName kValues[] = {
    {Field::Source, 1u << int(SourceTag::Postgres), u"postgres pg postgresql"},
    {Field::Source, 1u << int(SourceTag::MySql), u"mysql my mariadb"},
    {Field::Source, 1u << int(SourceTag::Unknown), u"unknown"},
    {Field::Op, 1, u"c create"}, {Field::Op, 2, u"u update"}, {Field::Op, 4, u"d delete"}, {Field::Op, 8, u"r read"},
    {Field::Op, 16, u"t truncate"},
    {Field::Kind, 1u << int(EventKind::Change), u"change"}, {Field::Kind, 1u << int(EventKind::Outbox), u"outbox"},
    {Field::Kind, 1u << int(EventKind::Tombstone), u"tombstone"},
    {Field::Kind, 1u << int(EventKind::Heartbeat), u"heartbeat"},
    {Field::Kind, 1u << int(EventKind::SchemaChange), u"schema-change"},
    {Field::Kind, 1u << int(EventKind::Undecodable), u"undecodable"},
    {Field::Late, 2, u"true yes"}, {Field::Late, 1, u"false no"}};
// clang-format on

inline QStringList valueNames(const ValueName &v)
{
    return QString::fromUtf16(v.names).split(u' ');
}

} // namespace cdc::stream::queryfields
