// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's orders and how Debezium 3.5 would emit them: the Outbox Event Router's events and raw
// change events with PostgreSQL or MySQL/MariaDB source blocks, with positions that move like the real ones.
#include "sandbox/eventgenerator.h"

#include <QString>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>

namespace cdc::sandbox {

namespace {

enum Status { New, Paid, Shipped, Cancelled };

constexpr const char *kStatusText[] = {"NEW", "PAID", "SHIPPED", "CANCELLED"};
constexpr const char *kEventType[] = {"OrderCreated", "OrderPaid", "OrderShipped", "OrderCancelled"};
constexpr const char *kDebeziumVersion = "3.5.0.Final";

// MySQL rotates its binlog after the transaction that crosses max_binlog_size (1 GiB by default); a new
// file's first transaction starts after the format description and previous-GTIDs events.
constexpr qint64 kMaxBinlogSize = 1024LL * 1024 * 1024;
constexpr qint64 kFirstBinlogPosition = 157;
constexpr qint64 kMySqlServerId = 1; // the source server's server_id (not the connector's database.server.id)

struct Customer
{
    const char *name;
    const char *email;
};
constexpr std::array kCustomers{
    Customer{"Ana Souza", "ana.souza@example.com"},
    Customer{"Kenji Watanabe", "kenji.watanabe@example.jp"},
    Customer{"Fatima Zahra", "fatima.zahra@example.ma"},
    Customer{"Lars Nilsson", "lars.nilsson@example.se"},
    Customer{"Priya Raman", "priya.raman@example.in"},
    Customer{"Tomasz Nowak", "tomasz.nowak@example.pl"},
    Customer{"Chloe Martin", "chloe.martin@example.fr"},
    Customer{"Diego Herrera", "diego.herrera@example.mx"},
    Customer{"Aisha Bello", "aisha.bello@example.ng"},
    Customer{"Mateo Rossi", "mateo.rossi@example.it"},
    Customer{"Hannah Becker", "hannah.becker@example.de"},
    Customer{"Liam O'Brien", "liam.obrien@example.ie"},
    Customer{"Mei Chen", "mei.chen@example.com"},
    Customer{"Oluwaseun Ade", "seun.ade@example.com"},
    Customer{"Sofia Lindqvist", "sofia.lindqvist@example.fi"},
    Customer{"Noah Williams", "noah.williams@example.com"},
};

struct Address
{
    const char *street;
    const char *city;
    const char *postalCode;
    const char *country;
    const char *currency;
};
constexpr std::array kAddresses{
    Address{"Rua Augusta 120", "Lisboa", "1100-053", "PT", "EUR"},
    Address{"2-11-3 Meguro", "Tokyo", "153-0063", "JP", "USD"}, // yen have no cents: charged in dollars
    Address{"Boulevard Zerktouni 88", "Casablanca", "20250", "MA", "MAD"},
    Address{"Drottninggatan 53", "Stockholm", "111 21", "SE", "SEK"},
    Address{"12 MG Road", "Bengaluru", "560001", "IN", "INR"},
    Address{"ul. Marszalkowska 104", "Warszawa", "00-017", "PL", "PLN"},
    Address{"18 rue de la Roquette", "Paris", "75011", "FR", "EUR"},
    Address{"Av. Insurgentes Sur 1602", "Ciudad de Mexico", "03940", "MX", "MXN"},
    Address{"23 Adeola Odeku Street", "Lagos", "101241", "NG", "NGN"},
    Address{"Via del Corso 45", "Roma", "00186", "IT", "EUR"},
    Address{"Torstrasse 109", "Berlin", "10119", "DE", "EUR"},
    Address{"14 Grafton Street", "Dublin", "D02 VX80", "IE", "EUR"},
    Address{"88 Market Street", "San Francisco", "94103", "US", "USD"},
    Address{"31 Broad Street", "London", "EC2N 1HT", "GB", "GBP"},
    Address{"Mannerheimintie 12", "Helsinki", "00100", "FI", "EUR"},
    Address{"400 Lake Shore Drive", "Chicago", "60611", "US", "USD"},
};
static_assert(kCustomers.size() == kAddresses.size());

struct Product
{
    const char *sku;
    const char *name;
    int cents;
};
constexpr std::array kProducts{
    Product{"SKU-10023", "Espresso beans, 1 kg", 1990},   Product{"SKU-10077", "Ceramic mug, 350 ml", 1250},
    Product{"SKU-20001", "Burr grinder", 8900},           Product{"SKU-20415", "Pour-over kettle", 4490},
    Product{"SKU-30110", "Paper filters, 100 pack", 590}, Product{"SKU-30342", "Glass carafe, 600 ml", 2150},
    Product{"SKU-40007", "Milk frother", 3499},           Product{"SKU-40218", "Digital scale", 2799},
    Product{"SKU-50031", "Cold brew bottle", 2400},       Product{"SKU-50102", "Travel tumbler", 2950},
    Product{"SKU-60044", "Decaf beans, 500 g", 1150},     Product{"SKU-60190", "Tasting flight box", 3900},
    Product{"SKU-70005", "Barista apron", 3200},          Product{"SKU-70088", "Knock box", 1875},
    Product{"SKU-80012", "Descaling tablets", 890},       Product{"SKU-80234", "Espresso machine", 42900},
};

void appendNumber(QByteArray &out, qint64 value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

void appendDigits(QByteArray &out, qint64 value, int width)
{
    char buffer[24];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = char('0' + value % 10);
        value /= 10;
    }
    out.append(buffer, width);
}

// 1990 -> "19.90": how Debezium emits a NUMERIC/DECIMAL column with decimal.handling.mode=string (the
// default, precise, would give base64 of the unscaled bytes, which nobody can read in a demo).
void appendMoney(QByteArray &out, qint64 cents)
{
    out.append('"');
    appendNumber(out, cents / 100);
    out.append('.');
    appendDigits(out, cents % 100, 2);
    out.append('"');
}

void appendString(QByteArray &out, const char *text)
{
    out.append('"');
    for (const char *c = text; *c; ++c) {
        if (*c == '"' || *c == '\\')
            out.append('\\');
        out.append(*c);
    }
    out.append('"');
}

void appendString(QByteArray &out, const QString &text)
{
    appendString(out, text.toUtf8().constData());
}

// "2025-11-24T16:00:00.123Z" (3 fraction digits) or "…00.123000Z" (6, PostgreSQL's microseconds).
void appendTimestamp(QByteArray &out, qint64 ms, int fractionDigits)
{
    using namespace std::chrono;
    const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(ms)));
    const year_month_day date(day);
    qint64 rest = ms - duration_cast<milliseconds>(day.time_since_epoch()).count();
    out.append('"');
    appendDigits(out, int(date.year()), 4);
    out.append('-');
    appendDigits(out, unsigned(date.month()), 2);
    out.append('-');
    appendDigits(out, unsigned(date.day()), 2);
    out.append('T');
    appendDigits(out, rest / 3'600'000, 2);
    rest %= 3'600'000;
    out.append(':');
    appendDigits(out, rest / 60'000, 2);
    rest %= 60'000;
    out.append(':');
    appendDigits(out, rest / 1000, 2);
    out.append('.');
    appendDigits(out, rest % 1000, 3);
    if (fractionDigits == 6)
        out.append("000", 3);
    out.append("Z\"", 2);
}

// A JSON string holding `json`, as the JsonConverter writes a string column (the outbox payload when the
// router does not expand it).
QByteArray quoted(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 8 + 2);
    out.append('"');
    for (const char c : json) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    out.append('"');
    return out;
}

