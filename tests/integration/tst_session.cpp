// pg::Session against the real cluster of the ctest "sandbox" fixture (primary + 2 replicas).

#include "../common/fixture.h"
#include "../common/sessionrecorder.h"
#include "../common/tcpproxy.h"
#include "pg/quoting.h"
#include "pg/session.h"

#include <QFile>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace tusk;
using namespace tusk::pg;
using tusk::test::SessionRecorder;

namespace {
QStringList g_log; // every qDebug/qWarning of the process, to check secrets never reach it

void captureMessages(QtMsgType, const QMessageLogContext &, const QString &msg)
{
    g_log << msg;
}
} // namespace

class TestSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void connectsByUriAndReportsServerInfo();
    void setsApplicationName();
    void connectsThroughServiceFile();
    void connectsWithPgpassFromEnvironment();
    void wrongPasswordGivesClearErrorAndNeverLeaksIt();
    void refusedConnectionSaysWhatToTry();
    void silentServerTimesOut();
    void tlsRequiredButAbsentIsClear();
    void streamsAMillionRowsInChunks();
    void cancelsARunningStatementFromAnyThread();
    void cancelNamesItsRequest();
    void cancelOfAnEndedRequestNeverHitsTheNextOne();
    void cancelIsPromptWhileThePoolIsBusy();
    void receivesNotifications();
    void reportsErrorFieldsWithPositionAndHint();
    void deliversNotices();
    void stopsRunawayResultAtRowLimit();
    void rowLimitInsideTransactionKeepsTheTransaction();
    void stopsRunawayResultAtMemoryLimit();
    void rowLimitKeepsTheOtherStatementsOfTheRequest();
    void rowLimitOnAChangingStatementLetsItFinish();
    void rowLimitSaysWhenACancelRolledBack();
    void failedRequestSaysItsEarlierStatementsWereRolledBack();
    void reportsEveryResultSetOfAScript();
    void sendsParametersAndNulls();
    void keepsCellTextExactlyAsSent();
    void streamsCopyOut();
    void tracksTransactionStatus();
    void terminatedBackendKeepsRowsAndCanReconnect();
    void reconnectWhileARequestRunsEndsItAndConnects();
    void droppedNetworkMidResultKeepsRows();
    void replicasAreStreaming();
    void quotingAgreesWithTheServer();
    void hostileIdentifiersRoundTrip();

private:
    std::unique_ptr<Session> connected(const QString &uri, SessionRecorder **recorder = nullptr);
    /// Runs SQL to completion on a connected session; returns the recorder's state.
    bool run(Session &s, SessionRecorder &r, const QString &sql, const QueryOptions &o = {},
             int timeoutMs = 30000);

    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
    QList<std::shared_ptr<SessionRecorder>> m_recorders;
};

void TestSession::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
}

std::unique_ptr<Session> TestSession::connected(const QString &uri, SessionRecorder **recorder)
{
    auto s = std::make_unique<Session>(QStringLiteral("tusk-test"));
    auto r = std::make_shared<SessionRecorder>(s.get());
    m_recorders << r;
    s->connectTo(test::paramsFor(uri));
    if (!QTest::qWaitFor([&] { return r->connects > 0 || r->connectError; }, 15000) || !r->info) {
        qWarning("connect failed: %s", r->connectError ? qPrintable(r->connectError->toString()) : "timeout");
        return nullptr;
    }
    if (recorder)
        *recorder = r.get();
    return s;
}

bool TestSession::run(Session &s, SessionRecorder &r, const QString &sql, const QueryOptions &o,
                      int timeoutMs)
{
    r.reset();
    const quint64 gen = s.execute(sql, o);
    return QTest::qWaitFor([&] { return r.isDone(gen); }, timeoutMs);
}

void TestSession::connectsByUriAndReportsServerInfo()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QCOMPARE(s->state(), Session::State::Connected);
    const ServerInfo &info = s->serverInfo();
    QVERIFY2(info.versionNumber >= 120000, qPrintable(info.version));
    QVERIFY(info.version.startsWith(QString::number(info.majorVersion()) + u'.'));
    QCOMPARE(info.database, QStringLiteral("postgres"));
    QCOMPARE(info.user, QStringLiteral("tusk"));
    QVERIFY(info.isSuperuser);
    QVERIFY(!info.isInRecovery);
    QVERIFY(info.backendPid > 0);
    QVERIFY2(info.hasExtension(QStringLiteral("pg_stat_statements")), qPrintable(info.extensions.join(u',')));
    QCOMPARE(s->transactionStatus(), TransactionStatus::Idle);
}

