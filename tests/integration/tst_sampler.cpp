// monitor::Sampler against a real server: the ctest "sandbox" fixture's primary, and (label
// versions) a primary of every PostgreSQL major 12–18 — every built-in probe must run there.

#include "../common/fixture.h"
#include "monitor/dashboardspec.h"
#include "monitor/sampler.h"
#include "pg/connectionregistry.h"
#include "pg/session.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace tusk;
using namespace tusk::monitor;

class TestSampler : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyProbeRunsOnThisVersion();
    void statementsComeWithTheirTextsOnce();
    void aProbeWhoseExtensionIsMissingSaysWhy();
    void ratesFollowTheLoadAndAResetIsNoNegativeRate();
    void theMonitoringSessionIsReadOnlyAndNamed();
    void aSlowProbeIsSkippedAndTheOthersStillArrive();
    void aProbeHittingStatementTimeoutIsSkipped();
    void aKilledSessionIsAGapAndSamplingResumes();
    void theOverviewReadsEveryLineAndASleeperIsAWait();
    void quietDatabasesAreRowsOnlyForPrometheus();

private:
    /// Runs SQL on a session of its own (not the sampler's) and waits.
    bool run(const QString &sql, QString *firstCell = nullptr);
    /// The next sample, after asking for one.
    std::optional<Sample> nextSample(Sampler &sampler);

    std::optional<sandbox::LocalCluster> m_cluster;
    pg::ConnectionParams m_params; ///< the test's own database
    int m_major = 0;
};

