#include "explain/plandiffmatch_p.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace tusk::explain {

namespace {

quint64 mix(quint64 h, quint64 v)
{
    // splitmix64's finaliser over a running combination: order-sensitive, well spread.
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

quint64 hashText(const QString &s)
{
    return mix(0, quint64(qHash(s, 0x5a17)));
}

// Node types that can stand in for each other when a plan changes: a scan of a table by
// another method, a join by another algorithm, an aggregate by another strategy.
QString familyOf(const QString &type)
{
    static const QHash<QString, QString> families = {
        {QStringLiteral("Hash Join"), QStringLiteral("join")},
        {QStringLiteral("Merge Join"), QStringLiteral("join")},
        {QStringLiteral("Nested Loop"), QStringLiteral("join")},
        {QStringLiteral("Seq Scan"), QStringLiteral("scan")},
        {QStringLiteral("Index Scan"), QStringLiteral("scan")},
        {QStringLiteral("Index Only Scan"), QStringLiteral("scan")},
        {QStringLiteral("Bitmap Heap Scan"), QStringLiteral("scan")},
        {QStringLiteral("Tid Scan"), QStringLiteral("scan")},
        {QStringLiteral("Tid Range Scan"), QStringLiteral("scan")},
        {QStringLiteral("Sample Scan"), QStringLiteral("scan")},
        {QStringLiteral("BitmapAnd"), QStringLiteral("bitmap")},
        {QStringLiteral("BitmapOr"), QStringLiteral("bitmap")},
        {QStringLiteral("Aggregate"), QStringLiteral("agg")},
        {QStringLiteral("Group"), QStringLiteral("agg")},
        {QStringLiteral("Sort"), QStringLiteral("sort")},
        {QStringLiteral("Incremental Sort"), QStringLiteral("sort")},
        {QStringLiteral("Gather"), QStringLiteral("gather")},
        {QStringLiteral("Gather Merge"), QStringLiteral("gather")},
        {QStringLiteral("Append"), QStringLiteral("append")},
        {QStringLiteral("Merge Append"), QStringLiteral("append")},
    };
    return families.value(type, type);
}

// What identifies a node apart from its numbers.
QString labelOf(const PlanNode &n)
{
    const QChar sep = u'\x1f';
    return n.nodeType + sep + n.joinType + sep + n.strategy + sep + n.relationName + sep + n.alias + sep +
           n.indexName + sep + n.subplanName + sep + n.extra.value(QStringLiteral("CTE Name")).toString() +
           sep + n.extra.value(QStringLiteral("Function Name")).toString() + sep +
           n.extra.value(QStringLiteral("Partial Mode")).toString() + sep + (n.parallelAware ? u'p' : u'-');
}

// The relation a node stands for in a set of relations below a join: the table, else what
// a CTE, function or subquery scan reads.
QString relationKey(const PlanNode &n)
{
    if (!n.relationName.isEmpty())
        return n.relationName;
    const QString cte = n.extra.value(QStringLiteral("CTE Name")).toString();
    if (!cte.isEmpty())
        return QStringLiteral("cte:") + cte + u'|' + n.alias;
    const QString function = n.extra.value(QStringLiteral("Function Name")).toString();
    if (!function.isEmpty())
        return QStringLiteral("fn:") + function + u'|' + n.alias;
    if (n.nodeType.endsWith(QLatin1String(" Scan")) && !n.alias.isEmpty())
        return n.nodeType + u'|' + n.alias;
    return {};
}

/// One plan with what the passes look up per node.
struct Side
{
    explicit Side(const Plan &p)
        : plan(p)
    {
        const int n = int(p.nodes.size());
        label.resize(n);
        shape.resize(n);
        relSet.fill(0, n);
        relCount.fill(0, n);
        end.resize(n);
        depth.fill(0, n);
        match.fill(-1, n);
        for (const PlanNode &node : p.nodes) {
            label[node.id] = hashText(labelOf(node));
            if (node.parentId >= 0)
                depth[node.id] = depth.at(node.parentId) + 1;
        }
        // Children have larger ids (pre-order): one backwards sweep fills subtree figures.
        for (int id = n - 1; id >= 0; --id) {
            const PlanNode &node = p.nodes.at(id);
            quint64 h = label.at(id);
            const QString key = relationKey(node);
            if (!key.isEmpty()) {
                // A sum is order-independent: a join of (a, b) and of (b, a) have the same set.
                relSet[id] = hashText(key);
                relCount[id] = 1;
            }
            end[id] = id + 1;
            for (int c : node.children) {
                h = mix(h, shape.at(c));
                relSet[id] += relSet.at(c);
                relCount[id] += relCount.at(c);
                end[id] = std::max(end.at(id), end.at(c));
            }
            shape[id] = mix(h, quint64(node.children.size()));
        }
    }

    int size(int id) const { return end.at(id) - id; }
    int parent(int id) const { return plan.nodes.at(id).parentId; }
    bool contains(int ancestor, int id) const { return id >= ancestor && id < end.at(ancestor); }
    int lca(int a, int b) const
    {
        while (a != b) {
            if (depth.at(a) >= depth.at(b))
                a = parent(a);
            else
                b = parent(b);
        }
        return a;
    }

    const Plan &plan;
    QVector<quint64> label;
    QVector<quint64> shape;
    QVector<quint64> relSet;
    QVector<int> relCount;
    QVector<int> end; ///< One past the subtree's last id.
    QVector<int> depth;
    QVector<int> match;
};

class Matcher
{
public:
    Matcher(const Plan &before, const Plan &after)
        : m_b(before)
        , m_a(after)
    {}

    PlanMatching run()
    {
        if (m_b.plan.isEmpty() || m_a.plan.isEmpty())
            return result();
        identicalSubtrees();
        scansByKey();
        sameRelationSets();
        if (m_b.match.at(0) < 0 && m_a.match.at(0) < 0 && compatible(0, 0))
            link(0, 0);
        for (int round = 0; round < 4; ++round) {
            const int before = m_matched;
            bottomUp(m_b, m_a, false);
            bottomUp(m_a, m_b, true);
            topDown();
            if (m_matched == before)
                break;
        }
        return result();
    }

private:
    PlanMatching result() const { return PlanMatching{m_b.match, m_a.match}; }

    void link(int b, int a)
    {
        m_b.match[b] = a;
        m_a.match[a] = b;
        ++m_matched;
    }

    // Identical subtrees are contiguous id ranges of the same length in pre-order.
    void linkSubtree(int b, int a)
    {
        for (int k = 0; k < m_b.size(b); ++k) {
            if (m_b.match.at(b + k) < 0 && m_a.match.at(a + k) < 0)
                link(b + k, a + k);
        }
    }

    bool sameFamily(int b, int a) const
    {
        return familyOf(m_b.plan.nodes.at(b).nodeType) == familyOf(m_a.plan.nodes.at(a).nodeType);
    }

    // Two nodes may correspond: the same family, and the same table when both read one.
    bool compatible(int b, int a) const
    {
        const PlanNode &x = m_b.plan.nodes.at(b);
        const PlanNode &y = m_a.plan.nodes.at(a);
        if (!x.relationName.isEmpty() && !y.relationName.isEmpty() && x.relationName != y.relationName)
            return false;
        return sameFamily(b, a);
    }

    // Pass 1: subtrees that are identical apart from numbers and occur once on each side.
    void identicalSubtrees()
    {
        QHash<quint64, int> countB, countA, firstA;
        for (int id = 0; id < m_b.plan.nodes.size(); ++id)
            ++countB[m_b.shape.at(id)];
        for (int id = 0; id < m_a.plan.nodes.size(); ++id) {
            if (++countA[m_a.shape.at(id)] == 1)
                firstA.insert(m_a.shape.at(id), id);
        }
        QVector<int> order(m_b.plan.nodes.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [this](int x, int y) { return m_b.size(x) > m_b.size(y); });
        for (int b : std::as_const(order)) {
            const quint64 s = m_b.shape.at(b);
            if (m_b.match.at(b) >= 0 || countB.value(s) != 1 || countA.value(s) != 1)
                continue;
            const int a = firstA.value(s);
            if (m_a.match.at(a) < 0)
                linkSubtree(b, a);
        }
    }

    // Pass 2: a table scanned once on each side is the same scan whatever the method.
    void scansByKey()
    {
        const auto keys = [](const PlanNode &n) {
            QStringList out;
            const QString family = familyOf(n.nodeType);
            if (!n.relationName.isEmpty()) {
                out << family + u'|' + n.relationName + u'|' + n.alias;
                out << family + u'|' + n.relationName;
            } else if (n.nodeType == QLatin1String("Bitmap Index Scan")) {
                out << QString() << family + u'|' + n.indexName;
            } else {
                const QString key = relationKey(n);
                if (!key.isEmpty())
                    out << family + u'|' + key;
            }
            return out;
        };
        for (int level = 0; level < 2; ++level) {
            QHash<QString, QVector<int>> byB, byA;
            for (const PlanNode &n : m_b.plan.nodes) {
                const QStringList k = keys(n);
                if (m_b.match.at(n.id) < 0 && level < k.size() && !k.at(level).isEmpty())
                    byB[k.at(level)] << n.id;
            }
            for (const PlanNode &n : m_a.plan.nodes) {
                const QStringList k = keys(n);
                if (m_a.match.at(n.id) < 0 && level < k.size() && !k.at(level).isEmpty())
                    byA[k.at(level)] << n.id;
            }
            for (auto it = byB.cbegin(); it != byB.cend(); ++it) {
                const QVector<int> other = byA.value(it.key());
                if (it.value().size() == 1 && other.size() == 1)
                    link(it.value().first(), other.first());
            }
        }
    }

    // Pass 3: nodes over the same relations, aligned in tree order (a weighted LCS: the same
    // node counts more than the same family).
    void sameRelationSets()
    {
        QHash<quint64, QVector<int>> byB, byA;
        for (int id = 0; id < m_b.plan.nodes.size(); ++id) {
            if (m_b.match.at(id) < 0 && m_b.relCount.at(id) > 0)
                byB[m_b.relSet.at(id)] << id;
        }
        for (int id = 0; id < m_a.plan.nodes.size(); ++id) {
            if (m_a.match.at(id) < 0 && m_a.relCount.at(id) > 0)
                byA[m_a.relSet.at(id)] << id;
        }
        for (auto it = byB.cbegin(); it != byB.cend(); ++it) {
            const auto other = byA.constFind(it.key());
            if (other != byA.cend())
                align(it.value(), other.value());
        }
    }

    int weight(int b, int a) const
    {
        if (m_b.label.at(b) == m_a.label.at(a))
            return 3;
        return compatible(b, a) ? 2 : 0;
    }

    void align(const QVector<int> &bs, const QVector<int> &as)
    {
        const qsizetype n = bs.size(), m = as.size();
        if (n * m > 4096) {
            // Long lists (many scans of one table): pair in order, cheaply.
            qsizetype j = 0;
            for (int b : bs) {
                while (j < m && weight(b, as.at(j)) == 0)
                    ++j;
                if (j == m)
                    break;
                link(b, as.at(j++));
            }
            return;
        }
        QVector<int> best((n + 1) * (m + 1), 0);
        const auto at = [m](qsizetype i, qsizetype j) { return i * (m + 1) + j; };
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j) {
                const int w = weight(bs.at(i), as.at(j));
                best[at(i, j)] = std::max({best.at(at(i + 1, j)), best.at(at(i, j + 1)),
                                           w > 0 ? w + best.at(at(i + 1, j + 1)) : 0});
            }
        }
        for (qsizetype i = 0, j = 0; i < n && j < m;) {
            const int w = weight(bs.at(i), as.at(j));
            if (w > 0 && best.at(at(i, j)) == w + best.at(at(i + 1, j + 1))) {
                link(bs.at(i++), as.at(j++));
            } else if (best.at(at(i, j)) == best.at(at(i + 1, j))) {
                ++i;
            } else {
                ++j;
            }
        }
    }

