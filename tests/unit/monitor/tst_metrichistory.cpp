// monitor::MetricHistory: rings per series, gaps, downsampled tiers (mean/min/max), the memory
// limit, and the state file: points written in batches on its thread, read back by a later
// run, aged out by retention, and a file that cannot be written is said so.

#include "monitor/metrichistory.h"
#include "state/statedatabase.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk::monitor;
using tusk::state::StateDatabase;

namespace {
constexpr qint64 kMinute = 60'000;

MetricValue gauge(const QString &name, double value, const Labels &labels = {})
{
    MetricValue v;
    v.name = name;
    v.labels = labels;
    v.value = value;
    return v;
}

MetricValue counter(const QString &name, double value, double rate)
{
    MetricValue v = gauge(name, value);
    v.kind = MetricKind::Counter;
    v.rate = rate;
    return v;
}

Sample sampleAt(qint64 atMs, const QList<MetricValue> &values)
{
    Sample s;
    s.at = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    s.connected = true;
    s.values = values;
    return s;
}

Sample gapAt(qint64 atMs)
{
    Sample s;
    s.at = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    s.error = QStringLiteral("server closed the connection unexpectedly");
    return s;
}

/// A minute boundary a little in the past, so that every tier keeps what the test writes.
qint64 recentMinute(qint64 minutesAgo)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return now - now % kMinute - minutesAgo * kMinute;
}

