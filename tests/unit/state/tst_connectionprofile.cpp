#include "state/connectionprofile.h"
#include "state/pgpassfile.h"
#include "state/servicefile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk::state;

class TestConnectionProfile : public QObject
{
    Q_OBJECT
private slots:
    void buildsParamsWithoutPassword();
    void readOnlyProfilesStartReadOnly();
    void importsAUriAndKeepsThePasswordOut();
    void pgpassRoundTripsEscapesAndIsPrivate();
    void pgpassUpsertReplacesTheSameTarget();
    void readsServiceFiles();
};

void TestConnectionProfile::buildsParamsWithoutPassword()
{
    ConnectionProfile p;
    p.host = QStringLiteral("db1");
    p.port = QStringLiteral("5433");
    p.dbname = QStringLiteral("crm");
    p.user = QStringLiteral("dba");
    p.sslmode = QStringLiteral("verify-full");
    p.options = QStringLiteral("connect_timeout=4 password=leak");
    const auto params = p.toParams();
    QCOMPARE(params.value(QStringLiteral("host")), QStringLiteral("db1"));
    QCOMPARE(params.value(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
    QCOMPARE(params.value(QStringLiteral("connect_timeout")), QStringLiteral("4"));
    QVERIFY(!params.contains(QStringLiteral("password")));
}

void TestConnectionProfile::readOnlyProfilesStartReadOnly()
{
    ConnectionProfile p;
    p.host = QStringLiteral("prod");
    p.readOnly = true;
    QCOMPARE(p.toParams().value(QStringLiteral("options")),
             QStringLiteral("-c default_transaction_read_only=on"));
    p.options = QStringLiteral("options='-c statement_timeout=5s'");
    QCOMPARE(p.toParams().value(QStringLiteral("options")),
             QStringLiteral("-c statement_timeout=5s -c default_transaction_read_only=on"));
}

void TestConnectionProfile::importsAUriAndKeepsThePasswordOut()
{
    QString password;
    auto p = ConnectionProfile::fromConnectionString(
        QStringLiteral(
            "postgresql://alice:s3cr%3At@db.example.com:6432/sales?sslmode=require&application_name=x"),
        &password);
    QVERIFY(p.ok());
    QCOMPARE(password, QStringLiteral("s3cr:t"));
    QCOMPARE(p->host, QStringLiteral("db.example.com"));
    QCOMPARE(p->port, QStringLiteral("6432"));
    QCOMPARE(p->dbname, QStringLiteral("sales"));
    QCOMPARE(p->user, QStringLiteral("alice"));
    QCOMPARE(p->sslmode, QStringLiteral("require"));
    QVERIFY(p->options.contains(QLatin1String("application_name")));
    QVERIFY(!p->options.contains(QLatin1String("s3cr")));
    QVERIFY(!p->id.isEmpty());
    QVERIFY(!ConnectionProfile::fromConnectionString(QStringLiteral("nonsense=1"), nullptr).ok());
}

void TestConnectionProfile::pgpassRoundTripsEscapesAndIsPrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pgpass"));
    QVERIFY(PgpassFile::upsert(path, {QStringLiteral("db1"), QStringLiteral("5432"), QStringLiteral("*"),
                                      QStringLiteral("al:ice"), QStringLiteral("p\\w:d")})
                .ok());
    QCOMPARE(QFile(path).permissions() &
                 (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("db1:5432:*:al\\:ice:p\\\\w\\:d\n"));
    auto entries = PgpassFile::read(path);
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 1);
    QCOMPARE(entries->first().user, QStringLiteral("al:ice"));
    QCOMPARE(entries->first().password, QStringLiteral("p\\w:d"));
    QVERIFY(entries->first().matches(QStringLiteral("db1"), QStringLiteral("5432"), QStringLiteral("any"),
                                     QStringLiteral("al:ice")));
}

void TestConnectionProfile::pgpassUpsertReplacesTheSameTarget()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pgpass"));
    QFile seed(path);
    QVERIFY(seed.open(QIODevice::WriteOnly));
    seed.write("# my comment\nother:5432:*:bob:keep\ndb1:5432:crm:dba:old\n");
    seed.close();
    QVERIFY(PgpassFile::upsert(path, {QStringLiteral("db1"), QStringLiteral("5432"), QStringLiteral("crm"),
                                      QStringLiteral("dba"), QStringLiteral("new")})
                .ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("# my comment\nother:5432:*:bob:keep\ndb1:5432:crm:dba:new\n"));
}

void TestConnectionProfile::readsServiceFiles()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pg_service.conf"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        "# services\n[reporting]\nhost=replica.example.com\nport = 5433\ndbname=dwh\n\n[prod]\nhost=db1\n");
    f.close();
    const auto services = ServiceFile::read(path);
    QCOMPARE(services.size(), 2);
    QCOMPARE(services[0].name, QStringLiteral("reporting"));
    QCOMPARE(services[0].value(QStringLiteral("port")), QStringLiteral("5433"));
    QCOMPARE(services[1].value(QStringLiteral("host")), QStringLiteral("db1"));
    qputenv("PGSERVICEFILE", path.toUtf8());
    QVERIFY(ServiceFile::searchPaths().first() == path);
    QCOMPARE(ServiceFile::readAll().first().name, QStringLiteral("reporting"));
    qunsetenv("PGSERVICEFILE");
}

QTEST_APPLESS_MAIN(TestConnectionProfile)
#include "tst_connectionprofile.moc"
