// The monitoring probes' files (resources/sql/monitor, compiled in) and the rate rules, without
// a server: which file each major gets, what a result's rows become, and when a rate is a gap.

#include "../../common/chunks.h"
#include "monitor/probe.h"
#include "monitor/ratecalculator.h"
#include "pg/rowset.h"

#include <QTest>

using namespace tusk;
using namespace tusk::monitor;

class TestMonitorProbes : public QObject
{
    Q_OBJECT
private slots:
    void everyBuiltInProbeParsesForEveryMajor();
    void theFileIsChosenByServerVersion();
    void malformedHeadersAreErrors();
    void rowsBecomeLabelledValues();
    void aColumnTheHeaderNamesButTheResultLacksIsAnError();
    void countersBecomeRatesPerSecond();
    void aSlowerProbesCounterGetsARateAcrossTheTicksItSkips();
    void aCounterThatWentDownIsAGapNotANegativeRate();
    void aServerRestartOrALostConnectionIsAGap();
    void aStatsResetIsAGapEvenWhenTheCounterGrewPastItsOldValue();
};

namespace {
const Probe *named(const QList<Probe> &probes, const QString &name)
{
    for (const Probe &p : probes) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

Sample sampleAt(qint64 millis, std::initializer_list<MetricValue> values, qint64 startedMsecs = 1000)
{
    Sample s;
    s.connected = true;
    s.monotonicMillis = millis;
    s.serverStart = QDateTime::fromMSecsSinceEpoch(startedMsecs);
    s.values = values;
    return s;
}

MetricValue counter(const QString &name, double v, Labels labels = {})
{
    return {name, std::move(labels), MetricKind::Counter, v};
}
} // namespace

void TestMonitorProbes::everyBuiltInProbeParsesForEveryMajor()
{
    for (int major = 12; major <= 18; ++major) {
        auto probes = probesFor(major);
        QVERIFY2(probes, qPrintable(probes ? QString() : probes.error()));
        QVERIFY2(probes->size() >= 9, qPrintable(QString::number(probes->size())));
        for (const Probe &p : *probes) {
            QVERIFY2(!p.sql.contains(QLatin1String("-- family")), qPrintable(p.name));
            QVERIFY2(p.family.startsWith(QLatin1String("pg_")), qPrintable(p.name));
        }
    }
}

void TestMonitorProbes::theFileIsChosenByServerVersion()
{
    auto on13 = probesFor(13);
    auto on14 = probesFor(14);
    auto on16 = probesFor(16);
    auto on17 = probesFor(17);
    QVERIFY(on13 && on14 && on16 && on17);
    QVERIFY(!named(*on13, QStringLiteral("walstats"))); // pg_stat_wal is 14+
    QVERIFY(named(*on14, QStringLiteral("walstats")));
    QCOMPARE(named(*on16, QStringLiteral("bgwriter"))->fromMajor, 0);
    QVERIFY(named(*on16, QStringLiteral("bgwriter"))->sql.contains(QLatin1String("FROM pg_stat_bgwriter")));
    QCOMPARE(named(*on17, QStringLiteral("bgwriter"))->fromMajor, 17); // pg_stat_checkpointer
    QVERIFY(named(*on17, QStringLiteral("bgwriter"))->sql.contains(QLatin1String("pg_stat_checkpointer")));
    // The metric names do not change with the version: charts and alerts keep working.
    QVERIFY(named(*on17, QStringLiteral("bgwriter"))
                ->counters.contains(QStringLiteral("checkpoints_timed_total")));
    QVERIFY(named(*on16, QStringLiteral("bgwriter"))
                ->counters.contains(QStringLiteral("checkpoints_timed_total")));
}

void TestMonitorProbes::malformedHeadersAreErrors()
{
    QVERIFY(
        !Probe::parse(QStringLiteral("x"), 0, QStringLiteral("-- interval: 1\n-- gauges: a\nSELECT 1 AS a")));
    QVERIFY(
        !Probe::parse(QStringLiteral("x"), 0, QStringLiteral("-- family: f\n-- interval: 1\nSELECT 1 AS a")));
    QVERIFY(!Probe::parse(QStringLiteral("x"), 0,
                          QStringLiteral("-- family: f\n-- interval: 0\n-- gauges: a\nSELECT 1")));
    QVERIFY(!Probe::parse(QStringLiteral("x"), 0, QStringLiteral("-- family: f\n-- gauges: a\n")));
    auto ok = Probe::parse(
        QStringLiteral("x"), 0,
        QStringLiteral("-- why it exists\n-- family: f\n-- interval: 5\n-- gauges: a\nSELECT 1 AS a"));
    QVERIFY(ok);
    QCOMPARE(ok->intervalSeconds, 5);
    QCOMPARE(ok->sql, QStringLiteral("SELECT 1 AS a"));
    // A parameter the sampler would not know how to bind is refused, not bound as NULL.
    const auto bound =
        Probe::parse(QStringLiteral("x"), 0,
                     QStringLiteral("-- family: f\n-- gauges: a\n-- parameters: every_database\n"
                                    "SELECT 1 AS a WHERE $1::boolean"));
    QVERIFY(bound);
    QCOMPARE(bound->parameters, QStringList{QStringLiteral("every_database")});
    const auto unknown =
        Probe::parse(QStringLiteral("x"), 0,
                     QStringLiteral("-- family: f\n-- gauges: a\n-- parameters: tenant\nSELECT $1 AS a"));
    QVERIFY(!unknown);
    QVERIFY(unknown.error().contains(QStringLiteral("tenant")));
}

void TestMonitorProbes::rowsBecomeLabelledValues()
{
    auto probe =
        Probe::parse(QStringLiteral("database"), 0,
                     QStringLiteral("-- family: pg_stat_database\n-- interval: 1\n-- labels: datname\n"
                                    "-- gauges: numbackends\n-- counters: xact_commit\nSELECT …"));
    QVERIFY(probe);
    pg::RowSet rows;
    rows.setColumns(test::columns({{"datname", 19}, {"numbackends", 23}, {"xact_commit", 20}}));
    rows.append(test::chunk(3, {{"crm", "4", "1200"}, {"postgres", "1", nullptr}}));
    auto values = probe->read(rows);
    QVERIFY2(values, qPrintable(values ? QString() : values.error()));
    QCOMPARE(values->size(), 3); // NULL is no value, not zero
    QCOMPARE(values->at(0).name, QStringLiteral("pg_stat_database_numbackends"));
    QCOMPARE(values->at(0).kind, MetricKind::Gauge);
    QCOMPARE(values->at(1).seriesKey(), QStringLiteral("pg_stat_database_xact_commit{datname=\"crm\"}"));
    QCOMPARE(values->at(1).value, 1200.0);
    QCOMPARE(values->at(1).kind, MetricKind::Counter);
    QCOMPARE(values->at(2).labels, (Labels{{QStringLiteral("datname"), QStringLiteral("postgres")}}));
}

void TestMonitorProbes::aColumnTheHeaderNamesButTheResultLacksIsAnError()
{
    auto probe =
        Probe::parse(QStringLiteral("p"), 0, QStringLiteral("-- family: f\n-- gauges: a b\nSELECT 1 AS a"));
    QVERIFY(probe);
    pg::RowSet rows;
    rows.setColumns(test::columns({{"a", 23}}));
    rows.append(test::chunk(1, {{"1"}}));
    auto values = probe->read(rows);
    QVERIFY(!values);
    QVERIFY(values.error().contains(QLatin1String("no column b")));
}

void TestMonitorProbes::countersBecomeRatesPerSecond()
{
    RateCalculator rates;
    Sample first =
        sampleAt(0, {counter(QStringLiteral("c"), 100), {QStringLiteral("g"), {}, MetricKind::Gauge, 7}});
    rates.apply(first);
    QVERIFY(!first.values[0].hasRate()); // nothing to compare with yet
    Sample second =
        sampleAt(2000, {counter(QStringLiteral("c"), 300), {QStringLiteral("g"), {}, MetricKind::Gauge, 9}});
    rates.apply(second);
    QCOMPARE(second.values[0].rate, 100.0); // 200 in 2 s
    QVERIFY(!second.values[1].hasRate());   // gauges are read as they are
    // Labels keep series apart.
    Sample a =
        sampleAt(3000, {counter(QStringLiteral("c"), 400),
                        counter(QStringLiteral("c"), 5, {{QStringLiteral("db"), QStringLiteral("x")}})});
    rates.apply(a);
    QCOMPARE(a.values[0].rate, 100.0);
    QVERIFY(!a.values[1].hasRate()); // a new series starts without a rate
}

void TestMonitorProbes::aSlowerProbesCounterGetsARateAcrossTheTicksItSkips()
{
    // bgwriter runs every 5 s on a 1 s tick: the ticks in between have none of its values.
    RateCalculator rates;
    Sample s1 = sampleAt(0, {counter(QStringLiteral("slow"), 100), counter(QStringLiteral("fast"), 1)});
    Sample s2 = sampleAt(1000, {counter(QStringLiteral("fast"), 2)});
    Sample s3 = sampleAt(5000, {counter(QStringLiteral("slow"), 600), counter(QStringLiteral("fast"), 6)});
    rates.apply(s1);
    rates.apply(s2);
    rates.apply(s3);
    QCOMPARE(s3.values[0].rate, 100.0); // 500 in 5 s
    QCOMPARE(s3.values[1].rate, 1.0);
    // A series missing for longer than any probe's interval is forgotten: it starts again.
    Sample late = sampleAt(5000 + 16 * 60 * 1000, {counter(QStringLiteral("fast"), 7)});
    Sample later = sampleAt(5000 + 32 * 60 * 1000, {counter(QStringLiteral("slow"), 900)});
    rates.apply(late);
    rates.apply(later);
    QVERIFY(!later.values[0].hasRate());
}

void TestMonitorProbes::aCounterThatWentDownIsAGapNotANegativeRate()
{
    RateCalculator rates;
    Sample s1 = sampleAt(0, {counter(QStringLiteral("c"), 1000)});
    Sample s2 = sampleAt(1000, {counter(QStringLiteral("c"), 10)}); // pg_stat_reset()
    Sample s3 = sampleAt(2000, {counter(QStringLiteral("c"), 30)});
    rates.apply(s1);
    rates.apply(s2);
    rates.apply(s3);
    QVERIFY(!s2.values[0].hasRate());
    QCOMPARE(s3.values[0].rate, 20.0); // measured again from the reset value
}

void TestMonitorProbes::aServerRestartOrALostConnectionIsAGap()
{
    RateCalculator rates;
    Sample s1 = sampleAt(0, {counter(QStringLiteral("c"), 10)}, 1000);
    Sample s2 = sampleAt(1000, {counter(QStringLiteral("c"), 5000)}, 90000); // restarted, then busy
    rates.apply(s1);
    rates.apply(s2);
    QVERIFY(!s2.values[0].hasRate());
    Sample lost;
    lost.connected = false;
    lost.monotonicMillis = 2000;
    rates.apply(lost);
    Sample s3 = sampleAt(3000, {counter(QStringLiteral("c"), 6000)}, 90000);
    rates.apply(s3);
    QVERIFY(!s3.values[0].hasRate()); // no rate across the gap
    Sample s4 = sampleAt(4000, {counter(QStringLiteral("c"), 6100)}, 90000);
    rates.apply(s4);
    QCOMPARE(s4.values[0].rate, 100.0);
}

void TestMonitorProbes::aStatsResetIsAGapEvenWhenTheCounterGrewPastItsOldValue()
{
    const Labels crm{{QStringLiteral("datname"), QStringLiteral("crm")}};
    const Labels hr{{QStringLiteral("datname"), QStringLiteral("hr")}};
    const auto reset = [](double epoch, const Labels &l) {
        return MetricValue{QStringLiteral("pg_stat_database_stats_reset_epoch"), l, MetricKind::Gauge, epoch};
    };
    RateCalculator rates;
    Sample s1 = sampleAt(0, {counter(QStringLiteral("pg_stat_database_xact_commit"), 100, crm),
                             counter(QStringLiteral("pg_stat_database_xact_commit"), 100, hr), reset(0, crm),
                             reset(0, hr)});
    // crm was reset and then did 500 commits within the second: the counter is up, not down.
    Sample s2 = sampleAt(1000, {counter(QStringLiteral("pg_stat_database_xact_commit"), 500, crm),
                                counter(QStringLiteral("pg_stat_database_xact_commit"), 150, hr),
                                reset(1700000000, crm), reset(0, hr)});
    rates.apply(s1);
    rates.apply(s2);
    QVERIFY(!s2.values[0].hasRate());
    QCOMPARE(s2.values[1].rate, 50.0); // the other database was not reset
}

QTEST_GUILESS_MAIN(TestMonitorProbes)
#include "tst_monitorprobes.moc"