void TestSession::setsApplicationName()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(
        run(*s, *r,
            QStringLiteral("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("tusk-test"));
}

void TestSession::connectsThroughServiceFile()
{
    QTemporaryDir tmp;
    const sandbox::SandboxNode primary = m_cluster->node(QStringLiteral("primary"));
    QFile f(tmp.filePath(QStringLiteral("pg_service.conf")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        QStringLiteral("[tusk_sandbox]\nhost=127.0.0.1\nport=%1\ndbname=postgres\nuser=tusk\npassfile=%2\n")
            .arg(primary.port)
            .arg(m_cluster->passfile())
            .toUtf8());
    f.close();
    qputenv("PGSERVICEFILE", f.fileName().toUtf8());
    auto s = connected(QStringLiteral("service=tusk_sandbox"));
    qunsetenv("PGSERVICEFILE");
    QVERIFY(s);
    QCOMPARE(s->serverInfo().port, QString::number(primary.port));
}

void TestSession::connectsWithPgpassFromEnvironment()
{
    const int port = m_cluster->node(QStringLiteral("primary")).port;
    const QString bare = QStringLiteral("postgresql://tusk@127.0.0.1:%1/postgres").arg(port);
    {
        // Without a password source the server's demand is explained.
        qputenv("PGPASSFILE", "/nonexistent/pgpass");
        Session s;
        SessionRecorder r(&s);
        s.connectTo(test::paramsFor(bare));
        QTRY_VERIFY_WITH_TIMEOUT(r.connectError.has_value(), 15000);
        QVERIFY2(r.connectError->message.contains(QLatin1String("password")),
                 qPrintable(r.connectError->message));
        QVERIFY(!r.connectError->suggestion.isEmpty());
    }
    qputenv("PGPASSFILE", m_cluster->passfile().toUtf8());
    auto s = connected(bare);
    qunsetenv("PGPASSFILE");
    QVERIFY(s);
}

void TestSession::wrongPasswordGivesClearErrorAndNeverLeaksIt()
{
    const QString secret = QStringLiteral("Wr0ng-S3cret-%1").arg(QDateTime::currentMSecsSinceEpoch());
    const int port = m_cluster->node(QStringLiteral("primary")).port;
    auto params =
        test::paramsFor(QStringLiteral("host=127.0.0.1 port=%1 dbname=postgres user=tusk").arg(port));
    params.set(QStringLiteral("password"), secret);
    g_log.clear();
    QtMessageHandler previous = qInstallMessageHandler(captureMessages);
    Session s;
    SessionRecorder r(&s);
    s.connectTo(params);
    const bool failed = QTest::qWaitFor([&] { return r.connectError.has_value(); }, 15000);
    qInstallMessageHandler(previous);
    QVERIFY(failed);
    QCOMPARE(r.connectError->kind, Error::Kind::Connection);
    QVERIFY2(r.connectError->message.contains(QLatin1String("password authentication failed")),
             qPrintable(r.connectError->message));
    QVERIFY(r.connectError->suggestion.contains(QLatin1String("password")));
    QVERIFY(!r.connectError->toString().contains(secret));
    QVERIFY(!params.redacted().contains(secret));
    QVERIFY(!params.displayName().contains(secret));
    QVERIFY(!g_log.join(u'\n').contains(secret));
    QFile serverLog(m_cluster->node(QStringLiteral("primary")).logFile);
    QVERIFY(serverLog.open(QIODevice::ReadOnly));
    QVERIFY(!serverLog.readAll().contains(secret.toUtf8()));
}

void TestSession::refusedConnectionSaysWhatToTry()
{
    QTcpServer probe; // find a port nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();
    Session s;
    SessionRecorder r(&s);
    s.connectTo(test::paramsFor(QStringLiteral("host=127.0.0.1 port=%1 user=x dbname=y").arg(port)));
    // Asked for while connecting: it waits, and fails with the connection rather than hanging.
    const quint64 queued = s.execute(QStringLiteral("SELECT 1"));
    QTRY_VERIFY_WITH_TIMEOUT(r.connectError.has_value(), 10000);
    QVERIFY2(r.connectError->message.contains(QLatin1String("refused")), qPrintable(r.connectError->message));
    QVERIFY(r.connectError->suggestion.contains(QLatin1String("port")));
    QCOMPARE(s.state(), Session::State::Disconnected);
    QTRY_VERIFY(r.done.contains(queued));
    QVERIFY(r.error && r.error->message.startsWith(QLatin1String("not run: ")));
    QVERIFY(!s.isBusy());
}

void TestSession::silentServerTimesOut()
{
    // A listener that accepts and never speaks: libpq alone would wait forever in async mode.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    Session s;
    SessionRecorder r(&s);
    QElapsedTimer t;
    t.start();
    s.connectTo(test::paramsFor(
        QStringLiteral("host=127.0.0.1 port=%1 user=x dbname=y connect_timeout=2 sslmode=disable")
            .arg(silent.serverPort())));
    QTRY_VERIFY_WITH_TIMEOUT(r.connectError.has_value(), 10000);
    QVERIFY2(r.connectError->message.contains(QLatin1String("timed out")),
             qPrintable(r.connectError->message));
    // Not before the 2 s timeout; the upper bound is 5x it (a late timer on a busy machine).
    QVERIFY2(t.elapsed() >= 1900 && t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
}

void TestSession::tlsRequiredButAbsentIsClear()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    QVERIFY(!s->serverInfo().tlsInUse); // the sandbox listens without TLS
    Session tls;
    SessionRecorder r(&tls);
    tls.connectTo(test::paramsFor(m_uri + QStringLiteral("&sslmode=require")));
    QTRY_VERIFY_WITH_TIMEOUT(r.connectError.has_value(), 10000);
    QVERIFY2(r.connectError->message.contains(QLatin1String("SSL")), qPrintable(r.connectError->message));
    QVERIFY(r.connectError->suggestion.contains(QLatin1String("TLS")));
}

void TestSession::streamsAMillionRowsInChunks()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r,
                QStringLiteral(
                    "SELECT g, md5(g::text) AS h, g % 7 = 0 AS seventh FROM generate_series(1, 1000000) g"),
                {}, 60000));
    QVERIFY2(!r->error, r->error ? qPrintable(r->error->toString()) : "");
    QCOMPARE(r->rows, qint64(1000000));
    QCOMPARE(r->summary->rows, qint64(1000000));
    QVERIFY2(r->chunks.size() >= 50, qPrintable(QString::number(r->chunks.size())));
    // Rows were handed over while the query still ran, not all at the end.
    QVERIFY2(
        r->firstRowsAtMs >= 0 && r->firstRowsAtMs < r->finishedAtMs / 2,
        qPrintable(QStringLiteral("first %1 ms, done %2 ms").arg(r->firstRowsAtMs).arg(r->finishedAtMs)));
    QCOMPARE(r->cell(0, 0), QStringLiteral("1"));
    QCOMPARE(r->cell(999999, 0), QStringLiteral("1000000"));
    QCOMPARE(r->cell(41, 1), QStringLiteral("a1d0c6e83f027327d8461063f4ac58a6")); // md5('42')
    QCOMPARE(r->cell(6, 2), QStringLiteral("t"));
    QCOMPARE(r->results.size(), 1);
    QCOMPARE(r->results[0].commandTag, QStringLiteral("SELECT 1000000"));
}

