#pragma once

// Test support: EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) output of a made-up plan of about N
// nodes, in the shape PostgreSQL prints for a join of two partitioned tables:
//   Limit -> Sort -> Hash Join
//     Outer: Append over orders_p<i> (Nested Loop of a partition's Seq Scan and an Index Scan
//            on customers; every 40th member a Hash Join instead, so runs of identical members
//            are interrupted as in real plans)
//     Inner: Hash -> Append over Seq Scans of events_p<i>
// Numbers come from a fixed-seed generator: the same N gives the same text. A few nodes get
// misestimates, a sort spills to disk, a hash uses batches, so the views show warnings.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdint>

namespace tusk::test {

class SynthPlan
{
public:
    static QByteArray json(int nodes)
    {
        SynthPlan s;
        const int budget = std::max(nodes - 6, 2);
        const int orders = std::max(1, budget * 3 / 5 / 3);
        const int events = std::max(1, budget - orders * 3 - 1);
        QJsonArray ordersMembers, eventsMembers;
        for (int i = 0; i < orders; ++i)
            ordersMembers << s.ordersMember(i);
        for (int i = 0; i < events; ++i)
            eventsMembers << s.scan(QStringLiteral("Seq Scan"), QStringLiteral("events_p%1").arg(i),
                                    QStringLiteral("events_%1").arg(i + 1), QStringLiteral("Member"), 2000);
        QJsonObject outer = s.node(QStringLiteral("Append"), QStringLiteral("Outer"), orders * 500.0);
        outer[QStringLiteral("Plans")] = ordersMembers;
        QJsonObject inner = s.node(QStringLiteral("Append"), QStringLiteral("Outer"), events * 2000.0);
        inner[QStringLiteral("Plans")] = eventsMembers;
        QJsonObject hash = s.node(QStringLiteral("Hash"), QStringLiteral("Inner"), events * 2000.0);
        hash[QStringLiteral("Hash Batches")] = 8;
        hash[QStringLiteral("Original Hash Batches")] = 1;
        hash[QStringLiteral("Hash Buckets")] = 65536;
        hash[QStringLiteral("Plans")] = QJsonArray{inner};
        QJsonObject join = s.node(QStringLiteral("Hash Join"), QStringLiteral("Outer"), orders * 400.0);
        join[QStringLiteral("Join Type")] = QStringLiteral("Inner");
        join[QStringLiteral("Hash Cond")] = QStringLiteral("(o.event_id = e.id)");
        join[QStringLiteral("Plans")] = QJsonArray{outer, hash};
        QJsonObject sort = s.node(QStringLiteral("Sort"), QStringLiteral("Outer"), orders * 400.0);
        sort[QStringLiteral("Sort Key")] = QJsonArray{QStringLiteral("o.created_at DESC")};
        sort[QStringLiteral("Sort Method")] = QStringLiteral("external merge");
        sort[QStringLiteral("Sort Space Type")] = QStringLiteral("Disk");
        sort[QStringLiteral("Sort Space Used")] = 48216;
        sort[QStringLiteral("Plans")] = QJsonArray{join};
        QJsonObject limit = s.node(QStringLiteral("Limit"), QString(), 100);
        limit[QStringLiteral("Plans")] = QJsonArray{sort};
        s.finishTimes(limit);
        QJsonObject statement{{QStringLiteral("Plan"), limit},
                              {QStringLiteral("Planning Time"), 12.5},
                              {QStringLiteral("Execution Time"), limit[QStringLiteral("Actual Total Time")]}};
        return QJsonDocument(QJsonArray{statement}).toJson(QJsonDocument::Compact);
    }

private:
    std::uint64_t m_state = 0x9e3779b97f4a7c15ull;
    double random() // 0..1, xorshift
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return double(m_state % 1000000) / 1000000.0;
    }

