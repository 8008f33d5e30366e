#pragma once

#include <QList>
#include <QtGlobal>

#include <cmath>
#include <limits>

namespace tusk::monitor {

/// One point of a series in history: a sample as it came (min = max = value) or a downsampled
/// bucket (value = the mean of the samples in it).
struct HistoryPoint
{
    qint64 atMs = 0; ///< ms since the epoch (UTC): the sample's time, or the bucket's start
    double value = std::numeric_limits<double>::quiet_NaN(); ///< a gauge, or a counter's rate
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();

    /// No data here (connection lost, restart, stats reset): a chart breaks its line.
    bool isGap() const { return std::isnan(value); }
};

/// One resolution of the history and how long it is kept.
struct HistoryTier
{
    qint64 stepMs = 0;      ///< 0: every sample as it came, else the width of a bucket
    qint64 retentionMs = 0; ///< older points are deleted
};

/// 1 s (every sample) for an hour, 1 min for a week, 10 min for a year.
QList<HistoryTier> defaultHistoryTiers();

} // namespace tusk::monitor
