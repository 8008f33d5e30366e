#pragma once

#include "explain/plan.h"
#include "explain/plananalysis.h"
#include "explain/planfolding.h"

#include <QString>
#include <QVector>

#include <memory>

namespace tusk::widgets {

/// What every part of the plan view reads: the plan, its analysis and folding, computed once
/// and shared (read-only) by the graph, the grid and the details panel.
struct PlanDocument
{
    PlanDocument(explain::Plan p, QString text);

    explain::Plan plan;
    explain::PlanAnalysis analysis; // after plan: built from it
    explain::PlanFolding folding;
    QString originalText;
    /// Worst warning severity per node as an int (explain::Severity), -1 without warnings.
    QVector<int> worstSeverity;
    /// Depth of each node below the root.
    QVector<int> depth;
    /// One past the last id of each node's subtree (pre-order: a subtree is [id, subtreeEnd)).
    QVector<int> subtreeEnd;
};

using PlanDocumentPtr = std::shared_ptr<const PlanDocument>;

} // namespace tusk::widgets
