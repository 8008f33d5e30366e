// pg_dump through ProcessJob against the sandbox fixture: the client tools chosen for the
// server's major, the password only through the job's PGPASSFILE, as the server user when root.

#include "../common/dropdatabase.h"
#include "../common/fixture.h"
#include "pg/quoting.h"
#include "sandbox/toolrunner.h"
#include "tools/postgresbinaries.h"
#include "tools/processjob.h"

#include <QSignalSpy>
#include <QTest>

using namespace tusk;
using tools::ProcessJob;
using tools::ProcessOutcome;

namespace {
// A database of its own: a dump of `postgres` fails when another test drops a table between
// pg_dump's listing and its lock ("relation … does not exist"), and the tests run side by side.
const QString kDatabase = QStringLiteral("tusk_pgdump_test");
} // namespace

class TestPgDumpJob : public QObject
{
    Q_OBJECT
    std::optional<sandbox::LocalCluster> m_cluster;
    tools::ClientTools m_tools;

    tools::ProcessSpec dumpSpec(const QString &password) const
    {
        const auto primary = m_cluster->node(QStringLiteral("primary"));
        return {.program = m_tools.program(QStringLiteral("pg_dump")),
                .arguments = {QStringLiteral("--schema-only"), QStringLiteral("--verbose"),
                              QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                              QString::number(primary.port), QStringLiteral("-U"), QStringLiteral("tusk"),
                              QStringLiteral("-d"), kDatabase},
                .unsetEnvironment = {QStringLiteral("PGSERVICE"), QStringLiteral("PGSERVICEFILE")},
                .password = password,
                .runAs = sandbox::ToolRunner::defaultServerUser()};
    }

private slots:
    void initTestCase()
    {
        m_cluster = test::fixtureCluster();
        if (!m_cluster)
            TUSK_SKIP_WITHOUT_FIXTURE();
        const auto chosen = tools::PostgresBinaries::clientToolsFor(m_cluster->binaries().majorVersion);
        if (!chosen)
            QSKIP(qPrintable(chosen.error()));
        m_tools = *chosen;
        qInfo().noquote() << "server" << m_cluster->binaries().version << "pg_dump" << m_tools.version
                          << m_tools.binDir;
        auto r = m_cluster->psql(QStringLiteral("primary"),
                                 test::dropDatabase(kDatabase, m_cluster->binaries().majorVersion) +
                                     QStringLiteral("CREATE DATABASE %1 TEMPLATE template0;\n")
                                         .arg(pg::quoteIdentifier(kDatabase)));
        QVERIFY2(r, r ? "" : qPrintable(r.error()));
        r = m_cluster->psql(QStringLiteral("primary"),
                            QStringLiteral("CREATE TABLE dumped (id int PRIMARY KEY, label text);"),
                            kDatabase);
        QVERIFY2(r, r ? "" : qPrintable(r.error()));
    }

    void cleanupTestCase()
    {
        if (m_cluster)
            m_cluster->psql(QStringLiteral("primary"),
                            test::dropDatabase(kDatabase, m_cluster->binaries().majorVersion));
    }

    void dumpsWithThePasswordFromTheJob()
    {
        tools::ProcessSpec spec = dumpSpec(m_cluster->password());
        spec.parser = [](tools::ProcessChannel channel,
                         const QString &line) -> std::optional<tools::LineProgress> {
            // pg_dump --verbose: "pg_dump: reading extensions", "pg_dump: dumping contents of …"
            if (channel != tools::ProcessChannel::StandardError ||
                !line.startsWith(QLatin1String("pg_dump: ")))
                return std::nullopt;
            return tools::LineProgress{-1, line.mid(9)};
        };
        ProcessJob job;
        qint64 dumpLines = 0;
        bool header = false;
        connect(&job, &ProcessJob::stdoutLine, this, [&](const QString &line) {
            ++dumpLines;
            header = header || line.contains(QLatin1String("PostgreSQL database dump"));
        });
        QSignalSpy progress(&job, &ProcessJob::progress);
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start(spec);
        QVERIFY(finished.wait(120000));
        const auto outcome = finished.at(0).at(0).value<ProcessOutcome>();
        QVERIFY2(outcome.succeeded(), qPrintable(outcome.message()));
        QVERIFY(header);
        QVERIFY(progress.count() > 0);
        QVERIFY(!outcome.command.contains(m_cluster->password()));
        qInfo("%lld dump lines, %lld verbose lines, %d progress signals, %lld ms", dumpLines,
              outcome.stderrLines, int(progress.count()), outcome.elapsedMs);
    }

    void aWrongPasswordFailsWithTheServersWords()
    {
        ProcessJob job;
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start(dumpSpec(QStringLiteral("not-the-password")));
        QVERIFY(finished.wait(120000));
        const auto outcome = finished.at(0).at(0).value<ProcessOutcome>();
        QCOMPARE(outcome.status, ProcessOutcome::Status::Exited);
        QVERIFY(outcome.exitCode != 0);
        qInfo().noquote() << outcome.message();
        QVERIFY2(outcome.message().contains(QLatin1String("password authentication failed")),
                 qPrintable(outcome.message()));
        QVERIFY(!outcome.message().contains(QLatin1String("not-the-password")));
    }
};

QTEST_GUILESS_MAIN(TestPgDumpJob)
#include "tst_pgdumpjob.moc"
