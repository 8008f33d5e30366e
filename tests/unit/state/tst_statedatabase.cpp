// state::StateDatabase: one worker for the state file, PRAGMA user_version migrations from an
// empty file and from the layout Tusk wrote before versioning, and files it must not use.

#include "state/editortabstore.h"
#include "state/profilestore.h"
#include "state/queryhistorystore.h"
#include "state/statedatabase.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace tusk::state;

namespace {
/// Runs statements on `path` through a connection of the test's own (closed before returning).
void execOn(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("setup"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &s : statements)
            QVERIFY2(q.exec(s), qPrintable(s + u' ' + q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("setup"));
}

/// What the state file holds, read on the database's own thread.
struct Shape
{
    int version = -1;
    QStringList objects;
};
Shape shapeOf(StateDatabase &db)
{
    Shape out;
    bool done = false;
    QObject context;
    db.request<Shape>(
        &context,
        [](QSqlDatabase &c) {
            Shape s;
            QSqlQuery q(c);
            if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                s.version = q.value(0).toInt();
            if (q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                                      "ORDER BY name")))
                while (q.next())
                    s.objects << q.value(0).toString();
            return s;
        },
        [&](const Shape &s) {
            out = s;
            done = true;
        });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        qWarning("no answer from the state database");
    return out;
}

template<typename Store, typename Signal>
QVariant answerOf(Store &store, Signal signal, int argument, const std::function<void()> &ask)
{
    QSignalSpy spy(&store, signal);
    ask();
    if (!spy.wait(5000))
        return {};
    return spy.first().at(argument);
}

QList<QueryHistoryEntry> historyOf(QueryHistoryStore &store)
{
    return answerOf(store, &QueryHistoryStore::searchFinished, 1, [&] { store.search(QString()); })
        .value<QList<QueryHistoryEntry>>();
}
QList<EditorTab> tabsOf(EditorTabStore &store)
{
    return answerOf(store, &EditorTabStore::loaded, 0, [&] { store.loadAll(); }).value<QList<EditorTab>>();
}
QList<ConnectionProfile> profilesOf(ProfileStore &store)
{
    return answerOf(store, &ProfileStore::loaded, 0, [&] { store.loadAll(); })
        .value<QList<ConnectionProfile>>();
}

const QStringList kLatestObjects{QStringLiteral("connection_profiles"), QStringLiteral("editor_tabs"),
                                 QStringLiteral("metric_points"),       QStringLiteral("metric_points_age"),
                                 QStringLiteral("metric_series"),       QStringLiteral("query_history"),
                                 QStringLiteral("query_history_time")};

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestStateDatabase : public QObject
{
    Q_OBJECT
private slots:
    void migrationsAreOrderedWithoutGaps();
    void startsFromAnEmptyFile();
    void migratesTheUnversionedLayoutKeepingItsRows();
    void leavesAFileFromANewerTuskUntouched();
    void saysWhenTheFileIsCorrupt();
    void saysWhenAnotherProgramHoldsTheFileLocked();
    void oneThreadAndOneConnectionForAllStores();
    void aFailedMigrationIsRolledBack();
};

void TestStateDatabase::migrationsAreOrderedWithoutGaps()
{
    const QList<StateMigration> &all = stateMigrations();
    QVERIFY(!all.isEmpty());
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(all[i].version, i + 1);
    QCOMPARE(StateDatabase::latestVersion(), all.size());
}

void TestStateDatabase::startsFromAnEmptyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/state.sqlite")); // the folder is made too
    StateDatabase db(path);
    const Shape shape = shapeOf(db);
    QCOMPARE(shape.version, StateDatabase::latestVersion());
    QCOMPARE(shape.objects, kLatestObjects);
    QVERIFY(db.openError().isEmpty());

    QueryHistoryStore history(&db);
    EditorTabStore tabs(&db);
    ProfileStore profiles(&db);
    QueryHistoryEntry e;
    e.executedAt = QDateTime::currentDateTime();
    e.sql = QStringLiteral("SELECT 1");
    history.record(e);
    EditorTab t;
    t.id = QStringLiteral("t1");
    t.text = QStringLiteral("SELECT 2");
    tabs.save(t);
    ConnectionProfile p;
    p.id = QStringLiteral("p1");
    p.name = QStringLiteral("laptop");
    profiles.save(p);
    QCOMPARE(historyOf(history).value(0).sql, QStringLiteral("SELECT 1"));
    QCOMPARE(tabsOf(tabs).value(0).text, QStringLiteral("SELECT 2"));
    QCOMPARE(profilesOf(profiles).value(0).name, QStringLiteral("laptop"));
}