void TestSession::cancelsARunningStatementFromAnyThread()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    r->reset();
    const quint64 gen = s->execute(QStringLiteral("SELECT pg_sleep(60)"));
    QTest::qWait(300);
    QElapsedTimer t;
    t.start();
    bool accepted = false;
    qint64 callMicros = 0;
    std::thread other([&] { // any thread may cancel
        QElapsedTimer call;
        call.start();
        accepted = s->cancel(gen);
        callMicros = call.nsecsElapsed() / 1000;
    });
    other.join();
    QVERIFY(accepted);
    // cancel() never waits on the network: the cancel request goes out from another thread.
    // Measured well under 1 ms; 1 s leaves room for a descheduled thread on a busy machine.
    qInfo("cancel() returned after %lld us", callMicros);
    QVERIFY2(callMicros < 1000000, qPrintable(QString::number(callMicros)));
    QTRY_VERIFY_WITH_TIMEOUT(r->isDone(gen), 5000);
    QVERIFY(r->error);
    QCOMPARE(r->error->kind, Error::Kind::Cancelled);
    QCOMPARE(r->error->sqlState, QStringLiteral("57014"));
    QVERIFY(run(*s, *r, QStringLiteral("SELECT 1")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("1"));
    QVERIFY(!s->cancel(gen)); // it has ended
}

void TestSession::cancelNamesItsRequest()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    // A request still waiting in the queue is dropped; the one before it runs on.
    const quint64 running = s->execute(QStringLiteral("SELECT pg_sleep(0.3)"));
    const quint64 waiting = s->execute(QStringLiteral("SELECT 'second'"));
    QVERIFY(s->cancel(waiting));
    QTRY_VERIFY_WITH_TIMEOUT(r->isDone(running) && r->isDone(waiting), 10000);
    QVERIFY(!r->errors.contains(running));
    QVERIFY(r->errors.contains(waiting));
    QCOMPARE(r->errors[waiting].kind, Error::Kind::Cancelled);
    QVERIFY2(r->errors[waiting].message.contains(QLatin1String("before it ran")),
             qPrintable(r->errors[waiting].message));
    // The Cancel of a request that has ended does not reach the one running now.
    const quint64 newer = s->execute(QStringLiteral("SELECT pg_sleep(1)"));
    QTest::qWait(200);
    QVERIFY(!s->cancel(running));
    QVERIFY(!s->cancel(waiting));
    QVERIFY(!s->cancel(0));
    QTRY_VERIFY_WITH_TIMEOUT(r->isDone(newer), 10000);
    QVERIFY(!r->errors.contains(newer));
}

void TestSession::cancelOfAnEndedRequestNeverHitsTheNextOne()
{
    // A tab's Cancel names its request: when that one has just ended, the next request on the
    // same session (another tab's, a catalog query) must not be cancelled instead.
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    // The cancel goes out while the first request waits, runs, is just ending or has ended.
    int hit = 0;
    for (int i = 0; i < 30; ++i) {
        const quint64 first = s->execute(QStringLiteral("SELECT pg_sleep(0.01)"));
        const quint64 next = s->execute(QStringLiteral("SELECT pg_sleep(0.05)"));
        QTest::qWait(i);
        s->cancel(first);
        QTRY_VERIFY_WITH_TIMEOUT(r->isDone(first) && r->isDone(next), 10000);
        hit += r->errors.contains(next) ? 1 : 0;
    }
    QCOMPARE(hit, 0);
}

