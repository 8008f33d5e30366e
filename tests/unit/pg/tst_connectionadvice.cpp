// The SQLSTATE in libpq's verbose text of a failed connection, and the advice chosen from it and
// from the other facts of the failure (never from libpq's English wording).

#include "pg/error.h"

#include <QSet>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <netdb.h>

using namespace tusk::pg;

Q_DECLARE_METATYPE(tusk::pg::ConnectionAdvice)

class TestConnectionAdvice : public QObject
{
    Q_OBJECT
private slots:
    void splitsTheSqlStateAndLocationOff_data();
    void splitsTheSqlStateAndLocationOff();
    void choosesBySqlState_data();
    void choosesBySqlState();
    void connectOnlyCodesNeedAConnectionFailure();
    void aServerCodeIsNeverOverruledByTheText();
    void choosesByFactsWithoutACode_data();
    void choosesByFactsWithoutACode();
    void everyAdviceHasASentence();
    void keepsASuggestionAlreadyGiven();
};

void TestConnectionAdvice::splitsTheSqlStateAndLocationOff_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("sqlState");
    // As libpq 15 wrote them at PQERRORS_VERBOSE against a PostgreSQL 15 server (DESIGN-NOTES).
    QTest::newRow("wrong password")
        << QStringLiteral("connection to server at \"127.0.0.1\", port 54399 failed: FATAL:  28P01: password "
                          "authentication failed for user \"tusk\"\nLOCATION:  auth_failed, auth.c:334\n")
        << QStringLiteral("connection to server at \"127.0.0.1\", port 54399 failed: FATAL:  password "
                          "authentication failed for user \"tusk\"")
        << QStringLiteral("28P01");
    QTest::newRow("German libpq, English server")
        << QStringLiteral("Verbindung zum Server auf »127.0.0.1«, Port 54399 fehlgeschlagen: FATAL:  3D000: "
                          "database \"nodb\" does not exist\nORT:  InitPostgres, postinit.c:948\n")
        << QStringLiteral(
               "Verbindung zum Server auf »127.0.0.1«, Port 54399 fehlgeschlagen: FATAL:  database "
               "\"nodb\" does not exist")
        << QStringLiteral("3D000");
    QTest::newRow("French libpq, German server")
        << QStringLiteral("la connexion au serveur sur « 127.0.0.1 », port 54399 a échoué : FATAL:  28P01: "
                          "Passwort-Authentifizierung für Benutzer »tusk« fehlgeschlagen\nEMPLACEMENT : "
                          "auth_failed, auth.c : 334\n")
        << QStringLiteral("la connexion au serveur sur « 127.0.0.1 », port 54399 a échoué : FATAL:  "
                          "Passwort-Authentifizierung für Benutzer »tusk« fehlgeschlagen")
        << QStringLiteral("28P01");
    QTest::newRow("Japanese libpq, Russian server")
        << QStringLiteral(
               "\"127.0.0.1\"、ポート54399のサーバーへの接続に失敗しました: ВАЖНО:  3D000: база данных "
               "\"nodb\" не существует\nLOCATION:  InitPostgres, postinit.c:948\n")
        << QStringLiteral("\"127.0.0.1\"、ポート54399のサーバーへの接続に失敗しました: ВАЖНО:  база данных "
                          "\"nodb\" не существует")
        << QStringLiteral("3D000");
    QTest::newRow("socket, role missing")
        << QStringLiteral(
               "connection to server on socket \"/tmp/s/.s.PGSQL.5432\" failed: FATAL:  28000: role "
               "\"ghost\" does not exist\nLOCATION:  InitializeSessionUserId, miscinit.c:768")
        << QStringLiteral("connection to server on socket \"/tmp/s/.s.PGSQL.5432\" failed: FATAL:  role "
                          "\"ghost\" does not exist")
        << QStringLiteral("28000");
    QTest::newRow("detail and hint stay")
        << QStringLiteral(
               "connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  42501: permission "
               "denied for database \"app\"\nDETAIL:  User does not have CONNECT privilege.\n"
               "LOCATION:  CheckMyDatabase, postinit.c:364\n")
        << QStringLiteral("connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  permission "
                          "denied for database \"app\"\nDETAIL:  User does not have CONNECT privilege.")
        << QStringLiteral("42501");
    QTest::newRow("two hosts: the last code")
        << QStringLiteral(
               "connection to server at \"a\" (10.0.0.1), port 5432 failed: FATAL:  57P03: the "
               "database system is starting up\nLOCATION:  ProcessStartupPacket, postmaster.c:2344\n"
               "connection to server at \"b\" (10.0.0.2), port 5432 failed: FATAL:  28P01: password "
               "authentication failed for user \"u\"\nLOCATION:  auth_failed, auth.c:334\n")
        << QStringLiteral(
               "connection to server at \"a\" (10.0.0.1), port 5432 failed: FATAL:  the database "
               "system is starting up\nconnection to server at \"b\" (10.0.0.2), port 5432 failed: "
               "FATAL:  password authentication failed for user \"u\"")
        << QStringLiteral("28P01");
    QTest::newRow("pgpass remark stays")
        << QStringLiteral(
               "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  28P01: password "
               "authentication failed for user \"u\"\nLOCATION:  auth_failed, auth.c:334\npassword "
               "retrieved from file \"/home/u/.pgpass\"\n")
        << QStringLiteral(
               "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password "
               "authentication failed for user \"u\"\npassword retrieved from file \"/home/u/.pgpass\"")
        << QStringLiteral("28P01");
    QTest::newRow("client side: refused")
        << QStringLiteral(
               "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server "
               "running on that host and accepting TCP/IP connections?\n")
        << QStringLiteral(
               "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server "
               "running on that host and accepting TCP/IP connections?")
        << QString();
    QTest::newRow("a code-like user name after the real code")
        << QStringLiteral(
               "connection to server at \"h\", port 1 failed: FATAL:  28P01: password authentication "
               "failed for user \"X:  12345: \"\nLOCATION:  auth_failed, auth.c:334")
        << QStringLiteral(
               "connection to server at \"h\", port 1 failed: FATAL:  password authentication failed "
               "for user \"X:  12345: \"")
        << QStringLiteral("28P01");
    QTest::newRow("no location without a code")
        << QStringLiteral("could not connect: x\nLOCATION:  f, file.c:1")
        << QStringLiteral("could not connect: x\nLOCATION:  f, file.c:1") << QString();
}

