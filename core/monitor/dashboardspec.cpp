#include "monitor/dashboardspec.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tusk::monitor {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

LineSpec line(const QString &id, const QString &label, const QString &probe, const QStringList &metrics)
{
    LineSpec l;
    l.id = id;
    l.label = label;
    l.probe = probe;
    l.metrics = metrics;
    return l;
}

LineSpec rateLine(const QString &id, const QString &label, const QString &probe, const QStringList &metrics,
                  double scale = 1)
{
    LineSpec l = line(id, label, probe, metrics);
    l.rate = true;
    l.scale = scale;
    return l;
}

LineSpec matching(LineSpec l, const Labels &match)
{
    l.match = match;
    return l;
}

LineSpec splitBy(LineSpec l, const QString &label)
{
    l.splitBy = label;
    return l;
}

LineSpec without(LineSpec l, const QString &metric)
{
    l.minus = {metric};
    return l;
}

LineSpec largest(LineSpec l)
{
    l.max = true;
    return l;
}

ChartSpec chart(const QString &id, const QString &title, ChartUnit unit, const QList<LineSpec> &lines,
                const QString &emptyText = {})
{
    return {id, title, unit, lines, emptyText};
}

bool hasLabels(const MetricValue &v, const Labels &match)
{
    return std::all_of(match.begin(), match.end(),
                       [&v](const QPair<QString, QString> &m) { return v.labels.contains(m); });
}

QString labelValue(const MetricValue &v, const QString &name)
{
    for (const auto &[k, value] : v.labels) {
        if (k == name)
            return value;
    }
    return {};
}

/// Sums (or takes the largest of) the matching values, per splitBy value ("" when not split).
/// NaN as soon as one counter has no rate: a part of a sum is not the sum.
QHash<QString, double> combine(const LineSpec &l, const QStringList &metrics, const Sample &sample)
{
    QHash<QString, double> out;
    if (l.splitBy.isEmpty())
        out.insert(QString(), l.max ? kNaN : 0.0);
    for (const MetricValue &v : sample.values) {
        if (!metrics.contains(v.name) || !hasLabels(v, l.match))
            continue;
        const QString part = l.splitBy.isEmpty() ? QString() : labelValue(v, l.splitBy);
        const double x = l.rate ? v.rate : v.value;
        auto it = out.find(part);
        if (it == out.end()) {
            out.insert(part, x);
        } else if (l.max) {
            *it = std::isnan(*it) ? x : std::max(*it, x);
        } else {
            *it += x; // NaN stays NaN
        }
    }
    if (l.max && l.splitBy.isEmpty() && std::isnan(out.value(QString())))
        out[QString()] = 0; // nothing matched: nothing is old
    return out;
}

} // namespace

QString chartSeriesName(const QString &chartId)
{
    return QStringLiteral("tusk_chart_") + chartId;
}

QString chartLineKey(const QString &chartId, const QString &lineId)
{
    return chartSeriesName(chartId) + QStringLiteral("{line=\"") + lineId + QStringLiteral("\"}");
}

QString chartLineOf(const QString &chartId, const QString &seriesKey)
{
    const QString prefix = chartSeriesName(chartId) + QStringLiteral("{line=\"");
    if (!seriesKey.startsWith(prefix) || !seriesKey.endsWith(QStringLiteral("\"}")))
        return {};
    return seriesKey.mid(prefix.size(), seriesKey.size() - prefix.size() - 2);
}

QString chartLineLabel(const ChartSpec &chart, const QString &lineId)
{
    for (const LineSpec &l : chart.lines) {
        if (l.splitBy.isEmpty() && lineId == l.id)
            return l.label;
        if (!l.splitBy.isEmpty() && lineId.startsWith(l.id + u':')) {
            const QString value = lineId.mid(l.id.size() + 1);
            const QString shown = value.isEmpty() ? QStringLiteral("(none)") : value;
            return l.label.isEmpty() ? shown : l.label + u' ' + shown;
        }
    }
    return lineId;
}

