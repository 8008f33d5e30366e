#include "../../common/cputimer.h"
#include "state/queryhistorystore.h"
#include "state/statedatabase.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk::state;

namespace {
QueryHistoryEntry entry(const QString &sql, qint64 msAgo, const QString &error = {})
{
    QueryHistoryEntry e;
    e.executedAt = QDateTime::currentDateTime().addMSecs(-msAgo);
    e.durationMs = 12;
    e.rows = 3;
    e.connection = QStringLiteral("tusk@127.0.0.1:5432/postgres");
    e.sql = sql;
    e.error = error;
    e.sqlState = error.isEmpty() ? QString() : QStringLiteral("42P01");
    return e;
}

QList<QueryHistoryEntry> searchNow(QueryHistoryStore &store, const QString &text)
{
    QSignalSpy spy(&store, &QueryHistoryStore::searchFinished);
    const quint64 id = store.search(text);
    if (!spy.wait(5000))
        return {};
    if (spy.first().at(0).toULongLong() != id)
        return {};
    return spy.first().at(1).value<QList<QueryHistoryEntry>>();
}
} // namespace

class TestQueryHistoryStore : public QObject
{
    Q_OBJECT
private slots:
    void recordsAndFindsNewestFirst();
    void searchMatchesLiterallyIncludingWildcards();
    void survivesReopening();
    void recordingNeverBlocksTheCaller();
};

void TestQueryHistoryStore::recordsAndFindsNewestFirst()
{
    QTemporaryDir dir;
    StateDatabase db(dir.filePath(QStringLiteral("state.sqlite")));
    QueryHistoryStore store(&db);
    store.record(entry(QStringLiteral("SELECT 1"), 3000));
    store.record(entry(QStringLiteral("SELECT * FROM crm.accounts"), 2000));
    store.record(entry(QStringLiteral("SELECT * FROM missing"), 1000,
                       QStringLiteral("relation \"missing\" does not exist")));
    const QList<QueryHistoryEntry> all = searchNow(store, QString());
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[0].sql, QStringLiteral("SELECT * FROM missing"));
    QCOMPARE(all[0].sqlState, QStringLiteral("42P01"));
    QCOMPARE(all[2].sql, QStringLiteral("SELECT 1"));
    QCOMPARE(all[1].rows, qint64(3));
    QCOMPARE(searchNow(store, QStringLiteral("CRM.ACC")).size(), 1);
    QCOMPARE(searchNow(store, QStringLiteral("does not exist")).size(), 1); // errors are searchable
}

void TestQueryHistoryStore::searchMatchesLiterallyIncludingWildcards()
{
    QTemporaryDir dir;
    StateDatabase db(dir.filePath(QStringLiteral("state.sqlite")));
    QueryHistoryStore store(&db);
    store.record(entry(QStringLiteral("SELECT '100%'"), 2));
    store.record(entry(QStringLiteral("SELECT 100"), 1));
    QCOMPARE(searchNow(store, QStringLiteral("100%")).size(), 1);
    QCOMPARE(searchNow(store, QStringLiteral("_")).size(), 0);
}

void TestQueryHistoryStore::survivesReopening()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    {
        StateDatabase db(path);
        QueryHistoryStore store(&db);
        store.record(entry(QStringLiteral("VACUUM ANALYZE crm.deals"), 0));
    }
    StateDatabase againDb(path);
    QueryHistoryStore again(&againDb);
    const QList<QueryHistoryEntry> all = searchNow(again, QString());
    QCOMPARE(all.size(), 1);
    QCOMPARE(all[0].sql, QStringLiteral("VACUUM ANALYZE crm.deals"));
}

void TestQueryHistoryStore::recordingNeverBlocksTheCaller()
{
    QTemporaryDir dir;
    StateDatabase db(dir.filePath(QStringLiteral("state.sqlite")));
    QueryHistoryStore store(&db);
    // CPU time of the caller: recording only queues; the writes happen on the database thread.
    tusk::test::CpuTimer cpu;
    for (int i = 0; i < 2000; ++i)
        store.record(entry(QStringLiteral("SELECT %1").arg(i), 0));
    const qint64 ms = cpu.elapsedMs();
    qInfo("2,000 history entries recorded in %lld ms of the caller's CPU", ms);
    QVERIFY2(ms < 200, qPrintable(QString::number(ms)));
    store.flush();
    QCOMPARE(searchNow(store, QStringLiteral("SELECT 1999")).size(), 1);
}

QTEST_GUILESS_MAIN(TestQueryHistoryStore)
#include "tst_queryhistorystore.moc"
