#pragma once

#include "explain/plan.h"

#include <QString>
#include <QVector>

namespace tusk::explain {

/// Nodes (ids in plan order) whose node type, relation, alias, index, CTE or subplan name
/// contains `text`, ignoring case. Empty text finds nothing.
QVector<int> findNodes(const Plan &plan, const QString &text);

} // namespace tusk::explain
