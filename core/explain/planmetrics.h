#pragma once

#include "explain/plan.h"

#include <QString>
#include <QVector>

namespace tusk::explain {

class PlanAnalysis;

/// What the plan view colours its cards by.
enum class HeatMetric { ExclusiveTime, Cost, Rows, Buffers };

/// "Exclusive time", "Cost", "Rows", "Buffers".
QString heatMetricName(HeatMetric m);

/// Rows a node handed to its parent over all loops: actual rows × loops after ANALYZE,
/// else planned rows (per loop already, as PostgreSQL estimates them for one run).
double rowsOut(const PlanNode &n);

/// Shared blocks (hit + read) a node touched itself: EXPLAIN's buffer counts include the
/// children's, so theirs are subtracted (clamped at 0).
qint64 exclusiveBlocks(const Plan &plan, int nodeId);

/// Total cost minus the children's total cost (clamped at 0): the planner's view of the work
/// a node does itself.
double exclusiveCost(const Plan &plan, int nodeId);

/// The metric's value for every node, and how to scale it to 0..1 for a heat colour: times and
/// costs are linear; rows and buffers span many orders of magnitude and use a log scale.
class HeatScale
{
public:
    HeatScale(const Plan &plan, const PlanAnalysis &analysis, HeatMetric metric);
    double value(int nodeId) const { return m_values.at(nodeId); }
    /// 0 for the smallest, 1 for the largest value of the plan.
    double heat(int nodeId) const;
    double maximum() const { return m_max; }

private:
    QVector<double> m_values;
    double m_max = 0;
    bool m_log = false;
};

} // namespace tusk::explain
