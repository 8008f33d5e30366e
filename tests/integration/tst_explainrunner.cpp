// explain::ExplainRunner against the sandbox server: ANALYZE never commits what the statement
// did, whatever it looks like; a stale plan never replaces a newer one; tusk-cli explain
// --analyze shares the runner.

#include "../common/fixture.h"
#include "../common/subprocess.h"
#include "explain/explainrunner.h"
#include "pg/session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace tusk;
using explain::ExplainOutcome;
using explain::ExplainRunner;

class TestExplainRunner : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void analyzeOfASelectThatWritesIsRolledBack();
    void analyzeInsideTheUsersTransactionKeepsItsWork();
    void aPlanParsedAfterANewerRunStartedIsDropped();
    void cancelStopsAnAnalyzeAndTheRollbackStillRuns();
    void cliAnalyzePrintsThePlanAndCommitsNothing();

private:
    std::unique_ptr<pg::Session> connected();
    QString scalar(const QString &sql);

    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
};

void TestExplainRunner::initTestCase()
{
    qRegisterMetaType<ExplainOutcome>();
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
    // A function that looks like a read to anyone reading the SELECT, and writes.
    auto r = m_cluster->psql(QStringLiteral("primary"), QStringLiteral(R"(
        DROP TABLE IF EXISTS explain_side_effects;
        CREATE TABLE explain_side_effects (id serial PRIMARY KEY, who text);
        CREATE OR REPLACE FUNCTION explain_writes(who text) RETURNS int VOLATILE LANGUAGE sql AS
          $$ INSERT INTO explain_side_effects (who) VALUES (who) RETURNING id $$;)"));
    QVERIFY2(r, r ? "" : qPrintable(r.error()));
}

std::unique_ptr<pg::Session> TestExplainRunner::connected()
{
    auto s = std::make_unique<pg::Session>();
    QSignalSpy up(s.get(), &pg::Session::connected);
    s->connectTo(test::paramsFor(m_uri));
    if (!up.wait(15000))
        return nullptr;
    return s;
}

QString TestExplainRunner::scalar(const QString &sql)
{
    auto r = m_cluster->psql(QStringLiteral("primary"), sql);
    return r ? r->trimmed() : QStringLiteral("error: ") + r.error();
}

void TestExplainRunner::analyzeOfASelectThatWritesIsRolledBack()
{
    auto s = connected();
    QVERIFY(s);
    ExplainRunner runner(s.get());
    QSignalSpy ready(&runner, &ExplainRunner::planReady);
    QSignalSpy failed(&runner, &ExplainRunner::failed);
    const auto wrap = ExplainRunner::wrapFor(true, s->transactionStatus());
    QCOMPARE(wrap, ExplainRunner::Wrap::RollbackTransaction);
    QVERIFY(
        runner.start(QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON) SELECT explain_writes('select')"), wrap));
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 15000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<pg::Error>().toString()));
    const auto outcome = ready.first().first().value<ExplainOutcome>();
    QVERIFY(!outcome.plan.nodes.isEmpty());
    QVERIFY(outcome.plan.nodes.first().hasActuals); // it really ran ...
    // ... and what it wrote is gone.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM explain_side_effects WHERE who = 'select'")),
             QStringLiteral("0"));
    QCOMPARE(s->transactionStatus(), pg::TransactionStatus::Idle);
}

void TestExplainRunner::analyzeInsideTheUsersTransactionKeepsItsWork()
{
    auto s = connected();
    QVERIFY(s);
    QSignalSpy done(s.get(), &pg::Session::finished);
    s->execute(QStringLiteral("BEGIN"));
    s->execute(QStringLiteral("INSERT INTO explain_side_effects (who) VALUES ('user')"));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 10000);
    QCOMPARE(s->transactionStatus(), pg::TransactionStatus::InTransaction);
    ExplainRunner runner(s.get());
    QSignalSpy ready(&runner, &ExplainRunner::planReady);
    const auto wrap = ExplainRunner::wrapFor(true, s->transactionStatus());
    QCOMPARE(wrap, ExplainRunner::Wrap::RollbackToSavepoint);
    runner.start(QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON) SELECT explain_writes('in-tx')"), wrap);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 15000);
    QCOMPARE(s->transactionStatus(), pg::TransactionStatus::InTransaction); // still the user's
    done.clear();
    s->execute(QStringLiteral("COMMIT"));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    QCOMPARE(scalar(QStringLiteral("SELECT string_agg(who, ',') FROM explain_side_effects WHERE who IN "
                                   "('user', 'in-tx')")),
             QStringLiteral("user"));
}

