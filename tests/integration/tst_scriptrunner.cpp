// sql::ScriptRunner on a plain pg::Session against the sandbox primary (no GUI): statements run
// in order with an outcome each, the first error stops the run (what ran before stays
// committed), a declined confirmation sends nothing, explicit-transaction mode opens one, a
// cancel stops the run, the row cap is reported, psql meta-commands are left out.
// The query tab drives the same runner: tests/gui/tst_queryworkspace.cpp.

#include "../common/fixture.h"
#include "pg/session.h"
#include "sql/scriptrunner.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace tusk;
using sql::ScriptOutcome;
using sql::ScriptRunner;
using sql::ScriptStatement;
using sql::StatementOutcome;

class TestScriptRunner : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void splitsAScriptAndLeavesOutPsqlMetaCommands();
    void runsStatementsInOrderWithAnOutcomeEach();
    void theFirstErrorStopsTheRunAndEarlierWorkStaysCommitted();
    void aDeclinedConfirmationSendsNothing();
    void explicitTransactionModeOpensATransaction();
    void cancelStopsTheRunAndTheRestIsNotSent();
    void reportsTheRowCap();

private:
    /// Runs statements and waits for the end; the outcomes per statement land in m_outcomes.
    ScriptOutcome runToEnd(ScriptRunner &runner, const QList<ScriptStatement> &statements);
    QString psql(const QString &sql);

    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
    std::unique_ptr<pg::Session> m_session;
    QList<StatementOutcome> m_outcomes;
};

void TestScriptRunner::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
}

void TestScriptRunner::init()
{
    QCOMPARE(psql(QStringLiteral("DROP TABLE IF EXISTS script_runs; CREATE TABLE script_runs (i int); "
                                 "SELECT 'ok'")),
             QStringLiteral("ok"));
    m_outcomes.clear();
    m_session = std::make_unique<pg::Session>();
    QSignalSpy up(m_session.get(), &pg::Session::connected);
    m_session->connectTo(test::paramsFor(m_uri));
    QVERIFY(up.wait(15000));
}

void TestScriptRunner::cleanup()
{
    m_session.reset();
}

QString TestScriptRunner::psql(const QString &sql)
{
    auto r = m_cluster->psql(QStringLiteral("primary"), sql);
    return r ? r->trimmed() : QStringLiteral("<psql failed: %1>").arg(r.error());
}

ScriptOutcome TestScriptRunner::runToEnd(ScriptRunner &runner, const QList<ScriptStatement> &statements)
{
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QObject guard;
    connect(&runner, &ScriptRunner::statementFinished, &guard,
            [this](const StatementOutcome &o) { m_outcomes << o; });
    runner.start(statements);
    if (finished.isEmpty() && !finished.wait(60000))
        return {};
    return finished.first().first().value<ScriptOutcome>();
}

void TestScriptRunner::splitsAScriptAndLeavesOutPsqlMetaCommands()
{
    QStringList skipped;
    const QString script =
        QStringLiteral("\\set ON_ERROR_STOP on\nSELECT 1;\n\\echo hi\nSELECT 'ü';  SELECT 3");
    const auto statements = ScriptRunner::fromScript(script, &skipped);
    QCOMPARE(statements.size(), 3);
    QCOMPARE(statements[0].sql, QStringLiteral("SELECT 1;"));
    QCOMPARE(statements[0].line, 2);
    QCOMPARE(statements[0].beginByte, int(script.indexOf(QLatin1String("SELECT 1"))));
    QCOMPARE(statements[1].sql, QStringLiteral("SELECT 'ü';"));
    QCOMPARE(statements[2].sql, QStringLiteral("SELECT 3"));
    // Byte offsets, as the editor counts them: 'ü' is two bytes.
    QCOMPARE(statements[2].beginByte, int(script.toUtf8().indexOf("SELECT 3")));
    QCOMPARE(skipped, (QStringList{QStringLiteral("line 1: \\set ON_ERROR_STOP on"),
                                   QStringLiteral("line 3: \\echo hi")}));
}

