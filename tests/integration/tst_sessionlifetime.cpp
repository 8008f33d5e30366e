// Closing a pg::Session never blocks the caller's thread, whatever its worker is doing.
//
// A deliberately slow host-name lookup: this executable defines getaddrinfo() itself, so libpq's
// call inside PQconnectStartParams comes here (the executable's symbols come first in the
// dynamic linker's lookup). For one made-up host name it blocks until the test lets it go, then
// resolves 127.0.0.1; every other name goes to the C library's getaddrinfo.

#include "../common/fixture.h"
#include "../common/sessionrecorder.h"
#include "pg/session.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSemaphore>
#include <QTest>

#include <cstring>
#include <dlfcn.h>
#include <netdb.h>

using namespace tusk;
using namespace tusk::pg;

namespace {

constexpr const char *kSlowHost = "slow-lookup.tusk.test";
QSemaphore g_lookupEntered;
QSemaphore g_lookupRelease;
constexpr int kLookupMaxMs = 20000; // so that a blocking ~Session (the old code) ends at last

} // namespace

extern "C" int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                           struct addrinfo **res)
{
    using Fn = int (*)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
    static const Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "getaddrinfo"));
    if (node && std::strcmp(node, kSlowHost) == 0) {
        g_lookupEntered.release();
        g_lookupRelease.tryAcquire(1, kLookupMaxMs);
        node = "127.0.0.1";
    }
    return real(node, service, hints, res);
}

namespace {

/// Threads of this process named like a Session's worker thread (QThread names the OS thread
/// after its objectName).
int sessionThreads()
{
    int n = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "pg-session")
            ++n;
    }
    return n;
}

} // namespace

class TestSessionLifetime : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void closingNeverWaitsForAHostLookup();
    void closingWhileAStatementRunsStopsIt();

private:
    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
    int m_port = 0;
};

void TestSessionLifetime::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
    m_port = m_cluster->node(QStringLiteral("primary")).port;
}

void TestSessionLifetime::closingNeverWaitsForAHostLookup()
{
    const int threadsBefore = sessionThreads();
    auto *s = new Session(QStringLiteral("tusk-lifetime-test"));
    QTRY_COMPARE(sessionThreads(), threadsBefore + 1);
    s->connectTo(test::paramsFor(QStringLiteral("host=%1 port=%2 user=tusk dbname=postgres")
                                     .arg(QLatin1String(kSlowHost))
                                     .arg(m_port)));
    s->execute(QStringLiteral("SELECT 1"));        // waits for the connection, which waits for the lookup
    QVERIFY(g_lookupEntered.tryAcquire(1, 10000)); // the worker thread now sits in getaddrinfo()

    QElapsedTimer t;
    t.start();
    delete s;
    const qint64 ms = t.elapsed();
    // Well under a millisecond here; the lookup would hold a waiting destructor for 20 s.
    QVERIFY2(ms < 1000, qPrintable(QStringLiteral("~Session took %1 ms").arg(ms)));
    QCOMPARE(sessionThreads(), threadsBefore + 1); // the worker is still inside the lookup

    // Once the lookup returns, the worker finds its event loop told to quit, closes what it
    // opened and ends; the thread object is deleted on core/pg's service thread.
    g_lookupRelease.release();
    QTRY_COMPARE_WITH_TIMEOUT(sessionThreads(), threadsBefore, 10000);
}

void TestSessionLifetime::closingWhileAStatementRunsStopsIt()
{
    const QString marker = QStringLiteral("tusk-lifetime-%1").arg(QCoreApplication::applicationPid());
    auto *s = new Session(marker);
    test::SessionRecorder r(s);
    s->connectTo(test::paramsFor(m_uri));
    QTRY_COMPARE_WITH_TIMEOUT(r.connects, 1, 15000);
    s->execute(QStringLiteral("SELECT pg_sleep(60)"));
    QTest::qWait(300);
    QElapsedTimer t;
    t.start();
    delete s;
    QVERIFY2(t.elapsed() < 1000, qPrintable(QStringLiteral("~Session took %1 ms").arg(t.elapsed())));

    // The backend does not sleep on for a minute after its client is gone.
    Session admin;
    test::SessionRecorder a(&admin);
    admin.connectTo(test::paramsFor(m_uri));
    QTRY_COMPARE_WITH_TIMEOUT(a.connects, 1, 15000);
    const QString sql =
        QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = '%1'").arg(marker);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            a.reset();
            const quint64 gen = admin.execute(sql);
            return QTest::qWaitFor([&] { return a.isDone(gen); }, 10000) &&
                   a.cell(0, 0) == QLatin1String("0");
        }(),
        20000);
}

QTEST_GUILESS_MAIN(TestSessionLifetime)
#include "tst_sessionlifetime.moc"
