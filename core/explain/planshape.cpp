#include "explain/planshape.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <array>

namespace tusk::explain {

namespace {

// A node's own part of its shape, as fields in a fixed order (no string is put together, so
// 10,000 nodes cost a few hash lookups each). The structural fields are what every reading
// keeps: textNodeName()'s parts ("Parallel", "Partial", the join type, the aggregate
// strategy), the operation and how the node hangs below its parent.
constexpr int kStructuralFields = 8;
using StructuralFields = std::array<QString, kStructuralFields>;
// What DigitsMasked and PartitionParent add: subplan and index names with digits masked, and
// how the relation reads (by name: alias stem + masked name; by parent: "parent" + stem).
constexpr int kNameFields = 5;
using NameFields = std::array<QString, kNameFields>;

StructuralFields structuralFields(const PlanNode &n)
{
    StructuralFields f;
    f[0] = n.nodeType;
    f[1] = n.joinType;
    f[2] = n.strategy;
    if (n.parallelAware)
        f[3] = QStringLiteral("parallel");
    if (!n.extra.isEmpty()) {
        f[4] = n.extra.value(QStringLiteral("Partial Mode")).toString();
        f[5] = n.extra.value(QStringLiteral("Operation")).toString();
    }
    f[6] = n.parentRelationshipText;
    // "InitPlan 2 (returns $1)", "SubPlan 3", "CTE recent": the kind always counts, the rest is
    // a name (a name field).
    if (!n.subplanName.isEmpty())
        f[7] = n.subplanName.section(u' ', 0, 0);
    return f;
}

NameFields nameFields(const PlanNode &n, ShapeNames names)
{
    NameFields f;
    if (names == ShapeNames::Ignored)
        return f;
    f[0] = digitsMasked(n.subplanName);
    f[1] = digitsMasked(n.indexName);
    if (n.relationName.isEmpty())
        return f;
    bool aliased = false;
    f[3] = aliasStem(n.alias, &aliased);
    if (names == ShapeNames::PartitionParent && aliased && n.alias != n.relationName) {
        // By parent: a scan aliased parent_N reads "a partition of parent".
        f[2] = QStringLiteral("parent");
        return f;
    }
    // By name: the relation with digits masked and the alias without its "_N" — which also
    // folds UNION ALL branches over one table (o, o_1, o_2, …).
    f[2] = QStringLiteral("name");
    f[4] = digitsMasked(n.relationName);
    return f;
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
    // Most names have no digits: hand back the shared text, no copy.
    if (std::none_of(name.cbegin(), name.cend(), [](QChar c) { return c.isDigit(); }))
        return name;
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
    QStringList parts;
    for (const QString &f : structuralFields(n))
        parts << f;
    if (names != ShapeNames::Ignored) {
        for (const QString &f : nameFields(n, names))
            parts << f;
    }
    return parts.join(u'\x1f');
}

PlanShapes::PlanShapes(const Plan &plan)
{
    const int n = int(plan.nodes.size());
    // Field texts as ids (0 for the empty text, the most common one), chained pair by pair.
    QHash<QString, int> strings;
    const auto intern = [&strings](const QString &text) {
        if (text.isEmpty())
            return 0;
        auto it = strings.constFind(text);
        if (it == strings.cend())
            it = strings.insert(text, int(strings.size()) + 1);
        return it.value();
    };
    PairIds pairs;
    const auto chain = [&](int start, const auto &fields) {
        int h = start;
        for (const QString &f : fields)
            h = pairs.id(h, intern(f));
        return h;
    };
    QVector<int> own[3];
    for (auto &o : own)
        o.resize(n);
    for (const PlanNode &node : plan.nodes) {
        const int structure = chain(-1, structuralFields(node));
        own[int(ShapeNames::Ignored)][node.id] = structure;
        const int digits = chain(structure, nameFields(node, ShapeNames::DigitsMasked));
        own[int(ShapeNames::DigitsMasked)][node.id] = digits;
        // Only scans aliased parent_N read differently by parent.
        own[int(ShapeNames::PartitionParent)][node.id] =
            node.relationName.isEmpty() ? digits
                                        : chain(structure, nameFields(node, ShapeNames::PartitionParent));
    }
    for (int r = 0; r < 3; ++r)
        m_shapes[r] = subtreeShapes(plan, own[r]);
}

} // namespace tusk::explain
