#pragma once

#include "monitor/historyfile.h"
#include "monitor/historypoint.h"
#include "monitor/historyring.h"
#include "monitor/metric.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace tusk::state {
class SqliteWorker;
}

namespace tusk::monitor {

/// The history of one node's metrics: every Sample appended (connect it to Sampler::sampled)
/// goes into a ring per series in memory and, in batches written on the state database's own
/// thread, into the state file. Each tier after the first is a downsampled copy (mean, min and
/// max per bucket) with its own retention: by default every sample for an hour, 1-minute
/// buckets for a week, 10-minute buckets for a year. What a series records is what a DBA
/// reads: a gauge's value, a counter's rate; a gap (connection lost, restart, stats reset) is
/// a NaN point, so charts break their line instead of drawing a spike.
/// @code
/// auto *history = new MetricHistory(stateDb, ConnectionKey::of(node).toString(), this);
/// connect(sampler, &Sampler::sampled, history, &MetricHistory::append);
/// history->load(u"pg_stat_database_xact_commit{datname=\"crm\"}"_s, from, to, 600, this,
///               [](const QList<HistoryPoint> &points, int tier) { chart->setPoints(points); });
/// @endcode
/// Memory is bounded (setMemoryLimit): when many series share it, each keeps fewer points in
/// memory and older ranges are read back from the file.
class MetricHistory : public QObject
{
    Q_OBJECT
public:
    /// `file` may be null: memory only. `node` names the server's rows in the file.
    MetricHistory(state::SqliteWorker *file, const QString &node, QObject *parent = nullptr);
    /// Writes what is still pending.
    ~MetricHistory() override;

    /// Tier 0 must keep every sample (stepMs 0); the others have growing steps. Set before the
    /// first append.
    void setTiers(const QList<HistoryTier> &tiers);
    const QList<HistoryTier> &tiers() const { return m_tiers; }
    /// The sampler's tick: sizes the rings of tier 0 (retention / tick points).
    void setTickInterval(int ms);
    /// Bytes the rings may take, 32 MiB by default.
    void setMemoryLimit(qint64 bytes);
    qint64 memoryBytes() const;
    /// How often pending points are written to the file (10 s by default).
    void setFlushInterval(int ms);

    void append(const tusk::monitor::Sample &sample);

    QStringList seriesKeys() const;
    bool contains(const QString &seriesKey) const { return m_series.contains(seriesKey); }
    /// The points of a series at `tier` in [fromMs, toMs] that memory still holds, oldest first.
    QList<HistoryPoint> recent(const QString &seriesKey, qint64 fromMs, qint64 toMs, int tier = 0) const;
    /// The tier a chart of [fromMs, toMs] with at most `maxPoints` points should read: the
    /// finest one that still keeps `fromMs` and has few enough points.
    int tierFor(qint64 fromMs, qint64 toMs, int maxPoints, qint64 nowMs) const;
    /// The points of any range, from memory when it still holds the range, else from the file
    /// (after writing what is pending). `done` runs on `context`'s thread, never inside load().
    void load(const QString &seriesKey, qint64 fromMs, qint64 toMs, int maxPoints, QObject *context,
              std::function<void(const QList<HistoryPoint> &, int tier)> done);
    /// Writes the pending points now (on the file's thread; returns at once).
    void flush();
    qsizetype pendingRows() const { return qsizetype(m_pending.size()); }

signals:
    /// A write to the state file failed: the history of this session stays in memory only.
    void writeFailed(const QString &message);

private:
    struct RawPoint
    {
        qint64 atMs;
        double value;
    };
    struct Bucket
    {
        qint64 startMs = -1;
        double sum = 0;
        int count = 0; ///< samples with a value (gaps are not counted)
        double min = 0;
        double max = 0;
    };
    struct Series
    {
        MetricKind kind = MetricKind::Gauge;
        HistoryRing<RawPoint> raw;
        std::vector<HistoryRing<HistoryPoint>> buckets; ///< tier i + 1
        std::vector<Bucket> open;                       ///< the bucket filling now, per tier i + 1
    };

    Series &seriesFor(const QString &key, MetricKind kind);
    void record(const QString &key, Series &s, qint64 atMs, double value);
    void closeBucket(const QString &key, Series &s, size_t i);
    void fitMemory();
    qsizetype bucketCapacity(int tier) const;
    qsizetype rawCapacity() const;

    state::SqliteWorker *m_file;
    std::shared_ptr<HistoryFile> m_disk; ///< used on the file's thread only
    QList<HistoryTier> m_tiers;
    int m_tickMs = 1000;
    qint64 m_memoryLimit = 32ll * 1024 * 1024;
    double m_memoryScale = 1.0; ///< what the rings are sized with: < 1 once they had to shrink
    QHash<QString, Series> m_series;
    std::vector<HistoryRow> m_pending;
    QTimer *m_flushTimer;
    qint64 m_lastExpireMs = 0;
    bool m_writeFailed = false;
};

} // namespace tusk::monitor
