// tusk-cli as a user runs it: output bytes, exit codes and messages.

#include "../common/fixture.h"
#include "../common/subprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tusk;

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void printsHelpAndVersion();
    void streamsCsvExactly();
    void streamsTsvAndJson();
    void sqlErrorExitsOneWithSqlstate();
    void usageAndConnectionErrorsExitTwo();
    void stopsAtMaxRows();
    void maxRowsKeepsTheStatementsBefore();
    void monitorPrintsSamplesAsJsonLines();
    void monitorReportsAConnectionErrorAndBadOptions();

private:
    using Run = test::ProcessRun;
    Run cli(const QStringList &args);
    QString m_uri;
    QList<Run> m_runs; // this test function's, for cleanup() to show when it failed
};

TestCli::Run TestCli::cli(const QStringList &args)
{
    Run r = test::runProcess(QStringLiteral(TUSK_CLI), args);
    m_runs.append(r);
    return r;
}

void TestCli::init()
{
    m_runs.clear();
}

void TestCli::cleanup()
{
    // A failed comparison of the output says nothing of why: show every run's stderr.
    if (QTest::currentTestFailed()) {
        for (const Run &r : std::as_const(m_runs))
            qWarning("%s", r.describe().constData());
    }
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
    TUSK_COMPARE_EXIT(help, 0);
    QVERIFY(help.out.contains("sandbox up"));
    QVERIFY(help.out.contains("query"));
    Run version = cli({QStringLiteral("--version")});
    TUSK_COMPARE_EXIT(version, 0);
    QVERIFY(version.out.startsWith("tusk-cli "));
    TUSK_COMPARE_EXIT(cli({}), 2);
    TUSK_COMPARE_EXIT(cli({QStringLiteral("frobnicate")}), 2);
}

void TestCli::streamsCsvExactly()
{
    Run r = cli({QStringLiteral("query"), m_uri,
                 QStringLiteral(
                     "SELECT g AS id, CASE WHEN g = 2 THEN NULL ELSE 'v,' || g END AS \"val\"\"x\", '' AS e, "
                     "'line\nbreak' AS l FROM generate_series(1, 3) g")});
    TUSK_COMPARE_EXIT(r, 0);
    QCOMPARE(r.out, QByteArray("id,\"val\"\"x\",e,l\r\n"
                               "1,\"v,1\",\"\",\"line\nbreak\"\r\n"
                               "2,,\"\",\"line\nbreak\"\r\n"
                               "3,\"v,3\",\"\",\"line\nbreak\"\r\n"));
}

void TestCli::streamsTsvAndJson()
{
    Run tsv = cli({QStringLiteral("query"), QStringLiteral("--format"), QStringLiteral("tsv"), m_uri,
                   QStringLiteral("SELECT 1 AS a, NULL AS b, E'x\\ty' AS c")});
    TUSK_COMPARE_EXIT(tsv, 0);
    QCOMPARE(tsv.out, QByteArray("a\tb\tc\n1\t\\N\tx\\ty\n"));
    Run json =
        cli({QStringLiteral("query"), QStringLiteral("--format=json"), m_uri,
             QStringLiteral("SELECT g AS n, g % 2 = 0 AS even, jsonb_build_object('g', g) AS doc, 'é' AS s "
                            "FROM generate_series(1, 2) g")});
    TUSK_COMPARE_EXIT(json, 0);
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
    TUSK_COMPARE_EXIT(r, 1);
    QCOMPARE(r.out, QByteArray("ok\r\n1\r\n")); // rows before the error are still printed
    QVERIFY2(r.err.contains("42P01"), r.describe().constData());
    QVERIFY2(r.err.contains("missing_table"), r.describe().constData());
}

void TestCli::usageAndConnectionErrorsExitTwo()
{
    Run badInfo = cli({QStringLiteral("query"), QStringLiteral("hots=x"), QStringLiteral("SELECT 1")});
    TUSK_COMPARE_EXIT(badInfo, 2);
    QVERIFY2(badInfo.err.contains("hots"), badInfo.describe().constData());
    Run refused = cli({QStringLiteral("query"), QStringLiteral("host=127.0.0.1 port=1 connect_timeout=3"),
                       QStringLiteral("SELECT 1")});
    TUSK_COMPARE_EXIT(refused, 2);
    QVERIFY2(refused.err.contains("refused"), refused.describe().constData());
    TUSK_COMPARE_EXIT(cli({QStringLiteral("query"), m_uri}), 2);
    TUSK_COMPARE_EXIT(
        cli({QStringLiteral("query"), QStringLiteral("--format=xml"), m_uri, QStringLiteral("SELECT 1")}), 2);
}

