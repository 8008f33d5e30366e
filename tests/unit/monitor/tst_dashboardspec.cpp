// What the overview's chart lines read from a sample, without a server: sums over databases,
// percentages, the largest of several, one line per label value, and when a line has no point
// (its probe was not due), a gap (no rate, a failed probe, 0/0) or a zero (nothing matched).
// Also the min/max decimation the charts draw with.

#include "monitor/dashboardspec.h"
#include "monitor/historydecimate.h"

#include <QTest>

#include <cmath>

using namespace tusk::monitor;

class TestDashboardSpec : public QObject
{
    Q_OBJECT
private slots:
    void everyOverviewLineNamesAProbeThatExists();
    void countersAreSummedAsRatesOverEveryDatabase();
    void theTpsLeavesTuskOwnTransactionsOut();
    void aLineWhoseProbeWasNotDueHasNoPoint();
    void aCounterWithoutARateOrAFailedProbeIsAGap();
    void aProbeThatRanAndMatchedNothingIsZero();
    void theCacheHitRatioIsAPercentageAndZeroOverZeroIsAGap();
    void splitLinesComeOnePerLabelValueWithTheirLegend();
    void theOldestIsTheLargestNotTheSum();
    void lineKeysRoundTrip();
    void decimationKeepsSpikesGapsAndTimeOrder();
    void fewPointsAreNotDecimated();
};

namespace {

MetricValue counter(const QString &name, const Labels &labels, double value, double rate)
{
    MetricValue v;
    v.name = name;
    v.labels = labels;
    v.kind = MetricKind::Counter;
    v.value = value;
    v.rate = rate;
    return v;
}

MetricValue gauge(const QString &name, const Labels &labels, double value)
{
    MetricValue v;
    v.name = name;
    v.labels = labels;
    v.value = value;
    return v;
}

Sample sampleWith(const QList<MetricValue> &values, const QList<ProbeStatus> &probes)
{
    Sample s;
    s.at = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000);
    s.connected = true;
    s.values = values;
    s.probes = probes;
    return s;
}

ProbeStatus ran(const QString &probe, ProbeStatus::State state = ProbeStatus::State::Ok)
{
    return {probe, state, {}, 10};
}

Labels db(const char *name)
{
    return {{QStringLiteral("datname"), QString::fromLatin1(name)}};
}

/// The value of one chart line, or nullopt when the sample gave it no point.
std::optional<double> lineValue(const QList<MetricValue> &values, const QString &chart, const QString &line)
{
    for (const MetricValue &v : values) {
        if (v.name == chartSeriesName(chart) && v.labels == Labels{{QStringLiteral("line"), line}})
            return v.value;
    }
    return std::nullopt;
}

const ChartSpec &overviewChart(const DashboardSpec &d, const QString &id)
{
    for (const ChartSpec &c : d.charts) {
        if (c.id == id)
            return c;
    }
    qFatal("no chart %s", qPrintable(id));
}

} // namespace

void TestDashboardSpec::everyOverviewLineNamesAProbeThatExists()
{
    const DashboardSpec d = overviewDashboard();
    QCOMPARE(d.charts.size(), 12);
    const QStringList probes{"activity",    "database", "databasesize", "locks",
                             "replication", "wal",      "bgwriter",     "waits"};
    QStringList ids;
    for (const ChartSpec &c : d.charts) {
        QVERIFY2(!ids.contains(c.id), qPrintable(c.id));
        ids << c.id;
        QVERIFY(!c.title.isEmpty());
        QVERIFY(!c.lines.isEmpty());
        for (const LineSpec &l : c.lines) {
            QVERIFY2(probes.contains(l.probe), qPrintable(c.id + u'/' + l.probe));
            QVERIFY(!l.metrics.isEmpty());
            // Every metric is of its probe's family (pg_stat_database_… from "database").
            for (const QString &m : l.metrics)
                QVERIFY2(m.startsWith(QStringLiteral("pg_")), qPrintable(m));
        }
    }
}

void TestDashboardSpec::countersAreSummedAsRatesOverEveryDatabase()
{
    const QString commit = QStringLiteral("pg_stat_database_xact_commit");
    const auto values =
        evaluate(overviewDashboard(),
                 sampleWith({counter(commit, db("crm"), 1000, 40), counter(commit, db("shop"), 5, 2.5),
                             counter(QStringLiteral("pg_stat_database_xact_rollback"), db("crm"), 3, 0)},
                            {ran(QStringLiteral("database"))}));
    QCOMPARE(lineValue(values, QStringLiteral("tps"), QStringLiteral("commits")).value_or(-1), 42.5);
    QCOMPARE(lineValue(values, QStringLiteral("tps"), QStringLiteral("rollbacks")).value_or(-1), 0.0);
}

