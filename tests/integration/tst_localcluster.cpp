// sandbox::LocalCluster lifecycle and the failures that need a cluster of their own
// (SIGKILL of the server, crash of the owning process).

#include "../common/fixture.h"
#include "../common/sessionrecorder.h"
#include "../common/subprocess.h"
#include "sandbox/localcluster.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <optional>

using namespace tusk;
using namespace tusk::sandbox;

namespace {
/// Pids of processes whose command line mentions `needle` (e.g. a data directory).
QList<qint64> processesMentioning(const QString &needle)
{
    QList<qint64> pids;
    const QByteArray n = needle.toUtf8();
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(n))
            pids << pid;
    }
    return pids;
}

QList<qint64> childPids(qint64 parent)
{
    QList<qint64> pids;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> fields = f.readAll().split(' ');
        if (fields.size() > 3 && fields[3].toLongLong() == parent)
            pids << entry.toLongLong();
    }
    return pids;
}
/// Stops a test's cluster even when an assertion fails half-way (QVERIFY returns early).
struct ClusterGuard
{
    std::optional<LocalCluster> cluster;
    ~ClusterGuard()
    {
        if (cluster)
            cluster->down();
    }
};
} // namespace

class TestLocalCluster : public QObject
{
    Q_OBJECT
private slots:
    void upStartsStreamingClusterAndDownLeavesNothing();
    void refusesADirectoryThatIsNotASandbox();
    void downCleansUpAfterTheOwnerWasKilled();
    void serverKilledMidFetchKeepsRowsAndRecovers();
    void demoSchemaHasAMillionRows();
};

void TestLocalCluster::upStartsStreamingClusterAndDownLeavesNothing()
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("sb"));
    QStringList steps;
    QElapsedTimer t;
    t.start();
    auto c = LocalCluster::up({.dir = dir, .replicas = 1}, [&](const QString &s) { steps << s; });
    QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error()));
    ClusterGuard guard{*c};
    qInfo("primary + 1 replica up in %lld ms", t.elapsed());
    QVERIFY(!steps.isEmpty());
    QCOMPARE(c->nodes().size(), 2);
    const QJsonObject status = c->status();
    QVERIFY(status.value(QStringLiteral("running")).toBool());
    for (const SandboxNode &n : c->nodes()) {
        QVERIFY(n.uri.startsWith(QStringLiteral("postgresql://tusk@127.0.0.1:%1/").arg(n.port)));
        QVERIFY(c->postmasterPid(n.name) > 0);
    }
    auto slotList = c->psql(QStringLiteral("primary"),
                            QStringLiteral("SELECT slot_name || ':' || active FROM pg_replication_slots"));
    QVERIFY(slotList.ok());
    QCOMPARE(slotList->trimmed(), QStringLiteral("replica1:true"));
    auto settings = c->psql(
        QStringLiteral("replica1"),
        QStringLiteral("SELECT current_setting('cluster_name') || ',' || current_setting('wal_level') "
                       "|| ',' || current_setting('listen_addresses') || ',' || pg_is_in_recovery()"));
    QVERIFY(settings.ok());
    QCOMPARE(settings->trimmed(), QStringLiteral("replica1,logical,127.0.0.1,true"));
    QFileInfo socketDir(status.value(QStringLiteral("socket_dir")).toString());
    QCOMPARE(socketDir.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther),
             QFile::Permissions());
    QCOMPARE(QFileInfo(c->passfile()).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());

    // A second sandbox in the same place is refused while the first runs.
    auto twice = LocalCluster::up({.dir = dir});
    QVERIFY(!twice.ok());
    QVERIFY(twice.error().contains(QLatin1String("already running")));

    const QString dataDir = c->node(QStringLiteral("primary")).dataDir;
    QVERIFY(!processesMentioning(dataDir).isEmpty());
    auto down = c->down();
    QVERIFY2(down.ok(), down.ok() ? "" : qPrintable(down.error()));
    QTRY_VERIFY_WITH_TIMEOUT(processesMentioning(dataDir).isEmpty(), 10000);
    QVERIFY(!QFileInfo::exists(dir));
    QVERIFY(!QFileInfo::exists(dataDir));
    QVERIFY(!QFileInfo::exists(socketDir.filePath()));
}

void TestLocalCluster::refusesADirectoryThatIsNotASandbox()
{
    QTemporaryDir tmp;
    QFile precious(tmp.filePath(QStringLiteral("precious.txt")));
    QVERIFY(precious.open(QIODevice::WriteOnly));
    precious.write("keep me");
    precious.close();
    auto c = LocalCluster::up({.dir = tmp.path()});
    QVERIFY(!c.ok());
    QVERIFY(c.error().contains(QLatin1String("not empty")));
    QVERIFY(QFileInfo::exists(precious.fileName()));
}

