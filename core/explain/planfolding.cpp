#include "explain/planfolding.h"

#include <QHash>
#include <QRegularExpression>

namespace tusk::explain {

namespace {

// PostgreSQL (12+) aliases the partitions it scans for `FROM events` as events_1, events_2, …
// whatever the partitions are called; the alias then names the partitioned parent.
const QRegularExpression &partitionAlias()
{
    static const QRegularExpression re(QStringLiteral("^(.+)_\\d+$"));
    return re;
}

// What identifies a node for folding, without its numbers: types, strategy, how it hangs below
// its parent and its relation with partition digits masked.
QString nodeKey(const PlanNode &n)
{
    QString relation;
    if (!n.relationName.isEmpty()) {
        const auto m = partitionAlias().match(n.alias);
        relation = m.hasMatch() && n.alias != n.relationName ? QStringLiteral("alias:") + m.captured(1)
                                                             : PlanFolding::digitsMasked(n.relationName);
    }
    return n.nodeType + u'\x1f' + n.joinType + u'\x1f' + n.strategy + u'\x1f' + n.parentRelationshipText +
           u'\x1f' + relation + u'\x1f' + PlanFolding::digitsMasked(n.indexName) + u'\x1f' +
           PlanFolding::digitsMasked(n.subplanName) + u'\x1f' +
           n.extra.value(QStringLiteral("Operation")).toString();
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
    // Shape ids bottom-up (children have higher ids in pre-order): equal ids mean equal
    // subtrees. Each key holds the node's own key and its children's shape ids, so hashing
    // stays linear in the plan's size.
    QVector<int> shape(n, -1);
    QVector<int> size(n, 1);
    QHash<QString, int> shapes;
    for (int id = n - 1; id >= 0; --id) {
        const PlanNode &node = plan.nodes.at(id);
        QString key = nodeKey(node);
        for (int c : node.children) {
            key += u'\x1e' + QString::number(shape.at(c));
            size[id] += size.at(c);
        }
        auto it = shapes.constFind(key);
        if (it == shapes.cend())
            it = shapes.insert(key, int(shapes.size()));
        shape[id] = it.value();
    }
    for (const PlanNode &parent : plan.nodes) {
        const QVector<int> &kids = parent.children;
        for (int start = 0; start < kids.size();) {
            int end = start + 1;
            while (end < kids.size() && shape.at(kids.at(end)) == shape.at(kids.at(start)))
                ++end;
            if (end - start >= minRun) {
                FoldGroup g;
                g.id = int(m_groups.size());
                g.parentId = parent.id;
                g.members = kids.mid(start, end - start);
                const PlanNode &first = plan.nodes.at(g.members.first());
                g.nodeType = first.nodeType;
                const auto m = partitionAlias().match(first.alias);
                g.relationStem =
                    m.hasMatch() && first.alias != first.relationName ? m.captured(1) : first.relationName;
                for (int member : g.members)
                    g.nodeCount += size.at(member);
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
