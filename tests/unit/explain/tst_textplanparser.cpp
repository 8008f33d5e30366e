#include "../../common/explainfixture.h"
#include "explain/plananalysis.h"
#include "explain/planreader.h"
#include "explain/textplanparser.h"

#include <QStringEncoder>
#include <QTest>

using namespace tusk::explain;
namespace test = tusk::test;

namespace {

/// A TEXT fixture as TextPlanParser reads it.
test::FixtureResult<Plan> parsedFixture(const QString &name)
{
    return test::parseFixtureWith(
        name, [](const QByteArray &b) { return TextPlanParser::parse(QString::fromUtf8(b)); });
}

// Fields that differ between two nodes; `run` adds what an EXPLAIN ANALYZE run decides.
QString difference(const PlanNode &a, const PlanNode &b, bool run)
{
    QStringList out;
    const auto check = [&out](bool same, const char *what) {
        if (!same)
            out << QLatin1String(what);
    };
    check(a.parentId == b.parentId, "parent");
    check(a.nodeType == b.nodeType, "node type");
    check(a.relationName == b.relationName, "relation");
    check(a.schema == b.schema, "schema");
    check(a.alias == b.alias, "alias");
    check(a.indexName == b.indexName, "index");
    check(a.joinType == b.joinType, "join type");
    check(a.strategy == b.strategy, "strategy");
    check(a.parentRelationship == b.parentRelationship, "parent relationship");
    check(a.subplanName == b.subplanName, "subplan name");
    check(a.parallelAware == b.parallelAware, "parallel aware");
    check(a.startupCost == b.startupCost && a.totalCost == b.totalCost, "costs");
    check(a.planRows == b.planRows && a.planWidth == b.planWidth, "estimates");
    check(a.hasActuals == b.hasActuals, "analyzed");
    check(a.workersPlanned == b.workersPlanned && a.workersLaunched == b.workersLaunched, "workers");
    check(a.filter == b.filter && a.indexCond == b.indexCond && a.hashCond == b.hashCond &&
              a.joinFilter == b.joinFilter && a.recheckCond == b.recheckCond && a.mergeCond == b.mergeCond,
          "conditions");
    check(a.sortKey == b.sortKey && a.output == b.output, "sort key/output");
    check(a.extra.value(QStringLiteral("Partial Mode")) == b.extra.value(QStringLiteral("Partial Mode")),
          "partial mode");
    if (run) {
        check(a.actualStartupTimeMs == b.actualStartupTimeMs && a.actualTotalTimeMs == b.actualTotalTimeMs,
              "times");
        check(a.actualRows == b.actualRows && a.actualLoops == b.actualLoops, "rows/loops");
        check(a.buffers.sharedHit == b.buffers.sharedHit && a.buffers.sharedRead == b.buffers.sharedRead &&
                  a.buffers.tempRead == b.buffers.tempRead && a.buffers.tempWritten == b.buffers.tempWritten,
              "buffers");
        check(a.workers.size() == b.workers.size(), "worker details");
        check(a.sortMethod == b.sortMethod && a.sortSpaceUsedKb == b.sortSpaceUsedKb, "sort");
        check(a.hashBatches == b.hashBatches && a.hashBuckets == b.hashBuckets, "hash");
        check(a.rowsRemovedByFilter == b.rowsRemovedByFilter, "rows removed");
    }
    return out.join(QLatin1String(", "));
}

// Empty when both plans have the same tree (and, with `run`, the same figures).
QString treeDifference(const Plan &a, const Plan &b, bool run)
{
    if (a.nodes.size() != b.nodes.size())
        return QStringLiteral("%1 nodes vs %2").arg(a.nodes.size()).arg(b.nodes.size());
    for (int i = 0; i < a.nodes.size(); ++i) {
        const QString d = difference(a.nodes.at(i), b.nodes.at(i), run);
        if (!d.isEmpty())
            return QStringLiteral("node %1 (%2): %3").arg(i).arg(a.nodes.at(i).nodeType, d);
    }
    if (run && (a.executionTimeMs != b.executionTimeMs || a.planningTimeMs != b.planningTimeMs))
        return QStringLiteral("statement times");
    return {};
}

const PlanNode *findNode(const Plan &plan, const QString &type, int nth = 0)
{
    for (const PlanNode &n : plan.nodes) {
        if (n.nodeType == type && nth-- == 0)
            return &n;
    }
    return nullptr;
}

// The plan lines of a psql-framed fixture without header, rule, footer and the leading space.
QStringList bareLines(const QString &framed)
{
    QStringList out;
    const QStringList lines = framed.split(QLatin1Char('\n'));
    for (int i = 2; i < lines.size(); ++i) {
        if (lines.at(i).startsWith(QLatin1Char('(')))
            break;
        out << lines.at(i).mid(1);
    }
    return out;
}

// Every property PostgreSQL 9.0–18 prints in TEXT, on one made-up plan (not from a server).
const char *const syntheticPlan =
    R"(Update on public.t  (cost=0.00..10.00 rows=0 width=0) (actual time=1.000..2.000 rows=0 loops=1)
  Update on public.t1 t_1
  Update on public.t2 t_2
  Buffers: shared hit=10 read=2 dirtied=3 written=4, local hit=5 read=6 dirtied=7 written=8, temp read=9 written=10
  I/O Timings: shared read=1.5 write=2.5, local read=0.5 write=0.25, temp read=3.5 write=4.5
  WAL: records=11 fpi=1 bytes=1234
  ->  Hash Left Join  (cost=1.00..9.00 rows=10 width=10) (actual rows=10 loops=1)
        Hash Cond: (a.id = b.id)
        Join Filter: (a.x <> b.x)
        Rows Removed by Join Filter: 3
        ->  Index Scan Backward using "My Index" on public."My Table" a  (cost=0.29..8.30 rows=1 width=4) (never executed)
              Index Cond: (id > 5)
        ->  Hash  (cost=1.00..1.00 rows=1 width=4) (actual rows=1 loops=1)
              Buckets: 4096 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 123kB
              ->  HashSetOp Except All  (cost=0.00..1.00 rows=1 width=4) (actual rows=1 loops=1)
                    ->  Append  (cost=0.00..1.00 rows=2 width=4) (actual rows=2 loops=1)
                          Subplans Removed: 2
                          ->  Subquery Scan on "*SELECT* 1"  (cost=0.00..0.50 rows=1 width=4) (actual rows=1 loops=1)
                                ->  Custom Scan (MyScan) on public.c  (cost=0.00..0.50 rows=1 width=4) (actual rows=1 loops=1)
                                      Sort Method:  quicksort  Memory: 25kB
                          ->  Nested Loop Anti Join  (cost=0.00..0.50 rows=1 width=4) (actual rows=1 loops=1)
                                ->  Function Scan on generate_series g  (cost=0.00..0.01 rows=1 width=4) (actual rows=1 loops=1)
                                ->  Bitmap Heap Scan on public.d  (cost=0.00..0.01 rows=1 width=4) (actual rows=0 loops=1)
                                      Recheck Cond: (x = g)
                                      Heap Blocks: exact=3 lossy=4
                                      ->  Bitmap Index Scan on d_x_idx  (cost=0.00..0.01 rows=1 width=0) (actual rows=0 loops=1)
                                            Index Cond: (x = g)
                                            Some Future Property: 42
Settings: work_mem = '3MB', search_path = 'a, b'
Planning:
  Buffers: shared hit=26 read=1
  Memory: used=165kB  allocated=264kB
Planning Time: 0.289 ms
Trigger trg_audit on t: time=1.500 calls=2
Trigger RI_ConstraintTrigger_a_1 for constraint fk on t2: time=4.250 calls=3
JIT:
  Functions: 31
  Options: Inlining true, Optimization false, Expressions true, Deforming true
  Timing: Generation 1.340 ms (Deform 0.303 ms), Inlining 9.145 ms, Optimization 82.044 ms, Emission 57.043 ms, Total 149.572 ms
Serialization: time=0.010 ms  output=12kB  format=text
Execution Time: 18.500 ms)";

} // namespace