    // Pass 4a: an unmatched node goes with the node of the other plan where its matched
    // descendants meet (or one of the two nodes just above), if that one is free, of the same
    // family and below the match of its nearest matched ancestor.
    void bottomUp(Side &x, Side &y, bool swapped)
    {
        QVector<int> anchor(x.plan.nodes.size(), -1);
        for (int id = int(x.plan.nodes.size()) - 1; id >= 0; --id) {
            if (x.match.at(id) >= 0) {
                anchor[id] = x.match.at(id);
                continue;
            }
            int meet = -1;
            for (int c : x.plan.nodes.at(id).children) {
                const int a = anchor.at(c);
                if (a >= 0)
                    meet = meet < 0 ? a : y.lca(meet, a);
            }
            anchor[id] = meet;
            if (meet < 0)
                continue;
            int scope = -1; // The other plan's subtree this node must stay inside.
            for (int p = x.parent(id); p >= 0; p = x.parent(p)) {
                if (x.match.at(p) >= 0) {
                    scope = x.match.at(p);
                    break;
                }
            }
            int candidate = meet;
            for (int step = 0; step < 3 && candidate >= 0; ++step, candidate = y.parent(candidate)) {
                if (scope >= 0 && (candidate == scope || !y.contains(scope, candidate)))
                    break;
                if (y.match.at(candidate) >= 0)
                    continue;
                const bool ok = swapped ? compatible(candidate, id) : compatible(id, candidate);
                if (ok) {
                    if (swapped)
                        link(candidate, id);
                    else
                        link(id, candidate);
                    anchor[id] = candidate;
                    break;
                }
            }
        }
    }

