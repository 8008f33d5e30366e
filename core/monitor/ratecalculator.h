#pragma once

#include "monitor/metric.h"

#include <QHash>

namespace tusk::monitor {

/// Turns counters into per-second rates between consecutive samples of one node. A counter
/// that went down (pg_stat_reset(), pg_stat_statements_reset(), wrap), a changed server start
/// time (restart, failover to another server) or a sample without a connection give no rate
/// for that step — a gap in the chart, never a negative or spiking rate. Where a probe reports
/// when its statistics were reset (a gauge named `<family>_stats_reset_epoch`), a change of it
/// also gives no rate for that family's counters with the same labels.
class RateCalculator
{
public:
    /// Fills in rate for every counter of sample (in place), from the previous sample's values.
    void apply(Sample &sample);
    /// Forget everything (the node changed).
    void reset();

private:
    struct Previous
    {
        double value = 0;
        qint64 atMillis = 0;
    };
    /// Longer than the slowest probe's interval (a counter probe runs at most every 60 s).
    static constexpr qint64 kForgetAfterMillis = 15 * 60 * 1000;
    QHash<QString, Previous> m_previous;
    qint64 m_lastPruneMillis = 0;
    /// family prefix + labels → the last `…stats_reset_epoch` gauge seen (pg_stat_database's
    /// stats_reset): a reset followed by enough growth would otherwise pass as a big rate.
    QHash<QString, double> m_resets;
    QDateTime m_serverStart;
};

} // namespace tusk::monitor