void TestSession::cancelIsPromptWhileThePoolIsBusy()
{
    // Exports, sorts and plan parsing fill the global pool; a cancel must not queue behind them.
    QThreadPool *pool = QThreadPool::globalInstance();
    QSemaphore release;
    const int jobs = pool->maxThreadCount();
    for (int i = 0; i < jobs; ++i)
        pool->start([&release] { release.acquire(); });
    auto unblock = qScopeGuard([&] {
        release.release(jobs);
        pool->waitForDone();
    });
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    r->reset();
    const quint64 gen = s->execute(QStringLiteral("SELECT pg_sleep(60)"));
    QTest::qWait(300);
    QVERIFY(s->cancel(gen));
    QTRY_VERIFY_WITH_TIMEOUT(r->isDone(gen), 10000);
    QVERIFY(r->error);
    QCOMPARE(r->error->kind, Error::Kind::Cancelled);
}

void TestSession::receivesNotifications()
{
    SessionRecorder *listener = nullptr;
    SessionRecorder *sender = nullptr;
    auto a = connected(m_uri, &listener);
    auto b = connected(m_uri, &sender);
    QVERIFY(a && b);
    QVERIFY(run(*a, *listener, QStringLiteral("LISTEN \"Tusk channel\"")));
    QVERIFY(run(*b, *sender, QStringLiteral("SELECT pg_notify('Tusk channel', 'héllo ✓')")));
    QTRY_COMPARE_WITH_TIMEOUT(listener->notifications.size(), 1, 5000);
    QCOMPARE(listener->notifications[0].channel, QStringLiteral("Tusk channel"));
    QCOMPARE(listener->notifications[0].payload, QString::fromUtf8("héllo ✓"));
    QCOMPARE(listener->notifications[0].pid, b->serverInfo().backendPid);
}

void TestSession::reportsErrorFieldsWithPositionAndHint()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r, QStringLiteral("SELECT 1 FROM no_such_table")));
    QVERIFY(r->error);
    QCOMPARE(r->error->kind, Error::Kind::Sql);
    QCOMPARE(r->error->sqlState, QStringLiteral("42P01"));
    QCOMPARE(r->error->severity, QStringLiteral("ERROR"));
    QCOMPARE(r->error->position, 15);
    QVERIFY(r->error->message.contains(QLatin1String("no_such_table")));
    QVERIFY(run(*s, *r, QStringLiteral("SELECT relnamee FROM pg_class")));
    QCOMPARE(r->error->sqlState, QStringLiteral("42703"));
    QVERIFY2(r->error->hint.contains(QLatin1String("relname")), qPrintable(r->error->toString()));
    QVERIFY(run(*s, *r, QStringLiteral("SELECT 1")));
    QVERIFY(!r->error); // an error does not poison the session
}

void TestSession::deliversNotices()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(
        run(*s, *r, QStringLiteral("DO $$BEGIN RAISE NOTICE 'hello %', 42 USING HINT = 'be nice'; END$$")));
    QTRY_VERIFY(!r->notices.isEmpty());
    QCOMPARE(r->notices.last().severity, QStringLiteral("NOTICE"));
    QCOMPARE(r->notices.last().message, QStringLiteral("hello 42"));
    QCOMPARE(r->notices.last().hint, QStringLiteral("be nice"));
}

void TestSession::stopsRunawayResultAtRowLimit()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QueryOptions o;
    o.maxRows = 50000;
    QElapsedTimer t;
    t.start();
    QVERIFY(run(*s, *r, QStringLiteral("SELECT generate_series(1, 100000000) AS g"), o, 30000));
    QVERIFY2(!r->error, r->error ? qPrintable(r->error->toString()) : "");
    QVERIFY(r->summary->truncated);
    QVERIFY(r->summary->truncationReason.contains(QLatin1String("row limit")));
    QCOMPARE(r->rows, qint64(50000));
    QVERIFY2(t.elapsed() < 15000, "the server was not stopped"); // 100M rows would take far longer
    QVERIFY(run(*s, *r, QStringLiteral("SELECT 2")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("2"));
}

void TestSession::rowLimitInsideTransactionKeepsTheTransaction()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r, QStringLiteral("BEGIN; CREATE TEMP TABLE kept(x int)")));
    QueryOptions o;
    o.maxRows = 1000;
    QVERIFY(run(*s, *r, QStringLiteral("SELECT g FROM generate_series(1, 300000) g"), o));
    QVERIFY(r->summary && r->summary->truncated);
    QCOMPARE(r->rows, qint64(1000));
    QCOMPARE(s->transactionStatus(), TransactionStatus::InTransaction); // not aborted by a cancel
    QVERIFY(run(*s, *r, QStringLiteral("SELECT count(*) FROM kept")));
    QVERIFY(!r->error);
    QVERIFY(run(*s, *r, QStringLiteral("ROLLBACK")));
    QCOMPARE(s->transactionStatus(), TransactionStatus::Idle);
}

