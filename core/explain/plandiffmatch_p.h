#pragma once

#include "explain/plan.h"

#include <QVector>

namespace tusk::explain {

/// Which node of one plan corresponds to which of the other (see PlanDiff for the passes).
/// Internal to the diff.
struct PlanMatching
{
    QVector<int> afterOf;  ///< By before node id: the matched after node, or -1.
    QVector<int> beforeOf; ///< By after node id: the matched before node, or -1.
};

PlanMatching matchPlans(const Plan &before, const Plan &after);

} // namespace tusk::explain