QList<HistoryPoint> loadNow(MetricHistory &h, const QString &key, qint64 from, qint64 to, int maxPoints,
                            int *tierOut = nullptr)
{
    QList<HistoryPoint> out;
    bool done = false;
    QObject context;
    h.load(key, from, to, maxPoints, &context, [&](const QList<HistoryPoint> &points, int tier) {
        out = points;
        if (tierOut)
            *tierOut = tier;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20'000))
        qWarning("load did not answer");
    return out;
}

qint64 rowsIn(StateDatabase &db, const QString &where)
{
    db.flush();
    qint64 n = -1;
    db.post([&](QSqlDatabase &c) {
        QSqlQuery q(c);
        if (q.exec(QStringLiteral("SELECT count(*) FROM metric_points WHERE ") + where) && q.next())
            n = q.value(0).toLongLong();
    });
    db.flush();
    return n;
}
} // namespace

class TestMetricHistory : public QObject
{
    Q_OBJECT
private slots:
    void recordsGaugesAndCounterRates()
    {
        MetricHistory h(nullptr, QStringLiteral("host=a"));
        const qint64 t0 = recentMinute(5);
        h.append(sampleAt(t0, {gauge(QStringLiteral("sessions"), 7),
                               counter(QStringLiteral("commits"), 1000, std::nan(""))}));
        h.append(sampleAt(
            t0 + 1000, {gauge(QStringLiteral("sessions"), 9), counter(QStringLiteral("commits"), 1050, 50)}));
        QCOMPARE(h.seriesKeys(), (QStringList{QStringLiteral("commits"), QStringLiteral("sessions")}));

        const QList<HistoryPoint> sessions = h.recent(QStringLiteral("sessions"), t0, t0 + 1000);
        QCOMPARE(sessions.size(), 2);
        QCOMPARE(sessions[0].value, 7.0);
        QCOMPARE(sessions[1].value, 9.0);
        QCOMPARE(sessions[1].atMs, t0 + 1000);
        // A counter records its rate: the first sample has none (a gap, not a zero).
        const QList<HistoryPoint> commits = h.recent(QStringLiteral("commits"), t0, t0 + 1000);
        QCOMPARE(commits.size(), 2);
        QVERIFY(commits[0].isGap());
        QCOMPARE(commits[1].value, 50.0);
        // The range is inclusive and in time order.
        QCOMPARE(h.recent(QStringLiteral("sessions"), t0 + 1, t0 + 1000).size(), 1);
        QVERIFY(h.recent(QStringLiteral("nosuch"), t0, t0 + 1000).isEmpty());
    }

    void aLostConnectionIsAGapInEverySeries()
    {
        MetricHistory h(nullptr, QStringLiteral("host=a"));
        const qint64 t0 = recentMinute(5);
        h.append(sampleAt(t0, {gauge(QStringLiteral("a"), 1), gauge(QStringLiteral("b"), 2)}));
        h.append(gapAt(t0 + 1000));
        h.append(sampleAt(t0 + 2000, {gauge(QStringLiteral("a"), 3), gauge(QStringLiteral("b"), 4)}));
        for (const QString &key : {QStringLiteral("a"), QStringLiteral("b")}) {
            const QList<HistoryPoint> p = h.recent(key, t0, t0 + 2000);
            QCOMPARE(p.size(), 3);
            QVERIFY(!p[0].isGap());
            QVERIFY2(p[1].isGap(), qPrintable(key));
            QVERIFY(!p[2].isGap());
        }
    }

    void downsamplesIntoMinuteBucketsWithMeanMinAndMax()
    {
        MetricHistory h(nullptr, QStringLiteral("host=a"));
        const qint64 tenMinutes = 10 * kMinute;
        const qint64 t0 = recentMinute(20) - recentMinute(20) % tenMinutes; // no ten-minute edge inside
        // Minute 0: the values 0..59; minute 1: only gaps; minute 2: 100 and 200; then one more
        // sample to close minute 2.
        for (int i = 0; i < 60; ++i)
            h.append(sampleAt(t0 + i * 1000, {gauge(QStringLiteral("x"), i)}));
        for (int i = 0; i < 60; ++i)
            h.append(gapAt(t0 + kMinute + i * 1000));
        h.append(sampleAt(t0 + 2 * kMinute, {gauge(QStringLiteral("x"), 100)}));
        h.append(sampleAt(t0 + 2 * kMinute + 30'000, {gauge(QStringLiteral("x"), 200)}));
        h.append(sampleAt(t0 + 3 * kMinute, {gauge(QStringLiteral("x"), 5)}));

        const QList<HistoryPoint> minutes = h.recent(QStringLiteral("x"), t0, t0 + 3 * kMinute, 1);
        QCOMPARE(minutes.size(), 3); // minute 3 is still filling
        QCOMPARE(minutes[0].atMs, t0);
        QCOMPARE(minutes[0].value, 29.5);
        QCOMPARE(minutes[0].min, 0.0);
        QCOMPARE(minutes[0].max, 59.0);
        QVERIFY2(minutes[1].isGap(), "a minute with only gaps stays a gap, not a zero");
        QCOMPARE(minutes[2].value, 150.0);
        QCOMPARE(minutes[2].min, 100.0);
        QCOMPARE(minutes[2].max, 200.0);
        // Ten-minute buckets: none closed yet.
        QVERIFY(h.recent(QStringLiteral("x"), t0 - 10 * kMinute, t0 + 3 * kMinute, 2).isEmpty());
    }

    void choosesTheFinestTierThatKeepsTheRange()
    {
        MetricHistory h(nullptr, QStringLiteral("host=a"));
        h.setTickInterval(1000);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(h.tierFor(now - 10 * kMinute, now, 1000, now), 0);                // 600 samples
        QCOMPARE(h.tierFor(now - 50 * kMinute, now, 1000, now), 1);                // 3000 samples: minutes
        QCOMPARE(h.tierFor(now - 2 * 60 * kMinute, now, 5000, now), 1);            // past the hour of samples
        QCOMPARE(h.tierFor(now - 30ll * 24 * 60 * kMinute, now, 100'000, now), 2); // past the week
    }

    void staysWithinItsMemoryLimit()
    {
        MetricHistory h(nullptr, QStringLiteral("host=a"));
        h.setMemoryLimit(4 * 1024 * 1024);
        const qint64 t0 = recentMinute(50);
        // 2,000 series for 40 minutes at 1 s: unbounded, 2,000 × 2,400 × 16 bytes = 77 MB.
        QList<MetricValue> values;
        for (int s = 0; s < 2000; ++s)
            values.append(gauge(QStringLiteral("v"), s, {{QStringLiteral("id"), QString::number(s)}}));
        for (int i = 0; i < 2400; ++i)
            h.append(sampleAt(t0 + i * 1000, values));
        QVERIFY2(h.memoryBytes() <= 4 * 1024 * 1024 + 2000 * 1024,
                 qPrintable(QString::number(h.memoryBytes())));
        // Each series still has its last minute in memory.
        const QList<HistoryPoint> last =
            h.recent(QStringLiteral("v{id=\"1999\"}"), t0 + 2340 * 1000, t0 + 2399 * 1000);
        QCOMPARE(last.size(), 60);
        QCOMPARE(last.back().value, 1999.0);
    }

    void writesToTheStateFileAndALaterRunReadsItBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.sqlite"));
        const qint64 t0 = recentMinute(30);
        {
            StateDatabase db(path);
            MetricHistory h(&db, QStringLiteral("host=a port=5432"));
            for (int i = 0; i < 300; ++i)
                h.append(sampleAt(t0 + i * 1000, {gauge(QStringLiteral("sessions"), i % 7)}));
            QVERIFY(h.pendingRows() > 0);
            h.flush();
            QCOMPARE(h.pendingRows(), 0);
            QCOMPARE(rowsIn(db, QStringLiteral("tier = 0")), 300);
            QCOMPARE(rowsIn(db, QStringLiteral("tier = 1")), 4); // minutes 0–3 closed, 4 filling
            h.append(gapAt(t0 + 300 * 1000));
        } // the destructor writes what is pending (the gap)

        StateDatabase db(path);
        MetricHistory later(&db, QStringLiteral("host=a port=5432"));
        int tier = -1;
        const QList<HistoryPoint> points =
            loadNow(later, QStringLiteral("sessions"), t0, t0 + 300 * 1000, 1000, &tier);
        QCOMPARE(tier, 0);
        QCOMPARE(points.size(), 301);
        QCOMPARE(points[10].value, 3.0);
        QVERIFY2(points.back().isGap(), "a gap is stored as one");
        const QList<HistoryPoint> minutes =
            loadNow(later, QStringLiteral("sessions"), t0, t0 + 300 * 1000, 5, &tier);
        QCOMPARE(tier, 1);
        QCOMPARE(minutes.size(), 5); // the gap at 300 s closed minute 4; the one filling is not written
        QCOMPARE(minutes[4].atMs, t0 + 4 * kMinute);
        QCOMPARE(minutes[0].min, 0.0);
        QCOMPARE(minutes[0].max, 6.0);
        // Another node's series of the same name is its own.
        MetricHistory other(&db, QStringLiteral("host=b port=5432"));
        QVERIFY(loadNow(other, QStringLiteral("sessions"), t0, t0 + 300 * 1000, 1000).isEmpty());
    }

    void agesPointsOutByRetention()
    {
        QTemporaryDir dir;
        StateDatabase db(dir.filePath(QStringLiteral("state.sqlite")));
        MetricHistory h(&db, QStringLiteral("host=a"));
        h.setTiers({{0, 10 * kMinute}, {kMinute, 60 * kMinute}});
        const qint64 t0 = recentMinute(120);
        for (int i = 0; i < 120; ++i) // one sample a minute for two hours
            h.append(sampleAt(t0 + i * kMinute, {gauge(QStringLiteral("x"), i)}));
        h.flush(); // the first flush of a run also expires
        // Kept: the samples of the last 10 minutes (9 or 10, by where in its minute the clock
        // is) and the minute buckets of the last hour (58 or 59 of the 119 closed).
        const qint64 samples = rowsIn(db, QStringLiteral("tier = 0"));
        QVERIFY2(samples == 9 || samples == 10, qPrintable(QString::number(samples)));
        const qint64 minutes = rowsIn(db, QStringLiteral("tier = 1"));
        QVERIFY2(minutes == 58 || minutes == 59, qPrintable(QString::number(minutes)));
    }

    void saysSoWhenTheFileCannotBeWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.sqlite"));
        {
            QFile f(path); // not a database: SQLite refuses it, and so the state file is off
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        StateDatabase db(path);
        MetricHistory h(&db, QStringLiteral("host=a"));
        QSignalSpy failed(&h, &MetricHistory::writeFailed);
        h.append(sampleAt(recentMinute(1), {gauge(QStringLiteral("x"), 1)}));
        h.flush();
        QVERIFY(failed.wait(20'000));
        h.append(sampleAt(recentMinute(1) + 1000, {gauge(QStringLiteral("x"), 2)}));
        h.flush();
        db.flush();
        QTest::qWait(50);
        QCOMPARE(failed.size(), 1); // said once, not every ten seconds
        QCOMPARE(h.recent(QStringLiteral("x"), 0, recentMinute(-1)).size(), 2); // memory still has it
    }
};

QTEST_GUILESS_MAIN(TestMetricHistory)
#include "tst_metrichistory.moc"
