#include "../../common/explainfixture.h"
#include "explain/filtercolumns.h"
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"

#include <QTest>

using namespace tusk::explain;
namespace test = tusk::test;

namespace {

int firstNode(const Plan &plan, const QString &nodeType)
{
    for (const PlanNode &n : plan.nodes) {
        if (n.nodeType == nodeType)
            return n.id;
    }
    return -2;
}

QVector<PlanWarning> ofKind(const PlanAnalysis &a, WarningKind kind)
{
    QVector<PlanWarning> out;
    for (const PlanWarning &w : a.warnings()) {
        if (w.kind == kind)
            out << w;
    }
    return out;
}

} // namespace

/// PlanAnalysis's warnings and exclusive buffers on plans from a PostgreSQL 15 cluster
/// (tests/data/explain/generate-fixtures.sh): each warning on the plan made to show it, on the
/// right node, with advice naming this plan's table, columns and settings — and none on a
/// healthy plan.
class TestPlanWarnings : public QObject
{
    Q_OBJECT
private slots:
    void warnsOnTheRightNode_data();
    void warnsOnTheRightNode();
    void healthyPlanHasNoWarnings();
    void thresholdsKeepQuiet();
    void exclusiveBuffersAddUpToTheRoot_data();
    void exclusiveBuffersAddUpToTheRoot();
    void exclusiveBuffersFollowTheCteRule();
    void findsColumnsInConditions();
};

void TestPlanWarnings::warnsOnTheRightNode_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<WarningKind>("kind");
    QTest::addColumn<QString>("nodeType"); // empty: the whole plan (node -1)
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QStringList>("advice"); // what the suggestion must name

    const auto row = [](const char *name, const char *file, WarningKind kind, const char *node, Severity s,
                        QStringList advice) {
        QTest::newRow(name) << QString::fromLatin1(file) << kind << QString::fromLatin1(node) << s << advice;
    };
    row("hash batches", "warn-hash-batches.json", WarningKind::HashBatches, "Hash", Severity::Warning,
        {QStringLiteral("work_mem (now 64kB)"), QStringLiteral("32 batches")});
    row("hashagg spill", "warn-hashagg-spill.json", WarningKind::HashAggSpill, "Aggregate", Severity::Warning,
        {QStringLiteral("work_mem (now 64kB)"), QStringLiteral("hash_mem_multiplier")});
    row("sort on disk", "warn-sort-disk.json", WarningKind::SortOnDisk, "Sort", Severity::Warning,
        {QStringLiteral("SET LOCAL work_mem = '45MB' (now 64kB)"), QStringLiteral("(big.v)")});
    row("lossy bitmap", "warn-lossy-bitmap.json", WarningKind::LossyBitmap, "Bitmap Heap Scan",
        Severity::Warning, {QStringLiteral("work_mem (now 64kB)"), QStringLiteral("work_mem = '")});
    row("nested loop", "warn-nested-loop.json", WarningKind::NestedLoopManyLoops, "Nested Loop",
        Severity::Critical,
        {QStringLiteral("(o.customer_id = c.id)"), QStringLiteral("enable_hashjoin (now off)")});
    row("selective seq scan", "warn-seqscan-selective.json", WarningKind::SeqScanSelective, "Seq Scan",
        Severity::Critical,
        {QStringLiteral("CREATE INDEX ON public.big (v, grp)"), QStringLiteral("text_pattern_ops")});
    row("stale statistics", "warn-stale-stats.json", WarningKind::StaleStatistics, "Seq Scan",
        Severity::Warning, {QStringLiteral("ANALYZE public.stale")});
    row("misestimate", "warn-stale-stats.json", WarningKind::Misestimate, "Seq Scan", Severity::Warning,
        {QStringLiteral("ANALYZE")});
    row("jit", "warn-jit.json", WarningKind::JitDominates, "", Severity::Critical,
        {QStringLiteral("SET jit = off"), QStringLiteral("jit_above_cost (now 0)")});
    row("workers", "warn-workers-not-launched.json", WarningKind::WorkersNotLaunched, "Gather",
        Severity::Warning, {QStringLiteral("max_parallel_workers (now 0)")});
}

void TestPlanWarnings::warnsOnTheRightNode()
{
    QFETCH(QString, file);
    QFETCH(WarningKind, kind);
    QFETCH(QString, nodeType);
    QFETCH(Severity, severity);
    QFETCH(QStringList, advice);
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(file));
    const PlanAnalysis a(plan);
    const QVector<PlanWarning> found = ofKind(a, kind);
    QCOMPARE(found.size(), 1);
    const PlanWarning &w = found.first();
    QCOMPARE(w.nodeId, nodeType.isEmpty() ? -1 : firstNode(plan, nodeType));
    QCOMPARE(w.severity, severity);
    QVERIFY(!w.message.isEmpty());
    for (const QString &text : advice)
        QVERIFY2(w.suggestion.contains(text) || w.message.contains(text),
                 qPrintable(QStringLiteral("'%1' not in: %2 / %3").arg(text, w.message, w.suggestion)));
    qInfo("%s: %s — %s", qPrintable(warningKindName(kind)), qPrintable(w.message), qPrintable(w.suggestion));
}

void TestPlanWarnings::healthyPlanHasNoWarnings()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("warn-healthy.json")));
    const PlanAnalysis a(plan);
    QVERIFY(a.warnings().isEmpty());
}