    QJsonObject node(const QString &type, const QString &relationship, double rows)
    {
        QJsonObject n;
        n[QStringLiteral("Node Type")] = type;
        if (!relationship.isEmpty())
            n[QStringLiteral("Parent Relationship")] = relationship;
        n[QStringLiteral("Parallel Aware")] = false;
        n[QStringLiteral("Startup Cost")] = 0.0;
        n[QStringLiteral("Total Cost")] = rows * 0.05 + 10 * random();
        // Every 97th node is badly estimated, so misestimate warnings show up.
        const bool off = ++m_count % 97 == 0;
        n[QStringLiteral("Plan Rows")] = off ? std::max(1.0, rows / 500) : rows * (0.8 + 0.4 * random());
        n[QStringLiteral("Plan Width")] = 32;
        n[QStringLiteral("Actual Startup Time")] = 0.01;
        n[QStringLiteral("Actual Rows")] = rows;
        n[QStringLiteral("Actual Loops")] = 1;
        n[QStringLiteral("Shared Hit Blocks")] = qint64(rows / 50 * random());
        n[QStringLiteral("Shared Read Blocks")] = qint64(rows / 200 * random());
        return n;
    }

    QJsonObject scan(const QString &type, const QString &relation, const QString &alias,
                     const QString &relationship, double rows)
    {
        QJsonObject n = node(type, relationship, rows);
        n[QStringLiteral("Relation Name")] = relation;
        n[QStringLiteral("Schema")] = QStringLiteral("public");
        n[QStringLiteral("Alias")] = alias;
        n[QStringLiteral("Actual Total Time")] = 0.05 + rows / 20000 * (0.5 + random());
        if (type == QLatin1String("Seq Scan")) {
            n[QStringLiteral("Filter")] = QStringLiteral("(kind = 'click'::text)");
            n[QStringLiteral("Rows Removed by Filter")] = rows * 3;
        }
        return n;
    }

    QJsonObject ordersMember(int i)
    {
        const bool hashed = i % 40 == 39;
        QJsonObject outer = scan(QStringLiteral("Seq Scan"), QStringLiteral("orders_p%1").arg(i),
                                 QStringLiteral("orders_%1").arg(i + 1), QStringLiteral("Outer"), 500);
        QJsonObject inner =
            scan(hashed ? QStringLiteral("Seq Scan") : QStringLiteral("Index Scan"),
                 QStringLiteral("customers"), QStringLiteral("c"), QStringLiteral("Inner"), 1);
        if (!hashed) {
            inner[QStringLiteral("Index Name")] = QStringLiteral("customers_pkey");
            inner[QStringLiteral("Index Cond")] = QStringLiteral("(id = o.customer_id)");
            inner[QStringLiteral("Actual Loops")] = 500;
            inner[QStringLiteral("Actual Total Time")] = 0.003;
        }
        QJsonObject join = node(hashed ? QStringLiteral("Hash Join") : QStringLiteral("Nested Loop"),
                                QStringLiteral("Member"), 500);
        join[QStringLiteral("Join Type")] = QStringLiteral("Inner");
        join[QStringLiteral("Plans")] = QJsonArray{outer, inner};
        return join;
    }

    // Inclusive times bottom-up: each node a little slower than its children together.
    double finishTimes(QJsonObject &n)
    {
        QJsonArray kids = n[QStringLiteral("Plans")].toArray();
        double below = 0;
        for (int i = 0; i < kids.size(); ++i) {
            QJsonObject k = kids.at(i).toObject();
            below += finishTimes(k) * k[QStringLiteral("Actual Loops")].toDouble();
            kids[i] = k;
        }
        if (!kids.isEmpty())
            n[QStringLiteral("Plans")] = kids;
        double t = n[QStringLiteral("Actual Total Time")].toDouble();
        if (!kids.isEmpty())
            t = below * (1.02 + 0.1 * random()) + 0.05;
        n[QStringLiteral("Actual Total Time")] = t;
        return t;
    }

    int m_count = 0;
};

} // namespace tusk::test
