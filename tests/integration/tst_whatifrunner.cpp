// advisor::WhatIfRunner on a plain pg::Session against the sandbox primary (no GUI): the winner
// rule, a failing candidate that does not stop the others, schemas found on the search_path, and
// no hypothetical index left behind after a run, a cancel or a runner destroyed mid-way.
// tests/gui/tst_whatif.cpp drives the same runner through the dialog.

#include "../common/fixture.h"
#include "advisor/whatifrunner.h"
#include "pg/session.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace tusk;
using advisor::HypoPgStatus;
using advisor::WhatIfResult;
using advisor::WhatIfRunner;

class TestWhatIfRunner : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void picksTheUsedIndexThatSavesMost();
    void aFailingCandidateDoesNotStopTheOthers();
    void findsTheSchemaOfATableNamedWithoutOne();
    void cancelLeavesNoHypotheticalIndex();
    void aRunnerDestroyedMidWayLeavesNoHypotheticalIndex();

private:
    /// A probed runner on m_session; null when the probe failed.
    std::unique_ptr<WhatIfRunner> probedRunner();
    /// One value from m_session (where the hypothetical indexes live), or `<error: …>`.
    QString sessionValue(const QString &sql);
    static explain::IndexCandidate candidate(const QString &table, const QString &column);

    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
    std::unique_ptr<pg::Session> m_session;
};

void TestWhatIfRunner::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
    auto r = m_cluster->psql(QStringLiteral("primary"), QStringLiteral(R"(
        CREATE EXTENSION IF NOT EXISTS hypopg;
        DROP TABLE IF EXISTS public.whatif_orders;
        CREATE TABLE public.whatif_orders (id int, customer_id int, region int, total numeric);
        INSERT INTO public.whatif_orders
          SELECT g, g % 20000, g % 7, g * 1.5 FROM generate_series(1, 200000) g;
        ANALYZE public.whatif_orders;)"));
    QVERIFY2(r, r ? "" : qPrintable(r.error()));
}

void TestWhatIfRunner::init()
{
    m_session = std::make_unique<pg::Session>();
    QSignalSpy up(m_session.get(), &pg::Session::connected);
    m_session->connectTo(test::paramsFor(m_uri));
    QVERIFY(up.wait(15000));
}

void TestWhatIfRunner::cleanup()
{
    m_session.reset();
}

std::unique_ptr<WhatIfRunner> TestWhatIfRunner::probedRunner()
{
    auto runner = std::make_unique<WhatIfRunner>(m_session.get());
    QSignalSpy probed(runner.get(), &WhatIfRunner::probed);
    runner->probe();
    if (!probed.wait(10000) || runner->status().state != HypoPgStatus::State::Installed)
        return nullptr;
    return runner;
}

