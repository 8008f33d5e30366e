#include "explain/planshape.h"

#include <QHash>

namespace tusk::explain {

namespace {

// Node types, strategies and how the node hangs below its parent: what every reading keeps
// (textNodeName()'s parts: "Parallel", "Partial", the join type, the aggregate strategy).
QString structuralKey(const PlanNode &n, ShapeNames names)
{
    // "InitPlan 2 (returns $1)", "SubPlan 3", "CTE recent": the kind always counts; the rest is
    // a name, kept (digits masked) unless names are ignored.
    const QString subplan =
        names == ShapeNames::Ignored ? n.subplanName.section(u' ', 0, 0) : digitsMasked(n.subplanName);
    return n.nodeType + u'\x1f' + n.joinType + u'\x1f' + n.strategy + u'\x1f' +
           (n.parallelAware ? QStringLiteral("parallel") : QString()) + u'\x1f' +
           n.extra.value(QStringLiteral("Partial Mode")).toString() + u'\x1f' + n.parentRelationshipText +
           u'\x1f' + subplan + u'\x1f' + n.extra.value(QStringLiteral("Operation")).toString() + u'\x1f';
}

// What DigitsMasked and PartitionParent add to the structural key.
QString namesKey(const PlanNode &n, ShapeNames names)
{
    if (names == ShapeNames::Ignored)
        return {};
    QString key = digitsMasked(n.subplanName) + u'\x1f' + digitsMasked(n.indexName) + u'\x1f';
    if (n.relationName.isEmpty())
        return key;
    bool aliased = false;
    const QString stem = aliasStem(n.alias, &aliased);
    // By parent: a scan aliased parent_N reads "a partition of parent".
    if (names == ShapeNames::PartitionParent && aliased && n.alias != n.relationName)
        return key + QStringLiteral("parent:") + stem;
    // By name: the relation with digits masked and the alias without its "_N" — which also
    // folds UNION ALL branches over one table (o, o_1, o_2, …).
    return key + stem + u'|' + digitsMasked(n.relationName);
}

// Hash-consing of pairs of ids: equal pairs get equal ids, different pairs different ones, so
// a sequence of ids folded pair by pair gets an id of its own without allocating a key.
class PairIds
{
public:
    int id(int a, int b)
    {
        const quint64 key = (quint64(quint32(a)) << 32) | quint32(b);
        auto it = m_ids.constFind(key);
        if (it == m_ids.cend())
            it = m_ids.insert(key, int(m_ids.size()));
        return it.value();
    }

private:
    QHash<quint64, int> m_ids;
};

// Shape ids bottom-up (children have higher ids in pre-order): equal ids mean equal subtrees.
// A shape is the node's own key followed by its children's shapes (-1 ends the list, so a
// leaf and a node with children never meet): linear in the plan.
QVector<int> subtreeShapes(const Plan &plan, const QVector<int> &own)
{
    const int n = int(plan.nodes.size());
    QVector<int> shape(n, -1);
    PairIds pairs;
    for (int id = n - 1; id >= 0; --id) {
        int h = pairs.id(own.at(id), -1);
        for (int c : plan.nodes.at(id).children)
            h = pairs.id(h, shape.at(c));
        shape[id] = h;
    }
    return shape;
}

} // namespace

QString digitsMasked(const QString &name)
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

QString aliasStem(const QString &alias, bool *matched)
{
    // "name_123": at least one character, an underscore, digits to the end.
    int i = int(alias.size());
    while (i > 0 && alias.at(i - 1).isDigit())
        --i;
    const bool m = i < alias.size() && i >= 2 && alias.at(i - 1) == u'_';
    if (matched)
        *matched = m;
    return m ? alias.left(i - 1) : alias;
}

QString PlanShapes::ownKey(const PlanNode &n, ShapeNames names)
{
    return structuralKey(n, ShapeNames::Ignored) + namesKey(n, names);
}

PlanShapes::PlanShapes(const Plan &plan)
{
    const int n = int(plan.nodes.size());
    QHash<QString, int> strings;
    const auto intern = [&strings](const QString &key) {
        auto it = strings.constFind(key);
        if (it == strings.cend())
            it = strings.insert(key, int(strings.size()));
        return it.value();
    };
    // Each reading's own key is the structural key's id paired with its names' id.
    PairIds pairs;
    QVector<int> own[3];
    for (auto &o : own)
        o.resize(n);
    for (const PlanNode &node : plan.nodes) {
        const int structure = intern(structuralKey(node, ShapeNames::Ignored));
        own[int(ShapeNames::Ignored)][node.id] = structure;
        const int digits = pairs.id(structure, intern(namesKey(node, ShapeNames::DigitsMasked)));
        own[int(ShapeNames::DigitsMasked)][node.id] = digits;
        // Only scans aliased parent_N read differently by parent.
        own[int(ShapeNames::PartitionParent)][node.id] =
            node.relationName.isEmpty()
                ? digits
                : pairs.id(structure, intern(namesKey(node, ShapeNames::PartitionParent)));
    }
    for (int r = 0; r < 3; ++r)
        m_shapes[r] = subtreeShapes(plan, own[r]);
}

} // namespace tusk::explain
