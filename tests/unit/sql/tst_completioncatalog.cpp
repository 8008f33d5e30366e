#include "sql/completioncatalog.h"

#include <QTest>

using tusk::sql::CompletionCatalog;

class TestCompletionCatalog : public QObject
{
    Q_OBJECT
private slots:
    void resolvesAliases_data();
    void resolvesAliases();
    void answersNothingBeforeLoading();
};

void TestCompletionCatalog::resolvesAliases_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("relation");
    QTest::addColumn<QString>("schema");
    QTest::newRow("schema and alias") << "SELECT a. FROM crm.accounts a"
                                      << "a"
                                      << "accounts"
                                      << "crm";
    QTest::newRow("AS") << "SELECT x. FROM deals AS x JOIN t ON true"
                        << "x"
                        << "deals"
                        << "";
    QTest::newRow("join") << "SELECT c. FROM a JOIN crm.contacts c ON c.id = a.id"
                          << "c"
                          << "contacts"
                          << "crm";
    QTest::newRow("table name itself") << "SELECT accounts. FROM crm.accounts"
                                       << "accounts"
                                       << "accounts"
                                       << "crm";
    QTest::newRow("quoted") << "SELECT o. FROM \"Sales\".\"Orders\" o"
                            << "o"
                            << "Orders"
                            << "Sales";
    QTest::newRow("unknown") << "SELECT z. FROM t"
                             << "z"
                             << ""
                             << "";
}

void TestCompletionCatalog::resolvesAliases()
{
    QFETCH(QString, sql);
    QFETCH(QString, alias);
    QFETCH(QString, relation);
    QFETCH(QString, schema);
    QString gotSchema;
    QCOMPARE(CompletionCatalog::resolveAlias(sql, alias, &gotSchema), relation);
    if (!relation.isEmpty())
        QCOMPARE(gotSchema, schema);
}

void TestCompletionCatalog::answersNothingBeforeLoading()
{
    CompletionCatalog c;
    QVERIFY(!c.isLoaded());
    QVERIFY(c.complete(QStringLiteral("sel"), QString()).isEmpty());
}

QTEST_APPLESS_MAIN(TestCompletionCatalog)
#include "tst_completioncatalog.moc"
