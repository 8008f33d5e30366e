#include "explain/plandiff.h"
#include "explain/plandifftext_p.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace tusk::explain {

namespace {

// Siblings changed alike from this many on are one line of the ranking.
constexpr int kRunLength = 3;

// Figures of several nodes together.
void add(NodeFigures *sum, const NodeFigures &f)
{
    sum->exclusiveMs += f.exclusiveMs;
    sum->inclusiveMs += f.inclusiveMs;
    sum->rowsOut += f.rowsOut;
    sum->loops += f.loops;
    sum->exclusiveCost += f.exclusiveCost;
    sum->actualRows += f.actualRows;
    sum->planRows += f.planRows;
    sum->totalCost += f.totalCost;
    sum->blocks += f.blocks;
    Buffers &b = sum->exclusiveBuffers;
    b.sharedHit += f.exclusiveBuffers.sharedHit;
    b.sharedRead += f.exclusiveBuffers.sharedRead;
    b.tempRead += f.exclusiveBuffers.tempRead;
    b.tempWritten += f.exclusiveBuffers.tempWritten;
}

QString stem(const QString &relation)
{
    static const QRegularExpression digits(QStringLiteral("[0-9]+"));
    return QString(relation).remove(digits);
}

} // namespace

void PlanDiff::collapseRuns(const Plan &before, const Plan &after)
{
    // Nodes that changed alike are one line: partitions pruned (removed), a union's branches
    // added (same parent, same node type, table names equal but for digits; what hangs below a
    // member and went or came with it joins the line), every partition's Seq Scan turned into an
    // Index Scan (matched: same depth, same change of type, table names equal but for digits).
    constexpr int structural = NodeChange::TypeChanged | NodeChange::JoinTypeChanged |
                               NodeChange::IndexChanged | NodeChange::StrategyChanged;
    QVector<int> depth(before.nodes.size(), 0);
    for (const PlanNode &n : before.nodes)
        depth[n.id] = n.parentId >= 0 ? depth.at(n.parentId) + 1 : 0;
    QHash<QString, QVector<int>> runs;
    for (int i : std::as_const(m_ranked)) {
        const NodeChange &c = m_changes.at(i);
        QString key;
        if (c.kind == NodeChange::Kind::Matched) {
            if (!(c.flags & structural))
                continue;
            const PlanNode &b = before.nodes.at(c.before);
            const PlanNode &a = after.nodes.at(c.after);
            // Not by parent: each partition's scan may hang below its own join. Same depth,
            // same change of type over the same table stem is the same story.
            key = QStringLiteral("m|%1|%2|%3|%4|%5")
                      .arg(depth.at(c.before))
                      .arg(textNodeName(b), textNodeName(a), stem(b.relationName))
                      .arg(c.flags);
        } else {
            const bool removed = c.kind == NodeChange::Kind::Removed;
            const PlanNode &n = removed ? before.nodes.at(c.before) : after.nodes.at(c.after);
            if (n.relationName.isEmpty() && n.children.isEmpty())
                continue;
            key = QStringLiteral("%1|%2|%3|%4")
                      .arg(removed ? u'r' : u'a')
                      .arg(n.parentId)
                      .arg(n.nodeType, stem(n.relationName));
        }
        runs[key] << i;
    }
    QSet<int> absorbed;
    for (auto it = runs.cbegin(); it != runs.cend(); ++it) {
        const QVector<int> &members = it.value();
        if (members.size() < kRunLength)
            continue;
        NodeChange &head = m_changes[members.first()];
        QVector<int> run;
        if (head.kind == NodeChange::Kind::Matched) {
            run = members;
        } else {
            const bool removed = head.kind == NodeChange::Kind::Removed;
            const Plan &plan = removed ? before : after;
            for (int m : members) {
                // A member's subtree is one id range in pre-order.
                const int id = removed ? m_changes.at(m).before : m_changes.at(m).after;
                int last = id;
                while (!plan.nodes.at(last).children.isEmpty())
                    last = plan.nodes.at(last).children.last();
                for (int node = id; node <= last; ++node) {
                    const int change = removed ? m_changeOfBefore.at(node) : m_changeOfAfter.at(node);
                    if (change >= 0 && m_changes.at(change).kind == head.kind)
                        run << change;
                }
            }
        }
        // Every member is a structural change; the bonus for it counts once for the line.
        double score = kStructuralBonus * double(1 - run.size());
        for (int r : std::as_const(run)) {
            score += m_changes.at(r).nodeScore;
            if (r != members.first())
                absorbed << r;
        }
        head.run = run;
        head.score = score;
    }
    if (!absorbed.isEmpty())
        m_ranked.removeIf([&absorbed](int i) { return absorbed.contains(i); });
}

