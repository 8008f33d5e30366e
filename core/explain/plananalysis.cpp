#include "explain/plananalysis.h"

#include "explain/plananalysis_p.h"

#include <algorithm>

namespace tusk::explain {

namespace {

bool isGather(const PlanNode &n)
{
    return n.nodeType == QLatin1String("Gather") || n.nodeType == QLatin1String("Gather Merge");
}

// Processes that ran a node: the leader plus the launched (or, without ANALYZE, planned) workers
// of the nearest Gather above it; 1 outside parallel subtrees.
double processesFor(const Plan &plan, int nodeId)
{
    for (int p = plan.nodes.at(nodeId).parentId; p >= 0; p = plan.nodes.at(p).parentId) {
        const PlanNode &g = plan.nodes.at(p);
        if (isGather(g)) {
            const int workers = g.workersLaunched >= 0 ? g.workersLaunched : std::max(0, g.workersPlanned);
            return workers + 1.0;
        }
    }
    return 1;
}

} // namespace

CteLinks findCteLinks(const Plan &plan)
{
    CteLinks links;
    for (const PlanNode &n : plan.nodes) {
        if (n.parentRelationship == ParentRelationship::InitPlan &&
            n.subplanName.startsWith(QLatin1String("CTE ")))
            links.subplans.insert(n.subplanName.mid(4), n.id);
        else if (n.nodeType == QLatin1String("CTE Scan"))
            links.scans[n.extra.value(QStringLiteral("CTE Name")).toString()] << n.id;
    }
    for (auto it = links.subplans.cbegin(); it != links.subplans.cend(); ++it) {
        if (links.scans.contains(it.key()))
            links.absorbed.insert(it.value());
    }
    return links;
}

PlanAnalysis::PlanAnalysis(const Plan &plan)
{
    m_timings.resize(plan.nodes.size());
    if (plan.isEmpty())
        return;
    computeTimes(plan);
    computeBuffers(plan);
    collectWarnings(plan);
}

void PlanAnalysis::computeTimes(const Plan &plan)
{
    for (const PlanNode &n : plan.nodes) {
        NodeTiming &t = m_timings[n.id];
        t.inclusiveMs = n.actualTotalTimeMs * n.actualLoops / processesFor(plan, n.id);
        if (n.hasActuals && !n.neverExecuted)
            t.misestimate = std::max(n.actualRows, 1.0) / std::max(n.planRows, 1.0);
    }
    // A CTE's subplan runs while CTE Scans pull rows from it, so its time is inside theirs: it
    // comes off the scans' exclusive time, in proportion to their inclusive time, and not off
    // the parent it hangs under (which would subtract it twice).
    const CteLinks cte = findCteLinks(plan);
    const QSet<int> &absorbed = cte.absorbed;
    for (const PlanNode &n : plan.nodes) {
        double children = 0;
        for (int c : n.children) {
            if (!absorbed.contains(c))
                children += m_timings.at(c).inclusiveMs;
        }
        m_timings[n.id].exclusiveMs = std::max(0.0, m_timings.at(n.id).inclusiveMs - children);
    }
    for (auto it = cte.scans.cbegin(); it != cte.scans.cend(); ++it) {
        const int subplan = cte.subplans.value(it.key(), -1);
        if (subplan < 0)
            continue;
        double scansMs = 0;
        for (int s : it.value())
            scansMs += m_timings.at(s).inclusiveMs;
        if (scansMs <= 0)
            continue;
        const double cteMs = m_timings.at(subplan).inclusiveMs;
        for (int s : it.value()) {
            NodeTiming &t = m_timings[s];
            t.exclusiveMs = std::max(0.0, t.exclusiveMs - cteMs * t.inclusiveMs / scansMs);
        }
    }
    m_totalMs = plan.executionTimeMs.value_or(m_timings.first().inclusiveMs);
    if (m_totalMs > 0) {
        for (NodeTiming &t : m_timings)
            t.share = t.exclusiveMs / m_totalMs;
    }
}

QVector<PlanWarning> PlanAnalysis::warningsFor(int nodeId) const
{
    QVector<PlanWarning> out;
    std::copy_if(m_warnings.cbegin(), m_warnings.cend(), std::back_inserter(out),
                 [nodeId](const PlanWarning &w) { return w.nodeId == nodeId; });
    return out;
}

} // namespace tusk::explain