    // Pass 4b: the unmatched children of matched pairs: identical subtrees, then the same node,
    // then the same family, each in order.
    void topDown()
    {
        for (int b = 0; b < m_b.plan.nodes.size(); ++b) {
            const int a = m_b.match.at(b);
            if (a < 0)
                continue;
            QVector<int> kb, ka;
            for (int c : m_b.plan.nodes.at(b).children) {
                if (m_b.match.at(c) < 0)
                    kb << c;
            }
            for (int c : m_a.plan.nodes.at(a).children) {
                if (m_a.match.at(c) < 0)
                    ka << c;
            }
            if (kb.isEmpty() || ka.isEmpty())
                continue;
            pairChildren(
                kb, ka, [this](int c) { return m_b.shape.at(c); }, [this](int c) { return m_a.shape.at(c); },
                true);
            pairChildren(
                kb, ka, [this](int c) { return m_b.label.at(c); }, [this](int c) { return m_a.label.at(c); },
                false);
            pairChildren(
                kb, ka, [this](int c) { return hashText(familyOf(m_b.plan.nodes.at(c).nodeType)); },
                [this](int c) { return hashText(familyOf(m_a.plan.nodes.at(c).nodeType)); }, false);
        }
    }

    template<typename KeyB, typename KeyA>
    void pairChildren(const QVector<int> &kb, const QVector<int> &ka, KeyB keyB, KeyA keyA, bool subtree)
    {
        QHash<quint64, QVector<int>> queues;
        for (int c : ka) {
            if (m_a.match.at(c) < 0)
                queues[keyA(c)] << c;
        }
        QHash<quint64, int> next;
        for (int c : kb) {
            if (m_b.match.at(c) >= 0)
                continue;
            const quint64 k = keyB(c);
            const auto q = queues.constFind(k);
            if (q == queues.cend())
                continue;
            int &i = next[k];
            while (i < q->size() && (m_a.match.at(q->at(i)) >= 0 || !compatible(c, q->at(i))))
                ++i;
            if (i == q->size())
                continue;
            const int a = q->at(i++);
            if (subtree)
                linkSubtree(c, a);
            else
                link(c, a);
        }
    }

    Side m_b;
    Side m_a;
    int m_matched = 0;
};

} // namespace

PlanMatching matchPlans(const Plan &before, const Plan &after)
{
    return Matcher(before, after).run();
}

} // namespace tusk::explain
