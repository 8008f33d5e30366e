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

// What identifies a node for folding, without its numbers: types, strategy, how it hangs below
// its parent and what it reads. `byParent`: a scan aliased parent_N stands for "a partition of
// parent", whatever the partition is called; otherwise the relation's name counts, digits
// masked (events_p7, orders_2024_01) — which also folds UNION ALL branches over one table.
QString nodeKey(const PlanNode &n, bool byParent)
{
    QString relation;
    if (!n.relationName.isEmpty()) {
        const bool partitionAliased = n.alias != n.relationName && partitionAlias().match(n.alias).hasMatch();
        relation = byParent && partitionAliased
                       ? QStringLiteral("parent:") + aliasStem(n.alias)
                       : aliasStem(n.alias) + u'|' + PlanFolding::digitsMasked(n.relationName);
    }
    return n.nodeType + u'\x1f' + n.joinType + u'\x1f' + n.strategy + u'\x1f' + n.parentRelationshipText +
           u'\x1f' + relation + u'\x1f' + PlanFolding::digitsMasked(n.indexName) + u'\x1f' +
           PlanFolding::digitsMasked(n.subplanName) + u'\x1f' +
           n.extra.value(QStringLiteral("Operation")).toString();
}

// Shape ids bottom-up (children have higher ids in pre-order): equal ids mean equal subtrees.
// Each key holds the node's own key and its children's shape ids, so hashing stays linear.
QVector<int> shapes(const Plan &plan, bool byParent)
{
    const int n = int(plan.nodes.size());
    QVector<int> shape(n, -1);
    QHash<QString, int> ids;
    for (int id = n - 1; id >= 0; --id) {
        const PlanNode &node = plan.nodes.at(id);
        QString key = nodeKey(node, byParent);
        for (int c : node.children)
            key += u'\x1e' + QString::number(shape.at(c));
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
    const QVector<int> byName = shapes(plan, false);
    const QVector<int> byParent = shapes(plan, true);
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