int chartLineOrder(const ChartSpec &chart, const QString &lineId)
{
    for (qsizetype i = 0; i < chart.lines.size(); ++i) {
        const LineSpec &l = chart.lines[i];
        if (lineId == l.id || (!l.splitBy.isEmpty() && lineId.startsWith(l.id + u':')))
            return int(i);
    }
    return int(chart.lines.size());
}

DashboardSpec overviewDashboard()
{
    const QString db = QStringLiteral("database");
    const QString activity = QStringLiteral("activity");
    const auto stateIs = [](const char *state) {
        return Labels{{QStringLiteral("state"), QString::fromLatin1(state)}};
    };
    const QString sessions = QStringLiteral("pg_stat_activity_count");
    LineSpec cacheHit = rateLine(QStringLiteral("hit"), QStringLiteral("shared buffers"), db,
                                 {QStringLiteral("pg_stat_database_blks_hit")});
    cacheHit.denominators = {QStringLiteral("pg_stat_database_blks_hit"),
                             QStringLiteral("pg_stat_database_blks_read")};

    DashboardSpec d;
    d.id = QStringLiteral("overview");
    d.title = QStringLiteral("Overview");
    d.columns = 3;
    d.charts = {
        // Without Tusk's own: each probe of a tick is a transaction pg_stat_database counts.
        chart(QStringLiteral("tps"), QStringLiteral("Transactions"), ChartUnit::PerSecond,
              {without(rateLine(QStringLiteral("commits"), QStringLiteral("commits"), db,
                                {QStringLiteral("pg_stat_database_xact_commit")}),
                       QString::fromLatin1(kOwnCommits)),
               without(rateLine(QStringLiteral("rollbacks"), QStringLiteral("rollbacks"), db,
                                {QStringLiteral("pg_stat_database_xact_rollback")}),
                       QString::fromLatin1(kOwnRollbacks))}),
        chart(QStringLiteral("sessions"), QStringLiteral("Client sessions"), ChartUnit::Count,
              {matching(line(QStringLiteral("active"), QStringLiteral("active"), activity, {sessions}),
                        stateIs("active")),
               matching(line(QStringLiteral("idle_in_tx"), QStringLiteral("idle in transaction"), activity,
                             {sessions}),
                        stateIs("idle in transaction")),
               matching(line(QStringLiteral("idle_in_tx_aborted"), QStringLiteral("idle in tx (aborted)"),
                             activity, {sessions}),
                        stateIs("idle in transaction (aborted)")),
               matching(line(QStringLiteral("idle"), QStringLiteral("idle"), activity, {sessions}),
                        stateIs("idle"))}),
        chart(QStringLiteral("waits"), QStringLiteral("Active sessions by wait"), ChartUnit::Count,
              {splitBy(line(QStringLiteral("wait"), QString(), QStringLiteral("waits"),
                            {QStringLiteral("pg_stat_activity_wait_count")}),
                       QStringLiteral("wait_event_type"))},
              QStringLiteral("No session is active")),
        chart(QStringLiteral("cache_hit"), QStringLiteral("Cache hit ratio"), ChartUnit::Percent, {cacheHit}),
        chart(QStringLiteral("rows"), QStringLiteral("Rows written"), ChartUnit::PerSecond,
              {rateLine(QStringLiteral("inserted"), QStringLiteral("inserted"), db,
                        {QStringLiteral("pg_stat_database_tup_inserted")}),
               rateLine(QStringLiteral("updated"), QStringLiteral("updated"), db,
                        {QStringLiteral("pg_stat_database_tup_updated")}),
               rateLine(QStringLiteral("deleted"), QStringLiteral("deleted"), db,
                        {QStringLiteral("pg_stat_database_tup_deleted")})}),
        chart(QStringLiteral("temp"), QStringLiteral("Temporary files written"), ChartUnit::BytesPerSecond,
              {rateLine(QStringLiteral("temp_bytes"), QStringLiteral("temp files"), db,
                        {QStringLiteral("pg_stat_database_temp_bytes")})}),
        chart(QStringLiteral("wal"), QStringLiteral("WAL generated"), ChartUnit::BytesPerSecond,
              {rateLine(QStringLiteral("wal"), QStringLiteral("WAL"), QStringLiteral("wal"),
                        {QStringLiteral("pg_wal_position_bytes")})}),
        chart(QStringLiteral("checkpoints"), QStringLiteral("Checkpoints"), ChartUnit::PerMinute,
              {rateLine(QStringLiteral("timed"), QStringLiteral("timed"), QStringLiteral("bgwriter"),
                        {QStringLiteral("pg_stat_bgwriter_checkpoints_timed_total")}, 60),
               rateLine(QStringLiteral("requested"), QStringLiteral("requested"), QStringLiteral("bgwriter"),
                        {QStringLiteral("pg_stat_bgwriter_checkpoints_req_total")}, 60)}),
        chart(QStringLiteral("replication_lag"), QStringLiteral("Replication lag (replay)"), ChartUnit::Bytes,
              {splitBy(line(QStringLiteral("standby"), QString(), QStringLiteral("replication"),
                            {QStringLiteral("pg_stat_replication_replay_lag_bytes")}),
                       QStringLiteral("application_name"))},
              QStringLiteral("No standby streams from this server")),
        chart(QStringLiteral("locks"), QStringLiteral("Lock waits"), ChartUnit::Count,
              {line(QStringLiteral("locks"), QStringLiteral("locks not granted"), QStringLiteral("locks"),
                    {QStringLiteral("pg_locks_waiting")}),
               line(QStringLiteral("sessions"), QStringLiteral("sessions waiting"), activity,
                    {QStringLiteral("pg_stat_activity_waiting")})}),
        chart(QStringLiteral("oldest"), QStringLiteral("Oldest transaction and query"), ChartUnit::Seconds,
              {largest(line(QStringLiteral("transaction"), QStringLiteral("transaction"), activity,
                            {QStringLiteral("pg_stat_activity_max_tx_duration")})),
               largest(line(QStringLiteral("query"), QStringLiteral("active query"), activity,
                            {QStringLiteral("pg_stat_activity_max_query_duration")}))}),
        // The monitored database only, once a minute: a size is a stat() per file.
        chart(QStringLiteral("size"), QStringLiteral("Database size"), ChartUnit::Bytes,
              {splitBy(line(QStringLiteral("size"), QString(), QStringLiteral("databasesize"),
                            {QStringLiteral("pg_database_size_bytes")}),
                       QStringLiteral("datname"))}),
    };
    return d;
}

