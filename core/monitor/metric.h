#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cmath>

namespace tusk::monitor {

/// A gauge is read as it is (sessions, lag); a counter only grows until a reset or restart, and
/// what a DBA reads is its rate.
enum class MetricKind { Gauge, Counter };

/// Label name → value, in the probe's column order ({"datname", "crm"}, {"state", "active"}).
using Labels = QList<QPair<QString, QString>>;

/// One number of one sample: `pg_stat_database_xact_commit{datname="crm"} 1234`.
struct MetricValue
{
    QString name; ///< family_column, as postgres_exporter names it where the two overlap
    Labels labels;
    MetricKind kind = MetricKind::Gauge;
    double value = 0;
    /// For counters, per second since the sample before; NaN when there is no rate (first
    /// sample, a stats reset, counter wrap or a server restart: a gap, never a spike).
    double rate = std::nan("");

    /// name{label="value",…}: the series' identity across samples.
    QString seriesKey() const;
    bool hasRate() const { return !std::isnan(rate); }
};

/// Counters every sample carries (label datname, the monitoring database): the transactions
/// the Sampler's own batches committed and rolled back (pg_stat_database counts them too).
inline constexpr char kOwnCommits[] = "tusk_monitor_xact_commit";
inline constexpr char kOwnRollbacks[] = "tusk_monitor_xact_rollback";

/// How one probe fared in a tick.
struct ProbeStatus
{
    QString probe;
    enum class State { Ok, Failed, Skipped, NotDue } state = State::Ok;
    QString message;           ///< the error, or why it is skipped ("took 812 ms, next in 60 s")
    qint64 elapsedMicros = -1; ///< its share of the round trip, when it ran
};

/// Everything one tick brought back from one node.
struct Sample
{
    QDateTime at;               ///< when the answer arrived (client clock)
    qint64 monotonicMillis = 0; ///< the same on a monotonic clock: rates use this
    bool connected = false;     ///< false: a gap (connection lost, server restarting)
    QString error;              ///< why there is no data, when not connected
    QDateTime serverStart;      ///< pg_postmaster_start_time(): a change means a restart
    int serverVersion = 0;      ///< server_version_num
    qint64 roundTripMicros = 0; ///< the whole batch
    QList<MetricValue> values;
    QList<ProbeStatus> probes;
    /// pg_stat_statements texts that arrived with this sample (queryid → text): each is sent
    /// once, for a queryid not seen before (StatementTexts); keep them.
    QHash<QString, QString> statementTexts;

    /// The value of a series, or nullptr.
    const MetricValue *find(const QString &name, const Labels &labels = {}) const;
    /// Every value of a family member, whatever its labels.
    QList<const MetricValue *> all(const QString &name) const;
};

} // namespace tusk::monitor

Q_DECLARE_METATYPE(tusk::monitor::Sample)