void TestConnectionAdvice::splitsTheSqlStateAndLocationOff()
{
    QFETCH(QString, raw);
    QFETCH(QString, text);
    QFETCH(QString, sqlState);
    const LibpqConnectionText split = splitVerboseConnectionText(raw);
    QCOMPARE(split.text, text);
    QCOMPARE(split.sqlState, sqlState);
}

void TestConnectionAdvice::choosesBySqlState_data()
{
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<ConnectionAdvice>("advice");
    QTest::newRow("28P01") << QStringLiteral("28P01") << ConnectionAdvice::WrongPassword;
    QTest::newRow("28000") << QStringLiteral("28000") << ConnectionAdvice::NotAuthorized;
    QTest::newRow("3D000") << QStringLiteral("3D000") << ConnectionAdvice::DatabaseMissing;
    QTest::newRow("42501") << QStringLiteral("42501") << ConnectionAdvice::NoConnectPrivilege;
    QTest::newRow("55000") << QStringLiteral("55000") << ConnectionAdvice::DatabaseClosed;
    QTest::newRow("53300") << QStringLiteral("53300") << ConnectionAdvice::TooManyConnections;
    QTest::newRow("57P03") << QStringLiteral("57P03") << ConnectionAdvice::CannotConnectNow;
    QTest::newRow("57P01") << QStringLiteral("57P01") << ConnectionAdvice::Terminated;
    QTest::newRow("57P02") << QStringLiteral("57P02") << ConnectionAdvice::ServerCrashed;
    QTest::newRow("57P04") << QStringLiteral("57P04") << ConnectionAdvice::DatabaseDropped;
    QTest::newRow("57P05") << QStringLiteral("57P05") << ConnectionAdvice::IdleSessionTimeout;
    QTest::newRow("25P03") << QStringLiteral("25P03") << ConnectionAdvice::IdleInTransaction;
}

void TestConnectionAdvice::choosesBySqlState()
{
    QFETCH(QString, sqlState);
    QFETCH(ConnectionAdvice, advice);
    Error e;
    e.kind = Error::Kind::Connection;
    e.sqlState = sqlState;
    e.message = QStringLiteral("words in any language");
    QCOMPARE(chooseConnectionAdvice(e), advice);
}

void TestConnectionAdvice::connectOnlyCodesNeedAConnectionFailure()
{
    // "permission denied for table" on a connection that then broke is no CONNECT problem.
    Error e;
    e.kind = Error::Kind::ConnectionLost;
    e.sqlState = QStringLiteral("42501");
    QCOMPARE(chooseConnectionAdvice(e), ConnectionAdvice::None);
    e.sqlState = QStringLiteral("57P01");
    QCOMPARE(chooseConnectionAdvice(e), ConnectionAdvice::Terminated);
}

void TestConnectionAdvice::aServerCodeIsNeverOverruledByTheText()
{
    Error e;
    e.kind = Error::Kind::Connection;
    e.sqlState = QStringLiteral("XX000");
    e.message = QString::fromUtf8(std::strerror(ECONNREFUSED));
    QCOMPARE(chooseConnectionAdvice(e, ConnectionFacts{.tlsRequired = true}), ConnectionAdvice::None);
}