// "public.orders" -> ("public", "orders"); without a dot the default schema or database.
std::pair<QString, QString> splitTable(const QString &entry, const QString &fallback)
{
    const qsizetype dot = entry.indexOf(u'.');
    if (dot < 0)
        return {fallback, entry};
    return {entry.left(dot), entry.mid(dot + 1)};
}

} // namespace

QString topicFor(const CaptureSpec &spec, const QString &aggregateType)
{
    QString topic = spec.routeTopicReplacement;
    topic.replace(QStringLiteral("${routedByValue}"), aggregateType);
    return topic;
}

EventGenerator::EventGenerator(const CaptureSpec &spec, quint64 seed) : m_spec(spec), m_random(seed)
{
    m_position.kind = spec.kind;
    if (spec.kind == SourceKind::Postgres) {
        // A database that has been in use for a while: some WAL and transactions behind it.
        m_position.lsn = 0x16E8D58 + qint64(m_random() % 4096) * 8;
        m_position.txId = 771 + qint64(m_random() % 200);
        m_commitLsn = m_position.lsn - 64;
    } else {
        m_position.binlogFile = QStringLiteral("mysql-bin.000003");
        m_position.binlogPosition = kFirstBinlogPosition;
        m_position.serverId = kMySqlServerId;
        m_thread = 8 + int(m_random() % 40);
    }
}