void TestLocalCluster::downCleansUpAfterTheOwnerWasKilled()
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("crashed"));
    QProcess owner;
    owner.start(QStringLiteral(TUSK_CLI),
                {QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--dir"), dir,
                 QStringLiteral("--replicas"), QStringLiteral("2"), QStringLiteral("--quiet")});
    QVERIFY(owner.waitForStarted());
    // Kill the owner as soon as the primary runs, in the middle of setting up replicas.
    QTRY_VERIFY2_WITH_TIMEOUT(LocalCluster::exists(dir) &&
                                  LocalCluster::open(dir)->postmasterPid(QStringLiteral("primary")) > 0,
                              ("the primary is not running; `tusk-cli sandbox up` (" +
                               QByteArray(owner.state() == QProcess::Running ? "still running" : "ended") +
                               ") said on stderr:\n" + owner.readAllStandardError())
                                  .constData(),
                              60000);
    for (qint64 child : childPids(owner.processId()))
        ::kill(pid_t(child), SIGKILL);
    owner.kill();
    owner.waitForFinished();
    auto state = LocalCluster::open(dir);
    QVERIFY(state.ok());
    ClusterGuard guard{*state};
    const QString dataRoot = QFileInfo(state->node(QStringLiteral("primary")).dataDir).path();

    TUSK_COMPARE_EXIT(
        test::runProcess(QStringLiteral(TUSK_CLI),
                         {QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--dir"), dir}),
        0);
    QTRY_VERIFY_WITH_TIMEOUT(processesMentioning(dataRoot).isEmpty(), 10000);
    QVERIFY(!QFileInfo::exists(dataRoot));
    QVERIFY(!QFileInfo::exists(dir));
}

void TestLocalCluster::serverKilledMidFetchKeepsRowsAndRecovers()
{
    QTemporaryDir tmp;
    auto c = LocalCluster::up({.dir = tmp.filePath(QStringLiteral("kill"))});
    QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error()));
    ClusterGuard guard{*c};
    const QString uri = c->node(QStringLiteral("primary")).uri;

    pg::Session fetcher;
    test::SessionRecorder r(&fetcher);
    pg::Session idle;
    test::SessionRecorder idleRecorder(&idle);
    fetcher.connectTo(test::paramsFor(uri));
    idle.connectTo(test::paramsFor(uri));
    QTRY_VERIFY_WITH_TIMEOUT(r.connects == 1 && idleRecorder.connects == 1, 10000);
    const quint64 gen =
        fetcher.execute(QStringLiteral("SELECT g, pg_sleep(0.0002) FROM generate_series(1, 10000000) g"),
                        pg::QueryOptions{.chunkRows = 100});
    QTRY_VERIFY_WITH_TIMEOUT(r.rows > 500, 10000);

    // SIGKILL the whole server: postmaster and the fetching backend.
    const qint64 postmaster = c->postmasterPid(QStringLiteral("primary"));
    QVERIFY(postmaster > 0);
    ::kill(pid_t(fetcher.serverInfo().backendPid), SIGKILL);
    ::kill(pid_t(postmaster), SIGKILL);

    QTRY_VERIFY_WITH_TIMEOUT(r.isDone(gen), 15000);
    QVERIFY(r.error);
    QCOMPARE(r.error->kind, pg::Error::Kind::ConnectionLost);
    QVERIFY(!r.error->suggestion.isEmpty());
    const qint64 kept = r.rows;
    QVERIFY(kept > 500);
    QCOMPARE(r.cell(kept - 1, 0), QString::number(kept)); // every row received is intact
    QTRY_VERIFY_WITH_TIMEOUT(r.lostError.has_value(), 5000);
    // The idle session notices too, without being asked anything.
    QTRY_VERIFY_WITH_TIMEOUT(idleRecorder.lostError.has_value(), 15000);

    // Restart the server; a new session works.
    QTRY_VERIFY_WITH_TIMEOUT(c->postmasterPid(QStringLiteral("primary")) == 0, 10000);
    QFile::remove(c->node(QStringLiteral("primary")).dataDir + QStringLiteral("/postmaster.pid"));
    auto started = c->startNode(QStringLiteral("primary"));
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
    pg::Session fresh;
    test::SessionRecorder fr(&fresh);
    fresh.connectTo(test::paramsFor(uri));
    QTRY_VERIFY_WITH_TIMEOUT(fr.connects == 1, 15000);
    const quint64 g2 = fresh.execute(QStringLiteral("SELECT 'alive'"));
    QTRY_VERIFY_WITH_TIMEOUT(fr.isDone(g2), 10000);
    QCOMPARE(fr.cell(0, 0), QStringLiteral("alive"));
    QVERIFY(c->down().ok());
}

void TestLocalCluster::demoSchemaHasAMillionRows()
{
    QTemporaryDir tmp;
    QElapsedTimer t;
    t.start();
    auto c = LocalCluster::up({.dir = tmp.filePath(QStringLiteral("demo")), .demo = true});
    QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error()));
    ClusterGuard guard{*c};
    qInfo("demo sandbox up in %lld ms", t.elapsed());
    auto counts = c->psql(
        QStringLiteral("primary"),
        QStringLiteral("SELECT (SELECT count(*) FROM crm.tenants) + (SELECT count(*) FROM crm.accounts) + "
                       "(SELECT count(*) FROM crm.contacts) + (SELECT count(*) FROM crm.deals) + "
                       "(SELECT count(*) FROM crm.activities) + (SELECT count(*) FROM crm.events), "
                       "(SELECT count(*) FROM pg_inherits WHERE inhparent = 'crm.events'::regclass), "
                       "(SELECT count(*) FROM crm.events_default)"));
    QVERIFY(counts.ok());
    const QStringList parts = counts->trimmed().split(u'|');
    QCOMPARE(parts.size(), 3);
    QVERIFY2(parts[0].toLongLong() >= 1000000, qPrintable(parts[0]));
    QCOMPARE(parts[1], QStringLiteral("13"));
    QVERIFY(parts[2].toLongLong() > 0);
    QVERIFY(c->down().ok());
}

QTEST_GUILESS_MAIN(TestLocalCluster)
#include "tst_localcluster.moc"
