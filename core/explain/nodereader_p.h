#pragma once

#include "explain/plan.h"

#include <QJsonObject>
#include <QJsonValue>

namespace tusk::explain {

/// Builds a Plan from one statement object of EXPLAIN (FORMAT JSON) (the object with "Plan",
/// "Planning Time", "Triggers", …). Internal to JsonPlanParser.
Plan readStatement(const QJsonObject &statement);

/// A bare scalar of a YAML or XML plan as FORMAT JSON would have typed it: true/false, an
/// integer, a decimal, or the text itself. The regression tests' masked numbers ("N", "N.N")
/// become null and set *masked.
QJsonValue typedPlanScalar(const QString &trimmed, bool *masked);

} // namespace tusk::explain
