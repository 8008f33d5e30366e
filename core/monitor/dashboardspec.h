#pragma once

#include "monitor/metric.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tusk::monitor {

/// What a chart's values are, so that its axis says it ("12.4 MiB/s", "85 %").
enum class ChartUnit { Count, PerSecond, PerMinute, Percent, Bytes, BytesPerSecond, Seconds };

/// One line of a chart: which values of a sample it reads and how they add up. The value of a
/// line is sum(metrics) — or, with `denominators`, 100 × sum(metrics) / sum(denominators) — over
/// every value whose labels contain `match`, read as the counter's rate when `rate` is set,
/// minus sum(minus), times `scale`.
struct LineSpec
{
    QString id;               ///< the line's name in the series key ("commits")
    QString label;            ///< legend text; with splitBy, the label's value follows it
    QString probe;            ///< the probe that brings the values ("database"): see evaluate()
    QStringList metrics;      ///< summed
    QStringList denominators; ///< non-empty: a percentage of their sum
    /// Taken off the sum, never below 0 (the monitoring session's own transactions).
    QStringList minus;
    Labels match; ///< only values with these labels (all of them)
    /// Non-empty: one line per value of this label (sessions by "state"), named id:value.
    QString splitBy;
    bool rate = false;
    /// The largest of the values instead of their sum (the oldest transaction).
    bool max = false;
    double scale = 1;
};

struct ChartSpec
{
    QString id; ///< "tps": the series are named tusk_chart_<id>
    QString title;
    ChartUnit unit = ChartUnit::Count;
    QList<LineSpec> lines;
    QString emptyText; ///< what an empty chart means ("No standbys stream from this server")
};

/// A dashboard: charts in reading order, laid out in a grid of `columns`.
struct DashboardSpec
{
    QString id;
    QString title;
    int columns = 2;
    QList<ChartSpec> charts;
};

/// TPS, sessions by state, cache hit, WAL rate, replication lag, checkpoints, locks waiting,
/// top waits: what a DBA looks at first in an incident.
DashboardSpec overviewDashboard();

/// The series name of a chart's lines: tusk_chart_<chartId>; a line's labels are {line=<id>}.
QString chartSeriesName(const QString &chartId);

/// The series key of one line: tusk_chart_<chart>{line="<line>"}.
QString chartLineKey(const QString &chartId, const QString &lineId);
/// The line id in a series key of chartId's, or empty when the key is not one of its lines.
QString chartLineOf(const QString &chartId, const QString &seriesKey);
/// A line's legend text: its label, and for a split line the label's value ("IO", "standby1").
QString chartLineLabel(const ChartSpec &chart, const QString &lineId);
/// Where a line goes in the legend: the spec's order, split lines by value within theirs.
int chartLineOrder(const ChartSpec &chart, const QString &lineId);

/// The chart values of one sample, as gauges named chartSeriesName(chart) with the label
/// line=<line id> (MetricHistory keeps them beside the raw series, so the dashboards' history
/// survives a restart). A line whose probe did not run in this sample gives no value (a 5 s
/// probe has no point on the ticks in between, which is not a gap); a line whose probe ran
/// and failed, a counter without a rate (first sample, reset) or a 0/0 percentage gives NaN (a
/// gap); a probe that ran and returned no matching rows gives 0 (no locks waiting is a value).
/// A sample without a connection gives nothing: MetricHistory records the gap itself.
QList<MetricValue> evaluate(const DashboardSpec &dashboard, const Sample &sample);

} // namespace tusk::monitor
