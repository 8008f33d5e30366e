// tusk-cli script against the sandbox primary: statement by statement through sql::ScriptRunner,
// the first error stops the script and the message says what was committed; --single-transaction
// commits all or nothing; stdin; an unreadable file is a usage error.

#include "../common/fixture.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliScript : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void stopsAtTheFirstErrorAndSaysWhatWasCommitted();
    void singleTransactionCommitsAllOrNothing();
    void readsStdinAndPrintsRows();
    void anUnreadableFileIsAUsageError();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QString describe() const
        {
            return QStringLiteral("exit %1, stderr:\n%2").arg(exitCode).arg(QString::fromUtf8(err));
        }
    };
    Run cli(const QStringList &args, const QByteArray &input = {});
    QString scalar(const QString &sql);
    QString writeScript(const QByteArray &text);

    std::optional<tusk::sandbox::LocalCluster> m_cluster;
    QString m_uri;
    QTemporaryDir m_dir;
};

TestCliScript::Run TestCliScript::cli(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral(TUSK_CLI), args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString TestCliScript::scalar(const QString &sql)
{
    auto r = m_cluster->psql(QStringLiteral("primary"), sql);
    return r ? r->trimmed() : QStringLiteral("<psql failed: %1>").arg(r.error());
}

QString TestCliScript::writeScript(const QByteArray &text)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("script%1.sql").arg(++n));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return {};
    return path;
}

void TestCliScript::initTestCase()
{
    m_cluster = tusk::test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
    QVERIFY(m_dir.isValid());
}

void TestCliScript::stopsAtTheFirstErrorAndSaysWhatWasCommitted()
{
    const QString path = writeScript("DROP TABLE IF EXISTS cli_script_t;\n"
                                     "CREATE TABLE cli_script_t (i int);\n"
                                     "\\set ON_ERROR_STOP on\n"
                                     "INSERT INTO cli_script_t VALUES (1);\n"
                                     "SELECT 1 / 0;\n"
                                     "INSERT INTO cli_script_t VALUES (2);\n");
    QVERIFY(!path.isEmpty());
    const Run r = cli({QStringLiteral("script"), m_uri, path});
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("skipped psql meta-command on line 3: \\set ON_ERROR_STOP on"),
             qPrintable(r.describe()));
    QVERIFY2(r.err.contains("statement 4 (line 5) failed:"), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("22012"), qPrintable(r.describe()));
    QVERIFY2(
        r.err.contains("3 of 5 statement(s) ran and are committed; 1 after the failing one did not run."),
        qPrintable(r.describe()));
    QCOMPARE(scalar(QStringLiteral("SELECT string_agg(i::text, ',') FROM cli_script_t")),
             QStringLiteral("1"));
}

void TestCliScript::singleTransactionCommitsAllOrNothing()
{
    QCOMPARE(scalar(QStringLiteral("DROP TABLE IF EXISTS cli_script_tx; CREATE TABLE cli_script_tx (i int); "
                                   "SELECT 'ok'")),
             QStringLiteral("ok"));
    const QString failing = writeScript("INSERT INTO cli_script_tx VALUES (1);\n"
                                        "INSERT INTO cli_script_tx VALUES ('not a number');\n");
    Run r = cli({QStringLiteral("script"), QStringLiteral("--single-transaction"), m_uri, failing});
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("Nothing was committed"), qPrintable(r.describe()));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM cli_script_tx")), QStringLiteral("0"));

    const QString good =
        writeScript("INSERT INTO cli_script_tx VALUES (1);\nINSERT INTO cli_script_tx VALUES (2)");
    r = cli({QStringLiteral("script"), QStringLiteral("--single-transaction"), m_uri, good});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("COMMIT"), qPrintable(r.describe()));
    QCOMPARE(scalar(QStringLiteral("SELECT string_agg(i::text, ',' ORDER BY i) FROM cli_script_tx")),
             QStringLiteral("1,2"));
}

void TestCliScript::readsStdinAndPrintsRows()
{
    const Run r = cli({QStringLiteral("script"), QStringLiteral("--format"), QStringLiteral("tsv"), m_uri,
                       QStringLiteral("-")},
                      "SELECT 'a' AS x;\nSELECT 'ü' AS y, 2 AS z");
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("x\na\n\ny\tz\nü\t2\n"));
}

void TestCliScript::anUnreadableFileIsAUsageError()
{
    Run r = cli({QStringLiteral("script"), m_uri, m_dir.filePath(QStringLiteral("missing.sql"))});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("cannot read"), qPrintable(r.describe()));
    r = cli({QStringLiteral("script"), m_uri, writeScript("SELECT '\xff';")});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("not valid UTF-8"), qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(TestCliScript)
#include "tst_cliscript.moc"
