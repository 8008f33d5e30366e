#include "explain/plandiff.h"
#include "explain/plandifftext.h"

#include "explain/plandiffmatch_p.h"
#include "explain/planmetrics.h"

#include <algorithm>
#include <cmath>

namespace tusk::explain {

namespace {

// Changes below this score are noise unless the plan's shape changed there.
constexpr double kRankThreshold = 0.005;
// Weight of a change in blocks touched relative to the same share of time: time is what the
// user waits for, blocks say why (and matter on a cold cache), so they rank second.
constexpr double kBufferWeight = 0.1;

NodeFigures figuresOf(const Plan &plan, const PlanAnalysis &analysis, int id)
{
    const PlanNode &n = plan.nodes.at(id);
    const NodeTiming &t = analysis.timing(id);
    NodeFigures f;
    f.exclusiveMs = t.exclusiveMs;
    f.inclusiveMs = t.inclusiveMs;
    f.actualRows = n.actualRows;
    f.rowsOut = rowsOut(n);
    f.planRows = n.planRows;
    f.loops = n.actualLoops;
    f.totalCost = n.totalCost;
    f.exclusiveCost = exclusiveCost(plan, id);
    f.misestimate = t.misestimate;
    f.exclusiveBuffers = t.exclusiveBuffers;
    f.blocks = PlanAnalysis::blocksTouched(t.exclusiveBuffers);
    return f;
}

bool isJoin(const PlanNode &n)
{
    return n.nodeType.endsWith(QLatin1String(" Join")) || n.nodeType == QLatin1String("Nested Loop");
}

// Per node, an order-independent hash of the tables scanned below it: a join of other tables
// (after a change of join order) is a changed node even when its type stayed.
QVector<quint64> relationSets(const Plan &plan)
{
    QVector<quint64> sets(plan.nodes.size(), 0);
    for (qsizetype id = plan.nodes.size() - 1; id >= 0; --id) {
        const PlanNode &n = plan.nodes.at(id);
        quint64 h = n.relationName.isEmpty() ? 0 : quint64(qHash(n.relationName, 0x7e1a)) | 1;
        for (int c : n.children)
            h += sets.at(c);
        sets[id] = h;
    }
    return sets;
}

int flagsOf(const PlanNode &b, const PlanNode &a, bool sameRelations)
{
    int flags = 0;
    if (isJoin(b) && isJoin(a) && !sameRelations)
        flags |= NodeChange::RelationChanged;
    const QString partial = QStringLiteral("Partial Mode");
    if (b.nodeType != a.nodeType || b.parallelAware != a.parallelAware ||
        b.extra.value(partial).toString() != a.extra.value(partial).toString())
        flags |= NodeChange::TypeChanged;
    if (b.relationName != a.relationName)
        flags |= NodeChange::RelationChanged;
    if (b.joinType != a.joinType)
        flags |= NodeChange::JoinTypeChanged;
    if (b.indexName != a.indexName)
        flags |= NodeChange::IndexChanged;
    if (b.strategy != a.strategy)
        flags |= NodeChange::StrategyChanged;
    return flags;
}

double jitTotalMs(const Plan &plan)
{
    return plan.jit.value(QStringLiteral("Timing")).toMap().value(QStringLiteral("Total")).toDouble();
}

Buffers sumBuffers(const PlanAnalysis &analysis)
{
    Buffers s;
    for (const NodeTiming &t : analysis.timings()) {
        const Buffers &b = t.exclusiveBuffers;
        s.sharedHit += b.sharedHit;
        s.sharedRead += b.sharedRead;
        s.sharedDirtied += b.sharedDirtied;
        s.sharedWritten += b.sharedWritten;
        s.localHit += b.localHit;
        s.localRead += b.localRead;
        s.localDirtied += b.localDirtied;
        s.localWritten += b.localWritten;
        s.tempRead += b.tempRead;
        s.tempWritten += b.tempWritten;
        s.ioReadTimeMs += b.ioReadTimeMs;
        s.ioWriteTimeMs += b.ioWriteTimeMs;
    }
    return s;
}

double rootCost(const Plan &plan)
{
    return plan.isEmpty() ? 0 : plan.root().totalCost;
}

} // namespace

bool comparesTimes(const Plan &before, const Plan &after)
{
    const bool b = !before.isEmpty() && before.root().hasActuals;
    const bool a = !after.isEmpty() && after.root().hasActuals;
    return (b || a) && (b || before.isEmpty()) && (a || after.isEmpty());
}

PlanDiff PlanDiff::compare(const Plan &before, const Plan &after)
{
    return compare(before, PlanAnalysis(before), after, PlanAnalysis(after));
}

PlanDiff PlanDiff::compare(const Plan &before, const PlanAnalysis &beforeAnalysis, const Plan &after,
                           const PlanAnalysis &afterAnalysis)
{
    PlanDiff d;
    const PlanMatching m = matchPlans(before, after);
    d.m_afterOf = m.afterOf;
    d.m_beforeOf = m.beforeOf;
    d.m_changeOfBefore.fill(-1, before.nodes.size());
    d.m_changeOfAfter.fill(-1, after.nodes.size());
    const QVector<quint64> beforeSets = relationSets(before);
    const QVector<quint64> afterSets = relationSets(after);

    StatementDelta &s = d.m_statement;
    s.planningMs[0] = before.planningTimeMs;
    s.planningMs[1] = after.planningTimeMs;
    s.executionMs[0] = before.executionTimeMs;
    s.executionMs[1] = after.executionTimeMs;
    s.totalMs[0] = beforeAnalysis.totalMs();
    s.totalMs[1] = afterAnalysis.totalMs();
    s.buffers[0] = sumBuffers(beforeAnalysis);
    s.buffers[1] = sumBuffers(afterAnalysis);
    s.blocks[0] = beforeAnalysis.totalBlocks();
    s.blocks[1] = afterAnalysis.totalBlocks();
    s.jitMs[0] = jitTotalMs(before);
    s.jitMs[1] = jitTotalMs(after);
    s.nodes[0] = int(before.nodes.size());
    s.nodes[1] = int(after.nodes.size());

    for (const PlanNode &n : before.nodes) {
        NodeChange c;
        c.before = n.id;
        c.after = m.afterOf.at(n.id);
        c.was = figuresOf(before, beforeAnalysis, n.id);
        if (c.after >= 0) {
            c.now = figuresOf(after, afterAnalysis, c.after);
            c.flags = flagsOf(n, after.nodes.at(c.after), beforeSets.at(n.id) == afterSets.at(c.after));
            d.m_changeOfAfter[c.after] = int(d.m_changes.size());
            ++s.matched;
        } else {
            c.kind = NodeChange::Kind::Removed;
            ++s.removed;
        }
        d.m_changeOfBefore[n.id] = int(d.m_changes.size());
        d.m_changes << c;
    }
    for (const PlanNode &n : after.nodes) {
        if (m.beforeOf.at(n.id) >= 0)
            continue;
        NodeChange c;
        c.kind = NodeChange::Kind::Added;
        c.after = n.id;
        c.now = figuresOf(after, afterAnalysis, n.id);
        d.m_changeOfAfter[n.id] = int(d.m_changes.size());
        d.m_changes << c;
        ++s.added;
    }

    // Time is what the user waits for: it dominates. Plans without ANALYZE have only costs.
    const bool analyzed = comparesTimes(before, after);
    const double timeScale =
        analyzed ? std::max(s.totalMs[0], s.totalMs[1]) : std::max(rootCost(before), rootCost(after));
    const double blockScale = std::max(s.blocks[0], s.blocks[1]);
    for (NodeChange &c : d.m_changes) {
        const double dt = analyzed ? c.deltaExclusiveMs() : c.now.exclusiveCost - c.was.exclusiveCost;
        double score = timeScale > 0 ? std::abs(dt) / timeScale : 0;
        if (blockScale > 0)
            score += kBufferWeight * std::abs(c.deltaBlocks()) / blockScale;
        if (c.kind == NodeChange::Kind::Matched) {
            // Rows and the misestimate only break ties: tenfold adds 0.1% each (at most 0.3%,
            // below the ranking's threshold), so they order equal times but never make a line.
            const auto tenfold = [](double a, double b) {
                return std::min(std::abs(std::log10(std::max(a, 1e-9)) - std::log10(std::max(b, 1e-9))), 3.0);
            };
            score += 0.0005 * tenfold(c.was.rowsOut + 1, c.now.rowsOut + 1);
            if (analyzed)
                score += 0.0005 * tenfold(c.was.misestimate, c.now.misestimate);
        }
        const bool structural =
            c.kind != NodeChange::Kind::Matched ||
            (c.flags & (NodeChange::TypeChanged | NodeChange::IndexChanged | NodeChange::JoinTypeChanged |
                        NodeChange::RelationChanged | NodeChange::StrategyChanged));
        if (structural)
            score += kStructuralBonus;
        c.score = score;
        c.nodeScore = score;
        if (structural || score >= kRankThreshold)
            d.m_ranked << int(&c - d.m_changes.data());
    }
    d.collapseRuns(before, after);
    std::stable_sort(d.m_ranked.begin(), d.m_ranked.end(),
                     [&d](int x, int y) { return d.m_changes.at(x).score > d.m_changes.at(y).score; });
    for (int i : std::as_const(d.m_ranked)) {
        NodeChange &c = d.m_changes[i];
        c.sentence = c.run.size() > 1 ? d.describeRun(c, before, after) : describeChange(c, before, after);
    }
    return d;
}

QStringList PlanDiff::statementSummary() const
{
    const StatementDelta &s = m_statement;
    QStringList out;
    const auto timeLine = [&out](const QString &what, const std::optional<double>(&ms)[2]) {
        if (!ms[0] && !ms[1])
            return;
        const QString was = ms[0] ? difftext::duration(*ms[0]) : QStringLiteral("–");
        const QString now = ms[1] ? difftext::duration(*ms[1]) : QStringLiteral("–");
        QString line = QStringLiteral("%1 %2 → %3").arg(what, was, now);
        if (ms[0] && ms[1])
            line += QStringLiteral(" (%1)").arg(difftext::percentChange(*ms[0], *ms[1]));
        out << line;
    };
    timeLine(QStringLiteral("Execution"), s.executionMs);
    timeLine(QStringLiteral("Planning"), s.planningMs);
    if (s.blocks[0] > 0 || s.blocks[1] > 0) {
        out << QStringLiteral("Shared hit %1 → %2, read %3 → %4")
                   .arg(difftext::number(double(s.buffers[0].sharedHit)),
                        difftext::number(double(s.buffers[1].sharedHit)),
                        difftext::number(double(s.buffers[0].sharedRead)),
                        difftext::number(double(s.buffers[1].sharedRead)));
        const double temp0 = double(s.buffers[0].tempRead + s.buffers[0].tempWritten);
        const double temp1 = double(s.buffers[1].tempRead + s.buffers[1].tempWritten);
        if (temp0 > 0 || temp1 > 0)
            out << QStringLiteral("temp %1 → %2 blocks")
                       .arg(difftext::number(temp0), difftext::number(temp1));
    }
    if (s.jitMs[0] > 0 || s.jitMs[1] > 0)
        out << QStringLiteral("JIT %1 → %2")
                   .arg(difftext::duration(s.jitMs[0]), difftext::duration(s.jitMs[1]));
    out << QStringLiteral("%1 → %2 nodes: %3 matched, %4 removed, %5 added")
               .arg(s.nodes[0])
               .arg(s.nodes[1])
               .arg(s.matched)
               .arg(s.removed)
               .arg(s.added);
    return out;
}

} // namespace tusk::explain
