#include "explain/planwarning.h"

namespace tusk::explain {

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

QString warningKindName(WarningKind k)
{
    switch (k) {
    case WarningKind::Misestimate:
        return QStringLiteral("misestimate");
    case WarningKind::SortOnDisk:
        return QStringLiteral("sort-on-disk");
    case WarningKind::HashBatches:
        return QStringLiteral("hash-batches");
    case WarningKind::FilterRemovesMost:
        return QStringLiteral("filter-removes-most");
    case WarningKind::WorkersNotLaunched:
        return QStringLiteral("workers-not-launched");
    case WarningKind::HashAggSpill:
        return QStringLiteral("hashagg-spill");
    case WarningKind::LossyBitmap:
        return QStringLiteral("lossy-bitmap");
    case WarningKind::NestedLoopManyLoops:
        return QStringLiteral("nested-loop-many-loops");
    case WarningKind::SeqScanSelective:
        return QStringLiteral("seq-scan-selective");
    case WarningKind::StaleStatistics:
        return QStringLiteral("stale-statistics");
    case WarningKind::JitDominates:
        return QStringLiteral("jit-dominates");
    }
    return {};
}

} // namespace tusk::explain
