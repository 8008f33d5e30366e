#pragma once

#include <QStringList>

namespace tusk::cli {

/// `tusk-cli sandbox up|status|down [--dir DIR] [--replicas N] [--demo] [--workload]`.
int runSandbox(const QStringList &args);

} // namespace tusk::cli
