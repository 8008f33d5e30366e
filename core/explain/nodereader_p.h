#pragma once

#include "explain/plan.h"

#include <QJsonObject>

namespace tusk::explain {

/// Builds a Plan from one statement object of EXPLAIN (FORMAT JSON) (the object with "Plan",
/// "Planning Time", "Triggers", …). Internal to JsonPlanParser.
Plan readStatement(const QJsonObject &statement);

} // namespace tusk::explain