void TestPlanWarnings::thresholdsKeepQuiet()
{
    // JIT ran for the sort (4.8 ms of 590 ms): below 10%, no warning.
    TUSK_PARSE_OR_FAIL(const Plan sortDisk, test::parseFixture(QStringLiteral("warn-sort-disk.json")));
    QVERIFY(ofKind(PlanAnalysis(sortDisk), WarningKind::JitDominates).isEmpty());
    // The selective Seq Scan is not reported twice as a plain filter warning.
    TUSK_PARSE_OR_FAIL(const Plan selective,
                       test::parseFixture(QStringLiteral("warn-seqscan-selective.json")));
    QVERIFY(ofKind(PlanAnalysis(selective), WarningKind::FilterRemovesMost).isEmpty());
    // The nested loop's outer Seq Scan keeps a quarter of customers: no index advice, and a scan
    // with a filter is no evidence of stale statistics.
    TUSK_PARSE_OR_FAIL(const Plan nestedLoop, test::parseFixture(QStringLiteral("warn-nested-loop.json")));
    const PlanAnalysis loop(nestedLoop);
    QVERIFY(ofKind(loop, WarningKind::SeqScanSelective).isEmpty());
    QVERIFY(ofKind(loop, WarningKind::StaleStatistics).isEmpty());
    // Spills and lossy bitmaps stay on the plans that have them.
    TUSK_PARSE_OR_FAIL(const Plan hashBatches, test::parseFixture(QStringLiteral("warn-hash-batches.json")));
    const PlanAnalysis join(hashBatches);
    QVERIFY(ofKind(join, WarningKind::HashAggSpill).isEmpty());
    QVERIFY(ofKind(join, WarningKind::SortOnDisk).isEmpty());
    QVERIFY(ofKind(join, WarningKind::LossyBitmap).isEmpty());
    QVERIFY(ofKind(join, WarningKind::NestedLoopManyLoops).isEmpty());
    QVERIFY(ofKind(join, WarningKind::WorkersNotLaunched).isEmpty());
    // Without ANALYZE there is nothing to warn about but planned workers.
    TUSK_PARSE_OR_FAIL(const Plan costsOnly,
                       test::parseFixture(QStringLiteral("twin-costs-grouping-sets.json")));
    QVERIFY(PlanAnalysis(costsOnly).warnings().isEmpty());
}

void TestPlanWarnings::exclusiveBuffersAddUpToTheRoot_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f : {"twin-join-agg.json", "twin-parallel.json", "twin-insert-triggers.json",
                          "warn-nested-loop.json", "warn-lossy-bitmap.json", "warn-sort-disk.json"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestPlanWarnings::exclusiveBuffersAddUpToTheRoot()
{
    QFETCH(QString, file);
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(file));
    const PlanAnalysis a(plan);
    // Every block is counted once, at the node that touched it.
    double blocks = 0, shares = 0;
    qint64 sharedHit = 0, tempWritten = 0;
    for (const NodeTiming &t : a.timings()) {
        blocks += PlanAnalysis::blocksTouched(t.exclusiveBuffers);
        shares += t.bufferShare;
        sharedHit += t.exclusiveBuffers.sharedHit;
        tempWritten += t.exclusiveBuffers.tempWritten;
    }
    QVERIFY(blocks > 0);
    QCOMPARE(blocks, PlanAnalysis::blocksTouched(plan.root().buffers));
    QCOMPARE(sharedHit, plan.root().buffers.sharedHit);
    QCOMPARE(tempWritten, plan.root().buffers.tempWritten);
    QCOMPARE(a.totalBlocks(), blocks);
    QVERIFY(qAbs(shares - 1) < 1e-9);
}

void TestPlanWarnings::exclusiveBuffersFollowTheCteRule()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("twin-cte-subplan.json")));
    const PlanAnalysis a(plan);
    const int cteScan = firstNode(plan, QStringLiteral("CTE Scan"));
    QVERIFY(cteScan >= 0);
    // The CTE's subplan ran inside the CTE Scan: its blocks are not the scan's own, and they are
    // not taken off the node the subplan hangs under a second time.
    double blocks = 0;
    for (const NodeTiming &t : a.timings())
        blocks += PlanAnalysis::blocksTouched(t.exclusiveBuffers);
    QCOMPARE(blocks, PlanAnalysis::blocksTouched(plan.root().buffers));
    QCOMPARE(PlanAnalysis::blocksTouched(a.timing(cteScan).exclusiveBuffers), 0.0);
    // The Index Only Scan of the SubPlan runs once per row: its blocks are its own.
    const int subplanScan = firstNode(plan, QStringLiteral("Index Only Scan"));
    QCOMPARE(a.timing(subplanScan).exclusiveBuffers.sharedHit, plan.nodes.at(subplanScan).buffers.sharedHit);
}

void TestPlanWarnings::findsColumnsInConditions()
{
    QCOMPARE(columnsInCondition(QStringLiteral("((big.v ~~ 'abc%'::text) AND (big.grp > 10))")),
             QStringList({QStringLiteral("v"), QStringLiteral("grp")}));
    QCOMPARE(
        columnsInCondition(QStringLiteral("(created > '2021-06-01 00:00:00+00'::timestamp with time zone)")),
        QStringList({QStringLiteral("created")}));
    QCOMPARE(columnsInCondition(
                 QStringLiteral("((lower(name) = 'it''s and x'::text) OR (\"Mixed\".\"Col\" IS NULL))")),
             QStringList({QStringLiteral("name"), QStringLiteral("Col")}));
    QCOMPARE(columnsInCondition(
                 QStringLiteral("((id % 7) = 3 AND (k = ANY ('{1,2}'::integer[])) AND (SubPlan 1))")),
             QStringList({QStringLiteral("id"), QStringLiteral("k")}));
    QCOMPARE(columnsInCondition(QStringLiteral("(a = $1)")), QStringList({QStringLiteral("a")}));
    QVERIFY(columnsInCondition(QString()).isEmpty());
}

QTEST_GUILESS_MAIN(TestPlanWarnings)
#include "tst_planwarnings.moc"
