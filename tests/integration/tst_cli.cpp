// tusk-cli as a user runs it: output bytes, exit codes and messages.

#include "../common/fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace tusk;

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void printsHelpAndVersion();
    void streamsCsvExactly();
    void streamsTsvAndJson();
    void sqlErrorExitsOneWithSqlstate();
    void usageAndConnectionErrorsExitTwo();
    void stopsAtMaxRows();
    void maxRowsKeepsTheStatementsBefore();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList &args);
    QString m_uri;
};

TestCli::Run TestCli::cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(TUSK_CLI), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestCli::initTestCase()
{
    auto cluster = test::fixtureCluster();
    if (!cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = cluster->node(QStringLiteral("primary")).uri;
}

void TestCli::printsHelpAndVersion()
{
    Run help = cli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("sandbox up"));
    QVERIFY(help.out.contains("query"));
    Run version = cli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("tusk-cli "));
    QCOMPARE(cli({}).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
}

void TestCli::streamsCsvExactly()
{
    Run r = cli({QStringLiteral("query"), m_uri,
                 QStringLiteral(
                     "SELECT g AS id, CASE WHEN g = 2 THEN NULL ELSE 'v,' || g END AS \"val\"\"x\", '' AS e, "
                     "'line\nbreak' AS l FROM generate_series(1, 3) g")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("id,\"val\"\"x\",e,l\r\n"
                               "1,\"v,1\",\"\",\"line\nbreak\"\r\n"
                               "2,,\"\",\"line\nbreak\"\r\n"
                               "3,\"v,3\",\"\",\"line\nbreak\"\r\n"));
}

void TestCli::streamsTsvAndJson()
{
    Run tsv = cli({QStringLiteral("query"), QStringLiteral("--format"), QStringLiteral("tsv"), m_uri,
                   QStringLiteral("SELECT 1 AS a, NULL AS b, E'x\\ty' AS c")});
    QCOMPARE(tsv.exitCode, 0);
    QCOMPARE(tsv.out, QByteArray("a\tb\tc\n1\t\\N\tx\\ty\n"));
    Run json =
        cli({QStringLiteral("query"), QStringLiteral("--format=json"), m_uri,
             QStringLiteral("SELECT g AS n, g % 2 = 0 AS even, jsonb_build_object('g', g) AS doc, 'é' AS s "
                            "FROM generate_series(1, 2) g")});
    QCOMPARE(json.exitCode, 0);
    QJsonParseError err{};
    const QJsonArray rows = QJsonDocument::fromJson(json.out, &err).array();
    QVERIFY2(err.error == QJsonParseError::NoError,
             qPrintable(err.errorString() + QString::fromUtf8(json.out)));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1].toObject().value(QStringLiteral("n")).toInt(), 2);
    QCOMPARE(rows[1].toObject().value(QStringLiteral("even")).toBool(), true);
    QCOMPARE(rows[0].toObject().value(QStringLiteral("doc")).toObject().value(QStringLiteral("g")).toInt(),
             1);
    QCOMPARE(rows[0].toObject().value(QStringLiteral("s")).toString(), QString::fromUtf8("é"));
}

void TestCli::sqlErrorExitsOneWithSqlstate()
{
    Run r =
        cli({QStringLiteral("query"), m_uri, QStringLiteral("SELECT 1 AS ok; SELECT * FROM missing_table")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QByteArray("ok\r\n1\r\n")); // rows before the error are still printed
    QVERIFY2(r.err.contains("42P01"), r.err.constData());
    QVERIFY(r.err.contains("missing_table"));
}

void TestCli::usageAndConnectionErrorsExitTwo()
{
    Run badInfo = cli({QStringLiteral("query"), QStringLiteral("hots=x"), QStringLiteral("SELECT 1")});
    QCOMPARE(badInfo.exitCode, 2);
    QVERIFY(badInfo.err.contains("hots"));
    Run refused = cli({QStringLiteral("query"), QStringLiteral("host=127.0.0.1 port=1 connect_timeout=3"),
                       QStringLiteral("SELECT 1")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY(refused.err.contains("refused"));
    QCOMPARE(cli({QStringLiteral("query"), m_uri}).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("query"), QStringLiteral("--format=xml"), m_uri, QStringLiteral("SELECT 1")})
                 .exitCode,
             2);
}

void TestCli::stopsAtMaxRows()
{
    Run r = cli({QStringLiteral("query"), QStringLiteral("--max-rows"), QStringLiteral("5"), m_uri,
                 QStringLiteral("SELECT generate_series(1, 50000000) AS g")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count("\r\n"), 6);
    QVERIFY(r.err.contains("row limit"));
}

void TestCli::maxRowsKeepsTheStatementsBefore()
{
    // The UPDATE and the big SELECT go as one request (one implicit transaction): stopping the
    // SELECT must not undo the UPDATE that was already reported.
    const QString table = QStringLiteral("tusk_cli_max_rows_kept");
    Run setup =
        cli({QStringLiteral("query"), m_uri,
             QStringLiteral("DROP TABLE IF EXISTS %1; CREATE TABLE %1(x int); INSERT INTO %1 VALUES (0)")
                 .arg(table)});
    QCOMPARE(setup.exitCode, 0);
    Run r = cli({QStringLiteral("query"), QStringLiteral("--max-rows"), QStringLiteral("10"), m_uri,
                 QStringLiteral("update %1 set x = x + 1; select generate_series(1, 3000000)").arg(table)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("UPDATE 1"), r.err.constData());
    QVERIFY2(r.err.contains("row limit") && r.err.contains("committed"), r.err.constData());
    QCOMPARE(r.out.count("\r\n"), 11);
    Run after = cli({QStringLiteral("query"), m_uri, QStringLiteral("SELECT x FROM %1").arg(table)});
    QCOMPARE(after.out, QByteArray("x\r\n1\r\n"));
    QCOMPARE(cli({QStringLiteral("query"), m_uri, QStringLiteral("DROP TABLE %1").arg(table)}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
