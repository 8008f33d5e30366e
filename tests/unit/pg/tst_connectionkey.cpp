// ConnectionKey (which sessions may be shared) and nodesOf (one params per server of a
// multi-host conninfo): pure functions of ConnectionParams, no server needed.

#include "pg/connectionregistry.h"

#include <QTest>

using namespace tusk::pg;

namespace {
ConnectionParams parsed(const QString &conninfo)
{
    auto p = ConnectionParams::parse(conninfo);
    if (!p)
        QTest::qFail(qPrintable(p.error().toString()), __FILE__, __LINE__);
    return p ? *p : ConnectionParams();
}
} // namespace

class TestConnectionKey : public QObject
{
    Q_OBJECT
private slots:
    void sameServerDatabaseAndUserIsOneKey();
    void anotherDatabaseUserOrOptionIsAnotherKey();
    void theKeyNeverHoldsThePassword();
    void nodesOfAMultiHostConninfo();
    void nodesOfASingleOrDefaultHost();
    void roleNamesAreWhatPgStatActivityShows();
};

void TestConnectionKey::sameServerDatabaseAndUserIsOneKey()
{
    // Order, password and application name do not change where a session goes.
    const ConnectionKey a =
        ConnectionKey::of(parsed(QStringLiteral("host=db1 port=5433 dbname=crm user=app")));
    const ConnectionKey b = ConnectionKey::of(
        parsed(QStringLiteral("user=app password=secret application_name=x dbname=crm port=5433 host=db1")));
    const ConnectionKey c = ConnectionKey::of(parsed(QStringLiteral("postgresql://app@db1:5433/crm")));
    QCOMPARE(a, b);
    QCOMPARE(a, c);
    QVERIFY(!a.isEmpty());
}

void TestConnectionKey::anotherDatabaseUserOrOptionIsAnotherKey()
{
    const ConnectionKey base = ConnectionKey::of(parsed(QStringLiteral("host=db1 dbname=crm user=app")));
    QVERIFY(!(base == ConnectionKey::of(parsed(QStringLiteral("host=db1 dbname=crm user=admin")))));
    QVERIFY(!(base == ConnectionKey::of(parsed(QStringLiteral("host=db1 dbname=hr user=app")))));
    QVERIFY(!(base == ConnectionKey::of(parsed(QStringLiteral("host=db2 dbname=crm user=app")))));
    // A session with other options (sslmode, options=-c …) is not interchangeable either.
    QVERIFY(
        !(base == ConnectionKey::of(parsed(QStringLiteral("host=db1 dbname=crm user=app sslmode=require")))));
}

void TestConnectionKey::theKeyNeverHoldsThePassword()
{
    const ConnectionKey k = ConnectionKey::of(
        parsed(QStringLiteral("host=db1 user=app password='s3cr3t pw' passfile=/tmp/pass")));
    QVERIFY2(!k.toString().contains(QLatin1String("s3cr3t")), qPrintable(k.toString()));
    QVERIFY(!k.toString().contains(QLatin1String("passfile")));
    QVERIFY(k.toString().contains(QLatin1String("db1")));
}

void TestConnectionKey::nodesOfAMultiHostConninfo()
{
    const auto nodes = nodesOf(parsed(QStringLiteral(
        "host=pg1,pg2,pg3 port=5432,5433,5434 dbname=crm user=app target_session_attrs=read-write")));
    QCOMPARE(nodes.size(), 3);
    QCOMPARE(nodes[0].value(QStringLiteral("host")), QStringLiteral("pg1"));
    QCOMPARE(nodes[1].value(QStringLiteral("host")), QStringLiteral("pg2"));
    QCOMPARE(nodes[1].value(QStringLiteral("port")), QStringLiteral("5433"));
    QCOMPARE(nodes[2].value(QStringLiteral("port")), QStringLiteral("5434"));
    for (const ConnectionParams &n : nodes) {
        QCOMPARE(n.value(QStringLiteral("dbname")), QStringLiteral("crm"));
        QVERIFY(!n.contains(QStringLiteral("target_session_attrs"))); // a node is one server
    }
    // One port for all hosts, as libpq reads it.
    const auto shared = nodesOf(parsed(QStringLiteral("host=pg1,pg2 port=6432")));
    QCOMPARE(shared.size(), 2);
    QCOMPARE(shared[1].value(QStringLiteral("port")), QStringLiteral("6432"));
    // The nodes are distinct keys: each gets its own monitoring session.
    QVERIFY(!(ConnectionKey::of(shared[0]) == ConnectionKey::of(shared[1])));
}

void TestConnectionKey::nodesOfASingleOrDefaultHost()
{
    const auto one = nodesOf(parsed(QStringLiteral("host=/run/postgresql dbname=crm")));
    QCOMPARE(one.size(), 1);
    QCOMPARE(one[0].value(QStringLiteral("host")), QStringLiteral("/run/postgresql"));
    const auto none = nodesOf(parsed(QStringLiteral("dbname=crm"))); // libpq's default host
    QCOMPARE(none.size(), 1);
    QVERIFY(!none[0].contains(QStringLiteral("host")));
}

void TestConnectionKey::roleNamesAreWhatPgStatActivityShows()
{
    QCOMPARE(applicationNameFor(SessionRole::Query), QStringLiteral("tusk"));
    QCOMPARE(applicationNameFor(SessionRole::Catalog), QStringLiteral("tusk-catalog"));
    QCOMPARE(applicationNameFor(SessionRole::Monitor), QStringLiteral("tusk-monitor"));
}

QTEST_GUILESS_MAIN(TestConnectionKey)
#include "tst_connectionkey.moc"
