#pragma once

#include <QString>

namespace tusk::explain {

/// How much a warning matters; the order is meaningful (Critical is worst).
enum class Severity { Info, Warning, Critical };

/// What a warning is about, so views and tests need not match on text.
enum class WarningKind {
    Misestimate,
    SortOnDisk,
    HashBatches,
    FilterRemovesMost,
    WorkersNotLaunched,
    HashAggSpill,        ///< HashAggregate wrote batches to disk (13+).
    LossyBitmap,         ///< Bitmap Heap Scan fell back to lossy pages.
    NestedLoopManyLoops, ///< The inner side of a Nested Loop ran many times and took much time.
    SeqScanSelective,    ///< A big Seq Scan kept a small fraction of what it read: an index candidate.
    StaleStatistics,     ///< A plain scan misestimated the table's rows: statistics are old.
    JitDominates,        ///< JIT compilation took a large part of the execution time.
};

/// A finding about one node (or the whole plan when nodeId is -1) with advice on what to try.
struct PlanWarning
{
    WarningKind kind = WarningKind::Misestimate;
    Severity severity = Severity::Info;
    int nodeId = -1;
    QString message;    ///< What was seen, with the numbers.
    QString suggestion; ///< What to try.
};

/// "info", "warning", "critical".
QString severityName(Severity s);
/// "misestimate", "sort-on-disk", "hash-batches", "filter-removes-most", "workers-not-launched",
/// "hashagg-spill", "lossy-bitmap", "nested-loop-many-loops", "seq-scan-selective",
/// "stale-statistics", "jit-dominates".
QString warningKindName(WarningKind k);

} // namespace tusk::explain
