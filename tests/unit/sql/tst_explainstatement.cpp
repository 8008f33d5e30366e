// EXPLAIN statements as the query tool sends them: options per server version, and which
// statements really change data when ANALYZE runs them.
#include "sql/explainstatement.h"

#include <QTest>

using namespace tusk::sql;

class TestExplainStatement : public QObject
{
    Q_OBJECT
private slots:
    void buildsTheOptionsTheServerKnows();
    void refusesWhatCannotBeExplained();
    void mapsErrorPositionsBackToTheStatement();
    void tellsWhichStatementsChangeData_data();
    void findsTheStatementInsideAnExplain();
    void tellsWhichStatementsChangeData();
};

void TestExplainStatement::buildsTheOptionsTheServerKnows()
{
    ExplainOptions o;
    auto e = explainStatement(QStringLiteral("  SELECT 1 ;; \n"), o, 150000);
    QVERIFY(e);
    QCOMPARE(e->sql, QStringLiteral("EXPLAIN (FORMAT JSON, BUFFERS) SELECT 1"));
    QVERIFY(!e->changesData);

    o.analyze = true;
    o.verbose = true;
    o.settings = true;
    o.wal = true;
    o.timing = false;
    o.costs = false;
    e = explainStatement(QStringLiteral("SELECT 1"), o, 170000);
    QCOMPARE(e->sql,
             QStringLiteral("EXPLAIN (FORMAT JSON, ANALYZE, VERBOSE, BUFFERS, SETTINGS, WAL, TIMING FALSE, "
                            "COSTS FALSE) SELECT 1"));
    QVERIFY(e->droppedOptions.isEmpty());

    // PostgreSQL 11: no SETTINGS, no WAL; BUFFERS only with ANALYZE.
    e = explainStatement(QStringLiteral("SELECT 1"), o, 110005);
    QCOMPARE(e->sql,
             QStringLiteral("EXPLAIN (FORMAT JSON, ANALYZE, VERBOSE, BUFFERS, TIMING FALSE, COSTS FALSE) "
                            "SELECT 1"));
    QCOMPARE(e->droppedOptions.size(), 2);
    ExplainOptions plain;
    e = explainStatement(QStringLiteral("SELECT 1"), plain, 120000);
    QCOMPARE(e->sql, QStringLiteral("EXPLAIN (FORMAT JSON) SELECT 1"));
    QVERIFY(e->droppedOptions.first().startsWith(QLatin1String("BUFFERS")));
    // TIMING and WAL only mean something with ANALYZE.
    plain.timing = false;
    plain.wal = true;
    plain.buffers = false;
    QCOMPARE(explainStatement(QStringLiteral("SELECT 1"), plain, 170000)->sql,
             QStringLiteral("EXPLAIN (FORMAT JSON) SELECT 1"));
}

void TestExplainStatement::refusesWhatCannotBeExplained()
{
    QVERIFY(!explainStatement(QStringLiteral(" ; -- nothing\n"), {}, 150000));
    QVERIFY(explainStatement(QStringLiteral("explain select 1"), {}, 150000)
                .error()
                .contains(QLatin1String("EXPLAIN already")));
    const auto vacuum = explainStatement(QStringLiteral("VACUUM t"), {}, 150000);
    QVERIFY(!vacuum);
    QVERIFY(vacuum.error().contains(QLatin1String("VACUUM")));
    QVERIFY(explainStatement(QStringLiteral("/* why */ (SELECT 1) UNION (SELECT 2)"), {}, 150000));
}

void TestExplainStatement::mapsErrorPositionsBackToTheStatement()
{
    const QString statement = QStringLiteral("  \n SELECT nosuch FROM t;;");
    const auto e = explainStatement(statement, {}, 150000);
    QVERIFY(e);
    // Where the server says the error is (1-based, in the EXPLAIN it got) ...
    const int server = int(e->sql.indexOf(QLatin1String("nosuch"))) + 1;
    // ... is where it is in the text the user ran.
    QCOMPARE(e->statementPosition(server), int(statement.indexOf(QLatin1String("nosuch"))) + 1);
    QVERIFY(e->statementPosition(3) <= 0); // inside "EXPLAIN (": not the user's text
}

void TestExplainStatement::tellsWhichStatementsChangeData_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("changes");
    QTest::newRow("select") << "SELECT * FROM t WHERE note = 'delete me'" << false;
    QTest::newRow("for update") << "SELECT * FROM t FOR UPDATE" << false;
    QTest::newRow("for no key update") << "SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED" << false;
    QTest::newRow("values") << "VALUES (1)" << false;
    QTest::newRow("cte reading") << "WITH x AS (SELECT 1) SELECT * FROM x" << false;
    QTest::newRow("comment") << "SELECT 1 -- then UPDATE t" << false;
    QTest::newRow("dollar body") << "SELECT $$INSERT INTO t$$" << false;
    QTest::newRow("quoted name") << "SELECT \"update\" FROM t" << false;
    QTest::newRow("insert") << "insert into t values (1)" << true;
    QTest::newRow("update") << "UPDATE t SET a = 1 WHERE id = 2" << true;
    QTest::newRow("delete") << "DELETE FROM t WHERE id = 2" << true;
    QTest::newRow("merge") << "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE" << true;
    QTest::newRow("cte writing") << "WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone"
                                 << true;
    QTest::newRow("select into") << "SELECT * INTO copy_of_t FROM t" << true;
    QTest::newRow("create table as") << "CREATE TABLE c AS SELECT 1" << true;
    QTest::newRow("execute") << "EXECUTE prepared_thing(1)" << true;
}

void TestExplainStatement::tellsWhichStatementsChangeData()
{
    QFETCH(QString, sql);
    QFETCH(bool, changes);
    QCOMPARE(statementChangesData(sql), changes);
    ExplainOptions analyze;
    analyze.analyze = true;
    QCOMPARE(explainStatement(sql, analyze, 150000)->changesData, changes);
}

void TestExplainStatement::findsTheStatementInsideAnExplain()
{
    QCOMPARE(explainedStatement(QStringLiteral("EXPLAIN (FORMAT JSON, BUFFERS) SELECT 1")),
             QStringLiteral("SELECT 1"));
    QCOMPARE(explainedStatement(QStringLiteral("explain analyze verbose\n  SELECT ')'")),
             QStringLiteral("SELECT ')'"));
    QCOMPARE(explainedStatement(QStringLiteral("EXPLAIN (FORMAT 'json') SELECT a FROM t")),
             QStringLiteral("SELECT a FROM t"));
    QCOMPARE(explainedStatement(QStringLiteral("EXPLAIN analyzed_view_select")),
             QStringLiteral("analyzed_view_select"));
    QCOMPARE(explainedStatement(QStringLiteral("plan.json")), QString());
    QCOMPARE(explainedStatement(QStringLiteral("EXPLAIN")), QString());
}

QTEST_APPLESS_MAIN(TestExplainStatement)
#include "tst_explainstatement.moc"