/// TextPlanParser on plans from a scratch PostgreSQL 15 (tests/data/explain/text-*: TEXT and JSON
/// of the same statements, separate runs) and on made-up plans for what 15 does not print.
class TestTextPlanParser : public QObject
{
    Q_OBJECT
private slots:
    void givesTheSameTreeAsJson_data();
    void givesTheSameTreeAsJson();
    void readsHashSpillFigures();
    void readsParallelWorkers();
    void readsCteInitPlanAndSubPlan();
    void readsMemoizeIncrementalSortAndPruning();
    void readsEveryKindOfProperty();
    void readsOlderAndMaskedOutput();
    void readsOtherFrames();
    void readsEveryWrapping_data();
    void readsEveryWrapping();
    void rejectsMalformedInputSayingWhere_data();
    void rejectsMalformedInputSayingWhere();
    void everyPrefixParsesOrIsRejected();
    void planReaderDetectsAndDecodes();
};

void TestTextPlanParser::givesTheSameTreeAsJson_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"parallel", "hash-spill", "cte", "initplan-subplan", "memoize",
                             "incremental-sort", "partition-pruning"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestTextPlanParser::givesTheSameTreeAsJson()
{
    QFETCH(QString, name);
    TUSK_PARSE_OR_FAIL(const Plan text, parsedFixture(QStringLiteral("text-%1.txt").arg(name)));
    TUSK_PARSE_OR_FAIL(const QByteArray jsonTwin,
                       test::readFixture(QStringLiteral("text-%1.json").arg(name)));
    const auto json = JsonPlanParser::parse(jsonTwin);
    QVERIFY(json);
    // Separate runs: times and counters differ, the tree and the estimates do not.
    QCOMPARE(treeDifference(text, *json, false), QString());
    QVERIFY(text.planningTimeMs && text.executionTimeMs);
    QCOMPARE(text.extra.contains(QStringLiteral("Planning")),
             json->extra.contains(QStringLiteral("Planning")));
    const PlanAnalysis analysis(text); // must not crash
    Q_UNUSED(analysis);
}

