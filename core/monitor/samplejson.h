#pragma once

#include "monitor/metric.h"

#include <QJsonObject>

namespace tusk::monitor {

/// One sample as JSON — what `tusk-cli monitor --json` prints, one object per line:
/// {"at", "connected", "error", "server_version", "server_start", "round_trip_us",
///  "probes": [{"name", "state": ok|failed|skipped|not_due, "message", "elapsed_us"}],
///  "metrics": [{"name", "labels": {…}, "kind": gauge|counter, "value", "rate" (null: no rate)}]}
QJsonObject sampleToJson(const Sample &sample);

} // namespace tusk::monitor
