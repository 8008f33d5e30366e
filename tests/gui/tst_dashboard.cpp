// The dashboard tab against the sandbox, as a DBA uses it during an incident: charts fill with
// live data, the TPS read under pgbench's fixed rate is that rate, a session sleeping shows in
// the waits, a drag zooms every chart, nothing polls while the tab is hidden, and the UI thread
// never does much at once. Screenshots in light and dark (and at 200%: tst_dashboard_200).

#include "../common/fixture.h"
#include "../common/guitest.h"
#include "../common/stallwatchdog.h"
#include "charts/dashboardview.h"
#include "common/palettes.h"
#include "dashboardworkspace.h"
#include "monitor/metrichistory.h"
#include "monitor/sampler.h"
#include "pg/connectionregistry.h"
#include "pg/session.h"
#include "state/statedatabase.h"

#include <QAction>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace tusk;

namespace {
// The most UI-thread CPU time any single stall may take (StallWatchdog): at least 5x the
// worst measured on the CI kind (see the qInfo lines), so that a loaded machine cannot fail it
// while a redraw of hundreds of ms still does. Measured 34-47 ms (a refresh of the 12 charts
// plus their repaint at 1500x1000); the speed goal (< 16 ms) lives in bench_dashboard.
constexpr qint64 kStallCpuBoundMs = 250;
// tst_dashboard_200 may run beside tst_dashboard: a database of its own.
const QString kDatabase = QStringLiteral("tusk_dashboard_test") +
                          qEnvironmentVariable("TUSK_SCREENSHOT_SUFFIX").replace(u'-', u'_');
} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void chartsFillWithLiveDataAndTheTpsIsPgbenchsRate();
    void aSleepingSessionShowsInTheWaits();
    void aDragZoomsEveryChartAndADoubleClickGoesBackToLive();
    void nothingPollsWhileTheTabIsHidden();
    void screenshots();

private:
    /// Runs the test database's pgbench script at `rate` per second for `seconds`; its output.
    QProcess *startPgbench(int rate, int seconds, const QString &script);
    /// A dashboard on the test database, shown and connected.
    std::unique_ptr<DashboardWorkspace> openDashboard();

    std::optional<sandbox::LocalCluster> m_cluster;
    pg::ConnectionParams m_params;
    QString m_uri;
    QTemporaryDir m_dir;
    std::unique_ptr<state::StateDatabase> m_state;
    pg::ConnectionRegistry m_registry;
};

void TestDashboard::initTestCase()
{
    test::setUpGuiTest();
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_cluster->psql(QStringLiteral("primary"),
                    QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(kDatabase));
    auto r = m_cluster->psql(QStringLiteral("primary"), QStringLiteral("CREATE DATABASE %1").arg(kDatabase));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error()));
    m_uri = m_cluster->node(QStringLiteral("primary"))
                .uri.replace(QStringLiteral("/postgres?"), u'/' + kDatabase + u'?');
    m_params = test::paramsFor(m_uri);
    r = m_cluster->psql(
        QStringLiteral("primary"),
        QStringLiteral("CREATE TABLE dashboard_load (x int); INSERT INTO dashboard_load VALUES (1);"),
        kDatabase);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error()));
    m_state = std::make_unique<state::StateDatabase>(m_dir.filePath(QStringLiteral("state.sqlite")));
}

void TestDashboard::cleanupTestCase()
{
    if (m_cluster)
        m_cluster->psql(QStringLiteral("primary"),
                        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(kDatabase));
}

QProcess *TestDashboard::startPgbench(int rate, int seconds, const QString &script)
{
    QFile f(m_dir.filePath(QStringLiteral("script-%1.sql").arg(rate)));
    if (!f.open(QIODevice::WriteOnly) || f.write(script.toUtf8()) < 0)
        return nullptr;
    f.close();
    QFile::setPermissions(f.fileName(),
                          QFileDevice::ReadOwner | QFileDevice::ReadOther | QFileDevice::WriteOwner);
    auto *p = new QProcess(this);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(m_cluster->binaries().clientProgram(QStringLiteral("pgbench")),
             {QStringLiteral("-n"), QStringLiteral("-c"), QStringLiteral("2"), QStringLiteral("-R"),
              QString::number(rate), QStringLiteral("-T"), QString::number(seconds), QStringLiteral("-f"),
              f.fileName(), m_uri});
    return p;
}

