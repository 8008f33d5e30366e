// SecretStore against a real Secret Service (gnome-keyring on a private D-Bus session, see
// with-keyring.sh) and, run a second time without a session bus, the clear fallback message.
// The .pgpass path is tested against a file of its own.
#include "state/pgpassfile.h"
#include "state/secretstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk::state;

class TestSecretStore : public QObject
{
    Q_OBJECT
private slots:
    void keychainKeepsAPasswordPerProfile();
    void withoutAKeychainSaysWhatToDo();
    void pgpassGetsAnEntryOnlyTheOwnerCanRead();

private:
    static bool hasSessionBus();
    static ConnectionProfile profile(const QString &id, ConnectionProfile::PasswordStorage storage);
    /// Stores and waits; the (ok, message) answer.
    static std::pair<bool, QString> store(SecretStore &s, const ConnectionProfile &p,
                                          const QString &password);
    /// Reads and waits; (ok, password, message).
    static std::tuple<bool, QString, QString> read(SecretStore &s, const ConnectionProfile &p);
};

bool TestSecretStore::hasSessionBus()
{
    const QString bus = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    return !bus.isEmpty() && !bus.contains(QLatin1String("/nonexistent"));
}

ConnectionProfile TestSecretStore::profile(const QString &id, ConnectionProfile::PasswordStorage storage)
{
    ConnectionProfile p;
    p.id = id;
    p.name = QStringLiteral("Profile ") + id;
    p.host = QStringLiteral("db.example.com");
    p.port = QStringLiteral("6432");
    p.dbname = QStringLiteral("crm");
    p.user = QStringLiteral("app:user"); // a colon: .pgpass must escape it
    p.passwordStorage = storage;
    return p;
}

std::pair<bool, QString> TestSecretStore::store(SecretStore &s, const ConnectionProfile &p,
                                                const QString &password)
{
    QSignalSpy stored(&s, &SecretStore::stored);
    s.storePassword(p, password); // .pgpass and "none" answer at once, the keychain later
    if (stored.isEmpty() && !stored.wait(10000))
        return {false, QStringLiteral("no answer")};
    return {stored.first().at(1).toBool(), stored.first().at(2).toString()};
}

std::tuple<bool, QString, QString> TestSecretStore::read(SecretStore &s, const ConnectionProfile &p)
{
    QSignalSpy read(&s, &SecretStore::passwordRead);
    s.readPassword(p);
    if (read.isEmpty() && !read.wait(10000))
        return {false, {}, QStringLiteral("no answer")};
    return {read.first().at(1).toBool(), read.first().at(2).toString(), read.first().at(3).toString()};
}

void TestSecretStore::keychainKeepsAPasswordPerProfile()
{
    if (!hasSessionBus())
        QSKIP("no session bus: run through with-keyring.sh (ctest does)");
    SecretStore s;
    const auto a = profile(QStringLiteral("a"), ConnectionProfile::PasswordStorage::Keychain);
    const auto b = profile(QStringLiteral("b"), ConnectionProfile::PasswordStorage::Keychain);
    const QString hostile = QStringLiteral("pä ss:w\\ord'\"; DROP TABLE x; --\t✓");
    auto [ok, message] = store(s, a, hostile);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(message.contains(QLatin1String("system keychain")));
    QVERIFY(store(s, b, QStringLiteral("other")).first);
    // A second store (another process would see the same) reads each profile's own password.
    SecretStore again;
    auto [readOk, password, readMessage] = read(again, a);
    QVERIFY2(readOk, qPrintable(readMessage));
    QCOMPARE(password, hostile);
    QCOMPARE(std::get<1>(read(again, b)), QStringLiteral("other"));
    // Changing it replaces it.
    QVERIFY(store(s, a, QStringLiteral("rotated")).first);
    QCOMPARE(std::get<1>(read(again, a)), QStringLiteral("rotated"));
    // A profile without a stored password: ok, empty, and said so.
    auto [noneOk, none, noneMessage] =
        read(again, profile(QStringLiteral("c"), ConnectionProfile::PasswordStorage::Keychain));
    QVERIFY(noneOk);
    QVERIFY(none.isEmpty());
    QVERIFY(noneMessage.contains(QLatin1String("No password")));
}

void TestSecretStore::withoutAKeychainSaysWhatToDo()
{
    if (hasSessionBus())
        QSKIP("a session bus is there: this case runs as tst_secretstore_nobus");
    SecretStore s;
    const auto p = profile(QStringLiteral("a"), ConnectionProfile::PasswordStorage::Keychain);
    auto [ok, message] = store(s, p, QStringLiteral("secret-value"));
    QVERIFY(!ok);
    QVERIFY2(message.contains(QLatin1String(".pgpass")), qPrintable(message));
    QVERIFY(!message.contains(QLatin1String("secret-value"))); // never in a message
    auto [readOk, password, readMessage] = read(s, p);
    QVERIFY(!readOk);
    QVERIFY(password.isEmpty());
    QVERIFY(readMessage.contains(QLatin1String("keychain is not available")));
}

void TestSecretStore::pgpassGetsAnEntryOnlyTheOwnerCanRead()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pgpass"));
    SecretStore s;
    s.setPgpassPath(path);
    auto [ok, message] = store(s, profile(QStringLiteral("a"), ConnectionProfile::PasswordStorage::Pgpass),
                               QStringLiteral("pa:ss\\word"));
    QVERIFY2(ok, qPrintable(message));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("db.example.com:6432:crm:app\\:user:pa\\:ss\\\\word\n"));
    QCOMPARE(f.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    // libpq reads .pgpass itself: nothing is handed over.
    auto [readOk, password, readMessage] =
        read(s, profile(QStringLiteral("a"), ConnectionProfile::PasswordStorage::Pgpass));
    QVERIFY(readOk);
    QVERIFY(password.isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
