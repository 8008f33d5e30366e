#pragma once

#include "monitor/metric.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tusk::pg {
class RowSet;
}

namespace tusk::monitor {

/// One monitoring query and what its columns mean, read from the header comments of its file
/// in `resources/sql/monitor/` (compiled in as `:/sql/monitor/`):
/// @code
/// -- family: pg_stat_database      metric names are family_column
/// -- interval: 1                   seconds between runs (the tick may be slower)
/// -- labels: datname               columns that name a series
/// -- gauges: numbackends
/// -- counters: xact_commit xact_rollback
/// -- requires: pg_stat_statements  extensions it needs in the monitoring database (optional)
/// -- parameters: every_database    $1, $2, ... in this order (optional; see Probe::parameters)
/// SELECT …
/// @endcode
/// A file `name.N.sql` replaces `name.sql` from PostgreSQL major N on; a probe whose only files
/// are `name.N.sql` does not exist below N (pg_stat_wal before 14).
struct Probe
{
    QString name;   ///< the file's base name ("database")
    QString family; ///< "pg_stat_database"
    int intervalSeconds = 1;
    QStringList labels;
    QStringList gauges;
    QStringList counters;
    QStringList requiredExtensions; ///< extensions: without them the probe is not run, and says why
    /// What the sampler binds to $1, $2, …: `every_database` is 'true' when serving Prometheus
    /// (a row for every database, zeros included, as postgres_exporter has it) and 'false' for
    /// a dashboard (only databases with something to count, and the monitoring one, so that
    /// 1,000 quiet databases are not 6,000 rows a second).
    QStringList parameters;
    QString sql;
    int fromMajor = 0; ///< the N of the file it came from

    /// Reads one file's text; an error names what is missing or unknown.
    static Result<Probe, QString> parse(const QString &name, int fromMajor, const QString &text);
    /// The result's rows as values (rates not yet known). A column the header names but the
    /// result lacks is an error: the SQL and its header disagree.
    Result<QList<MetricValue>, QString> read(const pg::RowSet &rows) const;
};

/// The probes for one server version: for each name, the file with the largest N ≤ major.
/// Reads `:/sql/monitor/` (or dir, for tests); a malformed file is an error, not a silent gap.
Result<QList<Probe>, QString> probesFor(int serverMajor,
                                        const QString &dir = QStringLiteral(":/sql/monitor"));

} // namespace tusk::monitor