void TestSampler::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        TUSK_SKIP_WITHOUT_FIXTURE();
    m_params = test::paramsFor(m_cluster->node(QStringLiteral("primary")).uri);
    QString version;
    QVERIFY(run(QStringLiteral("SELECT version()"), &version));
    qInfo("%s", qPrintable(version)); // the log says what really ran
    // A database of its own: pg_stat_reset() below touches only its counters.
    // FORCE (13+): tst_catalogloader's walk may be connected to a database left by a run before;
    // template0: CREATE DATABASE from template1 fails while anyone is connected to it.
    run(QStringLiteral("DROP DATABASE IF EXISTS tusk_sampler_test%1")
            .arg(m_major >= 13 ? QStringLiteral(" WITH (FORCE)") : QString()));
    QVERIFY(run(QStringLiteral("CREATE DATABASE tusk_sampler_test TEMPLATE template0")));
    m_params.set(QStringLiteral("dbname"), QStringLiteral("tusk_sampler_test"));
    QVERIFY(run(QStringLiteral("CREATE TABLE t (id int)")));
    // The sandbox preloads pg_stat_statements; a new database still needs the extension.
    QVERIFY(run(QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")));
}

void TestSampler::cleanupTestCase()
{
    if (!m_cluster)
        return;
    m_params.set(QStringLiteral("dbname"), QStringLiteral("postgres"));
    run(QStringLiteral("DROP DATABASE IF EXISTS tusk_sampler_test%1")
            .arg(m_major >= 13 ? QStringLiteral(" WITH (FORCE)") : QString()));
}

bool TestSampler::run(const QString &sql, QString *firstCell)
{
    pg::Session s(QStringLiteral("tusk-test"));
    s.connectTo(m_params);
    if (!QTest::qWaitFor([&] { return s.state() == pg::Session::State::Connected; }, 20000))
        return false;
    m_major = s.serverInfo().majorVersion();
    std::optional<pg::QueryOutcome> answer;
    s.query(sql, {}, this, [&answer](const pg::QueryOutcome &o) { answer = o; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
        return false;
    if (!*answer) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(answer->error().toString()));
        return false;
    }
    if (firstCell)
        *firstCell = (*answer)->text(0, 0);
    return true;
}

namespace {
/// The named probe's status in a sample (state Ok and a "missing" message when absent).
ProbeStatus statusOf(const Sample &s, const QString &probe)
{
    for (const ProbeStatus &p : s.probes) {
        if (p.probe == probe)
            return p;
    }
    return {probe, ProbeStatus::State::Ok, QStringLiteral("missing from the sample"), -1};
}

/// A 1 s probe of one gauge in family pg_test; false when its header does not parse.
bool addTestProbe(Sampler &sampler, const QString &name, const QString &gauge, const QString &sql)
{
    auto probe = Probe::parse(
        name, 0, QStringLiteral("-- family: pg_test\n-- interval: 1\n-- gauges: %1\n%2").arg(gauge, sql));
    if (probe)
        sampler.addProbe(*probe);
    return bool(probe);
}
} // namespace

std::optional<Sample> TestSampler::nextSample(Sampler &sampler)
{
    // Connected first: a tick while connecting is a gap by design.
    if (!QTest::qWaitFor([&] { return sampler.session()->state() == pg::Session::State::Connected; }, 20000))
        return std::nullopt;
    std::optional<Sample> got;
    auto c = connect(&sampler, &Sampler::sampled, this, [&got](const Sample &s) { got = s; });
    const bool asked = QTest::qWaitFor([&] { return sampler.sampleNow(); }, 20000);
    const bool answered = asked && QTest::qWaitFor([&] { return got.has_value(); }, 20000);
    disconnect(c);
    return answered ? got : std::nullopt;
}

void TestSampler::everyProbeRunsOnThisVersion()
{
    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    QVERIFY(
        QTest::qWaitFor([&] { return sampler.session()->state() == pg::Session::State::Connected; }, 20000));
    const auto s = nextSample(sampler);
    QVERIFY(s);
    QVERIFY2(s->connected, qPrintable(s->error));
    QVERIFY2(sampler.probeError().isEmpty(), qPrintable(sampler.probeError()));
    QCOMPARE(s->serverVersion / 10000, m_major);
    QVERIFY(s->serverStart.isValid());
    QVERIFY(s->probes.size() >= 9);
    for (const ProbeStatus &p : s->probes) {
        // Every probe is due on the first tick, and every one runs on this major.
        QVERIFY2(p.state == ProbeStatus::State::Ok, qPrintable(p.probe + QStringLiteral(": ") + p.message));
        QVERIFY(p.elapsedMicros >= 0);
    }
    const Labels here{{QStringLiteral("datname"), QStringLiteral("tusk_sampler_test")}};
    QVERIFY(s->find(QStringLiteral("pg_stat_database_xact_commit"), here));
    QVERIFY(s->find(QStringLiteral("pg_database_size_bytes"), here)->value > 1'000'000);
    QVERIFY(s->find(QStringLiteral("pg_wal_position_bytes"))->value > 0);
    // Every state of every database is there, 0 included: a chart shows "no active sessions",
    // not a gap (postgres_exporter's shape of pg_stat_activity_count).
    int statesHere = 0;
    for (const MetricValue *v : s->all(QStringLiteral("pg_stat_activity_count")))
        statesHere += v->labels.value(0) == here.value(0) ? 1 : 0;
    QCOMPARE(statesHere, 6);
    QVERIFY(s->find(QStringLiteral("pg_stat_activity_count"),
                    {here.value(0), {QStringLiteral("state"), QStringLiteral("disabled")}}));
    QVERIFY(s->find(QStringLiteral("pg_locks_count"),
                    {here.value(0), {QStringLiteral("mode"), QStringLiteral("accesssharelock")}}));
    QVERIFY(s->find(QStringLiteral("pg_stat_bgwriter_checkpoints_timed_total")));
    QVERIFY(s->find(QStringLiteral("pg_database_wraparound_age_datfrozenxid"), here));
    QCOMPARE(bool(s->find(QStringLiteral("pg_stat_wal_wal_bytes"))), m_major >= 14);
    // Its own transactions, which pg_stat_database counts in this database too.
    const MetricValue *own = s->find(QString::fromLatin1(kOwnCommits), here);
    QVERIFY(own);
    QCOMPARE(own->kind, MetricKind::Counter);
    QVERIFY(own->value >= 2); // the meta statement and at least one probe
    qInfo("PostgreSQL %d: %lld values from %lld probes in one round trip of %lld µs", m_major,
          qlonglong(s->values.size()), qlonglong(s->probes.size()), qlonglong(s->roundTripMicros));
}

void TestSampler::statementsComeWithTheirTextsOnce()
{
    // A statement slow enough to be among the top 200 by time whatever else the shared sandbox
    // ran: twice 0.4 s. Its queryid must be its own: pg_stat_statements ignores aliases and
    // constants, so "SELECT pg_sleep(0.4) AS marker" shares its queryid (and its first text,
    // "SELECT pg_sleep($1)") with every pg_sleep another test ran; a table of its own does not.
    QVERIFY(run(QStringLiteral("CREATE TABLE tusk_statements_marker (x int)")));
    QVERIFY(run(QStringLiteral("INSERT INTO tusk_statements_marker VALUES (1)")));
    const QString marker = QStringLiteral("SELECT pg_sleep(0.4) FROM tusk_statements_marker");
    QVERIFY(run(marker));
    QVERIFY(run(marker));
    QString queryId;
    QVERIFY(run(
        QStringLiteral("SELECT queryid::text FROM pg_stat_statements "
                       "WHERE query LIKE '%pg_sleep%tusk_statements_marker%' AND query NOT LIKE '%queryid%'"),
        &queryId));
    QVERIFY(!queryId.isEmpty());

    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    const auto first = nextSample(sampler);
    QVERIFY(first && first->connected);
    QCOMPARE(statusOf(*first, QStringLiteral("statements")).state, ProbeStatus::State::Ok);
    const MetricValue *calls = nullptr;
    for (const MetricValue *v : first->all(QStringLiteral("pg_stat_statements_calls"))) {
        for (const auto &[name, value] : v->labels) {
            if (name == QLatin1String("queryid") && value == queryId)
                calls = v;
        }
    }
    QVERIFY2(calls, qPrintable(queryId));
    QCOMPARE(calls->kind, MetricKind::Counter);
    QVERIFY(calls->value >= 2);
    QVERIFY(first->statementTexts.isEmpty()); // texts follow in the next batch, not this one

    const auto second = nextSample(sampler);
    QVERIFY(second && second->connected);
    QVERIFY2(second->statementTexts.value(queryId).contains(QLatin1String("tusk_statements_marker")),
             qPrintable(second->statementTexts.value(queryId)));
    // The statements probe runs every 10 s: not due on this tick, and no text is asked twice.
    QCOMPARE(statusOf(*second, QStringLiteral("statements")).state, ProbeStatus::State::NotDue);
    const auto third = nextSample(sampler);
    QVERIFY(third && third->connected);
    QVERIFY(!third->statementTexts.contains(queryId));
    qInfo("PostgreSQL %d: %lld statements sampled, %lld texts fetched once", m_major,
          qlonglong(first->all(QStringLiteral("pg_stat_statements_calls")).size()),
          qlonglong(second->statementTexts.size()));
}

void TestSampler::aProbeWhoseExtensionIsMissingSaysWhy()
{
    QVERIFY(run(QStringLiteral("DROP EXTENSION pg_stat_statements")));
    {
        pg::ConnectionRegistry registry;
        Sampler sampler(&registry, m_params);
        const auto s = nextSample(sampler);
        QVERIFY(s && s->connected);
        const ProbeStatus statements = statusOf(*s, QStringLiteral("statements"));
        QCOMPARE(statements.state, ProbeStatus::State::Skipped);
        QVERIFY2(statements.message.contains(QLatin1String("CREATE EXTENSION pg_stat_statements")),
                 qPrintable(statements.message));
        QCOMPARE(statusOf(*s, QStringLiteral("database")).state, ProbeStatus::State::Ok);
        QVERIFY(s->all(QStringLiteral("pg_stat_statements_calls")).isEmpty());
    }
    QVERIFY(run(QStringLiteral("CREATE EXTENSION pg_stat_statements")));
}

void TestSampler::ratesFollowTheLoadAndAResetIsNoNegativeRate()
{
    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    const Labels here{{QStringLiteral("datname"), QStringLiteral("tusk_sampler_test")}};
    QVERIFY(nextSample(sampler));
    // 50 committed transactions between two samples.
    for (int i = 0; i < 50; ++i)
        QVERIFY(run(QStringLiteral("INSERT INTO t VALUES (%1)").arg(i)));
    const auto s = nextSample(sampler);
    QVERIFY(s && s->connected);
    const MetricValue *commits = s->find(QStringLiteral("pg_stat_database_xact_commit"), here);
    QVERIFY(commits && commits->hasRate());
    QVERIFY2(commits->rate > 0, qPrintable(QString::number(commits->rate)));
    QVERIFY(s->find(QStringLiteral("pg_stat_database_tup_inserted"), here)->rate > 0);

    QVERIFY(run(QStringLiteral("SELECT pg_stat_reset()")));
    const auto afterReset = nextSample(sampler);
    QVERIFY(afterReset && afterReset->connected);
    for (const MetricValue &v : afterReset->values) {
        if (v.kind == MetricKind::Counter && v.hasRate())
            QVERIFY2(v.rate >= 0,
                     qPrintable(v.seriesKey() + QStringLiteral(" = ") + QString::number(v.rate)));
    }
}

void TestSampler::theMonitoringSessionIsReadOnlyAndNamed()
{
    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    pg::Session *s = sampler.session();
    QVERIFY(QTest::qWaitFor([&] { return s->state() == pg::Session::State::Connected; }, 20000));
    QCOMPARE(s->serverInfo().applicationName, QStringLiteral("tusk-monitor"));
    std::optional<pg::QueryOutcome> write;
    s->query(QStringLiteral("CREATE TABLE monitor_must_not_write (id int)"), {}, this,
             [&write](const pg::QueryOutcome &o) { write = o; });
    QVERIFY(QTest::qWaitFor([&] { return write.has_value(); }, 20000));
    QVERIFY(!*write);
    QCOMPARE(write->error().sqlState, QStringLiteral("25006")); // read_only_sql_transaction
    std::optional<pg::QueryOutcome> settings;
    s->query(QStringLiteral(
                 "SELECT current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt"),
             {}, this, [&settings](const pg::QueryOutcome &o) { settings = o; });
    QVERIFY(QTest::qWaitFor([&] { return settings.has_value(); }, 20000));
    QVERIFY(*settings);
    QCOMPARE((*settings)->text(0, u"st"), QStringLiteral("2s"));
    QCOMPARE((*settings)->text(0, u"lt"), QStringLiteral("500ms"));
}

void TestSampler::aSlowProbeIsSkippedAndTheOthersStillArrive()
{
    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    QVERIFY(addTestProbe(sampler, QStringLiteral("slow"), QStringLiteral("slept"),
                         QStringLiteral("SELECT 1 AS slept FROM pg_sleep(0.7)")));
    const auto first = nextSample(sampler);
    QVERIFY(first && first->connected);
    QVERIFY(first->find(QStringLiteral("pg_test_slept"))); // it ran, took 700 ms of a 1 s interval
    const auto second = nextSample(sampler);
    QVERIFY(second && second->connected);
    const ProbeStatus slowStatus = statusOf(*second, QStringLiteral("slow"));
    QCOMPARE(slowStatus.state, ProbeStatus::State::Skipped);
    QVERIFY2(slowStatus.message.contains(QLatin1String("took")), qPrintable(slowStatus.message));
    QVERIFY(!second->find(QStringLiteral("pg_test_slept")));
    QVERIFY(second->find(QStringLiteral("pg_wal_position_bytes"))); // the rest still comes
}

void TestSampler::aProbeHittingStatementTimeoutIsSkipped()
{
    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    QVERIFY(addTestProbe(sampler, QStringLiteral("stuck"), QStringLiteral("never"),
                         QStringLiteral("SELECT 1 AS never FROM pg_sleep(30)")));
    const auto s = nextSample(sampler);
    QVERIFY(s && s->connected);
    const ProbeStatus stuckStatus = statusOf(*s, QStringLiteral("stuck"));
    QCOMPARE(stuckStatus.state, ProbeStatus::State::Failed);
    QVERIFY2(stuckStatus.message.contains(QLatin1String("statement_timeout")),
             qPrintable(stuckStatus.message));
    QVERIFY(s->find(QStringLiteral("pg_wal_position_bytes"))); // one probe's timeout fails only it
    const auto next = nextSample(sampler);
    QVERIFY(next && next->connected);
    QCOMPARE(statusOf(*next, QStringLiteral("stuck")).state, ProbeStatus::State::Skipped);
}

void TestSampler::aKilledSessionIsAGapAndSamplingResumes()
{
    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    sampler.setTickInterval(500);
    QList<Sample> samples;
    connect(&sampler, &Sampler::sampled, this, [&samples](const Sample &s) { samples.append(s); });
    sampler.start();
    QVERIFY(QTest::qWaitFor([&] { return !samples.isEmpty() && samples.last().connected; }, 20000));
    const int pid = sampler.session()->serverInfo().backendPid;
    QVERIFY(run(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)));
    QVERIFY2(QTest::qWaitFor([&] { return !samples.last().connected; }, 20000), "no gap after the kill");
    // Back by itself, on a new backend, with counters measured again (no rate across the gap).
    QVERIFY2(QTest::qWaitFor([&] { return samples.last().connected; }, 30000), "sampling did not resume");
    QVERIFY(sampler.session()->serverInfo().backendPid != pid);
    const MetricValue *wal = samples.last().find(QStringLiteral("pg_wal_position_bytes"));
    QVERIFY(wal);
    QVERIFY(!wal->hasRate());
    sampler.stop();
}

