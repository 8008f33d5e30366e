#pragma once

#include "monitor/metric.h"
#include "monitor/probe.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace tusk::monitor {

/// One node's part of a scrape: what `tusk-cli monitor --listen` serves for one CONNINFO.
struct ScrapedNode
{
    QString server; ///< the `server` label ("host:port"), as postgres_exporter names its target
    /// The node's values (counters as their raw cumulative value: Prometheus computes rates) and
    /// the last status of every probe. connected=false: the node is down, only pg_up 0 is written.
    Sample sample;
    double scrapeSeconds = 0; ///< how long the node took to answer this scrape
};

/// The Prometheus text exposition format (version 0.0.4) of one scrape of several nodes:
/// `# HELP` and `# TYPE` once per metric name, then that name's series of every node, each with
/// a `server` label. Besides the probes' values, per node:
/// - `pg_up` 1 or 0 (postgres_exporter's name; 0 when the node is down or did not answer),
/// - `pg_exporter_last_scrape_duration_seconds` (the node's round trip for this scrape),
/// - `pg_scrape_collector_success{collector=PROBE}` 1 or 0 (0: failed, or skipped by back-off or
///   for a missing extension) and `pg_scrape_collector_duration_seconds{collector=PROBE}`,
/// - `pg_postmaster_start_time_seconds` (Unix time; the uptime is `time() - it`).
/// Label values are escaped (backslash, double quote, newline); NaN is written `NaN`.
/// help: the `# HELP` text per metric name (probeHelp()); a name without one gets a generic text.
QByteArray prometheusText(const QList<ScrapedNode> &nodes, const QHash<QString, QString> &help = {});

/// `# HELP` texts for a probe's metrics: which column of which view, from which probe, how often.
void addProbeHelp(const Probe &probe, QHash<QString, QString> *help);

/// The MIME type of prometheusText()'s answer.
inline constexpr char kPrometheusContentType[] = "text/plain; version=0.0.4; charset=utf-8";

} // namespace tusk::monitor
