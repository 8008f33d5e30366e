#pragma once

#include <QStringList>

namespace tusk::cli {

/// `tusk-cli monitor [--once | --count N] [--interval MS] --json CONNINFO`: samples the node with
/// monitor::Sampler (one round trip per tick on a read-only tusk-monitor session) and prints each
/// sample as one JSON object per line (monitor::sampleToJson); counters carry rates from the
/// second sample on. Without --once/--count it runs until interrupted. Exit 0, or 2 on a usage
/// or connection error (the first sample has no connection).
int runMonitor(const QStringList &args);

} // namespace tusk::cli
