// Which requests may be cancelled at the row/memory limit, and what their summary then says.

#include "pg/requestoutcome_p.h"

#include <QTest>

using namespace tusk::pg;

class TestRequestOutcome : public QObject
{
    Q_OBJECT
private slots:
    void cancelsOnlyALoneReadingStatement_data();
    void cancelsOnlyALoneReadingStatement();
    void reasonSaysWhatWasKept();
    void knowsWhenStatementsShareOneImplicitTransaction();
};

void TestRequestOutcome::cancelsOnlyALoneReadingStatement_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("hasParams");
    QTest::addColumn<bool>("cancel");
    QTest::newRow("select") << QStringLiteral("SELECT * FROM big") << false << true;
    QTest::newRow("select;") << QStringLiteral("  -- big\nSELECT * FROM big;  ") << false << true;
    QTest::newRow("with select") << QStringLiteral("WITH x AS (SELECT 1) SELECT * FROM x") << false << true;
    QTest::newRow("table") << QStringLiteral("TABLE big") << false << true;
    QTest::newRow("copy to") << QStringLiteral("COPY big TO STDOUT") << false << true;
    QTest::newRow("words in strings")
        << QStringLiteral("SELECT 'update', \"delete\" FROM t") << false << true;
    QTest::newRow("params") << QStringLiteral("SELECT * FROM big WHERE a = $1") << true << true;
    QTest::newRow("update; select") << QStringLiteral("UPDATE t SET x = 1; SELECT * FROM big") << false
                                    << false;
    QTest::newRow("select; update") << QStringLiteral("SELECT * FROM big; UPDATE t SET x = 1") << false
                                    << false;
    QTest::newRow("two selects") << QStringLiteral("SELECT 1; SELECT * FROM big") << false << false;
    QTest::newRow("returning") << QStringLiteral("INSERT INTO t SELECT 1 RETURNING *") << false << false;
    QTest::newRow("writing cte") << QStringLiteral("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")
                                 << false << false;
    QTest::newRow("for update") << QStringLiteral("SELECT * FROM t FOR UPDATE") << false << false;
    QTest::newRow("call") << QStringLiteral("CALL p()") << false << false;
    QTest::newRow("empty") << QStringLiteral("  ") << false << false;
}

void TestRequestOutcome::cancelsOnlyALoneReadingStatement()
{
    QFETCH(QString, sql);
    QFETCH(bool, hasParams);
    QFETCH(bool, cancel);
    QCOMPARE(cancelIsSafeAtLimit(sql, hasParams), cancel);
}

void TestRequestOutcome::reasonSaysWhatWasKept()
{
    const QString limit = QStringLiteral("Stopped after 10 rows (row limit)");
    const QString cancelled = stopReason(limit, StopOutcome::Cancelled, true, TransactionStatus::Idle);
    QVERIFY(cancelled.startsWith(limit));
    QVERIFY(cancelled.contains(QLatin1String("rolled back")));
    const QString read = stopReason(limit, StopOutcome::Drained, true, TransactionStatus::Idle);
    QVERIFY(!read.contains(QLatin1String("committed")));
    QVERIFY(stopReason(limit, StopOutcome::Drained, false, TransactionStatus::Idle)
                .contains(QLatin1String("were committed")));
    const QString open = stopReason(limit, StopOutcome::Drained, false, TransactionStatus::InTransaction);
    QVERIFY(open.contains(QLatin1String("open transaction")) &&
            !open.contains(QLatin1String("were committed")));
    QVERIFY(stopReason(limit, StopOutcome::Drained, false, TransactionStatus::InFailedTransaction)
                .contains(QLatin1String("roll it back")));
}

void TestRequestOutcome::knowsWhenStatementsShareOneImplicitTransaction()
{
    QVERIFY(sharesOneImplicitTransaction(QStringLiteral("UPDATE t SET x = 1; SELECT 1/0")));
    QVERIFY(!sharesOneImplicitTransaction(QStringLiteral("UPDATE t SET x = 1")));
    QVERIFY(!sharesOneImplicitTransaction(QStringLiteral("BEGIN; UPDATE t SET x = 1; COMMIT; SELECT 1/0")));
    QVERIFY(!sharesOneImplicitTransaction(QStringLiteral("UPDATE t SET x = 1; commit; SELECT 1/0")));
    QVERIFY(sharesOneImplicitTransaction(QStringLiteral("SELECT 'commit'; SELECT 1/0")));
}

QTEST_APPLESS_MAIN(TestRequestOutcome)
#include "tst_requestoutcome.moc"