void TestDashboardSpec::theTpsLeavesTuskOwnTransactionsOut()
{
    // 12 probes a second are 12 commits a second in the monitoring database: an idle server
    // must read 0 TPS, not Tusk's own sampling.
    const QString commit = QStringLiteral("pg_stat_database_xact_commit");
    const QString own = QString::fromLatin1(kOwnCommits);
    const auto idle = evaluate(overviewDashboard(), sampleWith({counter(commit, db("postgres"), 5000, 12.5),
                                                                counter(own, db("postgres"), 900, 12)},
                                                               {ran(QStringLiteral("database"))}));
    // Never below 0: the server counts our last tick's transactions a little later than we do.
    QCOMPARE(lineValue(idle, QStringLiteral("tps"), QStringLiteral("commits")).value_or(-1), 0.5);
    const auto jitter =
        evaluate(overviewDashboard(),
                 sampleWith({counter(commit, db("postgres"), 5000, 0), counter(own, db("postgres"), 900, 12)},
                            {ran(QStringLiteral("database"))}));
    QCOMPARE(lineValue(jitter, QStringLiteral("tps"), QStringLiteral("commits")).value_or(-1), 0.0);
    const auto first = evaluate(
        overviewDashboard(),
        sampleWith({counter(commit, db("postgres"), 5000, 30), counter(own, db("postgres"), 1, std::nan(""))},
                   {ran(QStringLiteral("database"))}));
    QVERIFY(std::isnan(lineValue(first, QStringLiteral("tps"), QStringLiteral("commits")).value_or(-1)));
}

void TestDashboardSpec::aLineWhoseProbeWasNotDueHasNoPoint()
{
    // bgwriter runs every 5 s: on the ticks between, the checkpoints chart has no point (not a
    // gap: the line goes on from its last point).
    const auto values = evaluate(
        overviewDashboard(), sampleWith({}, {ran(QStringLiteral("bgwriter"), ProbeStatus::State::NotDue)}));
    QVERIFY(!lineValue(values, QStringLiteral("checkpoints"), QStringLiteral("timed")));
    // A probe skipped for an extension or back-off gives nothing either; one not in the
    // sample at all (another server version) likewise.
    QVERIFY(!lineValue(values, QStringLiteral("tps"), QStringLiteral("commits")));
    const auto skipped = evaluate(
        overviewDashboard(), sampleWith({}, {ran(QStringLiteral("database"), ProbeStatus::State::Skipped)}));
    QVERIFY(!lineValue(skipped, QStringLiteral("tps"), QStringLiteral("commits")));
    // A sample without a connection gives nothing: MetricHistory writes the gap itself.
    Sample lost;
    lost.connected = false;
    lost.probes = {ran(QStringLiteral("database"))};
    QVERIFY(evaluate(overviewDashboard(), lost).isEmpty());
}

void TestDashboardSpec::aCounterWithoutARateOrAFailedProbeIsAGap()
{
    const QString commit = QStringLiteral("pg_stat_database_xact_commit");
    // One database without a rate (its stats were reset): the sum is unknown, not smaller.
    const auto values = evaluate(
        overviewDashboard(),
        sampleWith({counter(commit, db("crm"), 1000, 40), counter(commit, db("shop"), 5, std::nan(""))},
                   {ran(QStringLiteral("database"))}));
    QVERIFY(std::isnan(*lineValue(values, QStringLiteral("tps"), QStringLiteral("commits"))));
    const auto failed = evaluate(overviewDashboard(),
                                 sampleWith({}, {ran(QStringLiteral("wal"), ProbeStatus::State::Failed)}));
    QVERIFY(std::isnan(*lineValue(failed, QStringLiteral("wal"), QStringLiteral("wal"))));
}