std::unique_ptr<DashboardWorkspace> TestDashboard::openDashboard()
{
    auto w = std::make_unique<DashboardWorkspace>(&m_registry, m_params, m_state.get());
    w->resize(1500, 1000);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    if (!QTest::qWaitFor([&] { return w->session()->state() == pg::Session::State::Connected; }, 20000))
        return nullptr;
    return w;
}

void TestDashboard::chartsFillWithLiveDataAndTheTpsIsPgbenchsRate()
{
    auto w = openDashboard();
    QVERIFY(w);
    test::StallWatchdog watchdog;
    // 200 transactions a second for 20 s; the rate over 12 s in the middle is compared. Each
    // reads a table: since PostgreSQL 15 a backend flushes its transaction counts (once a
    // second at most, before going idle) only when it has table stats pending too, so a load
    // of bare "SELECT 1" shows in pg_stat_database only when its connections close.
    std::unique_ptr<QProcess> pgbench(
        startPgbench(200, 20, QStringLiteral("SELECT x FROM dashboard_load;\n")));
    QVERIFY(pgbench && pgbench->waitForStarted(10000));
    const qint64 started = QDateTime::currentMSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(pgbench->state() == QProcess::NotRunning, 90000);
    const QString output = QString::fromUtf8(pgbench->readAll());
    QCOMPARE(pgbench->exitCode(), 0);
    // "tps = 199.871234 (without initial connection time)"
    const auto m = QRegularExpression(QStringLiteral("tps = ([0-9.]+) \\(without initial")).match(output);
    QVERIFY2(m.hasMatch(), qPrintable(output));
    const double pgbenchTps = m.captured(1).toDouble();

    // The test database's commits, without the dashboard's own (what the TPS chart does over
    // all databases; the sandbox is shared with other tests running now).
    const auto meanRate = [&](const char *metric, int *count) {
        const QString key = QStringLiteral("%1{datname=\"%2\"}").arg(QLatin1String(metric), kDatabase);
        double sum = 0;
        *count = 0;
        for (const auto &p : w->history()->recent(key, started + 4000, started + 16000)) {
            if (!p.isGap()) {
                sum += p.value;
                ++*count;
            }
        }
        return *count > 0 ? sum / *count : std::nan("");
    };
    int n = 0, ownN = 0;
    const double all = meanRate("pg_stat_database_xact_commit", &n);
    const double own = meanRate(monitor::kOwnCommits, &ownN);
    QVERIFY2(n >= 6 && ownN >= 6, qPrintable(QStringLiteral("%1 and %2 points").arg(n).arg(ownN)));
    const double dashboardTps = all - own;
    qInfo("pgbench: %.1f tps; the dashboard over 12 s: %.1f tps (%.1f with its own %.1f, %d points); "
          "worst stall %s",
          pgbenchTps, dashboardTps, all, own, n, qPrintable(watchdog.summary()));
    QVERIFY2(std::fabs(dashboardTps - pgbenchTps) <= 0.05 * pgbenchTps,
             qPrintable(QStringLiteral("%1 vs %2").arg(dashboardTps).arg(pgbenchTps)));

    // Every chart of the overview that has something to show shows it.
    widgets::DashboardView *view = w->view();
    const auto *tps = view->chart(QStringLiteral("tps"));
    QVERIFY(tps);
    QVERIFY(!tps->lines().isEmpty());
    QCOMPARE(tps->lines().first().label, QStringLiteral("commits"));
    QVERIFY(tps->axisTop() >= pgbenchTps); // the whole peak fits
    for (const char *id : {"sessions", "cache_hit", "wal", "locks", "oldest", "rows"}) {
        const auto *c = view->chart(QString::fromLatin1(id));
        QVERIFY2(c && !c->lines().isEmpty(), id);
        const auto &first = c->lines().first().points;
        QVERIFY2(std::any_of(first.begin(), first.end(), [](const auto &p) { return !p.isGap(); }), id);
    }
    // One line per standby the sandbox streams to (it has one), named as it connects; none
    // and the chart says so instead of an empty box.
    const auto standbys = m_cluster->psql(
        QStringLiteral("primary"), QStringLiteral("SELECT string_agg(application_name, ',' ORDER BY 1) "
                                                  "FROM pg_stat_replication"));
    QVERIFY(standbys.ok());
    const auto *lag = view->chart(QStringLiteral("replication_lag"));
    QStringList shown;
    for (const auto &l : lag->lines())
        shown << l.label;
    QCOMPARE(shown.join(u','), standbys->trimmed());
    QCOMPARE(lag->emptyTextShown().isEmpty(), !shown.isEmpty());
    watchdog.tick();
    QVERIFY2(watchdog.worstStallCpuMs() < kStallCpuBoundMs, qPrintable(watchdog.summary()));
}