void TestSession::stopsRunawayResultAtMemoryLimit()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QueryOptions o;
    o.maxBytes = 1024 * 1024;
    QVERIFY(run(*s, *r, QStringLiteral("SELECT repeat('x', 1000), generate_series(1, 10000000)"), o));
    QVERIFY(r->summary && r->summary->truncated);
    QVERIFY(r->summary->truncationReason.contains(QLatin1String("memory limit")));
    QVERIFY(r->summary->textBytes >= o.maxBytes && r->summary->textBytes < o.maxBytes + 2000);
}

void TestSession::rowLimitKeepsTheOtherStatementsOfTheRequest()
{
    // One request = one implicit transaction: a cancel at the row limit would undo the UPDATE
    // that already reported "UPDATE 1", or skip the one that follows the big SELECT.
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r, QStringLiteral("CREATE TEMP TABLE bumped(x int); INSERT INTO bumped VALUES (0)")));
    QueryOptions o;
    o.maxRows = 10;
    QVERIFY(run(*s, *r,
                QStringLiteral("UPDATE bumped SET x = x + 1; SELECT generate_series(1, 3000000); "
                               "UPDATE bumped SET x = x + 10"),
                o, 120000));
    QVERIFY2(!r->error, r->error ? qPrintable(r->error->toString()) : "");
    QVERIFY(r->summary && r->summary->truncated);
    QCOMPARE(r->rows, qint64(10)); // the rest was read and dropped in the worker, never handed over
    QCOMPARE(r->results.size(), 3);
    QCOMPARE(r->results[0].commandTag, QStringLiteral("UPDATE 1"));
    QCOMPARE(r->results[2].commandTag, QStringLiteral("UPDATE 1"));
    QVERIFY2(r->summary->truncationReason.contains(QLatin1String("committed")),
             qPrintable(r->summary->truncationReason));
    QVERIFY(run(*s, *r, QStringLiteral("SELECT x FROM bumped")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("11"));

    // Inside the user's transaction the changes are kept in it, not committed.
    QVERIFY(run(*s, *r, QStringLiteral("BEGIN")));
    QVERIFY(
        run(*s, *r, QStringLiteral("UPDATE bumped SET x = 0; SELECT generate_series(1, 300000)"), o, 60000));
    QVERIFY(r->summary && r->summary->truncated);
    QVERIFY2(!r->summary->truncationReason.contains(QLatin1String("were committed")) &&
                 r->summary->truncationReason.contains(QLatin1String("open transaction")),
             qPrintable(r->summary->truncationReason));
    QCOMPARE(s->transactionStatus(), TransactionStatus::InTransaction);
    QVERIFY(run(*s, *r, QStringLiteral("ROLLBACK")));
    QVERIFY(run(*s, *r, QStringLiteral("SELECT x FROM bumped")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("11"));
}

void TestSession::rowLimitOnAChangingStatementLetsItFinish()
{
    // A cancel would roll back the INSERT whose first rows the user already saw.
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r, QStringLiteral("CREATE TEMP TABLE grown(x int)")));
    QueryOptions o;
    o.maxRows = 10;
    QVERIFY(run(*s, *r,
                QStringLiteral("INSERT INTO grown SELECT g FROM generate_series(1, 300000) g RETURNING x"), o,
                60000));
    QVERIFY2(!r->error, r->error ? qPrintable(r->error->toString()) : "");
    QVERIFY(r->summary && r->summary->truncated);
    QCOMPARE(r->rows, qint64(10));
    QCOMPARE(r->results.size(), 1);
    QCOMPARE(r->results[0].commandTag, QStringLiteral("INSERT 0 300000"));
    QVERIFY(run(*s, *r, QStringLiteral("SELECT count(*) FROM grown")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("300000"));
}

