#include "explain/plananalysis.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace tusk::explain {

namespace {

// Filters that throw away most of what a node reads matter only when the node reads a lot.
constexpr double kBigNodeRows = 10000;

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

QString factorText(double f)
{
    return f >= 1 ? QStringLiteral("%1× more rows than estimated").arg(f, 0, 'f', 0)
                  : QStringLiteral("%1× fewer rows than estimated").arg(1 / f, 0, 'f', 0);
}

} // namespace

PlanAnalysis::PlanAnalysis(const Plan &plan)
{
    m_timings.resize(plan.nodes.size());
    if (plan.isEmpty())
        return;
    computeTimes(plan);
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
    QHash<QString, int> cteSubplans; // CTE name -> node id of its subplan
    QHash<QString, QVector<int>> cteScans;
    for (const PlanNode &n : plan.nodes) {
        if (n.parentRelationship == ParentRelationship::InitPlan &&
            n.subplanName.startsWith(QLatin1String("CTE ")))
            cteSubplans.insert(n.subplanName.mid(4), n.id);
        else if (n.nodeType == QLatin1String("CTE Scan"))
            cteScans[n.extra.value(QStringLiteral("CTE Name")).toString()] << n.id;
    }
    QSet<int> absorbed;
    for (auto it = cteSubplans.cbegin(); it != cteSubplans.cend(); ++it) {
        if (cteScans.contains(it.key()))
            absorbed.insert(it.value());
    }
    for (const PlanNode &n : plan.nodes) {
        double children = 0;
        for (int c : n.children) {
            if (!absorbed.contains(c))
                children += m_timings.at(c).inclusiveMs;
        }
        m_timings[n.id].exclusiveMs = std::max(0.0, m_timings.at(n.id).inclusiveMs - children);
    }
    for (auto it = cteScans.cbegin(); it != cteScans.cend(); ++it) {
        const int subplan = cteSubplans.value(it.key(), -1);
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

void PlanAnalysis::collectWarnings(const Plan &plan)
{
    for (const PlanNode &n : plan.nodes) {
        if (n.workersPlanned > 0 && n.workersLaunched >= 0 && n.workersLaunched < n.workersPlanned) {
            m_warnings << PlanWarning{
                WarningKind::WorkersNotLaunched, Severity::Warning, n.id,
                QStringLiteral("%1 of %2 planned workers were launched")
                    .arg(n.workersLaunched)
                    .arg(n.workersPlanned),
                QStringLiteral("Other queries used the worker pool: check max_parallel_workers and "
                               "max_worker_processes against the load.")};
        }
        if (!n.hasActuals || n.neverExecuted)
            continue;
        const double f = m_timings.at(n.id).misestimate;
        const double off = std::max(f, 1 / f);
        if (off >= 10) {
            const Severity s = off >= 1000  ? Severity::Critical
                               : off >= 100 ? Severity::Warning
                                            : Severity::Info;
            m_warnings << PlanWarning{
                WarningKind::Misestimate, s, n.id,
                QStringLiteral("%1 (estimated %2, got %3 per loop)")
                    .arg(factorText(f))
                    .arg(n.planRows)
                    .arg(n.actualRows),
                QStringLiteral("ANALYZE the tables involved; for correlated columns try CREATE STATISTICS; "
                               "raise the column's statistics target if values are skewed.")};
        }
        if (n.sortSpaceType == QLatin1String("Disk")) {
            m_warnings << PlanWarning{
                WarningKind::SortOnDisk, Severity::Warning, n.id,
                QStringLiteral("Sort spilled to disk (%1 kB, %2)").arg(n.sortSpaceUsedKb).arg(n.sortMethod),
                QStringLiteral(
                    "Raise work_mem for this query (SET LOCAL work_mem), or sort fewer or narrower "
                    "rows; an index on the sort key can avoid the sort.")};
        }
        if (n.hashBatches > 1) {
            m_warnings << PlanWarning{
                WarningKind::HashBatches, Severity::Warning, n.id,
                QStringLiteral("Hash used %1 batches (planned %2): it spilled to disk")
                    .arg(n.hashBatches)
                    .arg(n.originalHashBatches),
                QStringLiteral(
                    "Raise work_mem (or hash_mem_multiplier, 13+) so the hash table fits in memory.")};
        }
        const double removed = n.rowsRemovedByFilter;
        const double read = removed + n.actualRows;
        if (removed > 0 && removed / read > 0.9 && removed * n.actualLoops >= kBigNodeRows) {
            m_warnings << PlanWarning{
                WarningKind::FilterRemovesMost, Severity::Warning, n.id,
                QStringLiteral("Filter removed %1% of the rows read (%2 of %3 per loop)")
                    .arg(100 * removed / read, 0, 'f', 1)
                    .arg(removed)
                    .arg(read),
                QStringLiteral("An index on the filtered columns (or a partial index matching the filter) "
                               "lets PostgreSQL read only the rows it keeps.")};
        }
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