void TestStateDatabase::migratesTheUnversionedLayoutKeepingItsRows()
{
    // The DDL and rows as Tusk wrote them before user_version (frozen here on purpose).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    execOn(
        path,
        {QStringLiteral("CREATE TABLE IF NOT EXISTS query_history ( id INTEGER PRIMARY KEY, executed_at "
                        "INTEGER NOT NULL, duration_ms INTEGER NOT NULL, row_count INTEGER NOT NULL, "
                        "connection TEXT NOT NULL, sql TEXT NOT NULL, error TEXT NOT NULL DEFAULT '', "
                        "sqlstate TEXT NOT NULL DEFAULT '')"),
         QStringLiteral("CREATE INDEX IF NOT EXISTS query_history_time ON query_history (executed_at DESC)"),
         QStringLiteral("CREATE TABLE IF NOT EXISTS editor_tabs ( id TEXT PRIMARY KEY, ord INTEGER NOT "
                        "NULL, title TEXT NOT NULL, conninfo TEXT NOT NULL, file_path TEXT NOT NULL, body "
                        "TEXT NOT NULL, cursor_line INTEGER NOT NULL, cursor_index INTEGER NOT NULL, "
                        "modified INTEGER NOT NULL, saved_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE TABLE IF NOT EXISTS connection_profiles (id TEXT PRIMARY KEY, name TEXT NOT "
                        "NULL, body TEXT NOT NULL)"),
         QStringLiteral("PRAGMA journal_mode=WAL"),
         QStringLiteral("INSERT INTO query_history (executed_at, duration_ms, row_count, connection, sql) "
                        "VALUES (1700000000000, 12, 3, 'tusk@db1/crm', 'SELECT * FROM crm.accounts')"),
         QStringLiteral("INSERT INTO editor_tabs VALUES ('tab-1', 0, 'Query 1', 'host=db1', '', "
                        "'VACUUM crm.deals;', 0, 5, 1, 1700000000000)"),
         QStringLiteral("INSERT INTO connection_profiles VALUES ('p-1', 'crm prod', "
                        "'{\"host\":\"db1.example.com\",\"dbname\":\"crm\"}')")});

    StateDatabase db(path);
    QueryHistoryStore history(&db);
    EditorTabStore tabs(&db);
    ProfileStore profiles(&db);
    const Shape shape = shapeOf(db);
    QCOMPARE(shape.version, StateDatabase::latestVersion());
    QCOMPARE(shape.objects, kLatestObjects);
    const auto entries = historyOf(history);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].sql, QStringLiteral("SELECT * FROM crm.accounts"));
    QCOMPARE(entries[0].rows, qint64(3));
    const auto restored = tabsOf(tabs);
    QCOMPARE(restored.size(), 1);
    QCOMPARE(restored[0].text, QStringLiteral("VACUUM crm.deals;"));
    QCOMPARE(restored[0].cursorIndex, 5);
    const auto saved = profilesOf(profiles);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved[0].host, QStringLiteral("db1.example.com"));
    QVERIFY(db.openError().isEmpty());
}