void TestSampler::theOverviewReadsEveryLineAndASleeperIsAWait()
{
    // The overview dashboard on this major: every line whose probe ran has a value, the rates
    // from the second sample on, and a session in pg_sleep is an active session waiting on
    // Timeout/PgSleep.
    pg::Session sleeper(QStringLiteral("tusk-test"));
    sleeper.connectTo(m_params);
    QVERIFY(QTest::qWaitFor([&] { return sleeper.state() == pg::Session::State::Connected; }, 20000));
    const quint64 sleep = sleeper.execute(QStringLiteral("SELECT pg_sleep(5)"));
    QTest::qWait(300); // the sleep has begun

    pg::ConnectionRegistry registry;
    Sampler sampler(&registry, m_params);
    const auto first = nextSample(sampler);
    QVERIFY(first && first->connected);
    QTest::qWait(1000);
    const auto second = nextSample(sampler);
    QVERIFY(second && second->connected);
    const Labels sleeping{{QStringLiteral("wait_event_type"), QStringLiteral("Timeout")},
                          {QStringLiteral("wait_event"), QStringLiteral("PgSleep")}};
    const MetricValue *wait = second->find(QStringLiteral("pg_stat_activity_wait_count"), sleeping);
    QVERIFY2(wait, "no Timeout/PgSleep wait while a session sleeps");
    QVERIFY(wait->value >= 1);

    const DashboardSpec overview = overviewDashboard();
    for (const Sample *sample : {&*first, &*second}) {
        const QList<MetricValue> values = evaluate(overview, *sample);
        for (const ChartSpec &chart : overview.charts) {
            for (const LineSpec &line : chart.lines) {
                if (!line.splitBy.isEmpty() || statusOf(*sample, line.probe).state != ProbeStatus::State::Ok)
                    continue;
                const auto it = std::find_if(values.begin(), values.end(), [&](const MetricValue &v) {
                    return v.name == chartSeriesName(chart.id) &&
                           v.labels == Labels{{QStringLiteral("line"), line.id}};
                });
                const QString what = chart.id + u'/' + line.id;
                QVERIFY2(it != values.end(), qPrintable(what));
                // Rates need two samples; the cache hit ratio needs a block read or hit.
                if (sample == &*second && line.id != QLatin1String("hit"))
                    QVERIFY2(!std::isnan(it->value), qPrintable(what));
            }
        }
    }
    const auto values = evaluate(overview, *second);
    QVERIFY(std::any_of(values.begin(), values.end(), [](const MetricValue &v) {
        return v.name == chartSeriesName(QStringLiteral("waits")) &&
               v.labels == Labels{{QStringLiteral("line"), QStringLiteral("wait:Timeout")}} && v.value >= 1;
    }));
    sleeper.cancel(sleep);
}