void TestDashboard::aSleepingSessionShowsInTheWaits()
{
    auto w = openDashboard();
    QVERIFY(w);
    pg::Session sleeper(QStringLiteral("tusk-test"));
    sleeper.connectTo(m_params);
    QTRY_VERIFY_WITH_TIMEOUT(sleeper.state() == pg::Session::State::Connected, 20000);
    sleeper.execute(QStringLiteral("SELECT pg_sleep(6)"));
    const auto *waits = w->view()->chart(QStringLiteral("waits"));
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(waits->lines().begin(), waits->lines().end(),
                                         [](const auto &l) { return l.label == QLatin1String("Timeout"); }),
                             20000);
    const QString at = waits->valuesAt(QDateTime::currentMSecsSinceEpoch() - 1500);
    // At least ours: the waits are server-wide, and other tests share the sandbox.
    const auto m = QRegularExpression(QStringLiteral("Timeout: (\\d+)")).match(at);
    QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 1, qPrintable(at));
}

void TestDashboard::aDragZoomsEveryChartAndADoubleClickGoesBackToLive()
{
    auto w = openDashboard();
    QVERIFY(w);
    widgets::DashboardView *view = w->view();
    QVERIFY(view->isLive());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // What a drag on the WAL chart asks for.
    emit view->chart(QStringLiteral("wal"))->rangeRequested(now - 120'000, now - 60'000);
    QVERIFY(!view->isLive());
    for (const auto *c : view->charts()) {
        QCOMPARE(c->fromMs(), now - 120'000);
        QCOMPARE(c->toMs(), now - 60'000);
    }
    emit view->chart(QStringLiteral("tps"))->liveRequested();
    QVERIFY(view->isLive());
    QVERIFY(view->chart(QStringLiteral("locks"))->toMs() >= now);
}

void TestDashboard::nothingPollsWhileTheTabIsHidden()
{
    auto w = openDashboard();
    QVERIFY(w);
    QTRY_VERIFY_WITH_TIMEOUT(w->sampler()->isRunning(), 5000);
    QSignalSpy samples(w->sampler(), &monitor::Sampler::sampled);
    w->hide();
    QVERIFY(!w->sampler()->isRunning());
    QTest::qWait(2500);
    QVERIFY2(samples.count() <= 1, qPrintable(QString::number(samples.count()))); // one in flight at most
    w->keepRecordingAction()->setChecked(true);
    QVERIFY(w->sampler()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 3, 20000);
    w->keepRecordingAction()->setChecked(false);
    QVERIFY(!w->sampler()->isRunning());
    w->show();
    QVERIFY(w->sampler()->isRunning());
}

void TestDashboard::screenshots()
{
    auto w = openDashboard();
    QVERIFY(w);
    std::unique_ptr<QProcess> pgbench(startPgbench(
        300, 8, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS t (x int);\nINSERT INTO t VALUES (1);\n")));
    QVERIFY(pgbench && pgbench->waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(pgbench->state() == QProcess::NotRunning, 60000);
    QTest::qWait(1500);
    w->view()->setLiveSpan(5 * 60 * 1000);
    QVERIFY(!test::saveScreenshot(w.get(), QStringLiteral("dashboard-overview")).isEmpty());
    widgets::applyTheme(widgets::Theme::Dark);
    QTest::qWait(1200);
    QVERIFY(!test::saveScreenshot(w.get(), QStringLiteral("dashboard-overview-dark")).isEmpty());
    widgets::applyTheme(widgets::Theme::Light);
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
