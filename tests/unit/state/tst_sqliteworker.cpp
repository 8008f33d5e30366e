// state::SqliteWorker: results reach only living contexts, and a state file that cannot be used
// is reported (the window then says history and autosave are off) instead of only logged.

#include "state/queryhistorystore.h"
#include "state/sqliteworker.h"
#include "state/statedatabase.h"

#include <QDir>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk::state;

class TestSqliteWorker : public QObject
{
    Q_OBJECT
private slots:
    void deliversToALivingContext();
    void dropsTheResultOfAContextThatDiedWhileTheQueryRan();
    void manyContextsDyingAtOnceAreSafe();
    void saysWhenTheFileIsNotADatabase();
    void saysWhenThePathIsADirectory();
};

void TestSqliteWorker::deliversToALivingContext()
{
    QTemporaryDir dir;
    SqliteWorker db(dir.filePath(QStringLiteral("state.sqlite")), {});
    QObject context;
    int answer = 0;
    db.request<int>(
        &context, [](QSqlDatabase &) { return 42; }, [&](const int &v) { answer = v; });
    QTRY_COMPARE_WITH_TIMEOUT(answer, 42, 5000);
    QVERIFY(db.openError().isEmpty());
}

void TestSqliteWorker::dropsTheResultOfAContextThatDiedWhileTheQueryRan()
{
    QTemporaryDir dir;
    SqliteWorker db(dir.filePath(QStringLiteral("state.sqlite")), {});
    QSemaphore running, release;
    bool called = false;
    auto *context = new QObject;
    db.request<int>(
        context,
        [&](QSqlDatabase &) {
            running.release();
            release.acquire(); // the context dies while this runs
            return 7;
        },
        [&](const int &) { called = true; });
    running.acquire();
    delete context;
    release.release();
    db.flush();
    QTest::qWait(50); // anything posted to this thread would arrive now
    QVERIFY(!called);
}

void TestSqliteWorker::manyContextsDyingAtOnceAreSafe()
{
    // Contexts die while their answers are on the way (ASan would catch a use after free).
    QTemporaryDir dir;
    SqliteWorker db(dir.filePath(QStringLiteral("state.sqlite")), {});
    int delivered = 0;
    QObject survivor;
    for (int i = 0; i < 2000; ++i) {
        auto *context = new QObject;
        db.request<int>(
            context, [i](QSqlDatabase &) { return i; }, [&](const int &) { ++delivered; });
        if (i % 3)
            delete context;
        else
            context->setParent(&survivor);
    }
    db.flush();
    QTRY_COMPARE_WITH_TIMEOUT(delivered, 667, 5000); // every third context lived
}

void TestSqliteWorker::saysWhenTheFileIsNotADatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x')); // a corrupt state file
    }
    StateDatabase db(path);
    QueryHistoryStore store(&db);
    QSignalSpy failed(&db, &StateDatabase::openFailed);
    QVERIFY(failed.wait(5000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(path) && message.contains(QLatin1String("not a database")),
             qPrintable(message));
    // The store keeps answering (nothing found), it does not crash or hang.
    QSignalSpy found(&store, &QueryHistoryStore::searchFinished);
    store.search(QString());
    QVERIFY(found.wait(5000));
    QCOMPARE(found.first().at(1).value<QList<QueryHistoryEntry>>().size(), 0);
}

void TestSqliteWorker::saysWhenThePathIsADirectory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    QVERIFY(QDir().mkpath(path));
    SqliteWorker db(path, {});
    QSignalSpy failed(&db, &SqliteWorker::openFailed);
    QVERIFY(failed.wait(5000));
    QVERIFY(db.openError().contains(path));
}

QTEST_GUILESS_MAIN(TestSqliteWorker)
#include "tst_sqliteworker.moc"
