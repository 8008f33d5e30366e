#pragma once

#include "explain/plan.h"
#include "explain/planwarning.h"

#include <QVector>

namespace tusk::explain {

/// Derived figures of one node; meaningful only when the plan was analyzed.
struct NodeTiming
{
    double inclusiveMs = 0; ///< Wall-clock time in this node and everything below it.
    double exclusiveMs = 0; ///< inclusiveMs minus the children's inclusiveMs, never below 0.
    double share = 0;       ///< exclusiveMs / the statement's time (0..1).
    /// actual rows / planned rows, both per loop and at least 1: >1 under-, <1 over-estimated.
    double misestimate = 1;
};

/// Times, shares, misestimates and warnings of a plan.
///
/// Rules (PostgreSQL prints per-loop averages):
/// - inclusive = Actual Total Time × Actual Loops. Below a Gather / Gather Merge the loops of the
///   leader and all workers are summed while the time is their average, so time × loops is the
///   time of all processes together; we divide it by (Workers Launched + 1) to get wall-clock time
///   (the leader is assumed to participate; `parallel_leader_participation = off` overstates by one).
/// - exclusive = inclusive − Σ children's inclusive, clamped at 0. InitPlans and SubPlans are
///   children like any other: their time is spent inside the parent's time, so subtracting them
///   is right — except a CTE's subplan ("CTE name" InitPlan): it runs while CTE Scans read from
///   it, so its time is inside the scans' time. It is not subtracted from the node it hangs
///   under; instead it comes off the exclusive time of the CTE Scans that read it, split in
///   proportion to their inclusive time. A CTE nobody scans (a data-modifying WITH) is treated
///   like any InitPlan.
/// - share = exclusive / Execution Time (or the root's inclusive time when that is missing).
class PlanAnalysis
{
public:
    explicit PlanAnalysis(const Plan &plan);

    const QVector<NodeTiming> &timings() const { return m_timings; }
    const NodeTiming &timing(int nodeId) const { return m_timings.at(nodeId); }
    const QVector<PlanWarning> &warnings() const { return m_warnings; }
    QVector<PlanWarning> warningsFor(int nodeId) const;
    double totalMs() const { return m_totalMs; }

private:
    void computeTimes(const Plan &plan);
    void collectWarnings(const Plan &plan);

    QVector<NodeTiming> m_timings;
    QVector<PlanWarning> m_warnings;
    double m_totalMs = 0;
};

} // namespace tusk::explain
