// Failed connections against the fixture's real server: the SQLSTATE the server sent while the
// connection started, and the advice chosen from it. Registered twice: as is, and as
// tst_connectfailures_de with LANG=de_DE.UTF-8 LANGUAGE=de, where libpq writes its messages in
// German — the advice must not change with the language.

#include "../common/fixture.h"
#include "../common/sessionrecorder.h"
#include "pg/session.h"

#include <QCoreApplication>
#include <QTcpServer>
#include <QTest>

#include <clocale>
#include <optional>

using namespace tusk;
using namespace tusk::pg;
using tusk::test::SessionRecorder;

Q_DECLARE_METATYPE(tusk::pg::ConnectionAdvice)

namespace {
// Per process: the English and the German run of this test share the sandbox at the same time.
QString limitedRole()
{
    return QStringLiteral("tusk_limited_%1").arg(QCoreApplication::applicationPid());
}
} // namespace

class TestConnectFailures : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void wrongPasswordIs28P01();
    void missingDatabaseIs3D000();
    void missingRoleIs28000();
    void missingRoleUnderPasswordAuthLooksLikeAWrongPassword();
    void roleAtItsConnectionLimitIs53300();
    void databaseNotAcceptingConnectionsIs55000();
    void refusedPortHasNoCodeAndSaysCheckThePort();
    void missingSocketSaysSo();
    void noPasswordSuppliedIsKnownWithoutWords();
    void tlsRequiredButAbsent();

private:
    /// Connects and waits for the failure.
    std::optional<Error> failure(const ConnectionParams &params);
    ConnectionParams tcp(const QString &user, const QString &database, const QString &extra = {}) const;
    ConnectionParams socket(const QString &user, const QString &database) const;
    /// The message as libpq and the server wrote it, less what Tusk splits off.
    static void verifyNoVerboseLeftovers(const Error &e);

    std::optional<sandbox::LocalCluster> m_cluster;
    int m_port = 0;
    bool m_german = false;
};

void TestConnectFailures::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        TUSK_SKIP_WITHOUT_FIXTURE();
    m_port = m_cluster->node(QStringLiteral("primary")).port;
    m_german = qEnvironmentVariable("LANGUAGE") == QLatin1String("de");
    if (!m_german)
        return;
    // LANG=de_DE.UTF-8 takes only where that locale was generated (locale-gen); glibc's gettext
    // otherwise stays in "C", where it ignores LANGUAGE. C.UTF-8 is always there and lets
    // LANGUAGE=de choose the catalogue (and UTF-8 keeps its » « and umlauts).
    const char *messages = std::setlocale(LC_MESSAGES, nullptr);
    if (!messages || qstrcmp(messages, "C") == 0 || qstrcmp(messages, "POSIX") == 0) {
        std::setlocale(LC_MESSAGES, "C.UTF-8");
        std::setlocale(LC_CTYPE, "C.UTF-8");
    }
    qInfo("LC_MESSAGES is %s, LANGUAGE=de", std::setlocale(LC_MESSAGES, nullptr));
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();
    const auto refused =
        failure(test::paramsFor(QStringLiteral("host=127.0.0.1 port=%1 user=x dbname=y").arg(port)));
    QVERIFY(refused);
    // libpq5 ships /usr/share/locale/de/LC_MESSAGES/libpq5-15.mo: "… fehlgeschlagen: …".
    if (!refused->message.contains(QLatin1String("fehlgeschlagen")))
        QSKIP(qPrintable(QStringLiteral("libpq does not speak German here (no catalogue?): ") +
                         refused->message));
    qInfo("libpq speaks German: %s", qPrintable(refused->message));
}

void TestConnectFailures::cleanupTestCase()
{
    if (m_cluster)
        m_cluster->psql(QStringLiteral("primary"),
                        QStringLiteral("DROP ROLE IF EXISTS %1").arg(limitedRole()));
}

std::optional<Error> TestConnectFailures::failure(const ConnectionParams &params)
{
    Session s;
    SessionRecorder r(&s);
    s.connectTo(params);
    if (!QTest::qWaitFor([&] { return r.connectError.has_value() || r.connects > 0; }, 15000))
        return std::nullopt;
    if (r.connectError)
        qInfo("%s", qPrintable(r.connectError->toString()));
    return r.connectError;
}

ConnectionParams TestConnectFailures::tcp(const QString &user, const QString &database,
                                          const QString &extra) const
{
    return test::paramsFor(QStringLiteral("host=127.0.0.1 port=%1 user=%2 dbname=%3 %4")
                               .arg(QString::number(m_port), user, database, extra));
}

ConnectionParams TestConnectFailures::socket(const QString &user, const QString &database) const
{
    return test::paramsFor(QStringLiteral("host=%1 port=%2 user=%3 dbname=%4")
                               .arg(m_cluster->socketDir(), QString::number(m_port), user, database));
}

void TestConnectFailures::verifyNoVerboseLeftovers(const Error &e)
{
    QVERIFY2(!e.message.contains(e.sqlState + QLatin1Char(':')), qPrintable(e.message));
    QVERIFY2(!e.message.contains(QLatin1String(".c:")), qPrintable(e.message)); // LOCATION: func, file.c:line
    QVERIFY2(!e.message.contains(u'\n'), qPrintable(e.message));
}