void TestTextPlanParser::readsHashSpillFigures()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, parsedFixture(QStringLiteral("text-hash-spill.txt")));
    QCOMPARE(plan.nodes.size(), 6);
    const PlanNode &limit = plan.root();
    QCOMPARE(limit.nodeType, QStringLiteral("Limit"));
    QCOMPARE(limit.startupCost, 15930.56);
    QCOMPARE(limit.totalCost, 15930.58);
    QCOMPARE(limit.planRows, 10.0);
    QCOMPARE(limit.planWidth, 25);
    QVERIFY(limit.hasActuals);
    QCOMPARE(limit.actualStartupTimeMs, 137.242);
    QCOMPARE(limit.actualTotalTimeMs, 137.246);
    QCOMPARE(limit.actualRows, 10.0);
    QCOMPARE(limit.actualLoops, 1.0);
    QCOMPARE(limit.buffers.sharedHit, 2050);
    QCOMPARE(limit.buffers.tempRead, 1215);
    QCOMPARE(limit.buffers.tempWritten, 1215);
    QCOMPARE(limit.output,
             (QStringList{QStringLiteral("c.region"), QStringLiteral("o.amount"), QStringLiteral("c.name")}));

    const PlanNode &sort = plan.nodes.at(1);
    QCOMPARE(sort.sortKey, (QStringList{QStringLiteral("o.amount DESC"), QStringLiteral("c.name")}));
    QCOMPARE(sort.sortMethod, QStringLiteral("top-N heapsort"));
    QCOMPARE(sort.sortSpaceType, QStringLiteral("Memory"));
    QCOMPARE(sort.sortSpaceUsedKb, 26);
    QCOMPARE(sort.parentRelationship, ParentRelationship::Outer);

    const PlanNode &join = plan.nodes.at(2);
    QCOMPARE(join.nodeType, QStringLiteral("Hash Join"));
    QCOMPARE(join.joinType, QStringLiteral("Inner"));
    QCOMPARE(join.hashCond, QStringLiteral("(o.customer_id = c.id)"));
    QCOMPARE(join.extra.value(QStringLiteral("Inner Unique")).toBool(), true);
    QCOMPARE(join.children.size(), 2);

    const PlanNode &orders = plan.nodes.at(3);
    QCOMPARE(orders.nodeType, QStringLiteral("Seq Scan"));
    QCOMPARE(orders.relationName, QStringLiteral("orders"));
    QCOMPARE(orders.schema, QStringLiteral("public"));
    QCOMPARE(orders.alias, QStringLiteral("o"));
    QCOMPARE(orders.parentRelationship, ParentRelationship::Outer);

    const PlanNode &hash = plan.nodes.at(4);
    QCOMPARE(hash.nodeType, QStringLiteral("Hash"));
    QCOMPARE(hash.parentRelationship, ParentRelationship::Inner);
    QCOMPARE(hash.hashBuckets, 2048);
    QCOMPARE(hash.hashBatches, 16);
    QCOMPARE(hash.originalHashBatches, 16);
    QCOMPARE(hash.extra.value(QStringLiteral("Peak Memory Usage")).toInt(), 84);
    QCOMPARE(hash.buffers.tempWritten, 92);

    QCOMPARE(*plan.planningTimeMs, 0.583);
    QCOMPARE(*plan.executionTimeMs, 137.293);
    QCOMPARE(plan.extra.value(QStringLiteral("Planning"))
                 .toMap()
                 .value(QStringLiteral("Shared Hit Blocks"))
                 .toInt(),
             247);
    QVERIFY(!plan.numbersMasked);
}

void TestTextPlanParser::readsParallelWorkers()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, parsedFixture(QStringLiteral("text-parallel.txt")));
    const PlanNode &root = plan.root();
    QCOMPARE(root.nodeType, QStringLiteral("Aggregate"));
    QCOMPARE(root.strategy, QStringLiteral("Sorted"));
    QCOMPARE(root.extra.value(QStringLiteral("Partial Mode")).toString(), QStringLiteral("Finalize"));

    const PlanNode *gather = findNode(plan, QStringLiteral("Gather Merge"));
    QVERIFY(gather);
    QCOMPARE(gather->workersPlanned, 2);
    QCOMPARE(gather->workersLaunched, 2);

    const PlanNode *sort = findNode(plan, QStringLiteral("Sort"));
    QVERIFY(sort);
    QCOMPARE(sort->workers.size(), 2);
    QCOMPARE(sort->workers.at(0).number, 0);
    QCOMPARE(sort->workers.at(0).actualStartupTimeMs, 68.585);
    QCOMPARE(sort->workers.at(0).actualTotalTimeMs, 68.588);
    QCOMPARE(sort->workers.at(0).actualRows, 4.0);
    QCOMPARE(sort->workers.at(0).actualLoops, 1.0);
    QCOMPARE(sort->workers.at(0).extra.value(QStringLiteral("Sort Method")).toString(),
             QStringLiteral("quicksort"));
    QCOMPARE(sort->workers.at(1).extra.value(QStringLiteral("Shared Hit Blocks")).toInt(), 695);

    const PlanNode *partial = findNode(plan, QStringLiteral("Aggregate"), 1);
    QVERIFY(partial);
    QCOMPARE(partial->strategy, QStringLiteral("Hashed"));
    QCOMPARE(partial->extra.value(QStringLiteral("Partial Mode")).toString(), QStringLiteral("Partial"));
    QCOMPARE(partial->extra.value(QStringLiteral("HashAgg Batches")).toInt(), 1);

    const PlanNode *join = findNode(plan, QStringLiteral("Hash Join"));
    QVERIFY(join && join->parallelAware);
    const PlanNode *scan = findNode(plan, QStringLiteral("Seq Scan"), 1);
    QVERIFY(scan && scan->parallelAware);
    QCOMPARE(scan->relationName, QStringLiteral("customers"));
    // The Parallel Hash's worker 0 has no "Buffers" line: it still counts as a worker.
    const PlanNode *hash = findNode(plan, QStringLiteral("Hash"));
    QVERIFY(hash && hash->parallelAware);
    QCOMPARE(hash->workers.size(), 2);
    QCOMPARE(hash->workers.at(1).extra.value(QStringLiteral("Shared Hit Blocks")).toInt(), 19);
}