void TestCli::stopsAtMaxRows()
{
    Run r = cli({QStringLiteral("query"), QStringLiteral("--max-rows"), QStringLiteral("5"), m_uri,
                 QStringLiteral("SELECT generate_series(1, 50000000) AS g")});
    TUSK_COMPARE_EXIT(r, 0);
    QCOMPARE(r.out.count("\r\n"), 6);
    QVERIFY2(r.err.contains("row limit"), r.describe().constData());
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
    TUSK_COMPARE_EXIT(setup, 0);
    Run r = cli({QStringLiteral("query"), QStringLiteral("--max-rows"), QStringLiteral("10"), m_uri,
                 QStringLiteral("update %1 set x = x + 1; select generate_series(1, 3000000)").arg(table)});
    TUSK_COMPARE_EXIT(r, 0);
    QVERIFY2(r.err.contains("UPDATE 1"), r.describe().constData());
    QVERIFY2(r.err.contains("row limit") && r.err.contains("committed"), r.describe().constData());
    QCOMPARE(r.out.count("\r\n"), 11);
    Run after = cli({QStringLiteral("query"), m_uri, QStringLiteral("SELECT x FROM %1").arg(table)});
    TUSK_COMPARE_EXIT(after, 0);
    QCOMPARE(after.out, QByteArray("x\r\n1\r\n"));
    TUSK_COMPARE_EXIT(cli({QStringLiteral("query"), m_uri, QStringLiteral("DROP TABLE %1").arg(table)}), 0);
}

void TestCli::monitorPrintsSamplesAsJsonLines()
{
    Run once = cli({QStringLiteral("monitor"), QStringLiteral("--once"), QStringLiteral("--json"), m_uri});
    TUSK_COMPARE_EXIT(once, 0);
    const QList<QByteArray> lines = once.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject sample = QJsonDocument::fromJson(lines.first()).object();
    QVERIFY2(sample.value(QStringLiteral("connected")).toBool(), lines.first().constData());
    QVERIFY(sample.value(QStringLiteral("server_version")).toInt() >= 120000);
    QStringList names;
    for (const QJsonValue &m : sample.value(QStringLiteral("metrics")).toArray())
        names << m.toObject().value(QStringLiteral("name")).toString();
    QVERIFY(names.contains(QStringLiteral("pg_stat_database_xact_commit")));
    QVERIFY(names.contains(QStringLiteral("pg_stat_activity_count")));
    for (const QJsonValue &p : sample.value(QStringLiteral("probes")).toArray())
        QCOMPARE(p.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("ok"));

    // Two samples: the second has rates for its counters.
    Run two = cli({QStringLiteral("monitor"), QStringLiteral("--count"), QStringLiteral("2"),
                   QStringLiteral("--interval"), QStringLiteral("500"), QStringLiteral("--json"), m_uri});
    TUSK_COMPARE_EXIT(two, 0);
    const QList<QByteArray> both = two.out.trimmed().split('\n');
    QCOMPARE(both.size(), 2);
    int rates = 0;
    for (const QJsonValue &m :
         QJsonDocument::fromJson(both.last()).object().value(QStringLiteral("metrics")).toArray()) {
        const QJsonObject o = m.toObject();
        if (o.value(QStringLiteral("kind")).toString() == QLatin1String("counter") &&
            o.value(QStringLiteral("rate")).isDouble()) {
            QVERIFY(o.value(QStringLiteral("rate")).toDouble() >= 0);
            ++rates;
        }
    }
    QVERIFY2(rates > 10, both.last().constData());
}

void TestCli::monitorReportsAConnectionErrorAndBadOptions()
{
    Run refused = cli({QStringLiteral("monitor"), QStringLiteral("--once"), QStringLiteral("--json"),
                       QStringLiteral("host=127.0.0.1 port=1 connect_timeout=3")});
    TUSK_COMPARE_EXIT(refused, 2);
    QVERIFY2(refused.err.contains("refused"), refused.describe().constData());
    QVERIFY(refused.out.isEmpty());
    TUSK_COMPARE_EXIT(cli({QStringLiteral("monitor"), QStringLiteral("--once"), m_uri}), 2); // no --json
    TUSK_COMPARE_EXIT(cli({QStringLiteral("monitor"), QStringLiteral("--json"), QStringLiteral("--interval"),
                           QStringLiteral("10"), m_uri}),
                      2);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