void TestSession::rowLimitSaysWhenACancelRolledBack()
{
    // A lone SELECT is still cancelled at the limit (reading 100M rows to drop them would take
    // minutes), but what it wrote through a function is then rolled back: the message says so.
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(
        run(*s, *r,
            QStringLiteral("CREATE TEMP TABLE written(x int); CREATE FUNCTION pg_temp.note(g int) RETURNS "
                           "int LANGUAGE sql AS 'INSERT INTO written VALUES (g) RETURNING x'")));
    QVERIFY2(!r->error, r->error ? qPrintable(r->error->toString()) : "");
    QueryOptions o;
    o.maxRows = 10;
    QVERIFY(run(*s, *r, QStringLiteral("SELECT pg_temp.note(generate_series(1, 100000000))"), o, 60000));
    QVERIFY2(!r->error, r->error ? qPrintable(r->error->toString()) : "");
    QVERIFY(r->summary && r->summary->truncated);
    const QString reason = r->summary->truncationReason;
    QVERIFY(run(*s, *r, QStringLiteral("SELECT count(*) FROM written")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("0")); // cancelled: 100M inserts would not end in time
    QVERIFY2(reason.contains(QLatin1String("cancelled")) && reason.contains(QLatin1String("rolled back")),
             qPrintable(reason));
}

void TestSession::failedRequestSaysItsEarlierStatementsWereRolledBack()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r, QStringLiteral("CREATE TEMP TABLE undone(x int); INSERT INTO undone VALUES (0)")));
    // "UPDATE 1" is reported, then the error rolls the whole request back.
    QVERIFY(run(*s, *r, QStringLiteral("UPDATE undone SET x = 1; SELECT 1/0")));
    QVERIFY(r->error);
    QCOMPARE(r->results.value(0).commandTag, QStringLiteral("UPDATE 1"));
    QVERIFY2(r->error->detail.contains(QLatin1String("rolled back")), qPrintable(r->error->toString()));
    // Cancelled by the user while the rest of a big result is drained: the same, and a failure.
    QueryOptions o;
    o.maxRows = 10;
    r->reset();
    const quint64 gen = s->execute(
        QStringLiteral(
            "UPDATE undone SET x = 2; SELECT generate_series(1, 100000000) AS g, pg_sleep(0.0001)"),
        o);
    QTRY_VERIFY_WITH_TIMEOUT(r->rows == 10, 10000);
    QTest::qWait(200);
    QVERIFY(s->cancel(gen));
    QTRY_VERIFY_WITH_TIMEOUT(r->isDone(gen), 10000);
    QVERIFY2(r->error, r->summary ? qPrintable(r->summary->truncationReason) : "");
    QCOMPARE(r->error->kind, Error::Kind::Cancelled);
    QVERIFY2(r->error->detail.contains(QLatin1String("rolled back")), qPrintable(r->error->toString()));
    // Statements that control the transaction themselves get no such note.
    QVERIFY(run(*s, *r, QStringLiteral("BEGIN; UPDATE undone SET x = 3; COMMIT; SELECT 1/0")));
    QVERIFY(r->error && !r->error->detail.contains(QLatin1String("rolled back")));
    QVERIFY(run(*s, *r, QStringLiteral("SELECT x FROM undone")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("3"));
}

void TestSession::reportsEveryResultSetOfAScript()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(
        *s, *r,
        QStringLiteral("SELECT 1 AS one; SELECT 'a' AS x, 'b' AS y WHERE false; CREATE TEMP TABLE t(x int); "
                       "INSERT INTO t VALUES (1), (2)")));
    QVERIFY(!r->error);
    QCOMPARE(r->results.size(), 4);
    QVERIFY(r->results[0].returnsRows);
    QCOMPARE(r->results[0].rows, qint64(1));
    QVERIFY(r->results[1].returnsRows);
    QCOMPARE(r->results[1].rows, qint64(0));
    QCOMPARE(r->columns[1]->size(), 2);
    QCOMPARE(r->columns[1]->at(1).name, QStringLiteral("y"));
    QVERIFY(!r->results[2].returnsRows);
    QCOMPARE(r->results[2].commandTag, QStringLiteral("CREATE TABLE"));
    QCOMPARE(r->results[3].commandTag, QStringLiteral("INSERT 0 2"));
    QCOMPARE(r->results[3].rowsAffected, qint64(2));
    QCOMPARE(r->summary->resultCount, 4);
}

void TestSession::sendsParametersAndNulls()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    r->reset();
    const quint64 gen = s->execute(QStringLiteral("SELECT $1::int + 1, $2::text IS NULL, $3::text"),
                                   {QStringLiteral("41"), QString(), QStringLiteral("'; DROP TABLE x; --")});
    QTRY_VERIFY(r->isDone(gen));
    QVERIFY(!r->error);
    QCOMPARE(r->cell(0, 0), QStringLiteral("42"));
    QCOMPARE(r->cell(0, 1), QStringLiteral("t"));
    QCOMPARE(r->cell(0, 2), QStringLiteral("'; DROP TABLE x; --"));
}

void TestSession::keepsCellTextExactlyAsSent()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(
        *s, *r,
        QStringLiteral("SELECT '  padded  '::text, 1.50::numeric(5,2), 'NaN'::float8, NULL::int, ''::text, "
                       "'{\"b\":1,\"a\":2}'::jsonb, 'Ünïcødé ✓'")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("  padded  "));
    QCOMPARE(r->cell(0, 1), QStringLiteral("1.50"));
    QCOMPARE(r->cell(0, 2), QStringLiteral("NaN"));
    QVERIFY(r->chunks[0].isNull(0, 3));
    QVERIFY(!r->chunks[0].isNull(0, 4));
    QCOMPARE(r->cell(0, 5), QStringLiteral("{\"a\": 2, \"b\": 1}"));
    QCOMPARE(r->cell(0, 6), QString::fromUtf8("Ünïcødé ✓"));
    QCOMPARE(r->columns[0]->at(1).typeOid, quint32(1700));
    QVERIFY(r->columns[0]->at(1).isNumeric());
}