void TestStateDatabase::leavesAFileFromANewerTuskUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    execOn(path, {QStringLiteral("CREATE TABLE query_history (id INTEGER PRIMARY KEY, sql TEXT)"),
                  QStringLiteral("INSERT INTO query_history VALUES (1, 'SELECT 1')"),
                  QStringLiteral("PRAGMA user_version = %1").arg(StateDatabase::latestVersion() + 1)});
    const QByteArray before = bytesOf(path);
    QVERIFY(!before.isEmpty());
    {
        StateDatabase db(path);
        QueryHistoryStore history(&db);
        QSignalSpy failed(&db, &StateDatabase::openFailed);
        QVERIFY(failed.wait(5000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(path) && message.contains(QLatin1String("newer Tusk")),
                 qPrintable(message));
        QCOMPARE(db.openError(), message);
        QueryHistoryEntry e;
        e.sql = QStringLiteral("SELECT 2");
        history.record(e); // off: neither written nor crashing
        QCOMPARE(historyOf(history).size(), 0);
    }
    QCOMPARE(bytesOf(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
}

void TestStateDatabase::saysWhenTheFileIsCorrupt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    QByteArray noise(16384, Qt::Uninitialized);
    QRandomGenerator rng(8); // fixed seed: the same bytes every run
    for (char &c : noise)
        c = char(rng.bounded(256));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(noise);
    }
    StateDatabase db(path);
    QueryHistoryStore history(&db);
    EditorTabStore tabs(&db);
    QSignalSpy failed(&db, &StateDatabase::openFailed);
    QVERIFY(failed.wait(5000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(path) && message.contains(QLatin1String("damaged")), qPrintable(message));
    EditorTab t;
    t.id = QStringLiteral("t");
    tabs.save(t);
    QCOMPARE(tabsOf(tabs).size(), 0);
    QCOMPARE(historyOf(history).size(), 0);
    db.flush();
    QCOMPARE(bytesOf(path), noise);
}

void TestStateDatabase::saysWhenAnotherProgramHoldsTheFileLocked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    execOn(path, {QStringLiteral("CREATE TABLE t (x INTEGER)")});
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QSqlQuery q(other);
        QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE"))); // held for the whole open attempt
        {
            StateDatabase db(path); // waits busy_timeout (5 s), then gives up
            QSignalSpy failed(&db, &StateDatabase::openFailed);
            QVERIFY(failed.wait(15000));
            const QString message = failed.first().first().toString();
            QVERIFY2(message.contains(path) && message.contains(QLatin1String("locked")),
                     qPrintable(message));
        }
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
}

void TestStateDatabase::oneThreadAndOneConnectionForAllStores()
{
    QTemporaryDir dir;
    QObject owner; // as MainWindow owns them
    auto *db = new StateDatabase(dir.filePath(QStringLiteral("state.sqlite")), &owner);
    auto *history = new QueryHistoryStore(db, &owner);
    auto *tabs = new EditorTabStore(db, &owner);
    auto *profiles = new ProfileStore(db, &owner);
    QCOMPARE(historyOf(*history).size(), 0);
    QCOMPARE(tabsOf(*tabs).size(), 0);
    QCOMPARE(profilesOf(*profiles).size(), 0);
    QCOMPARE(owner.findChildren<QThread *>(QStringLiteral("sqlite-state")).size(), 1);
    const QStringList connections = QSqlDatabase::connectionNames().filter(QStringLiteral("tusk-state-"));
    QCOMPARE(connections.size(), 1);
}

void TestStateDatabase::aFailedMigrationIsRolledBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    const QList<StateMigration> steps{
        {1, {QStringLiteral("CREATE TABLE a (x INTEGER)")}},
        {2, {QStringLiteral("CREATE TABLE b (x INTEGER)"), QStringLiteral("CREATE TABLE a (x INTEGER)")}}};
    QString error;
    SqliteWorker worker(path, [&](QSqlDatabase &c) {
        error = StateDatabase::migrate(c, steps);
        return error;
    });
    QSignalSpy failed(&worker, &SqliteWorker::openFailed);
    QVERIFY(failed.wait(5000));
    QVERIFY2(error.contains(QLatin1String("version 2")), qPrintable(error));
    worker.flush();
    QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
    c.setDatabaseName(path);
    QVERIFY(c.open());
    QSqlQuery q(c);
    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1); // step 1 kept, step 2 undone as a whole
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'b'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    q = QSqlQuery();
    c.close();
    c = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

QTEST_GUILESS_MAIN(TestStateDatabase)
#include "tst_statedatabase.moc"
