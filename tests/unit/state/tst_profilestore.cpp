#include "state/profilestore.h"
#include "state/statedatabase.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk::state;

namespace {
QList<ConnectionProfile> loadNow(ProfileStore &store)
{
    QSignalSpy spy(&store, &ProfileStore::loaded);
    store.loadAll();
    if (!spy.wait(5000))
        return {};
    return spy.first().first().value<QList<ConnectionProfile>>();
}
} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT
private slots:
    void savesLoadsAndDeletesProfilesWithoutSecrets();
};

void TestProfileStore::savesLoadsAndDeletesProfilesWithoutSecrets()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    QString password;
    auto prod = ConnectionProfile::fromConnectionString(
        QStringLiteral("postgresql://dba:TopSecret-42@db1.example.com:5432/crm?sslmode=verify-full"),
        &password);
    QVERIFY(prod.ok());
    prod->name = QStringLiteral("crm prod");
    prod->color = QStringLiteral("#c0392b");
    prod->readOnly = true;
    prod->confirmDestructive = true;
    prod->passwordStorage = ConnectionProfile::PasswordStorage::Keychain;
    ConnectionProfile dev;
    dev.id = QStringLiteral("dev-id");
    dev.name = QStringLiteral("Alpha dev");
    dev.service = QStringLiteral("dev");
    {
        StateDatabase db(path);
        ProfileStore store(&db);
        store.save(*prod);
        store.save(dev);
        const auto all = loadNow(store);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].name, QStringLiteral("Alpha dev")); // ordered by name
        const ConnectionProfile &p = all[1];
        QCOMPARE(p.host, QStringLiteral("db1.example.com"));
        QCOMPARE(p.sslmode, QStringLiteral("verify-full"));
        QCOMPARE(p.color, QStringLiteral("#c0392b"));
        QVERIFY(p.readOnly && p.confirmDestructive);
        QCOMPARE(p.passwordStorage, ConnectionProfile::PasswordStorage::Keychain);
        store.remove(QStringLiteral("dev-id"));
        QCOMPARE(loadNow(store).size(), 1);
    }
    // The password never reaches the state file.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    for (const char *suffix : {"-wal", "-shm"}) {
        QFile side(path + QLatin1String(suffix));
        if (side.open(QIODevice::ReadOnly))
            bytes += side.readAll();
    }
    QCOMPARE(password, QStringLiteral("TopSecret-42"));
    QVERIFY(!bytes.contains("TopSecret-42"));
    QVERIFY(bytes.contains("db1.example.com"));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