QList<MetricValue> evaluate(const DashboardSpec &dashboard, const Sample &sample)
{
    QList<MetricValue> out;
    if (!sample.connected)
        return out;
    QHash<QString, ProbeStatus::State> ran;
    for (const ProbeStatus &p : sample.probes)
        ran.insert(p.probe, p.state);
    for (const ChartSpec &c : dashboard.charts) {
        const QString name = chartSeriesName(c.id);
        for (const LineSpec &l : c.lines) {
            const auto state = ran.constFind(l.probe);
            if (state == ran.constEnd() || *state == ProbeStatus::State::NotDue ||
                *state == ProbeStatus::State::Skipped)
                continue;
            const bool failed = *state == ProbeStatus::State::Failed;
            const QHash<QString, double> numerators = combine(l, l.metrics, sample);
            const QHash<QString, double> denominators =
                l.denominators.isEmpty() ? QHash<QString, double>() : combine(l, l.denominators, sample);
            const QHash<QString, double> minus =
                l.minus.isEmpty() ? QHash<QString, double>() : combine(l, l.minus, sample);
            for (auto it = numerators.begin(); it != numerators.end(); ++it) {
                double x = it.value();
                if (!l.minus.isEmpty()) {
                    const double m = minus.value(it.key(), 0.0);
                    x = std::isnan(x) || std::isnan(m) ? kNaN : std::max(0.0, x - m);
                }
                if (!l.denominators.isEmpty()) {
                    const double d = denominators.value(it.key(), kNaN);
                    x = d > 0 ? 100.0 * x / d : kNaN;
                }
                MetricValue v;
                v.name = name;
                v.labels = {{QStringLiteral("line"), it.key().isEmpty() ? l.id : l.id + u':' + it.key()}};
                v.value = failed ? kNaN : x * l.scale;
                out.append(v);
            }
        }
    }
    return out;
}

} // namespace tusk::monitor
