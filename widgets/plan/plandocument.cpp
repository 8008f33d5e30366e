#include "plan/plandocument.h"

#include <algorithm>

namespace tusk::widgets {

PlanDocument::PlanDocument(explain::Plan p, QString text)
    : plan(std::move(p))
    , analysis(plan)
    , folding(plan)
    , originalText(std::move(text))
{
    worstSeverity.fill(-1, int(plan.nodes.size()));
    for (const explain::PlanWarning &w : analysis.warnings()) {
        if (w.nodeId >= 0 && w.nodeId < worstSeverity.size())
            worstSeverity[w.nodeId] = std::max(worstSeverity.at(w.nodeId), int(w.severity));
    }
    depth.fill(0, int(plan.nodes.size()));
    for (const explain::PlanNode &n : plan.nodes) {
        if (n.parentId >= 0)
            depth[n.id] = depth.at(n.parentId) + 1;
    }
    subtreeEnd.resize(plan.nodes.size());
    for (int id = int(plan.nodes.size()) - 1; id >= 0; --id) {
        const auto &kids = plan.nodes.at(id).children;
        subtreeEnd[id] = kids.isEmpty() ? id + 1 : subtreeEnd.at(kids.last());
    }
}

} // namespace tusk::widgets