void TestSession::streamsCopyOut()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r, QStringLiteral("COPY (SELECT g, 'x' || g FROM generate_series(1, 3) g) TO STDOUT")));
    QVERIFY2(!r->error, r->error ? qPrintable(r->error->toString()) : "");
    QCOMPARE(r->rows, qint64(3));
    QCOMPARE(r->cell(2, 0), QStringLiteral("3\tx3"));
    QCOMPARE(r->results.last().rowsAffected, qint64(3));
}

void TestSession::tracksTransactionStatus()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QSignalSpy spy(s.get(), &Session::transactionStatusChanged);
    QVERIFY(run(*s, *r, QStringLiteral("BEGIN")));
    QCOMPARE(s->transactionStatus(), TransactionStatus::InTransaction);
    QVERIFY(run(*s, *r, QStringLiteral("SELECT 1/0")));
    QCOMPARE(r->error->sqlState, QStringLiteral("22012"));
    QCOMPARE(s->transactionStatus(), TransactionStatus::InFailedTransaction);
    QVERIFY(run(*s, *r, QStringLiteral("ROLLBACK")));
    QCOMPARE(s->transactionStatus(), TransactionStatus::Idle);
    QCOMPARE(spy.size(), 3);
}

void TestSession::terminatedBackendKeepsRowsAndCanReconnect()
{
    SessionRecorder *victim = nullptr;
    SessionRecorder *admin = nullptr;
    auto a = connected(m_uri, &victim);
    auto b = connected(m_uri, &admin);
    QVERIFY(a && b);
    QVERIFY(run(*a, *victim, QStringLiteral("BEGIN")));
    victim->reset();
    const quint64 gen =
        a->execute(QStringLiteral("SELECT generate_series(1, 10000000) AS g, pg_sleep(0.0002)"),
                   QueryOptions{.chunkRows = 100});
    QTRY_VERIFY_WITH_TIMEOUT(victim->rows > 0, 10000);
    QVERIFY(
        run(*b, *admin, QStringLiteral("SELECT pg_terminate_backend(%1)").arg(a->serverInfo().backendPid)));
    QTRY_VERIFY_WITH_TIMEOUT(victim->isDone(gen), 10000);
    QVERIFY(victim->error);
    QCOMPARE(victim->error->kind, Error::Kind::ConnectionLost);
    QVERIFY2(victim->error->sqlState == QLatin1String("57P01"), qPrintable(victim->error->toString()));
    QVERIFY(victim->error->detail.contains(QLatin1String("transaction was lost")));
    QVERIFY(victim->rows > 0); // what arrived is kept
    const qint64 kept = victim->rows;
    QCOMPARE(victim->cell(kept - 1, 0), QString::number(kept));
    QTRY_VERIFY(victim->lostError.has_value());
    QCOMPARE(a->state(), Session::State::Disconnected);
    a->reconnect();
    QTRY_COMPARE_WITH_TIMEOUT(victim->connects, 2, 10000);
    QVERIFY(run(*a, *victim, QStringLiteral("SELECT 'back'")));
    QCOMPARE(victim->cell(0, 0), QStringLiteral("back"));
}

void TestSession::reconnectWhileARequestRunsEndsItAndConnects()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    SessionRecorder *admin = nullptr;
    auto watcher = connected(m_uri, &admin);
    QVERIFY(s && watcher);
    const int oldPid = s->serverInfo().backendPid;
    r->reset();
    const quint64 running = s->execute(QStringLiteral("SELECT pg_sleep(60)"));
    const quint64 queued = s->execute(QStringLiteral("SELECT 'queued'"));
    // Wait until the statement really runs on the server.
    const QString activity = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = %1 AND "
                                            "state = 'active' AND query LIKE 'SELECT pg_sleep%'")
                                 .arg(oldPid);
    QTRY_VERIFY_WITH_TIMEOUT(run(*watcher, *admin, activity) && admin->cell(0, 0) == QLatin1String("1"),
                             10000);
    s->reconnect();
    // Both requests end (failed: they cannot survive the old connection), the new connection comes
    // up, and the session is free again.
    QTRY_VERIFY_WITH_TIMEOUT(r->isDone(running) && r->isDone(queued), 10000);
    QVERIFY(r->errors.contains(running));
    QVERIFY(r->errors.contains(queued));
    QCOMPARE(r->errors[running].kind, Error::Kind::ConnectionLost);
    QVERIFY2(r->errors[queued].message.startsWith(QLatin1String("not run: ")),
             qPrintable(r->errors[queued].message));
    QTRY_COMPARE_WITH_TIMEOUT(r->connects, 2, 15000);
    QCOMPARE(s->state(), Session::State::Connected);
    QVERIFY(!s->isBusy());
    QVERIFY(s->serverInfo().backendPid != oldPid);
    QVERIFY(run(*s, *r, QStringLiteral("SELECT 'again'")));
    QCOMPARE(r->cell(0, 0), QStringLiteral("again"));
    // The old backend was told to stop rather than sleep on for a minute.
    const QString gone = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = %1").arg(oldPid);
    QTRY_VERIFY_WITH_TIMEOUT(run(*watcher, *admin, gone) && admin->cell(0, 0) == QLatin1String("0"), 10000);
}

