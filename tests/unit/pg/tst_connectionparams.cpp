#include "pg/connectionparams.h"

#include <QTest>

using namespace tusk::pg;

class TestConnectionParams : public QObject
{
    Q_OBJECT
private slots:
    void parsesUri();
    void parsesKeyValueString();
    void keepsServiceForLibpq();
    void rejectsUnknownKeywordsWithAMessage();
    void rejectsMalformedUri();
    void redactsPassword();
    void roundTripsThroughConninfo();
    void defaultsConnectTimeout();
};

void TestConnectionParams::parsesUri()
{
    auto p = ConnectionParams::parse(QStringLiteral(
        "postgresql://alice:s3cret@db1.example.com:5433/crm?sslmode=require&application_name=x"));
    QVERIFY(p.ok());
    QCOMPARE(p->value(QStringLiteral("host")), QStringLiteral("db1.example.com"));
    QCOMPARE(p->value(QStringLiteral("port")), QStringLiteral("5433"));
    QCOMPARE(p->value(QStringLiteral("dbname")), QStringLiteral("crm"));
    QCOMPARE(p->value(QStringLiteral("user")), QStringLiteral("alice"));
    QCOMPARE(p->value(QStringLiteral("password")), QStringLiteral("s3cret"));
    QCOMPARE(p->value(QStringLiteral("sslmode")), QStringLiteral("require"));
    QCOMPARE(p->displayName(), QStringLiteral("alice@db1.example.com:5433/crm"));
}

void TestConnectionParams::parsesKeyValueString()
{
    auto p =
        ConnectionParams::parse(QStringLiteral("host=/var/run/postgresql port=5432 dbname='my db' user=bob"));
    QVERIFY(p.ok());
    QCOMPARE(p->value(QStringLiteral("dbname")), QStringLiteral("my db"));
    QCOMPARE(p->value(QStringLiteral("host")), QStringLiteral("/var/run/postgresql"));
}

void TestConnectionParams::keepsServiceForLibpq()
{
    auto p = ConnectionParams::parse(QStringLiteral("service=reporting"));
    QVERIFY(p.ok());
    QCOMPARE(p->value(QStringLiteral("service")), QStringLiteral("reporting"));
    QCOMPARE(p->displayName(), QStringLiteral("service=reporting"));
}

void TestConnectionParams::rejectsUnknownKeywordsWithAMessage()
{
    auto p = ConnectionParams::parse(QStringLiteral("hots=db1"));
    QVERIFY(!p.ok());
    QCOMPARE(p.error().kind, Error::Kind::Usage);
    QVERIFY2(p.error().message.contains(QLatin1String("hots")), qPrintable(p.error().message));
    QVERIFY(!p.error().suggestion.isEmpty());
}

void TestConnectionParams::rejectsMalformedUri()
{
    auto p = ConnectionParams::parse(QStringLiteral("postgresql://[::1:5432/db"));
    QVERIFY(!p.ok());
    QVERIFY(!p.error().message.isEmpty());
}

void TestConnectionParams::redactsPassword()
{
    auto p = ConnectionParams::parse(QStringLiteral("host=h user=u password='p@ss w0rd'"));
    QVERIFY(p.ok());
    QVERIFY(!p->redacted().contains(QLatin1String("p@ss")));
    QVERIFY(p->redacted().contains(QLatin1String("password=********")));
    QVERIFY(!p->displayName().contains(QLatin1String("p@ss")));
    QVERIFY(p->toConninfo().contains(QLatin1String("'p@ss w0rd'")));
}

void TestConnectionParams::roundTripsThroughConninfo()
{
    auto p =
        ConnectionParams::parse(QStringLiteral("host=h dbname='it\\'s' options='-c search_path=a\\\\b'"));
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    auto again = ConnectionParams::parse(p->toConninfo());
    QVERIFY(again.ok());
    QCOMPARE(again->entries(), p->entries());
}

void TestConnectionParams::defaultsConnectTimeout()
{
    QCOMPARE(ConnectionParams().connectTimeoutSeconds(), 10);
    auto p = ConnectionParams::parse(QStringLiteral("connect_timeout=3"));
    QCOMPARE(p->connectTimeoutSeconds(), 3);
}

QTEST_APPLESS_MAIN(TestConnectionParams)
#include "tst_connectionparams.moc"