void TestTextPlanParser::readsCteInitPlanAndSubPlan()
{
    TUSK_PARSE_OR_FAIL(const Plan cte, parsedFixture(QStringLiteral("text-cte.txt")));
    const PlanNode &big = cte.nodes.at(1);
    QCOMPARE(big.nodeType, QStringLiteral("Aggregate"));
    QCOMPARE(big.subplanName, QStringLiteral("CTE big"));
    QCOMPARE(big.parentRelationship, ParentRelationship::InitPlan);
    QCOMPARE(big.parentId, 0);
    QCOMPARE(big.extra.value(QStringLiteral("Disk Usage")).toInt(), 1592);
    const PlanNode &avg = cte.nodes.at(3);
    QCOMPARE(avg.subplanName, QStringLiteral("InitPlan 2 (returns $1)"));
    QCOMPARE(avg.parentRelationship, ParentRelationship::InitPlan);
    const PlanNode *scan = findNode(cte, QStringLiteral("CTE Scan"));
    QVERIFY(scan);
    QCOMPARE(scan->extra.value(QStringLiteral("CTE Name")).toString(), QStringLiteral("big"));
    const PlanNode &sort = cte.nodes.at(5);
    QCOMPARE(sort.nodeType, QStringLiteral("Sort"));
    QCOMPARE(sort.parentRelationship, ParentRelationship::Outer);
    QCOMPARE(sort.parentId, 0);

    TUSK_PARSE_OR_FAIL(const Plan sub, parsedFixture(QStringLiteral("text-initplan-subplan.txt")));
    QCOMPARE(sub.root().nodeType, QStringLiteral("Index Only Scan"));
    QCOMPARE(sub.root().indexName, QStringLiteral("customers_pkey"));
    QCOMPARE(sub.root().extra.value(QStringLiteral("Heap Fetches")).toInt(), 0);
    const PlanNode *subplan = findNode(sub, QStringLiteral("Aggregate"), 1);
    QVERIFY(subplan);
    QCOMPARE(subplan->subplanName, QStringLiteral("SubPlan 1"));
    QCOMPARE(subplan->parentRelationship, ParentRelationship::SubPlan);
    QCOMPARE(subplan->actualLoops, 49.0);
    const PlanNode *heap = findNode(sub, QStringLiteral("Bitmap Heap Scan"));
    QVERIFY(heap);
    QCOMPARE(heap->recheckCond, QStringLiteral("(o.customer_id = c.id)"));
    QCOMPARE(heap->extra.value(QStringLiteral("Exact Heap Blocks")).toInt(), 735);
    QCOMPARE(findNode(sub, QStringLiteral("Bitmap Index Scan"))->indexName,
             QStringLiteral("orders_customer_id_idx"));
}

void TestTextPlanParser::readsMemoizeIncrementalSortAndPruning()
{
    TUSK_PARSE_OR_FAIL(const Plan memo, parsedFixture(QStringLiteral("text-memoize.txt")));
    const PlanNode *m = findNode(memo, QStringLiteral("Memoize"));
    QVERIFY(m);
    QCOMPARE(m->extra.value(QStringLiteral("Cache Key")).toString(),
             QStringLiteral("((o.customer_id % 50) + 1)"));
    QCOMPARE(m->extra.value(QStringLiteral("Cache Mode")).toString(), QStringLiteral("logical"));
    QCOMPARE(m->extra.value(QStringLiteral("Cache Hits")).toInt(), 2949);
    QCOMPARE(m->extra.value(QStringLiteral("Cache Misses")).toInt(), 50);
    QCOMPARE(m->extra.value(QStringLiteral("Cache Evictions")).toInt(), 0);
    QCOMPARE(m->extra.value(QStringLiteral("Cache Overflows")).toInt(), 0);
    QCOMPARE(m->extra.value(QStringLiteral("Peak Memory Usage")).toInt(), 6);
    QCOMPARE(m->actualLoops, 2999.0);

    TUSK_PARSE_OR_FAIL(const Plan inc, parsedFixture(QStringLiteral("text-incremental-sort.txt")));
    const PlanNode *sort = findNode(inc, QStringLiteral("Incremental Sort"));
    QVERIFY(sort);
    QCOMPARE(sort->extra.value(QStringLiteral("Presorted Key")).toStringList(),
             QStringList{QStringLiteral("orders.customer_id")});
    const QVariantMap groups = sort->extra.value(QStringLiteral("Full-sort Groups")).toMap();
    QCOMPARE(groups.value(QStringLiteral("Group Count")).toInt(), 3);
    QCOMPARE(groups.value(QStringLiteral("Peak Sort Space Used")).toInt(), 27);

    TUSK_PARSE_OR_FAIL(const Plan pruned, parsedFixture(QStringLiteral("text-partition-pruning.txt")));
    const PlanNode *append = findNode(pruned, QStringLiteral("Append"));
    QVERIFY(append);
    QCOMPARE(append->extra.value(QStringLiteral("Subplans Removed")).toInt(), 3);
    const PlanNode &scan = pruned.nodes.at(append->children.first());
    QCOMPARE(scan.relationName, QStringLiteral("measurements_2024q2"));
    QCOMPARE(scan.alias, QStringLiteral("m_1"));
    QCOMPARE(scan.parentRelationship, ParentRelationship::Member);
    QCOMPARE(scan.rowsRemovedByFilter, 7755.0);
}