void TestSession::droppedNetworkMidResultKeepsRows()
{
    const int port = m_cluster->node(QStringLiteral("primary")).port;
    test::TcpProxy proxy{quint16(port)};
    QString uri = m_cluster->node(QStringLiteral("primary")).uri;
    uri.replace(QStringLiteral(":%1/").arg(port), QStringLiteral(":%1/").arg(proxy.port()));
    SessionRecorder *r = nullptr;
    auto s = connected(uri, &r);
    QVERIFY(s);
    r->reset();
    const quint64 gen =
        s->execute(QStringLiteral("SELECT generate_series(1, 10000000) AS g, pg_sleep(0.0002)"),
                   QueryOptions{.chunkRows = 100});
    QTRY_VERIFY_WITH_TIMEOUT(r->rows > 200, 10000);
    proxy.dropAll();
    QTRY_VERIFY_WITH_TIMEOUT(r->isDone(gen), 10000);
    QVERIFY(r->error);
    QCOMPARE(r->error->kind, Error::Kind::ConnectionLost);
    QVERIFY(!r->error->suggestion.isEmpty());
    QVERIFY(r->rows > 200);
    QCOMPARE(r->cell(r->rows - 1, 0), QString::number(r->rows));
    QTRY_VERIFY(r->lostError.has_value());
}

void TestSession::replicasAreStreaming()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r,
                QStringLiteral("SELECT application_name, state, s.slot_name FROM pg_stat_replication r "
                               "JOIN pg_replication_slots s ON s.active_pid = r.pid ORDER BY 1")));
    QCOMPARE(r->rows, qint64(2));
    QCOMPARE(r->cell(0, 0), QStringLiteral("replica1"));
    QCOMPARE(r->cell(0, 1), QStringLiteral("streaming"));
    QCOMPARE(r->cell(0, 2), QStringLiteral("replica1"));
    QCOMPARE(r->cell(1, 0), QStringLiteral("replica2"));
    QCOMPARE(r->cell(1, 1), QStringLiteral("streaming"));
    auto replica = connected(m_cluster->node(QStringLiteral("replica1")).uri);
    QVERIFY(replica);
    QVERIFY(replica->serverInfo().isInRecovery);
}

void TestSession::quotingAgreesWithTheServer()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    QVERIFY(run(*s, *r, QStringLiteral("SELECT word, quote_ident(word) <> word FROM pg_get_keywords()")));
    QVERIFY(r->rows > 400);
    QStringList missing;
    for (qint64 i = 0; i < r->rows; ++i) {
        const QString word = r->cell(i, 0);
        const bool serverQuotes = r->cell(i, 1) == QLatin1String("t");
        const bool weQuote = quoteIdentifierIfNeeded(word) != word;
        if (serverQuotes && !weQuote)
            missing << word;
        if (weQuote)
            QCOMPARE(quoteIdentifierIfNeeded(word), quoteIdentifier(word));
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not quoted but must be: ") + missing.join(u' ')));
}

void TestSession::hostileIdentifiersRoundTrip()
{
    SessionRecorder *r = nullptr;
    auto s = connected(m_uri, &r);
    QVERIFY(s);
    const QStringList names = {QStringLiteral("a\"b"),
                               QStringLiteral("x\"; DROP TABLE y; --"),
                               QString::fromUtf8("Größe 📈"),
                               QStringLiteral("select"),
                               QStringLiteral("back\\slash"),
                               QStringLiteral("Mixed Case"),
                               QString(63, u'n'),
                               QStringLiteral("user")};
    const QStringList values = {QStringLiteral("it's"),     QStringLiteral("\\'; DROP TABLE y; --"),
                                QString::fromUtf8("Ünï ✓"), QStringLiteral("a\\nb"),
                                QStringLiteral("$$x$$"),    QStringLiteral(""),
                                QStringLiteral("E'x'"),     QStringLiteral("\"")};
    for (int i = 0; i < names.size(); ++i) {
        const QString table = quoteIdentifier(names[i]);
        const QString column = quoteIdentifierIfNeeded(names[(i + 1) % names.size()]);
        const QString sql =
            QStringLiteral("CREATE TEMP TABLE %1 (%2 text); INSERT INTO %1 VALUES (%3); "
                           "SELECT %2, (SELECT relname FROM pg_class WHERE oid = %4::regclass) FROM %1; "
                           "DROP TABLE %1")
                .arg(table, column, quoteLiteral(values[i]),
                     quoteLiteral(QStringLiteral("pg_temp.") + table));
        QVERIFY(run(*s, *r, sql));
        QVERIFY2(!r->error, qPrintable(sql + u'\n' + (r->error ? r->error->toString() : QString())));
        QCOMPARE(r->cell(0, 0), values[i]);
        QCOMPARE(r->cell(0, 1), names[i]);
    }
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
