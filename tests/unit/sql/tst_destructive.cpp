#include "sql/destructive.h"

#include <QTest>

using tusk::sql::destructiveReason;

class TestDestructive : public QObject
{
    Q_OBJECT
private slots:
    void flagsDestructiveStatements_data();
    void flagsDestructiveStatements();
};

void TestDestructive::flagsDestructiveStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("destructive");
    QTest::newRow("drop table") << "DROP TABLE crm.deals" << true;
    QTest::newRow("drop lower") << "  drop index concurrently i" << true;
    QTest::newRow("truncate") << "TRUNCATE crm.events CASCADE" << true;
    QTest::newRow("delete all") << "DELETE FROM crm.deals" << true;
    QTest::newRow("delete where") << "DELETE FROM crm.deals WHERE id = 3" << false;
    QTest::newRow("update all") << "UPDATE t SET x = 1" << true;
    QTest::newRow("update where") << "update t set x = 1 where id = 2" << false;
    QTest::newRow("where only in a string") << "UPDATE t SET note = 'where'" << true;
    QTest::newRow("where only in a comment") << "DELETE FROM t -- WHERE id = 1" << true;
    QTest::newRow("cte delete") << "WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d" << true;
    QTest::newRow("alter drop column") << "ALTER TABLE t DROP COLUMN c" << true;
    QTest::newRow("alter add") << "ALTER TABLE t ADD COLUMN c int" << false;
    QTest::newRow("select mentioning drop") << "SELECT 'DROP TABLE x' AS \"truncate\"" << false;
    QTest::newRow("comment first") << "/* cleanup */ DROP SCHEMA s" << true;
    QTest::newRow("function body") << "CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM t $$ LANGUAGE sql"
                                   << false;
    QTest::newRow("insert") << "INSERT INTO t VALUES (1)" << false;
}

void TestDestructive::flagsDestructiveStatements()
{
    QFETCH(QString, sql);
    QFETCH(bool, destructive);
    QCOMPARE(!destructiveReason(sql).isEmpty(), destructive);
}

QTEST_APPLESS_MAIN(TestDestructive)
#include "tst_destructive.moc"