void TestExplainRunner::cancelStopsAnAnalyzeAndTheRollbackStillRuns()
{
    // EXPLAIN ANALYZE runs the statement for real: a slow one must be stoppable, and what it
    // wrote before the cancel must still be rolled back.
    auto s = connected();
    QVERIFY(s);
    ExplainRunner runner(s.get());
    QSignalSpy failed(&runner, &ExplainRunner::failed);
    QVERIFY(!runner.cancel()); // nothing runs yet
    runner.start(QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON) "
                                "SELECT explain_writes('cancelled'), pg_sleep(30)"),
                 ExplainRunner::Wrap::RollbackTransaction);
    // Cancel once the server runs it (the row it inserted is not visible outside until commit).
    QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                                                   "'EXPLAIN (ANALYZE%pg_sleep(30)' AND state = 'active'")) ==
                                 QStringLiteral("1"),
                             10000);
    QVERIFY(runner.cancel());
    // A correctness bound, not a speed one: without the cancel this takes 30 s.
    QVERIFY(failed.wait(20000));
    QCOMPARE(failed.first().first().value<pg::Error>().kind, pg::Error::Kind::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 10000);
    QCOMPARE(s->transactionStatus(), pg::TransactionStatus::Idle);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM explain_side_effects WHERE who = 'cancelled'")),
             QStringLiteral("0"));
}

void TestExplainRunner::aPlanParsedAfterANewerRunStartedIsDropped()
{
    auto s = connected();
    QVERIFY(s);
    ExplainRunner runner(s.get());
    QList<quint64> shown;
    connect(&runner, &ExplainRunner::planReady, this, [&](const ExplainOutcome &o) { shown << o.run; });
    // Hold every pool thread, so the first plan's parse waits until the second run has started:
    // what happens when a big plan is still being parsed at the second F7.
    QThreadPool *pool = QThreadPool::globalInstance();
    QSemaphore release;
    const int threads = pool->maxThreadCount();
    for (int i = 0; i < threads; ++i)
        pool->start([&release] { release.acquire(); });
    const quint64 first =
        runner.start(QStringLiteral("EXPLAIN (FORMAT JSON) SELECT 1"), ExplainRunner::Wrap::None);
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 10000); // the server answered; the parse is queued
    const quint64 second =
        runner.start(QStringLiteral("EXPLAIN (FORMAT JSON) SELECT 2"), ExplainRunner::Wrap::None);
    QVERIFY(second > first);
    release.release(threads);
    QTRY_VERIFY_WITH_TIMEOUT(shown.contains(second), 10000);
    QTest::qWait(100); // give a stale plan every chance to arrive late
    QCOMPARE(shown, QList<quint64>{second});
}

void TestExplainRunner::cliAnalyzePrintsThePlanAndCommitsNothing()
{
    const test::ProcessRun p =
        test::runProcess(QStringLiteral(TUSK_CLI), {QStringLiteral("explain"), QStringLiteral("--analyze"),
                                                    m_uri, QStringLiteral("SELECT explain_writes('cli')")});
    TUSK_COMPARE_EXIT(p, 0);
    const QJsonObject plan = QJsonDocument::fromJson(p.out).object();
    const QJsonArray nodes = plan.value(QStringLiteral("nodes")).toArray();
    QVERIFY2(!nodes.isEmpty(), p.describe().constData());
    QVERIFY(!nodes.first().toObject().value(QStringLiteral("actual_rows")).isNull()); // analysed
    QVERIFY(plan.value(QStringLiteral("execution_ms")).toDouble() > 0);
    QVERIFY2(p.err.contains("rolled back"), p.describe().constData());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM explain_side_effects WHERE who = 'cli'")),
             QStringLiteral("0"));

    // An SQL error exits 1 and says nothing was committed.
    const test::ProcessRun bad =
        test::runProcess(QStringLiteral(TUSK_CLI), {QStringLiteral("explain"), QStringLiteral("--analyze"),
                                                    m_uri, QStringLiteral("SELECT 1/0")});
    TUSK_COMPARE_EXIT(bad, 1);
    QVERIFY2(bad.err.contains("22012") && bad.err.contains("nothing was committed"),
             bad.describe().constData());
}

QTEST_GUILESS_MAIN(TestExplainRunner)
#include "tst_explainrunner.moc"