QString TestWhatIfRunner::sessionValue(const QString &sql)
{
    QString value;
    bool done = false;
    m_session->query(sql, {}, this, [&](const pg::QueryOutcome &r) {
        value = r ? r->text(0, 0) : QStringLiteral("<error: %1>").arg(r.error().message);
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return QStringLiteral("<timeout>");
    return value;
}

explain::IndexCandidate TestWhatIfRunner::candidate(const QString &table, const QString &column)
{
    explain::IndexCandidate c;
    c.schema = QStringLiteral("public");
    c.table = table;
    c.keys = {explain::IndexKey{column, {}, {}, explain::IndexKey::Use::Equality}};
    return c;
}

void TestWhatIfRunner::picksTheUsedIndexThatSavesMost()
{
    const auto result = [](double after, bool used, const char *error = "") {
        WhatIfResult r;
        r.costBefore = 100;
        r.costAfter = after;
        r.used = used;
        r.error = QString::fromLatin1(error);
        return r;
    };
    QCOMPARE(WhatIfRunner::winner({}), -1);
    QCOMPARE(WhatIfRunner::winner({result(10, false), result(50, true), result(20, true)}), 2);
    QCOMPARE(WhatIfRunner::winner({result(100, true), result(120, true)}), -1); // no saving
    QCOMPARE(WhatIfRunner::winner({result(5, true, "failed"), result(30, true)}), 1);
    QCOMPARE(WhatIfRunner::winner({result(30, true), result(30, true)}), 0); // a tie: the earlier one
}

void TestWhatIfRunner::aFailingCandidateDoesNotStopTheOthers()
{
    auto runner = probedRunner();
    QVERIFY(runner);
    QSignalSpy finished(runner.get(), &WhatIfRunner::finished);
    QSignalSpy baseline(runner.get(), &WhatIfRunner::baselineReady);
    // The statement ends in a line comment: the reset queued after it must still run.
    runner->run(QStringLiteral("SELECT * FROM whatif_orders WHERE customer_id = 42 -- one customer"),
                {candidate(QStringLiteral("no_such_table"), QStringLiteral("x")),
                 candidate(QStringLiteral("whatif_orders"), QStringLiteral("region")),
                 candidate(QStringLiteral("whatif_orders"), QStringLiteral("customer_id"))});
    QVERIFY(finished.wait(20000));
    QCOMPARE(baseline.size(), 1);
    const auto results = finished.first().at(0).value<QVector<WhatIfResult>>();
    const int winner = finished.first().at(1).toInt();
    QCOMPARE(results.size(), 3);
    QVERIFY2(results[0].error.contains(QLatin1String("no_such_table")), qPrintable(results[0].error));
    QVERIFY2(results[1].error.isEmpty() && results[2].error.isEmpty(),
             qPrintable(results[1].error + results[2].error));
    QVERIFY2(!results[1].used, "an index on region (7 values) must not help a customer_id lookup");
    QVERIFY(results[2].used);
    QVERIFY2(results[2].costAfter < results[2].costBefore * 0.1,
             qPrintable(QStringLiteral("%1 -> %2").arg(results[2].costBefore).arg(results[2].costAfter)));
    QVERIFY(results[2].hypotheticalName.contains(QLatin1String("whatif_orders")));
    QCOMPARE(winner, 2);
    QVERIFY(!runner->isRunning());
    QCOMPARE(sessionValue(QStringLiteral("SELECT count(*) FROM hypopg()")), QStringLiteral("0"));
    QCOMPARE(
        sessionValue(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE tablename = 'whatif_orders'")),
        QStringLiteral("0"));
}

void TestWhatIfRunner::findsTheSchemaOfATableNamedWithoutOne()
{
    auto runner = probedRunner();
    QVERIFY(runner);
    explain::IndexCandidate c = candidate(QStringLiteral("whatif_orders"), QStringLiteral("customer_id"));
    c.schema.clear(); // a plan without VERBOSE names the table only
    QSignalSpy ready(runner.get(), &WhatIfRunner::candidatesReady);
    runner->prepare({c});
    QVERIFY(ready.wait(10000));
    const auto prepared = ready.first().at(0).value<QVector<explain::IndexCandidate>>();
    QVERIFY(!prepared.isEmpty());
    QCOMPARE(prepared.first().schema, QStringLiteral("public"));
    QCOMPARE(prepared.first().table, QStringLiteral("whatif_orders"));
}

void TestWhatIfRunner::cancelLeavesNoHypotheticalIndex()
{
    auto runner = probedRunner();
    QVERIFY(runner);
    QSignalSpy cancelled(runner.get(), &WhatIfRunner::cancelled);
    QSignalSpy finished(runner.get(), &WhatIfRunner::finished);
    QVector<explain::IndexCandidate> many;
    for (int i = 0; i < 20; ++i)
        many << candidate(QStringLiteral("whatif_orders"),
                          i % 2 ? QStringLiteral("customer_id") : QStringLiteral("region"));
    // Cancel as soon as the first candidate was planned: its index was created in the backend.
    connect(runner.get(), &WhatIfRunner::candidateFinished, runner.get(), [&] { runner->cancel(); });
    runner->run(QStringLiteral("SELECT * FROM whatif_orders WHERE customer_id = 42"), many);
    QVERIFY(cancelled.wait(20000));
    QCOMPARE(finished.size(), 0);
    QVERIFY(!runner->isRunning());
    QCOMPARE(sessionValue(QStringLiteral("SELECT count(*) FROM hypopg()")), QStringLiteral("0"));
}

void TestWhatIfRunner::aRunnerDestroyedMidWayLeavesNoHypotheticalIndex()
{
    auto runner = probedRunner();
    QVERIFY(runner);
    QSignalSpy baseline(runner.get(), &WhatIfRunner::baselineReady);
    QVector<explain::IndexCandidate> many;
    for (int i = 0; i < 200; ++i)
        many << candidate(QStringLiteral("whatif_orders"), QStringLiteral("customer_id"));
    runner->run(QStringLiteral("SELECT * FROM whatif_orders WHERE customer_id = 42"), many);
    QVERIFY(baseline.wait(10000));
    // A hypothetical index in this backend, as the closed dialog's run would leave it.
    const QString created = sessionValue(QStringLiteral(
        "SELECT indexname FROM hypopg_create_index('CREATE INDEX ON public.whatif_orders (total)')"));
    QVERIFY2(created.endsWith(QLatin1String("btree_whatif_orders_total")), qPrintable(created));
    QVERIFY2(runner->isRunning(), "the run must still be going for this test to mean anything");
    runner.reset(); // the dialog closed mid-way; the session lives on
    QCOMPARE(sessionValue(QStringLiteral("SELECT count(*) FROM hypopg()")), QStringLiteral("0"));
}

QTEST_GUILESS_MAIN(TestWhatIfRunner)
#include "tst_whatifrunner.moc"