void TestTextPlanParser::readsEveryKindOfProperty()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, TextPlanParser::parse(QString::fromUtf8(syntheticPlan)));
    QCOMPARE(plan.nodes.size(), 12);
    const PlanNode &update = plan.root();
    QCOMPARE(update.nodeType, QStringLiteral("ModifyTable"));
    QCOMPARE(update.extra.value(QStringLiteral("Operation")).toString(), QStringLiteral("Update"));
    QCOMPARE(update.relationName, QStringLiteral("t"));
    QCOMPARE(update.extra.value(QStringLiteral("Target Tables")).toStringList().size(), 2);
    const Buffers &b = update.buffers;
    QCOMPARE(b.sharedHit, 10);
    QCOMPARE(b.sharedRead, 2);
    QCOMPARE(b.sharedDirtied, 3);
    QCOMPARE(b.sharedWritten, 4);
    QCOMPARE(b.localHit, 5);
    QCOMPARE(b.localRead, 6);
    QCOMPARE(b.localDirtied, 7);
    QCOMPARE(b.localWritten, 8);
    QCOMPARE(b.tempRead, 9);
    QCOMPARE(b.tempWritten, 10);
    QCOMPARE(b.ioReadTimeMs, 1.5);
    QCOMPARE(b.ioWriteTimeMs, 2.5);
    QCOMPARE(update.extra.value(QStringLiteral("Temp I/O Read Time")).toDouble(), 3.5);
    QCOMPARE(update.extra.value(QStringLiteral("Local I/O Write Time")).toDouble(), 0.25);
    QCOMPARE(update.extra.value(QStringLiteral("WAL Records")).toInt(), 11);
    QCOMPARE(update.extra.value(QStringLiteral("WAL FPI")).toInt(), 1);
    QCOMPARE(update.extra.value(QStringLiteral("WAL Bytes")).toInt(), 1234);

    const PlanNode &join = plan.nodes.at(1);
    QCOMPARE(join.nodeType, QStringLiteral("Hash Join"));
    QCOMPARE(join.joinType, QStringLiteral("Left"));
    QCOMPARE(join.joinFilter, QStringLiteral("(a.x <> b.x)"));
    QCOMPARE(join.rowsRemovedByJoinFilter, 3.0);
    QVERIFY(join.hasActuals); // TIMING OFF: rows and loops without times
    QCOMPARE(join.actualRows, 10.0);
    QCOMPARE(join.actualTotalTimeMs, 0.0);

    const PlanNode &index = plan.nodes.at(2);
    QCOMPARE(index.indexName, QStringLiteral("My Index"));
    QCOMPARE(index.relationName, QStringLiteral("My Table"));
    QCOMPARE(index.alias, QStringLiteral("a"));
    QCOMPARE(index.extra.value(QStringLiteral("Scan Direction")).toString(), QStringLiteral("Backward"));
    QVERIFY(index.neverExecuted);

    const PlanNode &hash = plan.nodes.at(3);
    QCOMPARE(hash.hashBuckets, 4096);
    QCOMPARE(hash.extra.value(QStringLiteral("Original Hash Buckets")).toInt(), 1024);
    QCOMPARE(hash.hashBatches, 4);
    QCOMPARE(hash.originalHashBatches, 1);

    const PlanNode &setOp = plan.nodes.at(4);
    QCOMPARE(setOp.nodeType, QStringLiteral("SetOp"));
    QCOMPARE(setOp.strategy, QStringLiteral("Hashed"));
    QCOMPARE(setOp.extra.value(QStringLiteral("Command")).toString(), QStringLiteral("Except All"));
    QCOMPARE(plan.nodes.at(5).extra.value(QStringLiteral("Subplans Removed")).toInt(), 2);
    QCOMPARE(plan.nodes.at(6).alias, QStringLiteral("*SELECT* 1"));
    QCOMPARE(plan.nodes.at(7).parentRelationship, ParentRelationship::Subquery);
    QCOMPARE(plan.nodes.at(7).extra.value(QStringLiteral("Custom Plan Provider")).toString(),
             QStringLiteral("MyScan"));
    QCOMPARE(plan.nodes.at(7).sortMethod, QStringLiteral("quicksort"));
    QCOMPARE(plan.nodes.at(7).sortSpaceUsedKb, 25);
    QCOMPARE(plan.nodes.at(8).joinType, QStringLiteral("Anti"));
    QCOMPARE(plan.nodes.at(9).extra.value(QStringLiteral("Function Name")).toString(),
             QStringLiteral("generate_series"));
    QCOMPARE(plan.nodes.at(10).extra.value(QStringLiteral("Lossy Heap Blocks")).toInt(), 4);
    QCOMPARE(plan.nodes.at(11).indexName, QStringLiteral("d_x_idx"));
    QCOMPARE(plan.nodes.at(11).extra.value(QStringLiteral("Some Future Property")).toInt(), 42);

    QCOMPARE(plan.settings.value(QStringLiteral("work_mem")).toString(), QStringLiteral("3MB"));
    QCOMPARE(plan.settings.value(QStringLiteral("search_path")).toString(), QStringLiteral("a, b"));
    const QVariantMap planning = plan.extra.value(QStringLiteral("Planning")).toMap();
    QCOMPARE(planning.value(QStringLiteral("Shared Read Blocks")).toInt(), 1);
    QCOMPARE(planning.value(QStringLiteral("Memory Used")).toInt(), 165);
    QCOMPARE(*plan.planningTimeMs, 0.289);
    QCOMPARE(plan.triggers.size(), 2);
    QCOMPARE(plan.triggers.at(0).name, QStringLiteral("trg_audit"));
    QCOMPARE(plan.triggers.at(0).relation, QStringLiteral("t"));
    QCOMPARE(plan.triggers.at(0).timeMs, 1.5);
    QCOMPARE(plan.triggers.at(1).name, QStringLiteral("RI_ConstraintTrigger_a_1"));
    QCOMPARE(plan.triggers.at(1).calls, 3.0);
    QCOMPARE(plan.jit.value(QStringLiteral("Functions")).toInt(), 31);
    QCOMPARE(plan.jit.value(QStringLiteral("Options")).toMap().value(QStringLiteral("Optimization")).toBool(),
             false);
    QCOMPARE(plan.jit.value(QStringLiteral("Timing")).toMap().value(QStringLiteral("Total")).toDouble(),
             149.572);
    QCOMPARE(plan.extra.value(QStringLiteral("Serialization"))
                 .toMap()
                 .value(QStringLiteral("Output Volume"))
                 .toInt(),
             12);
    QCOMPARE(*plan.executionTimeMs, 18.5);
}

