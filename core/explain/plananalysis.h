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
    /// The node's own buffer counters and I/O times: EXPLAIN's (inclusive) figures minus its
    /// children's, by the same rule as exclusiveMs; each counter is clamped at 0.
    Buffers exclusiveBuffers;
    /// This node's part of all block accesses of the plan (see PlanAnalysis::blocksTouched()).
    double bufferShare = 0;
    /// This node's part of the plan's I/O read + write time (track_io_timing).
    double ioShare = 0;
};

/// Times, buffers, shares, misestimates and warnings of a plan.
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
/// - Buffers (EXPLAIN (BUFFERS)) and I/O times are totals over all loops and, below a Gather,
///   over all processes already, and include everything below the node (InitPlans, SubPlans and
///   the CTE subplans a CTE Scan pulls from): no loop or process arithmetic, and the exclusive
///   figures follow the time rule — children (InitPlans and SubPlans included) are subtracted;
///   a CTE's subplan comes off the CTE Scans that read it, split in proportion to the blocks they
///   touched. bufferShare = the node's exclusive blocks touched / the sum over all nodes;
///   ioShare likewise for I/O read + write time.
class PlanAnalysis
{
public:
    explicit PlanAnalysis(const Plan &plan);

    const QVector<NodeTiming> &timings() const { return m_timings; }
    const NodeTiming &timing(int nodeId) const { return m_timings.at(nodeId); }
    const QVector<PlanWarning> &warnings() const { return m_warnings; }
    QVector<PlanWarning> warningsFor(int nodeId) const;
    double totalMs() const { return m_totalMs; }
    /// Σ exclusive blocks touched over all nodes (= the root's count when nothing is clamped).
    double totalBlocks() const { return m_totalBlocks; }
    /// Σ exclusive I/O read + write time over all nodes, in ms.
    double totalIoMs() const { return m_totalIoMs; }

    /// Blocks a counter set touched: shared and local hit + read, temp read + written (dirtied
    /// and written shared blocks are a subset of the accesses, not extra ones).
    static double blocksTouched(const Buffers &b);

private:
    void computeTimes(const Plan &plan);
    void computeBuffers(const Plan &plan);
    void collectWarnings(const Plan &plan);

    QVector<NodeTiming> m_timings;
    QVector<PlanWarning> m_warnings;
    double m_totalMs = 0;
    double m_totalBlocks = 0;
    double m_totalIoMs = 0;
};

} // namespace tusk::explain
