// Session::query() and queryBatch() — whole small results to a callback, and the pipelined
// batch — against the real cluster of the ctest "sandbox" fixture.

#include "../common/fixture.h"
#include "../common/sessionrecorder.h"
#include "../common/tcpproxy.h"
#include "pg/session.h"

#include <QPointer>
#include <QTest>
#include <QThread>

#include <memory>

using namespace tusk;
using namespace tusk::pg;
using tusk::test::SessionRecorder;

class TestSessionQuery : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void queryDeliversAWholeResult();
    void queryReportsItsError();
    void callbackRunsOnTheContextsThread();
    void batchAnswersEveryStatementAndIsolatesAnError();
    void batchRunsEachStatementInItsOwnTransaction();
    void batchSendsEveryStatementBeforeAnyAnswer();
    void batchInsideATransactionBlock();
    void destroyedContextGetsNoCallback();
    void queryQueuesBehindAStreamingRequest();
    void cancelEndsAQuery();
    void failsWhenItCannotRun();

private:
    std::unique_ptr<Session> connected(const QString &uri);
    /// Runs a batch to its end and returns the outcomes.
    QList<QueryOutcome> batch(Session &s, const QList<Statement> &statements);

    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
};

void TestSessionQuery::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
}

std::unique_ptr<Session> TestSessionQuery::connected(const QString &uri)
{
    auto s = std::make_unique<Session>(QStringLiteral("tusk-test"));
    bool up = false;
    connect(s.get(), &Session::connected, this, [&up] { up = true; });
    s->connectTo(test::paramsFor(uri));
    if (!QTest::qWaitFor([&] { return up; }, 15000))
        return nullptr;
    return s;
}

QList<QueryOutcome> TestSessionQuery::batch(Session &s, const QList<Statement> &statements)
{
    std::optional<QList<QueryOutcome>> got;
    s.queryBatch(statements, this, [&got](const QList<QueryOutcome> &o) { got = o; });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 30000))
        return {};
    return *got;
}

void TestSessionQuery::queryDeliversAWholeResult()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    std::optional<QueryOutcome> got;
    int calls = 0;
    s->query(QStringLiteral("SELECT g AS n, CASE WHEN g = 2 THEN NULL ELSE 'v' || g END AS v, $1::text AS p "
                            "FROM generate_series(1, 3) g"),
             {QStringLiteral("ünï")}, this, [&](const QueryOutcome &o) {
                 got = o;
                 ++calls;
             });
    QVERIFY(!got); // never inside the call
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY2(*got, got->ok() ? "" : qPrintable(got->error().toString()));
    const RowSet &rows = got->value();
    QCOMPARE(rows.rowCount(), 3);
    QCOMPARE(rows.columnCount(), 3);
    QCOMPARE(rows.columns()->at(1).name, QStringLiteral("v"));
    QCOMPARE(rows.text(0, 1), QStringLiteral("v1"));
    QCOMPARE(rows.text(2, u"v"), QStringLiteral("v3"));
    QVERIFY(rows.isNull(1, 1));
    QCOMPARE(rows.number(2, u"n"), qint64(3));
    QCOMPARE(rows.text(0, u"p"), QString::fromUtf8("ünï"));
    QCOMPARE(rows.commandTag(), QStringLiteral("SELECT 3"));
    QCOMPARE(rows.rowsAffected(), qint64(-1));
    QTest::qWait(100);
    QCOMPARE(calls, 1);

    // A statement without rows says what it did.
    got.reset();
    s->query(QStringLiteral("CREATE TEMP TABLE q(x int)"), {}, this, [&](const QueryOutcome &o) { got = o; });
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    got.reset();
    s->query(QStringLiteral("INSERT INTO q SELECT generate_series(1, 4)"), {}, this,
             [&](const QueryOutcome &o) { got = o; });
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY(*got);
    QCOMPARE(got->value().rowCount(), 0);
    QCOMPARE(got->value().commandTag(), QStringLiteral("INSERT 0 4"));
    QCOMPARE(got->value().rowsAffected(), qint64(4));
    QVERIFY(!s->isBusy());
}

