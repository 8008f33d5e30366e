#include "explain/planmetrics.h"

#include "explain/plananalysis.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace tusk::explain {

QString heatMetricName(HeatMetric m)
{
    switch (m) {
    case HeatMetric::ExclusiveTime:
        return QCoreApplication::translate("tusk::explain", "Exclusive time");
    case HeatMetric::Cost:
        return QCoreApplication::translate("tusk::explain", "Cost");
    case HeatMetric::Rows:
        return QCoreApplication::translate("tusk::explain", "Rows");
    case HeatMetric::Buffers:
        return QCoreApplication::translate("tusk::explain", "Buffers");
    }
    return {};
}

double rowsOut(const PlanNode &n)
{
    return n.hasActuals ? n.actualRows * n.actualLoops : n.planRows;
}

qint64 exclusiveBlocks(const Plan &plan, int nodeId)
{
    const PlanNode &n = plan.nodes.at(nodeId);
    qint64 blocks = n.buffers.sharedHit + n.buffers.sharedRead;
    for (int c : n.children)
        blocks -= plan.nodes.at(c).buffers.sharedHit + plan.nodes.at(c).buffers.sharedRead;
    return std::max<qint64>(0, blocks);
}

double exclusiveCost(const Plan &plan, int nodeId)
{
    const PlanNode &n = plan.nodes.at(nodeId);
    double cost = n.totalCost;
    for (int c : n.children)
        cost -= plan.nodes.at(c).totalCost;
    return std::max(0.0, cost);
}

HeatScale::HeatScale(const Plan &plan, const PlanAnalysis &analysis, HeatMetric metric)
    : m_log(metric == HeatMetric::Rows || metric == HeatMetric::Buffers)
{
    m_values.resize(plan.nodes.size());
    for (const PlanNode &n : plan.nodes) {
        double v = 0;
        switch (metric) {
        case HeatMetric::ExclusiveTime:
            v = analysis.timings().value(n.id).exclusiveMs;
            break;
        case HeatMetric::Cost:
            v = exclusiveCost(plan, n.id);
            break;
        case HeatMetric::Rows:
            v = rowsOut(n);
            break;
        case HeatMetric::Buffers:
            v = double(exclusiveBlocks(plan, n.id));
            break;
        }
        m_values[n.id] = v;
        m_max = std::max(m_max, v);
    }
}

double HeatScale::heat(int nodeId) const
{
    const double v = m_values.at(nodeId);
    if (m_max <= 0 || v <= 0)
        return 0;
    return m_log ? std::log1p(v) / std::log1p(m_max) : v / m_max;
}

} // namespace tusk::explain
