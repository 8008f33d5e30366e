#include "explain/planfolding.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace tusk::explain {

namespace {

// PostgreSQL (12+) aliases the partitions it scans for `FROM events` as events_1, events_2, …
// whatever the partitions are called; the alias then names the partitioned parent.
const QRegularExpression &partitionAlias()
{
    static const QRegularExpression re(QStringLiteral("^(.+)_\\d+$"));
    return re;
}

// The alias without PostgreSQL's "_N" suffix ("events_12" -> "events", "o_3" -> "o").
QString aliasStem(const QString &alias)
{
    const auto m = partitionAlias().match(alias);
    return m.hasMatch() ? m.captured(1) : alias;
}

// What identifies a node for folding, without its numbers (types, strategy, how it hangs below
// its parent, what it reads), interned as ints, read two ways. By name: the relation's name
// with digits masked (events_p7, orders_2024_01) and the alias without its "_N" — which also
// folds UNION ALL branches over one table. By parent: a scan aliased parent_N stands for "a
// partition of parent", whatever the partition is called.
struct OwnKeys
{
    QVector<int> byName;
    QVector<int> byParent;
};

OwnKeys ownKeys(const Plan &plan)
{
    OwnKeys keys;
    keys.byName.resize(plan.nodes.size());
    keys.byParent.resize(plan.nodes.size());
    QHash<QString, int> ids;
    const auto intern = [&ids](const QString &key) {
        auto it = ids.constFind(key);
        if (it == ids.cend())
            it = ids.insert(key, int(ids.size()));
        return it.value();
    };
    for (const PlanNode &n : plan.nodes) {
        const QString common = n.nodeType + u'\x1f' + n.joinType + u'\x1f' + n.strategy + u'\x1f' +
                               n.parentRelationshipText + u'\x1f' + PlanFolding::digitsMasked(n.indexName) +
                               u'\x1f' + PlanFolding::digitsMasked(n.subplanName) + u'\x1f' +
                               n.extra.value(QStringLiteral("Operation")).toString() + u'\x1f';
        if (n.relationName.isEmpty()) {
            keys.byName[n.id] = keys.byParent[n.id] = intern(common);
            continue;
        }
        const auto m = partitionAlias().match(n.alias);
        const QString stem = m.hasMatch() ? m.captured(1) : n.alias;
        keys.byName[n.id] = intern(common + stem + u'|' + PlanFolding::digitsMasked(n.relationName));
        keys.byParent[n.id] = m.hasMatch() && n.alias != n.relationName
                                  ? intern(common + QStringLiteral("parent:") + stem)
                                  : keys.byName.at(n.id);
    }
    return keys;
}

// Shape ids bottom-up (children have higher ids in pre-order): equal ids mean equal subtrees.
// A shape is the node's own key and its children's shapes, hashed as ints: linear in the plan.
QVector<int> shapes(const Plan &plan, const QVector<int> &own)
{
    const int n = int(plan.nodes.size());
    QVector<int> shape(n, -1);
    QHash<QVector<int>, int> ids;
    QVector<int> key;
    for (int id = n - 1; id >= 0; --id) {
        const PlanNode &node = plan.nodes.at(id);
        key.resize(0);
        key << own.at(id);
        for (int c : node.children)
            key << shape.at(c);
        auto it = ids.constFind(key);
        if (it == ids.cend())
            it = ids.insert(key, int(ids.size()));
        shape[id] = it.value();
    }
    return shape;
}

int runLength(const QVector<int> &kids, int start, const QVector<int> &shape)
{
    int end = start + 1;
    while (end < kids.size() && shape.at(kids.at(end)) == shape.at(kids.at(start)))
        ++end;
    return end - start;
}

} // namespace

QString PlanFolding::digitsMasked(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (int i = 0; i < name.size(); ++i) {
        if (name.at(i).isDigit()) {
            while (i + 1 < name.size() && name.at(i + 1).isDigit())
                ++i;
            out += u'#';
        } else {
            out += name.at(i);
        }
    }
    return out;
}

PlanFolding::PlanFolding(const Plan &plan, int minRun)
{
    const int n = int(plan.nodes.size());
    m_containing.fill(-1, n);
    m_memberOf.fill(-1, n);
    QVector<int> size(n, 1);
    for (int id = n - 1; id > 0; --id)
        size[plan.nodes.at(id).parentId] += size.at(id);
    const OwnKeys own = ownKeys(plan);
    const QVector<int> byName = shapes(plan, own.byName);
    const QVector<int> byParent = shapes(plan, own.byParent);
    for (const PlanNode &parent : plan.nodes) {
        const QVector<int> &kids = parent.children;
        for (int start = 0; start < kids.size();) {
            // Whichever reading gives the longer run of look-alikes.
            const int end =
                start + std::max(runLength(kids, start, byName), runLength(kids, start, byParent));
            if (end - start >= minRun) {
                FoldGroup g;
                g.id = int(m_groups.size());
                g.parentId = parent.id;
                g.members = kids.mid(start, end - start);
                const PlanNode &first = plan.nodes.at(g.members.first());
                g.nodeType = first.nodeType;
                g.sameRelation = true;
                for (int member : g.members) {
                    g.nodeCount += size.at(member);
                    g.sameRelation =
                        g.sameRelation && plan.nodes.at(member).relationName == first.relationName;
                }
                // "events" for events_p0…events_p399 (aliased events_1…), the table itself when
                // every member reads the same one.
                const bool partitionAliased =
                    first.alias != first.relationName && partitionAlias().match(first.alias).hasMatch();
                g.relationStem =
                    g.sameRelation || !partitionAliased ? first.relationName : aliasStem(first.alias);
                if (!g.sameRelation && !partitionAliased)
                    g.relationStem.remove(QRegularExpression(QStringLiteral("_[A-Za-z]{0,2}\\d\\w*$")));
                m_groups << g;
            }
            start = end;
        }
    }
    // Pre-order: a member's subtree is the id range [member, member + size).
    for (const FoldGroup &g : m_groups) {
        for (int member : g.members) {
            m_memberOf[member] = g.id;
            for (int id = member; id < member + size.at(member); ++id) {
                if (m_containing.at(id) < 0)
                    m_containing[id] = g.id;
            }
        }
    }
}

} // namespace tusk::explain