void TestConnectionAdvice::choosesByFactsWithoutACode_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("needsPassword");
    QTest::addColumn<bool>("socketHost");
    QTest::addColumn<bool>("tlsRequired");
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<ConnectionAdvice>("advice");
    const int connection = int(Error::Kind::Connection);
    const int lost = int(Error::Kind::ConnectionLost);
    // The system's texts as the C library gives them in this locale, the rest in another language:
    // what decides is the error number's text, not libpq's sentence around it.
    const auto os = [](int errnum) {
        return QStringLiteral("Verbindung … fehlgeschlagen: ") + QString::fromUtf8(std::strerror(errnum));
    };
    const QString resolver = QStringLiteral("konnte Hostnamen »x« nicht übersetzen: ") +
                             QString::fromUtf8(gai_strerror(EAI_NONAME));
    QTest::newRow("timeout") << connection << QStringLiteral("connection to h timed out after 2 s") << false
                             << false << false << true << ConnectionAdvice::TimedOut;
    QTest::newRow("no password") << connection << QStringLiteral("fe_sendauth: no password supplied") << true
                                 << false << false << false << ConnectionAdvice::NoPasswordGiven;
    QTest::newRow("refused tcp") << connection << os(ECONNREFUSED) << false << false << false << false
                                 << ConnectionAdvice::ConnectionRefused;
    QTest::newRow("refused tcp, tls required") << connection << os(ECONNREFUSED) << false << false << true
                                               << false << ConnectionAdvice::ConnectionRefused;
    QTest::newRow("refused socket") << connection << os(ECONNREFUSED) << false << true << false << false
                                    << ConnectionAdvice::NoServerSocket;
    QTest::newRow("no socket file") << connection << os(ENOENT) << false << true << false << false
                                    << ConnectionAdvice::NoServerSocket;
    QTest::newRow("ENOENT over tcp is not about a socket")
        << connection << os(ENOENT) << false << false << false << false << ConnectionAdvice::None;
    QTest::newRow("dns") << connection << resolver << false << false << false << false
                         << ConnectionAdvice::UnknownHost;
    QTest::newRow("tcp timeout") << connection << os(ETIMEDOUT) << false << false << false << false
                                 << ConnectionAdvice::TimedOut;
    QTest::newRow("no route") << connection << os(EHOSTUNREACH) << false << false << false << false
                              << ConnectionAdvice::HostUnreachable;
    QTest::newRow("tls required, server answered")
        << connection << QStringLiteral("Server unterstützt kein SSL, aber SSL wurde verlangt") << false
        << false << true << false << ConnectionAdvice::TlsNotAvailable;
    QTest::newRow("broken without a code")
        << lost << QStringLiteral("server closed the connection unexpectedly") << false << false << false
        << false << ConnectionAdvice::ServerClosed;
    QTest::newRow("English words alone decide nothing")
        << connection
        << QStringLiteral("password authentication failed: too many connections, database does not exist")
        << false << false << false << false << ConnectionAdvice::None;
}

void TestConnectionAdvice::choosesByFactsWithoutACode()
{
    QFETCH(int, kind);
    QFETCH(QString, message);
    QFETCH(bool, needsPassword);
    QFETCH(bool, socketHost);
    QFETCH(bool, tlsRequired);
    QFETCH(bool, timedOut);
    QFETCH(ConnectionAdvice, advice);
    Error e;
    e.kind = Error::Kind(kind);
    e.message = message;
    const ConnectionFacts facts{.needsPassword = needsPassword,
                                .socketHost = socketHost,
                                .tlsRequired = tlsRequired,
                                .timedOut = timedOut};
    QCOMPARE(chooseConnectionAdvice(e, facts), advice);
}

void TestConnectionAdvice::everyAdviceHasASentence()
{
    QVERIFY(connectionAdviceText(ConnectionAdvice::None).isEmpty());
    QSet<QString> seen;
    for (int a = int(ConnectionAdvice::WrongPassword); a <= int(ConnectionAdvice::ServerClosed); ++a) {
        const QString text = connectionAdviceText(ConnectionAdvice(a));
        QVERIFY2(text.endsWith(u'.') || text.endsWith(u'?'), qPrintable(QString::number(a)));
        QVERIFY2(!seen.contains(text), qPrintable(text));
        seen.insert(text);
    }
    // The texts the integration tests and older callers look for.
    QVERIFY(connectionAdviceText(ConnectionAdvice::WrongPassword).contains(QLatin1String("password")));
    QVERIFY(connectionAdviceText(ConnectionAdvice::ConnectionRefused).contains(QLatin1String("port")));
    QVERIFY(connectionAdviceText(ConnectionAdvice::TlsNotAvailable).contains(QLatin1String("TLS")));
}

void TestConnectionAdvice::keepsASuggestionAlreadyGiven()
{
    Error e;
    e.kind = Error::Kind::Connection;
    e.sqlState = QStringLiteral("28P01");
    e.suggestion = QStringLiteral("mine");
    addConnectionAdvice(e);
    QCOMPARE(e.suggestion, QStringLiteral("mine"));
    QCOMPARE(e.advice, ConnectionAdvice::None);
    e.suggestion.clear();
    addConnectionAdvice(e);
    QCOMPARE(e.advice, ConnectionAdvice::WrongPassword);
    QCOMPARE(e.suggestion, connectionAdviceText(ConnectionAdvice::WrongPassword));
}

QTEST_GUILESS_MAIN(TestConnectionAdvice)
#include "tst_connectionadvice.moc"