void EventGenerator::setSpec(const CaptureSpec &spec)
{
    m_spec = spec;
}

SourcePosition EventGenerator::position() const
{
    return m_position;
}

void EventGenerator::skip(qint64 changes)
{
    if (changes <= 0)
        return;
    if (m_spec.kind == SourceKind::Postgres) {
        m_commitLsn = m_position.lsn + changes * averageWalBytesPerChange - 48;
        m_position.lsn += changes * averageWalBytesPerChange;
        m_position.txId += changes;
    } else {
        qint64 position = m_position.binlogPosition + changes * averageBinlogBytesPerChange;
        while (position >= kMaxBinlogSize) {
            position = kFirstBinlogPosition + (position - kMaxBinlogSize);
            ++m_binlogIndex;
        }
        m_position.binlogPosition = position;
        m_position.binlogFile = QStringLiteral("mysql-bin.%1").arg(m_binlogIndex, 6, 10, QLatin1Char('0'));
    }
    // About a third of all changes create an order: the ids written meanwhile are gone too.
    m_nextOrderId += changes / 3;
}

EventGenerator::Order EventGenerator::createOrder(qint64 id, qint64 nowMs)
{
    Order order;
    order.id = id;
    order.customer = int(m_random() % kCustomers.size());
    order.currency = kAddresses[std::size_t(order.customer)].currency;
    order.createdMs = nowMs;
    order.status = New;
    // One to four lines, mostly one or two, as a shop's orders are.
    const int lines = 1 + int(m_random() % 10 < 4 ? 0 : m_random() % 10 < 6 ? 1 : 1 + m_random() % 3);
    order.items.reserve(128 * lines);
    order.items.append('[');
    for (int i = 0; i < lines; ++i) {
        const Product &product = kProducts[m_random() % kProducts.size()];
        const int quantity = 1 + int(m_random() % 10 < 7 ? 0 : m_random() % 3);
        if (i > 0)
            order.items.append(',');
        order.items.append(R"({"sku":)");
        appendString(order.items, product.sku);
        order.items.append(R"(,"name":)");
        appendString(order.items, product.name);
        order.items.append(R"(,"quantity":)");
        appendNumber(order.items, quantity);
        order.items.append(R"(,"unitPrice":)");
        appendMoney(order.items, product.cents);
        order.items.append('}');
        order.totalCents += qint64(product.cents) * quantity;
    }
    order.items.append(']');
    return order;
}