void TestConnectFailures::wrongPasswordIs28P01()
{
    const auto e = failure(tcp(QStringLiteral("tusk"), QStringLiteral("postgres"),
                               QStringLiteral("password=not-the-password passfile=/nonexistent")));
    QVERIFY(e);
    QCOMPARE(e->kind, Error::Kind::Connection);
    QCOMPARE(e->sqlState, QStringLiteral("28P01"));
    QCOMPARE(e->advice, ConnectionAdvice::WrongPassword);
    QCOMPARE(e->suggestion, connectionAdviceText(ConnectionAdvice::WrongPassword));
    verifyNoVerboseLeftovers(*e);
}

void TestConnectFailures::missingDatabaseIs3D000()
{
    const auto e = failure(tcp(QStringLiteral("tusk"), QStringLiteral("tusk_no_such_db"),
                               QStringLiteral("passfile=") + m_cluster->passfile()));
    QVERIFY(e);
    QCOMPARE(e->sqlState, QStringLiteral("3D000"));
    QCOMPARE(e->advice, ConnectionAdvice::DatabaseMissing);
    QVERIFY2(e->message.contains(QLatin1String("tusk_no_such_db")), qPrintable(e->message));
    verifyNoVerboseLeftovers(*e);
}

void TestConnectFailures::missingRoleIs28000()
{
    // Over the socket (trust) the server says the role does not exist.
    const auto e = failure(socket(QStringLiteral("tusk_no_such_role"), QStringLiteral("postgres")));
    QVERIFY(e);
    QCOMPARE(e->sqlState, QStringLiteral("28000"));
    QCOMPARE(e->advice, ConnectionAdvice::NotAuthorized);
    verifyNoVerboseLeftovers(*e);
}

void TestConnectFailures::missingRoleUnderPasswordAuthLooksLikeAWrongPassword()
{
    // scram-sha-256 does not tell a client whether the role exists (the log does): 28P01.
    const auto e = failure(tcp(QStringLiteral("tusk_no_such_role"), QStringLiteral("postgres"),
                               QStringLiteral("password=x passfile=/nonexistent")));
    QVERIFY(e);
    QCOMPARE(e->sqlState, QStringLiteral("28P01"));
    QCOMPARE(e->advice, ConnectionAdvice::WrongPassword);
}

void TestConnectFailures::roleAtItsConnectionLimitIs53300()
{
    const auto made = m_cluster->psql(
        QStringLiteral("primary"),
        QStringLiteral("DROP ROLE IF EXISTS %1; CREATE ROLE %1 LOGIN CONNECTION LIMIT 0").arg(limitedRole()));
    QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error()));
    const auto e = failure(socket(limitedRole(), QStringLiteral("postgres")));
    QVERIFY(e);
    QCOMPARE(e->sqlState, QStringLiteral("53300"));
    QCOMPARE(e->advice, ConnectionAdvice::TooManyConnections);
}

void TestConnectFailures::databaseNotAcceptingConnectionsIs55000()
{
    const auto e = failure(socket(QStringLiteral("tusk"), QStringLiteral("template0")));
    QVERIFY(e);
    QCOMPARE(e->sqlState, QStringLiteral("55000"));
    QCOMPARE(e->advice, ConnectionAdvice::DatabaseClosed);
}

void TestConnectFailures::refusedPortHasNoCodeAndSaysCheckThePort()
{
    QTcpServer probe; // a port nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();
    const auto e =
        failure(test::paramsFor(QStringLiteral("host=127.0.0.1 port=%1 user=x dbname=y").arg(port)));
    QVERIFY(e);
    QVERIFY(e->sqlState.isEmpty());
    QCOMPARE(e->advice, ConnectionAdvice::ConnectionRefused);
    QCOMPARE(e->suggestion, connectionAdviceText(ConnectionAdvice::ConnectionRefused));
}

void TestConnectFailures::missingSocketSaysSo()
{
    const auto e =
        failure(test::paramsFor(QStringLiteral("host=/nonexistent/tusk-sockets port=5432 user=x dbname=y")));
    QVERIFY(e);
    QVERIFY(e->sqlState.isEmpty());
    QCOMPARE(e->advice, ConnectionAdvice::NoServerSocket);
}

void TestConnectFailures::noPasswordSuppliedIsKnownWithoutWords()
{
    qputenv("PGPASSFILE", "/nonexistent/pgpass");
    const auto e = failure(tcp(QStringLiteral("tusk"), QStringLiteral("postgres")));
    qunsetenv("PGPASSFILE");
    QVERIFY(e);
    QVERIFY(e->sqlState.isEmpty());
    QCOMPARE(e->advice, ConnectionAdvice::NoPasswordGiven);
}

void TestConnectFailures::tlsRequiredButAbsent()
{
    // The sandbox listens without TLS.
    const auto e = failure(tcp(QStringLiteral("tusk"), QStringLiteral("postgres"),
                               QStringLiteral("sslmode=require passfile=") + m_cluster->passfile()));
    QVERIFY(e);
    QVERIFY(e->sqlState.isEmpty());
    QCOMPARE(e->advice, ConnectionAdvice::TlsNotAvailable);
}

QTEST_GUILESS_MAIN(TestConnectFailures)
#include "tst_connectfailures.moc"