void TestTextPlanParser::readsOlderAndMaskedOutput()
{
    // ≤ 9.3: "Total runtime", one-line I/O timings, two spaces after "Sort Method:".
    TUSK_PARSE_OR_FAIL(
        const Plan old,
        TextPlanParser::parse(QStringLiteral(
            "Sort  (cost=1.00..2.00 rows=3 width=4) (actual time=0.5..0.6 rows=3 loops=1)\n"
            "  Sort Method:  quicksort  Memory: 25kB\n"
            "  I/O Timings: read=1.250 write=0.500\n"
            "  ->  Seq Scan on t  (cost=0.00..1.00 rows=3 width=4) (actual time=0.1..0.2 rows=3 loops=1)\n"
            "Total runtime: 0.700 ms\n")));
    QCOMPARE(old.nodes.size(), 2);
    QCOMPARE(old.root().sortSpaceUsedKb, 25);
    QCOMPARE(old.root().buffers.ioReadTimeMs, 1.25);
    QCOMPARE(*old.executionTimeMs, 0.7);
    QVERIFY(!old.planningTimeMs);

    // 8.x/9.0: subplan labels without numbers, "Subquery Scan alias"; statement lines indented
    // like properties (hand-edited pastes) still describe the statement.
    TUSK_PARSE_OR_FAIL(const Plan older,
                       TextPlanParser::parse(
                           QStringLiteral("Result  (cost=1.00..1.01 rows=1 width=0)\n"
                                          "  InitPlan\n"
                                          "    ->  Subquery Scan x  (cost=0.00..1.00 rows=1 width=4)\n"
                                          "          ->  Foreign Delete  (cost=0.00..1.00 rows=1 width=4)\n"
                                          "  SubPlan\n"
                                          "    ->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n"
                                          "  Settings: enable_seqscan = 'off'\n"
                                          "  Total runtime: 1.5 ms\n")));
    QCOMPARE(older.nodes.size(), 4);
    QCOMPARE(older.nodes.at(1).subplanName, QStringLiteral("InitPlan"));
    QCOMPARE(older.nodes.at(1).alias, QStringLiteral("x"));
    QCOMPARE(older.nodes.at(2).nodeType, QStringLiteral("Foreign Scan"));
    QCOMPARE(older.nodes.at(2).extra.value(QStringLiteral("Operation")).toString(), QStringLiteral("Delete"));
    QCOMPARE(older.nodes.at(3).parentRelationship, ParentRelationship::SubPlan);
    QCOMPARE(older.settings.value(QStringLiteral("enable_seqscan")).toString(), QStringLiteral("off"));
    QCOMPARE(*older.executionTimeMs, 1.5);
    QVERIFY(!older.root().extra.contains(QStringLiteral("Total Runtime")));

    // The regression tests' explain_filter() masks every number.
    TUSK_PARSE_OR_FAIL(
        const Plan masked,
        TextPlanParser::parse(QStringLiteral(
            " Hash Join  (cost=N.N..N.N rows=N width=N) (actual time=N.N..N.N rows=N loops=N)\n"
            "   Hash Cond: (a.id = b.id)\n"
            "   ->  Seq Scan on a  (cost=N.N..N.N rows=N width=N) (actual time=N.N..N.N rows=N loops=N)\n"
            "   ->  Hash  (cost=N.N..N.N rows=N width=N) (actual time=N.N..N.N rows=N loops=N)\n"
            "         Buckets: N  Batches: N  Memory Usage: NkB\n"
            "         ->  Seq Scan on b  (cost=N.N..N.N rows=N width=N) (actual time=N.N..N.N rows=N "
            "loops=N)\n"
            " Planning Time: N.N ms\n"
            " Execution Time: N.N ms\n")));
    QVERIFY(masked.numbersMasked);
    QCOMPARE(masked.nodes.size(), 4);
    QCOMPARE(masked.root().startupCost, 0.0);
    QVERIFY(masked.root().hasActuals);

    // COSTS OFF: names only.
    TUSK_PARSE_OR_FAIL(const Plan costsOff,
                       TextPlanParser::parse(
                           QStringLiteral("Aggregate\n  ->  Seq Scan on tenk1\n        Filter: (a > 1)\n")));
    QCOMPARE(costsOff.nodes.size(), 2);
    QCOMPARE(costsOff.nodes.at(1).filter, QStringLiteral("(a > 1)"));
    QVERIFY(!costsOff.root().hasActuals);
}

void TestTextPlanParser::readsOtherFrames()
{
    // Border 2 with unicode lines, \x records and an auto_explain message, each as psql printed it.
    TUSK_PARSE_OR_FAIL(const Plan unicode, parsedFixture(QStringLiteral("text-unicode-border2.txt")));
    QCOMPARE(unicode.nodes.size(), 4);
    QCOMPARE(unicode.nodes.at(1).rowsRemovedByFilter, 32.0);
    QCOMPARE(*unicode.executionTimeMs, 7.321);
    // The same, cut by a 70-column terminal: closing borders end up on pieces without opening ones.
    TUSK_PARSE_OR_FAIL(const QByteArray border2,
                       test::readFixture(QStringLiteral("text-unicode-border2.txt")));
    QStringList wrapped;
    for (const QString &l : QString::fromUtf8(border2).split(QLatin1Char('\n'))) {
        for (qsizetype i = 0; i == 0 || i < l.size(); i += 70)
            wrapped << l.mid(i, 70);
    }
    TUSK_PARSE_OR_FAIL(const Plan rewrapped, TextPlanParser::parse(wrapped.join(QLatin1Char('\n'))));
    QCOMPARE(treeDifference(rewrapped, unicode, true), QString());

    TUSK_PARSE_OR_FAIL(const Plan expanded, parsedFixture(QStringLiteral("text-expanded-x.txt")));
    QCOMPARE(expanded.nodes.size(), 4);
    QCOMPARE(expanded.nodes.at(1).subplanName, QStringLiteral("SubPlan 1"));
    QCOMPARE(expanded.nodes.at(3).indexCond, QStringLiteral("(customer_id = c.id)"));
    QCOMPARE(*expanded.executionTimeMs, 0.553);

    TUSK_PARSE_OR_FAIL(const Plan logged, parsedFixture(QStringLiteral("text-auto-explain.txt")));
    QCOMPARE(logged.nodes.size(), 2);
    QCOMPARE(logged.queryText,
             QStringLiteral("select region, count(*) from customers where id < 1000 group by region"));
    QCOMPARE(logged.root().strategy, QStringLiteral("Hashed"));
}