void TestDashboardSpec::aProbeThatRanAndMatchedNothingIsZero()
{
    // No lock waits: every mode's pg_locks_waiting is 0, the sum a value, not a gap.
    const Labels accessShare{{QStringLiteral("datname"), QStringLiteral("crm")},
                             {QStringLiteral("mode"), QStringLiteral("accesssharelock")}};
    const Labels share{{QStringLiteral("datname"), QStringLiteral("crm")},
                       {QStringLiteral("mode"), QStringLiteral("sharelock")}};
    const Labels exclusive{{QStringLiteral("datname"), QStringLiteral("erp")},
                           {QStringLiteral("mode"), QStringLiteral("exclusivelock")}};
    const QString count = QStringLiteral("pg_locks_count");
    const QString waiting = QStringLiteral("pg_locks_waiting");
    const auto values = evaluate(overviewDashboard(),
                                 sampleWith({gauge(count, accessShare, 12), gauge(waiting, accessShare, 0)},
                                            {ran(QStringLiteral("locks"))}));
    QCOMPARE(lineValue(values, QStringLiteral("locks"), QStringLiteral("locks")).value_or(-1), 0.0);
    // Waiting locks of every mode and database add up; granted ones do not count.
    const auto waits = evaluate(
        overviewDashboard(),
        sampleWith({gauge(count, accessShare, 12), gauge(waiting, accessShare, 0), gauge(count, share, 2),
                    gauge(waiting, share, 2), gauge(count, exclusive, 3), gauge(waiting, exclusive, 1)},
                   {ran(QStringLiteral("locks"))}));
    QCOMPARE(lineValue(waits, QStringLiteral("locks"), QStringLiteral("locks")).value_or(-1), 3.0);
    // A probe that ran and matched nothing (no rows at all) is 0 too.
    const auto none = evaluate(overviewDashboard(), sampleWith({}, {ran(QStringLiteral("locks"))}));
    QCOMPARE(lineValue(none, QStringLiteral("locks"), QStringLiteral("locks")).value_or(-1), 0.0);
}

void TestDashboardSpec::theCacheHitRatioIsAPercentageAndZeroOverZeroIsAGap()
{
    const QString hit = QStringLiteral("pg_stat_database_blks_hit");
    const QString read = QStringLiteral("pg_stat_database_blks_read");
    const auto values = evaluate(
        overviewDashboard(), sampleWith({counter(hit, db("crm"), 0, 900), counter(read, db("crm"), 0, 5),
                                         counter(hit, db("shop"), 0, 90), counter(read, db("shop"), 0, 5)},
                                        {ran(QStringLiteral("database"))}));
    QCOMPARE(lineValue(values, QStringLiteral("cache_hit"), QStringLiteral("hit")).value_or(-1),
             99.0); // 990 of 1000
    // An idle second reads no block at all: no ratio, rather than 0 % or 100 %.
    const auto idle = evaluate(overviewDashboard(),
                               sampleWith({counter(hit, db("crm"), 0, 0), counter(read, db("crm"), 0, 0)},
                                          {ran(QStringLiteral("database"))}));
    QVERIFY(std::isnan(*lineValue(idle, QStringLiteral("cache_hit"), QStringLiteral("hit"))));
}

void TestDashboardSpec::splitLinesComeOnePerLabelValueWithTheirLegend()
{
    const QString lag = QStringLiteral("pg_stat_replication_replay_lag_bytes");
    const auto standby = [](const char *name) {
        return Labels{{QStringLiteral("application_name"), QString::fromLatin1(name)},
                      {QStringLiteral("client_addr"), QStringLiteral("127.0.0.1")},
                      {QStringLiteral("state"), QStringLiteral("streaming")}};
    };
    const DashboardSpec d = overviewDashboard();
    const auto values =
        evaluate(d, sampleWith({gauge(lag, standby("replica1"), 1024), gauge(lag, standby("replica2"), 0)},
                               {ran(QStringLiteral("replication"))}));
    QCOMPARE(
        lineValue(values, QStringLiteral("replication_lag"), QStringLiteral("standby:replica1")).value_or(-1),
        1024.0);
    QCOMPARE(
        lineValue(values, QStringLiteral("replication_lag"), QStringLiteral("standby:replica2")).value_or(-1),
        0.0);
    const ChartSpec &chart = overviewChart(d, QStringLiteral("replication_lag"));
    QCOMPARE(chartLineLabel(chart, QStringLiteral("standby:replica1")), QStringLiteral("replica1"));
    // No standby: no line at all, and the chart says why it is empty.
    const auto none = evaluate(d, sampleWith({}, {ran(QStringLiteral("replication"))}));
    QVERIFY(!lineValue(none, QStringLiteral("replication_lag"), QStringLiteral("standby")));
    QVERIFY(!chart.emptyText.isEmpty());

    const QString waits = QStringLiteral("pg_stat_activity_wait_count");
    const auto event = [](const char *type, const char *name) {
        return Labels{{QStringLiteral("wait_event_type"), QString::fromLatin1(type)},
                      {QStringLiteral("wait_event"), QString::fromLatin1(name)}};
    };
    const auto w = evaluate(
        d, sampleWith({gauge(waits, event("IO", "DataFileRead"), 3), gauge(waits, event("IO", "WALWrite"), 1),
                       gauge(waits, event("Lock", "transactionid"), 2)},
                      {ran(QStringLiteral("waits"))}));
    QCOMPARE(lineValue(w, QStringLiteral("waits"), QStringLiteral("wait:IO")).value_or(-1), 4.0);
    QCOMPARE(lineValue(w, QStringLiteral("waits"), QStringLiteral("wait:Lock")).value_or(-1), 2.0);
}