void TestScriptRunner::runsStatementsInOrderWithAnOutcomeEach()
{
    ScriptRunner runner(m_session.get());
    QList<int> resultsOf;
    qint64 rowsSeen = 0;
    connect(&runner, &ScriptRunner::resultStarted, this, [&](int index, int) { resultsOf << index; });
    connect(&runner, &ScriptRunner::rowsArrived, this,
            [&](int, int, const pg::ResultChunk &chunk) { rowsSeen += chunk.rowCount(); });
    const ScriptOutcome outcome = runToEnd(
        runner, ScriptRunner::fromScript(QStringLiteral("INSERT INTO script_runs VALUES (1), (2), (3);\n"
                                                        "SELECT i FROM script_runs ORDER BY i;\n"
                                                        "UPDATE script_runs SET i = i * 10 WHERE i > 1;")));
    QCOMPARE(outcome.statements, 3);
    QCOMPARE(outcome.succeeded, 3);
    QCOMPARE(outcome.failedIndex, -1);
    QCOMPARE(outcome.notRun, 0);
    QVERIFY(!outcome.cancelled && !outcome.declined);
    QCOMPARE(m_outcomes.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(m_outcomes[i].index, i);
        QVERIFY(m_outcomes[i].succeeded());
    }
    QCOMPARE(m_outcomes[0].rows, 3); // inserted
    QCOMPARE(m_outcomes[1].rows, 3); // returned
    QCOMPARE(m_outcomes[2].rows, 2); // updated
    QCOMPARE(resultsOf, QList<int>{1});
    QCOMPARE(rowsSeen, 3);
    QVERIFY(!runner.isRunning());
    QCOMPARE(psql(QStringLiteral("SELECT string_agg(i::text, ',' ORDER BY i) FROM script_runs")),
             QStringLiteral("1,20,30"));
}

void TestScriptRunner::theFirstErrorStopsTheRunAndEarlierWorkStaysCommitted()
{
    ScriptRunner runner(m_session.get());
    const ScriptOutcome outcome =
        runToEnd(runner, ScriptRunner::fromScript(QStringLiteral("INSERT INTO script_runs VALUES (1);\n"
                                                                 "SELECT 1 / nothing FROM script_runs;\n"
                                                                 "INSERT INTO script_runs VALUES (2);")));
    QCOMPARE(outcome.statements, 3);
    QCOMPARE(outcome.succeeded, 1);
    QCOMPARE(outcome.failedIndex, 1);
    QCOMPARE(outcome.notRun, 1);
    QVERIFY(!outcome.cancelled);
    QCOMPARE(m_outcomes.size(), 2);
    QVERIFY(m_outcomes[1].error);
    QCOMPARE(m_outcomes[1].error->kind, pg::Error::Kind::Sql);
    QCOMPARE(m_outcomes[1].error->sqlState, QStringLiteral("42703")); // undefined column
    QCOMPARE(m_outcomes[1].error->position, 12);                      // of "nothing" in its statement
    QCOMPARE(m_outcomes[1].statement.line, 2);
    QCOMPARE(psql(QStringLiteral("SELECT string_agg(i::text, ',') FROM script_runs")), QStringLiteral("1"));
    QCOMPARE(m_session->transactionStatus(), pg::TransactionStatus::Idle);
}

void TestScriptRunner::aDeclinedConfirmationSendsNothing()
{
    ScriptRunner runner(m_session.get());
    QList<sql::DestructiveStatement> asked;
    bool answer = false;
    runner.setConfirmHook([&](const QList<sql::DestructiveStatement> &risky) {
        asked = risky;
        return answer;
    });
    const auto statements =
        ScriptRunner::fromScript(QStringLiteral("INSERT INTO script_runs VALUES (1);\n"
                                                "DELETE FROM script_runs;\nDROP TABLE script_runs;"));
    ScriptOutcome outcome = runToEnd(runner, statements);
    QVERIFY(outcome.declined);
    QCOMPARE(outcome.notRun, 3);
    QCOMPARE(m_outcomes.size(), 0);
    QCOMPARE(asked.size(), 2); // one question about both destructive statements
    QCOMPARE(asked[0].sql, QStringLiteral("DELETE FROM script_runs;"));
    QVERIFY(!asked[0].reason.isEmpty() && !asked[1].reason.isEmpty());
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM script_runs")), QStringLiteral("0"));

    // A harmless run is not asked about.
    asked.clear();
    outcome = runToEnd(runner, ScriptRunner::fromScript(QStringLiteral("SELECT 1")));
    QVERIFY(!outcome.declined);
    QVERIFY(asked.isEmpty());
    QCOMPARE(outcome.succeeded, 1);

    answer = true;
    m_outcomes.clear();
    outcome = runToEnd(runner, statements);
    QCOMPARE(outcome.succeeded, 3);
    QCOMPARE(psql(QStringLiteral("SELECT to_regclass('script_runs') IS NULL")), QStringLiteral("t"));
}