void TestSessionQuery::queryReportsItsError()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    std::optional<QueryOutcome> got;
    s->query(QStringLiteral("SELECT 1/0"), {}, this, [&](const QueryOutcome &o) { got = o; });
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY(!*got);
    QCOMPARE(got->error().sqlState, QStringLiteral("22012"));
    QCOMPARE(got->error().kind, Error::Kind::Sql);
    // The session goes on.
    got.reset();
    s->query(QStringLiteral("SELECT 'on'"), {}, this, [&](const QueryOutcome &o) { got = o; });
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY(*got);
    QCOMPARE(got->value().text(0, 0), QStringLiteral("on"));
}

void TestSessionQuery::callbackRunsOnTheContextsThread()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    QThread other;
    other.start();
    auto *context = new QObject;
    context->moveToThread(&other);
    std::atomic<QThread *> ranOn = nullptr;
    s->query(QStringLiteral("SELECT 1"), {}, context,
             [&](const QueryOutcome &) { ranOn = QThread::currentThread(); });
    QTRY_VERIFY_WITH_TIMEOUT(ranOn.load() != nullptr, 10000);
    QCOMPARE(ranOn.load(), &other);
    QMetaObject::invokeMethod(context, [context] { delete context; });
    other.quit();
    other.wait();
}

void TestSessionQuery::batchAnswersEveryStatementAndIsolatesAnError()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    const QList<QueryOutcome> out =
        batch(*s, {{QStringLiteral("SELECT 1 AS i"), {}},
                   {QStringLiteral("SELECT $1::int AS i"), {QStringLiteral("2")}},
                   {QStringLiteral("SELECT 3 / 0 AS i"), {}},
                   {QStringLiteral("SELECT 4 AS i"), {}},
                   {QStringLiteral("SELECT 5 AS i, $1::text IS NULL AS n"), {QString()}}});
    QCOMPARE(out.size(), 5);
    for (int i : {0, 1, 3, 4}) {
        QVERIFY2(out[i], qPrintable(QStringLiteral("statement %1: %2")
                                        .arg(i)
                                        .arg(out[i] ? QString() : out[i].error().toString())));
        QCOMPARE(out[i]->text(0, u"i"), QString::number(i + 1));
    }
    QVERIFY(!out[2]);
    QCOMPARE(out[2].error().sqlState, QStringLiteral("22012"));
    QCOMPARE(out[4]->text(0, u"n"), QStringLiteral("t"));
    QCOMPARE(s->transactionStatus(), TransactionStatus::Idle);
    QVERIFY(!s->isBusy());
    // The connection left pipeline mode: a script of several statements streams again.
    SessionRecorder r(s.get());
    const quint64 gen = s->execute(QStringLiteral("SELECT 1; SELECT 2"));
    QTRY_VERIFY_WITH_TIMEOUT(r.isDone(gen), 10000);
    QVERIFY2(!r.error, r.error ? qPrintable(r.error->toString()) : "");
    QCOMPARE(r.results.size(), 2);
}

void TestSessionQuery::batchRunsEachStatementInItsOwnTransaction()
{
    // A sync after each statement: each commits on its own, so the one after an error still sees
    // (and keeps) what the one before it did.
    auto s = connected(m_uri);
    QVERIFY(s);
    const QList<QueryOutcome> out = batch(
        *s,
        {{QStringLiteral("CREATE TEMP TABLE kept(x int)"), {}},
         {QStringLiteral("INSERT INTO kept VALUES (1)"), {}},
         {QStringLiteral("INSERT INTO kept VALUES (1/0)"), {}},
         {QStringLiteral("SELECT count(*) AS n, pg_current_xact_id_if_assigned() IS NULL AS fresh FROM kept"),
          {}},
         {QStringLiteral("SELECT pg_current_xact_id()::text AS a"), {}},
         {QStringLiteral("SELECT pg_current_xact_id()::text AS b"), {}}});
    QCOMPARE(out.size(), 6);
    QVERIFY(out[0] && out[1] && !out[2] && out[3] && out[4] && out[5]);
    QCOMPARE(out[3]->text(0, u"n"), QStringLiteral("1"));
    QCOMPARE(out[3]->text(0, u"fresh"), QStringLiteral("t"));
    QVERIFY(out[4]->text(0, 0) != out[5]->text(0, 0)); // two transactions
}