QByteArray EventGenerator::payload(const Order &order, qint64 nowMs) const
{
    const Customer &customer = kCustomers[std::size_t(order.customer)];
    const Address &address = kAddresses[std::size_t(order.customer)];
    QByteArray out;
    out.reserve(640 + order.items.size());
    out.append(R"({"orderId":)");
    appendNumber(out, order.id);
    out.append(R"(,"status":)");
    appendString(out, kStatusText[order.status]);
    out.append(R"(,"customer":{"id":)");
    appendNumber(out, 5000 + order.customer * 37);
    out.append(R"(,"name":)");
    appendString(out, customer.name);
    out.append(R"(,"email":)");
    appendString(out, customer.email);
    out.append(R"(},"items":)");
    out.append(order.items);
    out.append(R"(,"total":)");
    appendMoney(out, order.totalCents);
    out.append(R"(,"currency":)");
    appendString(out, order.currency);
    out.append(R"(,"shippingAddress":{"street":)");
    appendString(out, address.street);
    out.append(R"(,"city":)");
    appendString(out, address.city);
    out.append(R"(,"postalCode":)");
    appendString(out, address.postalCode);
    out.append(R"(,"country":)");
    appendString(out, address.country);
    out.append('}');
    if (!order.tracking.isEmpty()) {
        out.append(R"(,"carrier":"DHL Express","trackingNumber":)");
        appendString(out, order.tracking.constData());
    }
    if (!order.reason.isEmpty()) {
        out.append(R"(,"cancellationReason":)");
        appendString(out, order.reason.constData());
    }
    out.append(R"(,"createdAt":)");
    appendTimestamp(out, order.createdMs, 3);
    out.append(R"(,"updatedAt":)");
    appendTimestamp(out, nowMs, 3);
    out.append('}');
    return out;
}

// The orders table's row (stack/seed: id, customer, total, status, created_at). timestamptz and MySQL
// TIMESTAMP both arrive as ISO-8601 strings (io.debezium.time.ZonedTimestamp).
QByteArray EventGenerator::tableRow(const Order &order) const
{
    QByteArray out;
    out.reserve(160);
    out.append(R"({"id":)");
    appendNumber(out, order.id);
    out.append(R"(,"customer":)");
    appendString(out, kCustomers[std::size_t(order.customer)].name);
    out.append(R"(,"total":)");
    appendMoney(out, order.totalCents);
    out.append(R"(,"status":)");
    appendString(out, kStatusText[order.status]);
    out.append(R"(,"created_at":)");
    appendTimestamp(out, order.createdMs, m_spec.kind == SourceKind::Postgres ? 6 : 3);
    out.append('}');
    return out;
}

