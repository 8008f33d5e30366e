#include "monitor/metrichistory.h"

#include "state/sqliteworker.h"

#include <QTimer>

#include <algorithm>

namespace tusk::monitor {

namespace {
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Downsampled tiers keep a day's worth of their buckets in memory at most; older ones are read
// back from the file.
constexpr qsizetype kMaxBucketsInMemory = 1440;
// However tight the memory limit, tier 0 keeps a minute at 1 s (the live chart), a downsampled
// tier a few buckets (the file has the rest).
constexpr qsizetype kMinPointsInMemory = 60;
constexpr qsizetype kMinBucketsInMemory = 8;
constexpr qint64 kExpireEveryMs = 10 * kMinute;
} // namespace

QList<HistoryTier> defaultHistoryTiers()
{
    return {{0, kHour}, {kMinute, 7 * kDay}, {10 * kMinute, 365 * kDay}};
}

MetricHistory::MetricHistory(state::SqliteWorker *file, const QString &node, QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_disk(std::make_shared<HistoryFile>(node))
    , m_tiers(defaultHistoryTiers())
    , m_flushTimer(new QTimer(this))
{
    m_flushTimer->setInterval(10'000);
    connect(m_flushTimer, &QTimer::timeout, this, &MetricHistory::flush);
    if (m_file)
        m_flushTimer->start();
}

MetricHistory::~MetricHistory()
{
    flush();
}

void MetricHistory::setTiers(const QList<HistoryTier> &tiers)
{
    Q_ASSERT(!tiers.isEmpty() && tiers.front().stepMs == 0);
    m_tiers = tiers;
    m_series.clear();
    m_memoryScale = 1.0;
}

void MetricHistory::setTickInterval(int ms)
{
    m_tickMs = std::max(ms, 1);
    fitMemory();
}

void MetricHistory::setMemoryLimit(qint64 bytes)
{
    m_memoryLimit = bytes;
    fitMemory();
}

void MetricHistory::setFlushInterval(int ms)
{
    m_flushTimer->setInterval(ms);
}

qint64 MetricHistory::memoryBytes() const
{
    qint64 total = 0;
    for (const Series &s : m_series) {
        total += s.raw.bytes();
        for (const auto &ring : s.buckets)
            total += ring.bytes();
    }
    return total;
}

qsizetype MetricHistory::rawCapacity() const
{
    const qint64 full = m_tiers.front().retentionMs / m_tickMs;
    return std::max<qsizetype>(kMinPointsInMemory, qsizetype(double(full) * m_memoryScale));
}

qsizetype MetricHistory::bucketCapacity(int tier) const
{
    const HistoryTier &t = m_tiers[tier];
    const qint64 full = std::min<qint64>(t.retentionMs / std::max<qint64>(t.stepMs, 1), kMaxBucketsInMemory);
    return std::max<qsizetype>(kMinBucketsInMemory, qsizetype(double(full) * m_memoryScale));
}

void MetricHistory::fitMemory()
{
    // What every series would take with full rings; scale all rings down alike when the
    // series together would pass the limit.
    double perSeries = double(m_tiers.front().retentionMs / m_tickMs) * sizeof(RawPoint);
    for (int i = 1; i < m_tiers.size(); ++i)
        perSeries += double(std::min<qint64>(m_tiers[i].retentionMs / std::max<qint64>(m_tiers[i].stepMs, 1),
                                             kMaxBucketsInMemory)) *
                     sizeof(HistoryPoint);
    const double wanted = perSeries * double(std::max<qsizetype>(m_series.size(), 1));
    const double scale = std::min(1.0, double(m_memoryLimit) / wanted);
    // Resizing copies every ring, so not for each new series (a statement entering the top 200
    // brings 17): the rings are sized with 10% headroom and resized only once the series have
    // used it up, or when the limit grew by a quarter.
    if (scale >= m_memoryScale && scale < m_memoryScale * 1.25)
        return;
    m_memoryScale = scale < 1.0 ? scale * 0.9 : 1.0;
    for (Series &s : m_series) {
        s.raw.setCapacity(rawCapacity());
        for (size_t i = 0; i < s.buckets.size(); ++i)
            s.buckets[i].setCapacity(bucketCapacity(int(i) + 1));
    }
}

MetricHistory::Series &MetricHistory::seriesFor(const QString &key, MetricKind kind)
{
    auto it = m_series.find(key);
    if (it != m_series.end())
        return *it;
    Series s;
    s.kind = kind;
    s.raw = HistoryRing<RawPoint>(rawCapacity());
    for (int i = 1; i < m_tiers.size(); ++i) {
        s.buckets.emplace_back(bucketCapacity(i));
        s.open.emplace_back();
    }
    it = m_series.insert(key, std::move(s));
    fitMemory(); // the new series may push the rings past the limit
    return *m_series.find(key);
}

void MetricHistory::closeBucket(const QString &key, Series &s, size_t i)
{
    Bucket &b = s.open[i];
    if (b.startMs < 0)
        return;
    HistoryPoint p{b.startMs};
    if (b.count > 0) {
        p.value = b.sum / b.count;
        p.min = b.min;
        p.max = b.max;
    }
    s.buckets[i].push(p);
    if (m_file)
        m_pending.push_back({key, int(s.kind), int(i) + 1, p});
    b = Bucket();
}

void MetricHistory::record(const QString &key, Series &s, qint64 atMs, double value)
{
    if (!s.raw.isEmpty() && atMs <= s.raw.newest().atMs)
        return; // a clock step back: the rings stay in time order
    s.raw.push({atMs, value});
    if (m_file)
        m_pending.push_back({key, int(s.kind), 0, {atMs, value, value, value}});
    for (size_t i = 0; i < s.open.size(); ++i) {
        const qint64 step = m_tiers[int(i) + 1].stepMs;
        const qint64 start = atMs - atMs % step;
        if (s.open[i].startMs != start) {
            closeBucket(key, s, i);
            s.open[i].startMs = start;
        }
        if (std::isnan(value))
            continue;
        Bucket &b = s.open[i];
        b.min = b.count ? std::min(b.min, value) : value;
        b.max = b.count ? std::max(b.max, value) : value;
        b.sum += value;
        ++b.count;
    }
}

void MetricHistory::append(const Sample &sample)
{
    const qint64 at = sample.at.toMSecsSinceEpoch();
    if (!sample.connected) {
        // A gap in every series: the line breaks where the server was not there.
        for (auto it = m_series.begin(); it != m_series.end(); ++it)
            record(it.key(), *it, at, std::numeric_limits<double>::quiet_NaN());
        return;
    }
    for (const MetricValue &v : sample.values) {
        const QString key = v.seriesKey();
        Series &s = seriesFor(key, v.kind);
        record(key, s, at, v.kind == MetricKind::Counter ? v.rate : v.value);
    }
}

QStringList MetricHistory::seriesKeys() const
{
    QStringList keys = m_series.keys();
    keys.sort();
    return keys;
}

QList<HistoryPoint> MetricHistory::recent(const QString &seriesKey, qint64 fromMs, qint64 toMs,
                                          int tier) const
{
    QList<HistoryPoint> out;
    const auto it = m_series.constFind(seriesKey);
    if (it == m_series.constEnd() || tier < 0 || tier >= m_tiers.size())
        return out;
    if (tier == 0) {
        for (qsizetype i = it->raw.lowerBound(fromMs); i < it->raw.size() && it->raw.at(i).atMs <= toMs;
             ++i) {
            const RawPoint &p = it->raw.at(i);
            out.append({p.atMs, p.value, p.value, p.value});
        }
        return out;
    }
    const auto &ring = it->buckets[size_t(tier - 1)];
    for (qsizetype i = ring.lowerBound(fromMs); i < ring.size() && ring.at(i).atMs <= toMs; ++i)
        out.append(ring.at(i));
    return out;
}

int MetricHistory::tierFor(qint64 fromMs, qint64 toMs, int maxPoints, qint64 nowMs) const
{
    int lastCovering = -1;
    for (int i = 0; i < m_tiers.size(); ++i) {
        if (nowMs - fromMs > m_tiers[i].retentionMs)
            continue;
        lastCovering = i;
        const qint64 step = i == 0 ? m_tickMs : m_tiers[i].stepMs;
        if ((toMs - fromMs) / step <= maxPoints)
            return i;
    }
    return lastCovering >= 0 ? lastCovering : int(m_tiers.size()) - 1;
}

void MetricHistory::load(const QString &seriesKey, qint64 fromMs, qint64 toMs, int maxPoints,
                         QObject *context, std::function<void(const QList<HistoryPoint> &, int tier)> done)
{
    const int tier = tierFor(fromMs, toMs, maxPoints, QDateTime::currentMSecsSinceEpoch());
    bool inMemory = !m_file;
    if (const auto it = m_series.constFind(seriesKey); it != m_series.constEnd() && !inMemory) {
        const bool empty = tier == 0 ? it->raw.isEmpty() : it->buckets[size_t(tier - 1)].isEmpty();
        const qint64 oldest = tier == 0 ? it->raw.oldestMs() : it->buckets[size_t(tier - 1)].oldestMs();
        inMemory = !empty && oldest <= fromMs; // else older points are only in the file (or a past run's)
    }
    if (inMemory) {
        QMetaObject::invokeMethod(
            context,
            [done = std::move(done), points = recent(seriesKey, fromMs, toMs, tier), tier] {
                done(points, tier);
            },
            Qt::QueuedConnection);
        return;
    }
    flush(); // jobs run in order: the read below sees every point appended so far
    m_file->request<QList<HistoryPoint>>(
        context,
        [disk = m_disk, seriesKey, tier, fromMs, toMs](QSqlDatabase &db) {
            return disk->read(db, seriesKey, tier, fromMs, toMs);
        },
        [done = std::move(done), tier](const QList<HistoryPoint> &points) { done(points, tier); });
}

void MetricHistory::flush()
{
    if (!m_file || m_pending.empty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool expire = now - m_lastExpireMs >= kExpireEveryMs;
    if (expire)
        m_lastExpireMs = now;
    m_file->request<QString>(
        this,
        [disk = m_disk, rows = std::exchange(m_pending, {}), tiers = m_tiers, expire, now](QSqlDatabase &db) {
            QString error = disk->write(db, rows);
            if (error.isEmpty() && expire)
                error = disk->expire(db, tiers, now);
            return error;
        },
        [this](const QString &error) {
            if (!error.isEmpty() && !m_writeFailed) {
                m_writeFailed = true; // said once; later batches are still tried
                emit writeFailed(error);
            }
        });
}

} // namespace tusk::monitor