void TestSessionQuery::batchSendsEveryStatementBeforeAnyAnswer()
{
    // One round trip: with the server's answers held back by a proxy, every statement of the
    // batch still reaches the server. Statements sent one by one would stop at the first.
    const int port = m_cluster->node(QStringLiteral("primary")).port;
    test::TcpProxy proxy{quint16(port)};
    QString uri = m_uri;
    uri.replace(QStringLiteral(":%1/").arg(port), QStringLiteral(":%1/").arg(proxy.port()));
    auto s = connected(uri);
    QVERIFY(s);
    QList<Statement> statements;
    for (int i = 1; i <= 5; ++i)
        statements.append({QStringLiteral("SELECT 'tusk-batch-%1' AS marker").arg(i), {}});
    std::optional<QList<QueryOutcome>> got;
    proxy.holdAnswers(true);
    s->queryBatch(statements, this, [&got](const QList<QueryOutcome> &o) { got = o; });
    QTRY_VERIFY_WITH_TIMEOUT(proxy.sentWhileHeld().contains("tusk-batch-5"), 10000);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(proxy.sentWhileHeld().contains(QByteArray("tusk-batch-") + QByteArray::number(i)));
    QTest::qWait(200);
    QVERIFY(!got); // nothing can have come back
    proxy.holdAnswers(false);
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QCOMPARE(got->size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(got->at(i)->text(0, 0), QStringLiteral("tusk-batch-%1").arg(i + 1));

    // The same statements one query() at a time: only the first goes out while answers wait.
    int answered = 0;
    proxy.holdAnswers(true);
    for (const Statement &st : statements)
        s->query(st.sql, {}, this, [&answered](const QueryOutcome &) { ++answered; });
    QTRY_VERIFY_WITH_TIMEOUT(proxy.sentWhileHeld().contains("tusk-batch-1"), 10000);
    QTest::qWait(300);
    QVERIFY(!proxy.sentWhileHeld().contains("tusk-batch-2"));
    proxy.holdAnswers(false);
    QTRY_COMPARE_WITH_TIMEOUT(answered, 5, 10000);
}

void TestSessionQuery::batchInsideATransactionBlock()
{
    // There the user's transaction rules: an error aborts it, and what follows fails with 25P02.
    auto s = connected(m_uri);
    QVERIFY(s);
    QVERIFY(batch(*s, {{QStringLiteral("BEGIN"), {}}}).value(0, QueryOutcome(RowSet())));
    const QList<QueryOutcome> out = batch(*s, {{QStringLiteral("SELECT 1"), {}},
                                               {QStringLiteral("SELECT 1/0"), {}},
                                               {QStringLiteral("SELECT 3"), {}}});
    QCOMPARE(out.size(), 3);
    QVERIFY(out[0] && !out[1] && !out[2]);
    QCOMPARE(out[2].error().sqlState, QStringLiteral("25P02"));
    QCOMPARE(s->transactionStatus(), TransactionStatus::InFailedTransaction);
    QVERIFY(batch(*s, {{QStringLiteral("ROLLBACK"), {}}}).value(0, QueryOutcome(RowSet())));
    QCOMPARE(s->transactionStatus(), TransactionStatus::Idle);
}

void TestSessionQuery::destroyedContextGetsNoCallback()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    bool called = false;
    auto *context = new QObject;
    s->query(QStringLiteral("SELECT pg_sleep(0.3)"), {}, context,
             [&called](const QueryOutcome &) { called = true; });
    delete context;
    // In another thread, destroyed there while the answer is on its way.
    QThread other;
    other.start();
    auto *remote = new QObject;
    remote->moveToThread(&other);
    std::atomic<bool> remoteCalled = false;
    s->query(QStringLiteral("SELECT pg_sleep(0.3)"), {}, remote,
             [&remoteCalled](const QueryOutcome &) { remoteCalled = true; });
    QMetaObject::invokeMethod(remote, [remote] { delete remote; });
    // Requests run in order: once this one is answered, the two before it were too.
    bool after = false;
    s->query(QStringLiteral("SELECT 1"), {}, this, [&after](const QueryOutcome &) { after = true; });
    QTRY_VERIFY_WITH_TIMEOUT(after, 10000);
    QTest::qWait(100);
    QVERIFY(!called);
    QVERIFY(!remoteCalled);
    QVERIFY(!s->isBusy());
    other.quit();
    other.wait();
}