void TestDashboardSpec::theOldestIsTheLargestNotTheSum()
{
    const QString tx = QStringLiteral("pg_stat_activity_max_tx_duration");
    const auto state = [](const char *s) {
        return Labels{{QStringLiteral("state"), QString::fromLatin1(s)}};
    };
    const auto values =
        evaluate(overviewDashboard(),
                 sampleWith({gauge(tx, state("active"), 12), gauge(tx, state("idle in transaction"), 300),
                             gauge(tx, state("idle"), 0)},
                            {ran(QStringLiteral("activity"))}));
    QCOMPARE(lineValue(values, QStringLiteral("oldest"), QStringLiteral("transaction")).value_or(-1), 300.0);
    QCOMPARE(lineValue(values, QStringLiteral("oldest"), QStringLiteral("query")).value_or(-1),
             0.0); // nothing matched: nothing is old
}

void TestDashboardSpec::lineKeysRoundTrip()
{
    const QString key = chartLineKey(QStringLiteral("waits"), QStringLiteral("wait:IO"));
    QCOMPARE(key, QStringLiteral("tusk_chart_waits{line=\"wait:IO\"}"));
    QCOMPARE(chartLineOf(QStringLiteral("waits"), key), QStringLiteral("wait:IO"));
    QVERIFY(chartLineOf(QStringLiteral("wait"), key).isEmpty());
    QVERIFY(chartLineOf(QStringLiteral("waits"), QStringLiteral("pg_locks_count")).isEmpty());
    // A key as MetricHistory stores it is the one evaluate() names.
    MetricValue v;
    v.name = chartSeriesName(QStringLiteral("waits"));
    v.labels = {{QStringLiteral("line"), QStringLiteral("wait:IO")}};
    QCOMPARE(v.seriesKey(), key);
}

void TestDashboardSpec::decimationKeepsSpikesGapsAndTimeOrder()
{
    // An hour of 1 s points drawn on 100 columns: one spike and one gap must survive.
    QList<HistoryPoint> points;
    for (int i = 0; i < 3600; ++i) {
        double v = 10 + (i % 7);
        if (i == 1234)
            v = 500;
        if (i == 2000)
            v = std::nan("");
        points.append({qint64(i) * 1000, v, v, v});
    }
    const auto out = decimateMinMax(points, 0, 3'599'000, 100);
    QVERIFY2(out.size() <= 2 * 100 + 100, qPrintable(QString::number(out.size())));
    QVERIFY(out.size() >= 100);
    QVERIFY(std::any_of(out.begin(), out.end(), [](const HistoryPoint &p) { return p.value == 500; }));
    QVERIFY(std::any_of(out.begin(), out.end(),
                        [](const HistoryPoint &p) { return p.isGap() && p.atMs == 2'000'000; }));
    QVERIFY(std::is_sorted(out.begin(), out.end(),
                           [](const HistoryPoint &a, const HistoryPoint &b) { return a.atMs < b.atMs; }));
    // Both the low and the high of every slice: the band of values stays as wide.
    QVERIFY(std::any_of(out.begin(), out.end(), [](const HistoryPoint &p) { return p.value == 10; }));
    QVERIFY(std::any_of(out.begin(), out.end(), [](const HistoryPoint &p) { return p.value == 16; }));
}

void TestDashboardSpec::fewPointsAreNotDecimated()
{
    QList<HistoryPoint> points;
    for (int i = 0; i < 50; ++i)
        points.append({qint64(i) * 1000, double(i), double(i), double(i)});
    QCOMPARE(decimateMinMax(points, 0, 49'000, 100).size(), 50);
}

QTEST_GUILESS_MAIN(TestDashboardSpec)
#include "tst_dashboardspec.moc"