void TestScriptRunner::explicitTransactionModeOpensATransaction()
{
    ScriptRunner runner(m_session.get());
    runner.setExplicitTransaction(true);
    ScriptOutcome outcome =
        runToEnd(runner, ScriptRunner::fromScript(QStringLiteral("INSERT INTO script_runs VALUES (7);")));
    QCOMPARE(outcome.statements, 2);
    QCOMPARE(m_outcomes.size(), 2);
    QCOMPARE(m_outcomes[0].statement.sql, QStringLiteral("BEGIN"));
    QCOMPARE(m_outcomes[0].statement.beginByte, -1); // not from the editor's text
    QTRY_COMPARE_WITH_TIMEOUT(m_session->transactionStatus(), pg::TransactionStatus::InTransaction, 10000);
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM script_runs")), QStringLiteral("0")); // not committed

    // The transaction is open: the next run does not start another one.
    m_outcomes.clear();
    outcome = runToEnd(runner, {ScriptStatement{QStringLiteral("ROLLBACK"), -1, 0}});
    QCOMPARE(outcome.statements, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->transactionStatus(), pg::TransactionStatus::Idle, 10000);
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM script_runs")), QStringLiteral("0"));
}

void TestScriptRunner::cancelStopsTheRunAndTheRestIsNotSent()
{
    ScriptRunner runner(m_session.get());
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    connect(&runner, &ScriptRunner::statementFinished, this,
            [this](const StatementOutcome &o) { m_outcomes << o; });
    QVERIFY(!runner.cancel()); // nothing runs
    runner.start(ScriptRunner::fromScript(
        QStringLiteral("SELECT pg_sleep(30) AS script_runner_sleep;\nINSERT INTO script_runs VALUES (99);")));
    QTRY_VERIFY_WITH_TIMEOUT(psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                                                 "'%AS script_runner_sleep;' AND state = 'active'")) ==
                                 QStringLiteral("1"),
                             10000);
    QVERIFY(runner.cancel());
    QVERIFY(finished.wait(20000)); // a correctness bound: without the cancel this takes 30 s
    const auto outcome = finished.first().first().value<ScriptOutcome>();
    QVERIFY(outcome.cancelled);
    QCOMPARE(outcome.failedIndex, 0);
    QCOMPARE(outcome.notRun, 1);
    QCOMPARE(m_outcomes.size(), 1);
    QCOMPARE(m_outcomes[0].error->kind, pg::Error::Kind::Cancelled);
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM script_runs")), QStringLiteral("0"));
}

void TestScriptRunner::reportsTheRowCap()
{
    ScriptRunner runner(m_session.get());
    pg::QueryOptions options;
    options.maxRows = 10;
    runner.setQueryOptions(options);
    const ScriptOutcome outcome =
        runToEnd(runner, ScriptRunner::fromScript(QStringLiteral("SELECT generate_series(1, 100000)")));
    QCOMPARE(outcome.succeeded, 1);
    QCOMPARE(m_outcomes.size(), 1);
    QVERIFY(m_outcomes[0].truncated);
    QVERIFY2(m_outcomes[0].truncationReason.contains(QLatin1String("10")),
             qPrintable(m_outcomes[0].truncationReason));
    QVERIFY(m_outcomes[0].rows >= 10);
}

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "tst_scriptrunner.moc"