void TestTextPlanParser::readsEveryWrapping_data()
{
    QTest::addColumn<QByteArray>("input");
    TUSK_PARSE_OR_FAIL(const QByteArray framedBytes, test::readFixture(QStringLiteral("text-memoize.txt")));
    const QString framed = QString::fromUtf8(framedBytes);
    const QStringList bare = bareLines(framed);

    QTest::newRow("psql aligned") << framedBytes;
    QTest::newRow("bare") << bare.join(QLatin1Char('\n')).toUtf8();
    QTest::newRow("CRLF") << QString(framed).replace(QLatin1Char('\n'), QLatin1String("\r\n")).toUtf8();
    QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF") + framedBytes;
    QStringEncoder le(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    QTest::newRow("UTF-16LE BOM") << QByteArray(le.encode(framed));
    QStringEncoder be(QStringEncoder::Utf16BE, QStringEncoder::Flag::WriteBom);
    QTest::newRow("UTF-16BE BOM") << QByteArray(be.encode(framed));

    QStringList csv, single, plus, dbeaver, tabs;
    for (const QString &l : bare) {
        csv << QLatin1Char('"') + QString(l).replace(QLatin1String("\""), QLatin1String("\"\"")) +
                   QLatin1Char('"');
        single << QLatin1Char('\'') + l + QLatin1Char('\'');
        plus << QLatin1Char(' ') + l.leftJustified(150) + QLatin1Char('+');
        dbeaver << l.leftJustified(150) + QLatin1Char('|');
        QString t = l;
        while (t.startsWith(QLatin1String("    ")))
            t = QLatin1Char('\t') + t.mid(4);
        tabs << t;
    }
    plus.last().chop(1);
    QTest::newRow("CSV quotes")
        << (QStringLiteral("\"QUERY PLAN\"\n") + csv.join(QLatin1Char('\n'))).toUtf8();
    QTest::newRow("single quotes") << single.join(QLatin1Char('\n')).toUtf8();
    QTest::newRow("one cell with + marks") << (QStringLiteral(" QUERY PLAN\n----------\n") +
                                               plus.join(QLatin1Char('\n')) + QStringLiteral("\n(1 row)\n"))
                                                  .toUtf8();
    QTest::newRow("DBeaver trailing borders")
        << (QStringLiteral("QUERY PLAN|\n----------+\n") + dbeaver.join(QLatin1Char('\n'))).toUtf8();
    QTest::newRow("tabs") << tabs.join(QLatin1Char('\n')).toUtf8();
    QTest::newRow("transcript and localized footer")
        << (QStringLiteral(
                "psql (15.18)\nType \"help\" for help.\n\nshop=# EXPLAIN (ANALYZE, BUFFERS, VERBOSE) "
                "select o.id, c.region from orders o\nshop-# join customers c on c.id = o.customer_id % 50 "
                "+ 1 where o.id < 3000;\n") +
            QString(framed).replace(QLatin1String("(22 rows)"), QStringLiteral("(22 Zeilen)")) +
            QStringLiteral("shop=# \\q\n"))
               .toUtf8();
    QTest::newRow("auto_explain log line")
        << (QStringLiteral("2024-05-01 10:00:00.123 UTC [4242] LOG:  duration: 1.346 ms  plan:\n"
                           "\tQuery Text: select o.id, c.region\n\t  from orders o\n") +
            bare.join(QLatin1Char('\n')))
               .toUtf8();

    // A terminal 70 columns wide cut every long line, mid-token or at a space.
    QStringList wrapped;
    for (const QString &l : framed.split(QLatin1Char('\n'))) {
        for (qsizetype i = 0; i == 0 || i < l.size(); i += 70)
            wrapped << l.mid(i, 70);
    }
    QTest::newRow("wrapped at 70 columns") << wrapped.join(QLatin1Char('\n')).toUtf8();
}

void TestTextPlanParser::readsEveryWrapping()
{
    QFETCH(QByteArray, input);
    TUSK_PARSE_OR_FAIL(const Plan expected, parsedFixture(QStringLiteral("text-memoize.txt")));
    const auto plan = TextPlanParser::parse(input);
    QVERIFY2(plan, plan ? "" : qPrintable(plan.error().toString()));
    QCOMPARE(treeDifference(*plan, expected, true), QString());
    QCOMPARE(plan->nodes.at(2).extra.value(QStringLiteral("Cache Hits")).toInt(), 2949);
}

void TestTextPlanParser::rejectsMalformedInputSayingWhere_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << 0 << 0 << QStringLiteral("empty input");
    QTest::newRow("whitespace") << QStringLiteral(" \t\n\r\n  ") << 0 << 0 << QStringLiteral("empty input");
    QTest::newRow("SQL, not a plan") << QStringLiteral("shop=# select * from orders\nshop-# where id = 1;\n")
                                     << 1 << 1 << QStringLiteral("no plan node found");
    QTest::newRow("header only") << QStringLiteral(" QUERY PLAN \n------------\n(0 rows)\n") << 1 << 1
                                 << QStringLiteral("no plan node found");
    QTest::newRow("cut inside the figures")
        << QStringLiteral(
               "Limit  (cost=0.00..1.00 rows=1 width=4)\n  ->  Seq Scan on t  (cost=0.00..1.00 rows=1 "
               "width=4) (actual time=0.01")
        << 2 << 55 << QStringLiteral("cut off");
    QTest::newRow("child left of the root")
        << QStringLiteral(
               "   Limit  (cost=0.00..1.00 rows=1 width=4)\n     ->  Sort  (cost=0.00..1.00 rows=1 width=4)\n"
               "           ->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n"
               " ->  Seq Scan on u  (cost=0.00..1.00 rows=1 width=4)\n")
        << 4 << 2 << QStringLiteral("indented less than the plan's root");
    QTest::newRow("framed, cut in the figures")
        << QStringLiteral(
               "| Limit  (cost=0.00..1.00 rows=1 width=4) |\n|   ->  Seq Scan on t  (cost=0.00..x) |\n")
        << 2 << 24 << QStringLiteral("cut off");
}