void TestSampler::quietDatabasesAreRowsOnlyForPrometheus()
{
    // template0 takes no connections: a dashboard gets no rows for it (1,000 quiet databases
    // would be 6,000 activity and 9,000 lock rows a second), Prometheus gets its zeros as
    // postgres_exporter serves them. The monitored database has every state and mode either way.
    const Labels quiet{{QStringLiteral("datname"), QStringLiteral("template0")}};
    const Labels here{{QStringLiteral("datname"), QStringLiteral("tusk_sampler_test")}};
    const Labels idle{quiet.value(0), {QStringLiteral("state"), QStringLiteral("idle")}};
    const Labels share{quiet.value(0), {QStringLiteral("mode"), QStringLiteral("accesssharelock")}};
    for (const bool everyDatabase : {false, true}) {
        pg::ConnectionRegistry registry;
        Sampler sampler(&registry, m_params);
        sampler.setEveryDatabase(everyDatabase);
        const auto s = nextSample(sampler);
        QVERIFY(s && s->connected);
        QCOMPARE(bool(s->find(QStringLiteral("pg_stat_activity_count"), idle)), everyDatabase);
        QCOMPARE(bool(s->find(QStringLiteral("pg_locks_count"), share)), everyDatabase);
        if (everyDatabase)
            QCOMPARE(s->find(QStringLiteral("pg_stat_activity_count"), idle)->value, 0.0);
        int states = 0;
        int modes = 0;
        for (const MetricValue *v : s->all(QStringLiteral("pg_stat_activity_count")))
            states += v->labels.value(0) == here.value(0) ? 1 : 0;
        for (const MetricValue *v : s->all(QStringLiteral("pg_locks_count")))
            modes += v->labels.value(0) == here.value(0) ? 1 : 0;
        QCOMPARE(states, 6);
        QCOMPARE(modes, 9);
    }
}

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
