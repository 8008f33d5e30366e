#include "tools/postgresbinaries.h"

#include <QFileInfo>
#include <QTest>

using tusk::tools::ClientTools;
using tusk::tools::PostgresBinaries;

namespace {
const QStringList kPrograms{QStringLiteral("pg_dump"), QStringLiteral("pg_restore"), QStringLiteral("psql")};
ClientTools tools(int major)
{
    return {QStringLiteral("/opt/pg%1/bin").arg(major), major, QStringLiteral("%1.2").arg(major)};
}
} // namespace

class TestClientTools : public QObject
{
    Q_OBJECT
private slots:
    void picksTheOldestNotOlderThanTheServer()
    {
        const QList<ClientTools> found{tools(17), tools(13), tools(15)};
        QCOMPARE(PostgresBinaries::pickClientTools(12, found, kPrograms)->majorVersion, 13);
        QCOMPARE(PostgresBinaries::pickClientTools(14, found, kPrograms)->majorVersion, 15);
        QCOMPARE(PostgresBinaries::pickClientTools(15, found, kPrograms)->majorVersion, 15);
        QCOMPARE(PostgresBinaries::pickClientTools(16, found, kPrograms)->binDir,
                 QStringLiteral("/opt/pg17/bin"));
    }

    void saysWhatIsNeededAndWhatWasFound()
    {
        const auto none = PostgresBinaries::pickClientTools(18, {tools(15)}, kPrograms);
        QVERIFY(!none);
        qInfo().noquote() << none.error();
        QVERIFY(none.error().contains(
            QLatin1String("PostgreSQL 18 server needs pg_dump, pg_restore, psql of version 18")));
        QVERIFY(none.error().contains(QLatin1String("only 15.2 (/opt/pg15/bin)")));
        QVERIFY(none.error().contains(QLatin1String("postgresql-client-18")));
        QVERIFY(PostgresBinaries::pickClientTools(12, {}, kPrograms)
                    .error()
                    .contains(QLatin1String("found none")));
    }

    void findsTheInstalledClients()
    {
        const QList<ClientTools> found = PostgresBinaries::clientInstallations(kPrograms);
        for (const ClientTools &t : found)
            qInfo().noquote() << t.majorVersion << t.version << t.binDir;
        if (found.isEmpty())
            QSKIP("no PostgreSQL client programs installed (postgresql-client-15)");
        const ClientTools newest = found.last();
        const auto chosen = PostgresBinaries::clientToolsFor(newest.majorVersion);
        QVERIFY2(chosen, chosen ? "" : qPrintable(chosen.error()));
        QCOMPARE(chosen->majorVersion, newest.majorVersion);
        QVERIFY(QFileInfo(chosen->program(QStringLiteral("pg_dump"))).isExecutable());
        const auto tooNew = PostgresBinaries::clientToolsFor(newest.majorVersion + 1);
        QVERIFY(!tooNew);
        qInfo().noquote() << tooNew.error();
    }
};

QTEST_GUILESS_MAIN(TestClientTools)
#include "tst_clienttools.moc"