void TestTextPlanParser::rejectsMalformedInputSayingWhere()
{
    QFETCH(QString, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const auto plan = TextPlanParser::parse(input);
    QVERIFY(!plan);
    QVERIFY2(plan.error().message.contains(message), qPrintable(plan.error().message));
    QCOMPARE(plan.error().line, line);
    QCOMPARE(plan.error().column, column);
}

void TestTextPlanParser::everyPrefixParsesOrIsRejected()
{
    // Truncated pastes: every prefix, cut anywhere, gives a plan or an error, never a crash or a
    // plan with nodes out of order.
    int parsedCount = 0, rejectedCount = 0;
    for (const char *name : {"text-hash-spill.txt", "text-parallel.txt", "text-cte.txt",
                             "text-expanded-x.txt", "text-unicode-border2.txt", "text-auto-explain.txt"}) {
        TUSK_PARSE_OR_FAIL(const QByteArray bytes, test::readFixture(QString::fromLatin1(name)));
        const QString text = QString::fromUtf8(bytes);
        const int step = text.size() > 3000 ? 7 : 1;
        for (qsizetype n = 0; n <= text.size(); n += step) {
            const auto plan = TextPlanParser::parse(text.left(n));
            if (!plan) {
                ++rejectedCount;
                QVERIFY(!plan.error().message.isEmpty());
                continue;
            }
            ++parsedCount;
            for (const PlanNode &node : plan->nodes) {
                QVERIFY(node.parentId < node.id);
                for (int child : node.children)
                    QCOMPARE(plan->nodes.at(child).parentId, node.id);
            }
            const PlanAnalysis analysis(*plan);
            Q_UNUSED(analysis);
        }
    }
    qInfo("prefixes: %d parsed, %d rejected", parsedCount, rejectedCount);
    QVERIFY(parsedCount > 0 && rejectedCount > 0);
}

void TestTextPlanParser::planReaderDetectsAndDecodes()
{
    TUSK_PARSE_OR_FAIL(const QByteArray memoizeText, test::readFixture(QStringLiteral("text-memoize.txt")));
    TUSK_PARSE_OR_FAIL(const QByteArray memoizeJson, test::readFixture(QStringLiteral("text-memoize.json")));
    TUSK_PARSE_OR_FAIL(const QByteArray psqlJson, test::readFixture(QStringLiteral("nested-loop-psql.txt")));
    QCOMPARE(PlanReader::detect(QString::fromUtf8(memoizeText)), PlanFormat::Text);
    QCOMPARE(PlanReader::detect(QString::fromUtf8(memoizeJson)), PlanFormat::Json);
    QCOMPARE(PlanReader::detect(QString::fromUtf8(psqlJson)), PlanFormat::Json);
    QCOMPARE(PlanReader::detect(QStringLiteral("<explain xmlns=\"http://www.postgresql.org/2009/explain\">")),
             PlanFormat::Xml);
    QCOMPARE(PlanReader::detect(QStringLiteral("- Plan: \n    Node Type: \"Seq Scan\"\n")), PlanFormat::Yaml);
    QCOMPARE(PlanReader::detect(QStringLiteral("hello")), PlanFormat::Text);
    // A psql prompt that opens with a bracket is not JSON.
    const QString prompted =
        QStringLiteral("[14003](2038152)postgres@db=# EXPLAIN SELECT 1;\n") + QString::fromUtf8(memoizeText);
    QCOMPARE(PlanReader::detect(prompted), PlanFormat::Text);
    QVERIFY(PlanReader::read(prompted));

    const auto yaml = PlanReader::read(QByteArray("- Plan: \n    Node Type: \"Seq Scan\"\n"));
    QVERIFY(yaml);
    QCOMPARE(yaml->root().nodeType, QStringLiteral("Seq Scan"));
    QVERIFY(!PlanReader::read(QByteArray("<explain/>"), PlanFormat::Auto)); // XML, but no plan in it

    // Decoded once, whatever the format: UTF-16 JSON and text.
    QStringEncoder le(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    const QByteArray json16 = le.encode(QString::fromUtf8(memoizeJson));
    const auto json = PlanReader::read(json16);
    QVERIFY(json);
    QCOMPARE(json->nodes.size(), 4);
    const auto text = PlanReader::read(memoizeText, PlanFormat::Text);
    QVERIFY(text);
    QCOMPARE(treeDifference(*text, *json, false), QString());
    // Forcing the wrong format gives that parser's error, not a guess.
    QVERIFY(!PlanReader::read(memoizeText, PlanFormat::Json));

    PlanFormat f = PlanFormat::Auto;
    QVERIFY(PlanReader::formatFromName(QStringLiteral("TEXT"), &f));
    QCOMPARE(f, PlanFormat::Text);
    QVERIFY(!PlanReader::formatFromName(QStringLiteral("csv"), &f));
}

QTEST_GUILESS_MAIN(TestTextPlanParser)
#include "tst_textplanparser.moc"
