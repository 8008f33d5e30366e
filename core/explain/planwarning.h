#pragma once

#include <QString>

namespace tusk::explain {

/// How much a warning matters; the order is meaningful (Critical is worst).
enum class Severity { Info, Warning, Critical };

/// What a warning is about, so views and tests need not match on text.
enum class WarningKind { Misestimate, SortOnDisk, HashBatches, FilterRemovesMost, WorkersNotLaunched };

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
/// "misestimate", "sort-on-disk", "hash-batches", "filter-removes-most", "workers-not-launched".
QString warningKindName(WarningKind k);

} // namespace tusk::explain
