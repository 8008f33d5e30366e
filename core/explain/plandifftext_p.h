#pragma once

#include "explain/plandiff.h"
#include "explain/plandifftext.h"

namespace tusk::explain {

/// "812 ms → 3.1 ms, rows 300,000 → 615, shared read 90,112 → 42 blocks": time (or cost without
/// ANALYZE), then each other figure that changed by at least 10%.
QString figures(const NodeChange &c, bool analyzed);

} // namespace tusk::explain