QByteArray EventGenerator::source(const QString &table, qint64 nowMs, qint64 rowLsn, int row) const
{
    const bool postgres = m_spec.kind == SourceKind::Postgres;
    const auto [schemaOrDb, name] = splitTable(table, postgres ? QStringLiteral("public") : m_spec.database);
    QByteArray out;
    out.reserve(400);
    out.append(R"({"version":)");
    appendString(out, kDebeziumVersion);
    out.append(R"(,"connector":)");
    appendString(out, postgres                                                                        ? "postgresql"
                      : m_spec.connectorClass.contains(QLatin1String("mariadb"), Qt::CaseInsensitive) ? "mariadb"
                                                                                                      : "mysql");
    out.append(R"(,"name":)");
    appendString(out, m_spec.topicPrefix);
    out.append(R"(,"ts_ms":)");
    appendNumber(out, nowMs);
    out.append(R"(,"snapshot":"false","db":)");
    appendString(out, postgres ? m_spec.database : schemaOrDb);
    if (postgres) {
        // source.sequence: the last committed LSN and this row's, both as strings in a JSON string.
        out.append(R"(,"sequence":"[\")");
        appendNumber(out, m_lastCommitLsn);
        out.append(R"(\",\")");
        appendNumber(out, rowLsn);
        out.append(R"(\"]")");
    } else {
        out.append(R"(,"sequence":null)");
    }
    out.append(R"(,"ts_us":)");
    appendNumber(out, nowMs * 1000);
    out.append(R"(,"ts_ns":)");
    appendNumber(out, nowMs * 1'000'000);
    if (postgres) {
        out.append(R"(,"schema":)");
        appendString(out, schemaOrDb);
        out.append(R"(,"table":)");
        appendString(out, name);
        out.append(R"(,"txId":)");
        appendNumber(out, m_position.txId);
        out.append(R"(,"lsn":)");
        appendNumber(out, rowLsn);
        out.append(R"(,"xmin":null})");
    } else {
        out.append(R"(,"table":)");
        appendString(out, name);
        out.append(R"(,"server_id":)");
        appendNumber(out, kMySqlServerId);
        out.append(R"(,"gtid":null,"file":"mysql-bin.)");
        appendDigits(out, m_transactionBinlogIndex, 6);
        out.append(R"(","pos":)");
        appendNumber(out, m_transactionPosition);
        out.append(R"(,"row":)");
        appendNumber(out, row);
        out.append(R"(,"thread":)");
        appendNumber(out, m_thread);
        out.append(R"(,"query":null})");
    }
    return out;
}

QByteArray EventGenerator::uuid()
{
    static constexpr char kHex[] = "0123456789abcdef";
    const quint64 high = (m_random() & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL; // version 4
    const quint64 low = (m_random() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
    QByteArray out(36, '-');
    int at = 0;
    for (int i = 0; i < 32; ++i) {
        if (at == 8 || at == 13 || at == 18 || at == 23)
            ++at;
        const quint64 word = i < 16 ? high : low;
        out[at++] = kHex[(word >> (60 - 4 * (i % 16))) & 0xF];
    }
    return out;
}

// The WAL or binlog the change's transaction writes: the orders row (whether captured or not: the
// application writes it in the same transaction), the outbox row with its payload, and the commit.
void EventGenerator::advancePosition(int payloadBytes, int rows, qint64 nowMs)
{
    m_position.tsMs = nowMs;
    m_rowLsns.clear();
    if (m_spec.kind == SourceKind::Postgres) {
        m_lastCommitLsn = m_commitLsn;
        // Other sessions' WAL (hint bits, autovacuum, other tables) between two of our transactions.
        qint64 lsn = m_position.lsn + qint64(m_random() % 24) * 8;
        for (int i = 0; i < std::max(rows, 1); ++i) {
            if (i < rows)
                m_rowLsns.push_back(lsn);
            lsn += 168 + qint64(m_random() % 8) * 8; // heap tuple and its primary key's index entry
        }
        lsn += 336 + qint64(payloadBytes + 7) / 8 * 8; // the outbox tuple: uuid, aggregate, type, jsonb, index
        m_commitLsn = lsn;                             // the commit record
        m_position.lsn = lsn + 48;
        m_position.txId += m_random() % 10 == 0 ? 1 + qint64(m_random() % 3) : 1;
        return;
    }
    // GTID, BEGIN, then per table a Table_map and a rows event, then the Xid event.
    m_transactionBinlogIndex = m_binlogIndex;
    m_transactionPosition = m_position.binlogPosition;
    const qint64 size = 65 + 76 + 2 * 56 + 120 + qint64(m_random() % 32) + 125 + payloadBytes + 31;
    qint64 end = m_position.binlogPosition + size;
    if (end >= kMaxBinlogSize) {
        ++m_binlogIndex;
        end = kFirstBinlogPosition;
    }
    m_position.binlogPosition = end;
    m_position.binlogFile = QStringLiteral("mysql-bin.%1").arg(m_binlogIndex, 6, 10, QLatin1Char('0'));
}

QList<GeneratedMessage> EventGenerator::next(qint64 nowMs, qint64 orderId, qint64 emittedMs)
{
    if (emittedMs < 0)
        emittedMs = nowMs;

    // Which order changes: a new one, or one of the open ones moves on. New orders come more often while
    // few are open, so that about a hundred are in flight.
    std::size_t index = m_open.size();
    if (orderId >= 0) {
        index =
            std::size_t(std::find_if(m_open.begin(), m_open.end(), [&](const Order &o) { return o.id == orderId; }) -
                        m_open.begin());
    } else if (!m_open.empty()) {
        const double createShare = std::clamp(0.35 + (100.0 - double(m_open.size())) / 400.0, 0.1, 0.9);
        if (double(m_random() % 1000) / 1000.0 >= createShare)
            index = std::size_t(m_random() % m_open.size());
    }

    QByteArray before;
    if (index == m_open.size()) {
        const qint64 id = orderId >= 0 ? orderId : m_nextOrderId;
        m_nextOrderId = std::max(m_nextOrderId, id + 1);
        m_open.push_back(createOrder(id, nowMs));
    } else {
        Order &order = m_open[index];
        before = tableRow(order);
        const int roll = int(m_random() % 100);
        if (order.status == New) {
            order.status = roll < 92 ? Paid : Cancelled;
            if (order.status == Cancelled)
                order.reason = roll < 96 ? "payment declined" : "customer request";
        } else {
            order.status = roll < 95 ? Shipped : Cancelled;
            if (order.status == Shipped) {
                order.tracking = "JD01460000";
                appendDigits(order.tracking, qint64(m_random() % 100'000'000), 8);
            } else {
                order.reason = "customer request";
            }
        }
    }
    const Order order = m_open[index];
    if (order.status == Shipped || order.status == Cancelled) {
        m_open[index] = std::move(m_open.back());
        m_open.pop_back();
    }

    const QByteArray body = payload(order, nowMs);
    advancePosition(int(body.size()), int(m_spec.otherTables.size()), nowMs);

    QList<GeneratedMessage> messages;
    messages.reserve(m_spec.otherTables.size() + 1);
    // Raw change events first: the application writes the orders row before the outbox row. Every table
    // the connector includes besides the outbox gets the order's row (the sandbox's only table shape).
    const QByteArray after = tableRow(order);
    for (int i = 0; i < m_spec.otherTables.size(); ++i) {
        const QString &table = m_spec.otherTables[i];
        const qint64 rowLsn = i < int(m_rowLsns.size()) ? m_rowLsns[std::size_t(i)] : 0;
        GeneratedMessage m;
        m.topic = m_spec.topicPrefix + u'.' + table;
        m.key = R"({"id":)";
        appendNumber(m.key, order.id);
        m.key.append('}');
        m.value.reserve(before.size() + after.size() + 520);
        m.value.append(R"({"before":)");
        m.value.append(before.isEmpty() ? QByteArray("null") : before);
        m.value.append(R"(,"after":)");
        m.value.append(after);
        m.value.append(R"(,"source":)");
        m.value.append(source(table, nowMs, rowLsn, 0));
        m.value.append(R"(,"transaction":null,"op":)");
        m.value.append(before.isEmpty() ? R"("c")" : R"("u")");
        m.value.append(R"(,"ts_ms":)");
        appendNumber(m.value, emittedMs);
        m.value.append(R"(,"ts_us":)");
        appendNumber(m.value, emittedMs * 1000);
        m.value.append(R"(,"ts_ns":)");
        appendNumber(m.value, emittedMs * 1'000'000);
        m.value.append('}');
        m.timestampMs = emittedMs;
        messages.append(std::move(m));
    }

    // The Outbox Event Router's event: the aggregate id as the key (a JSON string under the
    // JsonConverter), the payload as the value, the outbox row's id and type as headers
    // (table.fields.additional.placement=type:header:eventType, as the connector wizard configures it).
    GeneratedMessage event;
    event.topic = topicFor(m_spec, QStringLiteral("order"));
    event.key = "\"";
    appendNumber(event.key, order.id);
    event.key.append('"');
    event.value = m_spec.expandJsonPayload ? body : quoted(body);
    event.headers = {{QByteArrayLiteral("id"), uuid()},
                     {QByteArrayLiteral("eventType"), QByteArray(kEventType[order.status])}};
    event.timestampMs = emittedMs;
    messages.append(std::move(event));
    return messages;
}

} // namespace cdc::sandbox
