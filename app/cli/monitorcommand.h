#pragma once

#include <QStringList>

namespace tusk::cli {

/// `tusk-cli monitor`, two ways:
/// - `--json [--once | --count N] [--interval MS] CONNINFO`: samples the node with
///   monitor::Sampler (one round trip per tick on a read-only tusk-monitor session) and prints
///   each sample as one JSON object per line (monitor::sampleToJson); counters carry rates from
///   the second sample on. Without --once/--count it runs until interrupted.
/// - `--listen HOST:PORT CONNINFO…`: a Prometheus endpoint (GET /metrics) that samples every
///   node when scraped (monitor::Scraper, monitor::MetricsEndpoint) and runs until interrupted;
///   a node going down or coming back is one line on stderr.
/// Exit 0, or 2 on a usage or connection error (the first sample has no connection; the port
/// cannot be listened on).
int runMonitor(const QStringList &args);

} // namespace tusk::cli
