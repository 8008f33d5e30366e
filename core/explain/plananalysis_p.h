#pragma once

#include "explain/plan.h"

#include <QHash>
#include <QSet>
#include <QVector>

namespace tusk::explain {

/// Which CTE subplans are read by CTE Scans: their figures are inside the scans', not inside
/// the node they hang under (see PlanAnalysis). Internal to the analysis.
struct CteLinks
{
    QHash<QString, int> subplans;       ///< CTE name → node id of its "CTE name" InitPlan.
    QHash<QString, QVector<int>> scans; ///< CTE name → the CTE Scans that read it.
    QSet<int> absorbed;                 ///< Subplans that some CTE Scan reads.
};

CteLinks findCteLinks(const Plan &plan);

} // namespace tusk::explain