void TestSessionQuery::queryQueuesBehindAStreamingRequest()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    SessionRecorder r(s.get());
    QStringList order;
    connect(s.get(), &Session::finished, this,
            [&order](quint64, const RequestSummary &) { order << QStringLiteral("stream"); });
    const quint64 stream = s->execute(QStringLiteral("SELECT generate_series(1, 1000000) AS g"),
                                      QueryOptions{.chunkRows = 1000});
    QTRY_VERIFY_WITH_TIMEOUT(r.rows > 0, 10000); // streaming now
    std::optional<QueryOutcome> got;
    s->query(QStringLiteral("SELECT 'after' FROM generate_series(1, 3)"), {}, this,
             [&](const QueryOutcome &o) {
                 got = o;
                 order << QStringLiteral("query");
             });
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 60000);
    QVERIFY2(*got, got->ok() ? "" : qPrintable(got->error().toString()));
    QVERIFY(r.isDone(stream));
    QCOMPARE(r.rows, qint64(1000000));
    QCOMPARE(order, QStringList({QStringLiteral("stream"), QStringLiteral("query")}));
    // libpq 15 keeps the streaming request's single-row mode for this one: still one RowSet.
    QCOMPARE(got->value().rowCount(), 3);
    QCOMPARE(got->value().text(2, 0), QStringLiteral("after"));
    QCOMPARE(got->value().commandTag(), QStringLiteral("SELECT 3"));
    QVERIFY(!r.done.contains(stream + 1)); // query() emits none of the streaming signals
}

void TestSessionQuery::cancelEndsAQuery()
{
    auto s = connected(m_uri);
    QVERIFY(s);
    std::optional<QueryOutcome> got;
    const quint64 gen =
        s->query(QStringLiteral("SELECT pg_sleep(60)"), {}, this, [&](const QueryOutcome &o) { got = o; });
    QTest::qWait(300);
    QVERIFY(s->cancel(gen));
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY(!*got);
    QCOMPARE(got->error().kind, Error::Kind::Cancelled);
}

void TestSessionQuery::failsWhenItCannotRun()
{
    {
        Session idle;
        std::optional<QueryOutcome> got;
        idle.query(QStringLiteral("SELECT 1"), {}, this, [&](const QueryOutcome &o) { got = o; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
        QVERIFY(!*got);
        QVERIFY2(got->error().message.contains(QLatin1String("not connected")),
                 qPrintable(got->error().message));
    }
    // A session closed while its batch waits still answers every statement (its context lives).
    auto s = connected(m_uri);
    QVERIFY(s);
    std::optional<QList<QueryOutcome>> got;
    s->queryBatch({{QStringLiteral("SELECT pg_sleep(30)"), {}}, {QStringLiteral("SELECT 2"), {}}}, this,
                  [&](const QList<QueryOutcome> &o) { got = o; });
    QTest::qWait(300);
    s.reset();
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QCOMPARE(got->size(), 2);
    QVERIFY(!got->at(0) && !got->at(1));
    QVERIFY2(got->at(0).error().message.contains(QLatin1String("closed")),
             qPrintable(got->at(0).error().message));
}

QTEST_GUILESS_MAIN(TestSessionQuery)
#include "tst_sessionquery.moc"