NodeChange PlanDiff::combined(int changeIndex) const
{
    NodeChange c = m_changes.at(changeIndex);
    if (c.run.isEmpty())
        return c;
    c.was = NodeFigures();
    c.now = NodeFigures();
    for (int r : std::as_const(c.run)) {
        add(&c.was, m_changes.at(r).was);
        add(&c.now, m_changes.at(r).now);
    }
    // Per-loop figures and the estimate do not add up over different nodes.
    c.was.actualRows = c.now.actualRows = 0;
    c.was.planRows = c.now.planRows = 0;
    c.was.totalCost = c.now.totalCost = 0;
    return c;
}

QString PlanDiff::describeRun(const NodeChange &head, const Plan &before, const Plan &after) const
{
    const bool removed = head.kind == NodeChange::Kind::Removed;
    const bool matched = head.kind == NodeChange::Kind::Matched;
    const Plan &plan = removed || matched ? before : after;
    const int headNode = removed || matched ? head.before : head.after;
    const PlanNode &first = plan.nodes.at(headNode);
    NodeChange sum;
    sum.kind = head.kind;
    QStringList names;
    int members = 0;
    double memberRows = 0; // rows of what hangs below the members would count rows twice
    for (int r : head.run) {
        const NodeChange &c = m_changes.at(r);
        add(&sum.was, c.was);
        add(&sum.now, c.now);
        const PlanNode &n = plan.nodes.at(removed || matched ? c.before : c.after);
        if ((matched || n.parentId == first.parentId) && n.nodeType == first.nodeType) {
            ++members;
            memberRows += (removed ? c.was : c.now).rowsOut;
            if (!n.relationName.isEmpty())
                names << n.relationName;
        }
    }
    QString span = names.isEmpty() ? QString() : names.first();
    if (names.size() > 1 && names.last() != names.first())
        span += QStringLiteral(" … ") + names.last();
    const bool analyzed = comparesTimes(before, after);
    const QString count = difftext::number(members);
    if (matched) {
        const QString was = textNodeName(first);
        const QString now = textNodeName(after.nodes.at(head.after));
        // "400 × Seq Scan on orders_p0 … orders_p399 became Index Scan: 812 ms → 3.1 ms, …"
        const QString on = span.isEmpty() ? QString() : QStringLiteral(" on ") + span;
        const QString what = was == now ? QStringLiteral(" changed") : QStringLiteral(" became ") + now;
        return QStringLiteral("%1 × %2%3%4: %5").arg(count, was, on, what, figures(sum, analyzed));
    }
    const NodeFigures &f = removed ? sum.was : sum.now;
    QStringList parts;
    if (analyzed)
        parts << difftext::duration(f.exclusiveMs);
    parts << QStringLiteral("rows %1").arg(difftext::number(memberRows));
    if (f.blocks > 0)
        parts << difftext::number(f.blocks) + QStringLiteral(" blocks");
    if (head.run.size() > members)
        parts << QStringLiteral("%1 nodes").arg(head.run.size());
    const QString what = textNodeName(first);
    const QString verb = removed ? QStringLiteral("removed") : QStringLiteral("added");
    const QString numbers = (removed ? QStringLiteral("was ") : QString()) + parts.join(QStringLiteral(", "));
    if (span.isEmpty())
        return QStringLiteral("%1 × %2 %3 (%4)").arg(count, what, verb, numbers);
    return QStringLiteral("%1 × %2 %3: %4 (%5)").arg(count, what, verb, span, numbers);
}

} // namespace tusk::explain
