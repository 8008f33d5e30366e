#include "../../common/explainfixture.h"
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"

#include <QTest>

using namespace tusk::explain;
namespace test = tusk::test;

namespace {

bool hasWarning(const PlanAnalysis &a, int nodeId, WarningKind kind, Severity *severity = nullptr)
{
    for (const PlanWarning &w : a.warningsFor(nodeId)) {
        if (w.kind == kind) {
            if (severity)
                *severity = w.severity;
            return !w.message.isEmpty() && !w.suggestion.isEmpty();
        }
    }
    return false;
}

} // namespace

/// Behaviour of JsonPlanParser and PlanAnalysis on small hand-checked plans.
class TestJsonPlanParser : public QObject
{
    Q_OBJECT
private slots:
    void parsesNodesInPreOrderWithChildren();
    void keepsUnknownPropertiesInExtra();
    void parsesParallelWorkers();
    void parsesInitPlansAndSubPlans();
    void toleratesBomCrlfAndWhitespace();
    void acceptsBareObjectAndAutoExplainObject();
    void stripsPsqlFrame();
    void readsRegressionOutputWithMaskedNumbers();
    void rejectsTruncatedInputSayingWhere();
    void rejectsEmptyAndNonPlanInput();
    void survivesEveryTruncation();
    void computesExclusiveTimeWithLoops();
    void dividesParallelTimeByProcesses();
    void subtractsInitPlansAndSubPlans();
    void attributesCteWorkToCteScansOnce();
    void warnsAboutDiskSorts();
    void warnsAboutHashBatches();
    void gradesMisestimates();
    void warnsAboutFiltersOnBigNodes();
    void warnsAboutWorkersNotLaunched();
};

void TestJsonPlanParser::parsesNodesInPreOrderWithChildren()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("nested-loop.json")));
    QCOMPARE(plan.nodes.size(), 3);
    QCOMPARE(plan.root().nodeType, QStringLiteral("Nested Loop"));
    QCOMPARE(plan.root().joinType, QStringLiteral("Inner"));
    QCOMPARE(plan.root().children, (QVector<int>{1, 2}));
    QCOMPARE(plan.nodes[1].parentId, 0);
    QCOMPARE(plan.nodes[1].relationName, QStringLiteral("orders"));
    QCOMPARE(plan.nodes[1].schema, QStringLiteral("public"));
    QCOMPARE(plan.nodes[1].alias, QStringLiteral("o"));
    QCOMPARE(plan.nodes[1].parentRelationship, ParentRelationship::Outer);
    QCOMPARE(plan.nodes[1].buffers.sharedHit, 3);
    QCOMPARE(plan.nodes[1].buffers.sharedRead, 2);
    QCOMPARE(plan.nodes[2].parentRelationship, ParentRelationship::Inner);
    QCOMPARE(plan.nodes[2].indexName, QStringLiteral("customers_pkey"));
    QCOMPARE(plan.nodes[2].indexCond, QStringLiteral("(id = o.customer_id)"));
    QCOMPARE(plan.nodes[2].actualLoops, 10.0);
    QCOMPARE(plan.nodes[2].totalCost, 8.30);
    QVERIFY(plan.nodes[2].hasActuals);
    QVERIFY(!plan.nodes[2].neverExecuted);
    QCOMPARE(plan.planningTimeMs.value_or(-1), 0.5);
    QCOMPARE(plan.executionTimeMs.value_or(-1), 30.5);
}

void TestJsonPlanParser::keepsUnknownPropertiesInExtra()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("nested-loop.json")));
    QCOMPARE(plan.root().extra.value(QStringLiteral("Inner Unique")).toBool(), true);
    QCOMPARE(plan.nodes[2].extra.value(QStringLiteral("Scan Direction")).toString(),
             QStringLiteral("Forward"));
    // Properties with a field are not duplicated in extra.
    QVERIFY(!plan.nodes[2].extra.contains(QStringLiteral("Index Name")));
    QVERIFY(!plan.root().extra.contains(QStringLiteral("Plans")));
}

void TestJsonPlanParser::parsesParallelWorkers()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("parallel.json")));
    QCOMPARE(plan.nodes.size(), 2);
    QCOMPARE(plan.root().workersPlanned, 2);
    QCOMPARE(plan.root().workersLaunched, 1);
    const PlanNode &scan = plan.nodes[1];
    QVERIFY(scan.parallelAware);
    QCOMPARE(scan.workersPlanned, -1);
    QCOMPARE(scan.workers.size(), 1);
    QCOMPARE(scan.workers[0].number, 0);
    QCOMPARE(scan.workers[0].actualTotalTimeMs, 49.0);
    QCOMPARE(scan.workers[0].actualRows, 90.0);
    QCOMPARE(scan.workers[0].extra.value(QStringLiteral("Shared Hit Blocks")).toInt(), 40);
    QCOMPARE(scan.filter, QStringLiteral("(kind = 'click'::text)"));
    QCOMPARE(scan.rowsRemovedByFilter, 9000.0);
}

void TestJsonPlanParser::parsesInitPlansAndSubPlans()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("initplan-subplan.json")));
    QCOMPARE(plan.nodes.size(), 4);
    QCOMPARE(plan.root().children, (QVector<int>{1, 3}));
    QCOMPARE(plan.nodes[1].parentRelationship, ParentRelationship::InitPlan);
    QCOMPARE(plan.nodes[1].subplanName, QStringLiteral("InitPlan 1 (returns $0)"));
    QCOMPARE(plan.nodes[1].strategy, QStringLiteral("Plain"));
    QCOMPARE(plan.nodes[2].parentId, 1);
    QCOMPARE(plan.nodes[3].parentRelationship, ParentRelationship::SubPlan);
    QCOMPARE(plan.nodes[3].subplanName, QStringLiteral("SubPlan 2"));
}

void TestJsonPlanParser::toleratesBomCrlfAndWhitespace()
{
    TUSK_PARSE_OR_FAIL(QByteArray text, test::readFixture(QStringLiteral("nested-loop.json")));
    text.replace("\n", "\r\n");
    text = "\xEF\xBB\xBF  \r\n\t" + text + "\r\n\r\n  ";
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(text));
    QCOMPARE(plan.nodes.size(), 3);
}

void TestJsonPlanParser::acceptsBareObjectAndAutoExplainObject()
{
    const QByteArray autoExplain = R"({"Query Text": "select 1", "Plan": {"Node Type": "Result",
        "Startup Cost": 0.0, "Total Cost": 0.01, "Plan Rows": 1, "Plan Width": 4}})";
    TUSK_PARSE_OR_FAIL(const Plan a, JsonPlanParser::parse(autoExplain));
    QCOMPARE(a.queryText, QStringLiteral("select 1"));
    QCOMPARE(a.root().nodeType, QStringLiteral("Result"));
    QVERIFY(!a.root().hasActuals);

    TUSK_PARSE_OR_FAIL(const Plan b,
                       JsonPlanParser::parse(QByteArray(R"({"Node Type": "Result", "Plan Rows": 1})")));
    QCOMPARE(b.nodes.size(), 1);
}

void TestJsonPlanParser::stripsPsqlFrame()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("nested-loop-psql.txt")));
    QCOMPARE(plan.nodes.size(), 3);
    QCOMPARE(plan.nodes[2].indexName, QStringLiteral("customers_pkey"));
    QCOMPARE(plan.executionTimeMs.value_or(-1), 30.5);

    // A transcript: prompt and SQL before the frame, a unicode frame with '↵' markers.
    TUSK_PARSE_OR_FAIL(const QByteArray psql, test::readFixture(QStringLiteral("nested-loop-psql.txt")));
    QString framed = QString::fromUtf8(psql);
    framed.replace(QLatin1String("+\n"), QStringLiteral("\u21b5\n"));
    framed.replace(QLatin1String("---"), QStringLiteral("\u2550\u2550\u2550"));
    framed.prepend(QStringLiteral("db=# EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1;\n"));
    const auto again = JsonPlanParser::parse(framed);
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().toString()));
    QCOMPARE(again->nodes.size(), 3);
}

void TestJsonPlanParser::readsRegressionOutputWithMaskedNumbers()
{
    const QByteArray masked = R"([{"Plan": {"Node Type": "Seq Scan", "Relation Name": "t", "Alias": "N",
        "Total Cost": N.N, "Plan Rows": N, "Output": [N, "N"]}, "Planning Time": N.N}])";
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(masked));
    QVERIFY(plan.numbersMasked);
    QCOMPARE(plan.root().alias, QStringLiteral("N"));
    QCOMPARE(plan.root().totalCost, 0.0);
    TUSK_PARSE_OR_FAIL(const Plan unmasked, test::parseFixture(QStringLiteral("nested-loop.json")));
    QVERIFY(!unmasked.numbersMasked);
}

void TestJsonPlanParser::rejectsTruncatedInputSayingWhere()
{
    TUSK_PARSE_OR_FAIL(const QByteArray truncated,
                       test::readFixture(QStringLiteral("nested-loop-truncated.json")));
    const auto plan = JsonPlanParser::parse(truncated);
    QVERIFY(!plan.ok());
    // The file has 40 lines; the parser notices the end at the last or the line after it.
    QVERIFY2(plan.error().line >= 40 && plan.error().line <= 41, qPrintable(plan.error().toString()));
    QVERIFY(plan.error().column >= 1);
    QVERIFY(plan.error().toString().startsWith(QStringLiteral("line ")));

    // Errors inside a psql frame point at the line of the pasted text.
    TUSK_PARSE_OR_FAIL(QByteArray framed, test::readFixture(QStringLiteral("nested-loop-psql.txt")));
    framed.replace("\"Actual Loops\": 10,", "\"Actual Loops\": 10,,");
    const auto broken = JsonPlanParser::parse(framed);
    QVERIFY(!broken.ok());
    const int expectedLine = int(framed.left(framed.indexOf(",,")).count('\n')) + 1;
    QCOMPARE(broken.error().line, expectedLine);
}

void TestJsonPlanParser::rejectsEmptyAndNonPlanInput()
{
    QVERIFY(!JsonPlanParser::parse(QByteArray()).ok());
    QVERIFY(!JsonPlanParser::parse(QByteArray(" \t\n ")).ok());
    QVERIFY(!JsonPlanParser::parse(QByteArray("SELECT * FROM t;")).ok());
    QVERIFY(!JsonPlanParser::parse(QByteArray(R"({"a": 1})")).ok());
    QVERIFY(!JsonPlanParser::parse(QByteArray("[]")).ok());
    QVERIFY(!JsonPlanParser::parse(QByteArray("[1, 2]")).ok());
    QVERIFY(!JsonPlanParser::parse(QByteArray(R"([{"Plan": 3}])")).ok());
}

void TestJsonPlanParser::survivesEveryTruncation()
{
    // Pastes get cut anywhere: every prefix must give a plan or an error, never a crash.
    for (const char *name : {"parallel.json", "nested-loop-psql.txt"}) {
        TUSK_PARSE_OR_FAIL(const QByteArray text, test::readFixture(QString::fromLatin1(name)));
        int rejected = 0;
        for (qsizetype n = 0; n < text.size(); ++n) {
            const auto plan = JsonPlanParser::parse(text.left(n));
            if (plan) {
                const PlanAnalysis analysis(*plan);
                QVERIFY(analysis.timings().size() == plan->nodes.size());
            } else {
                ++rejected;
            }
        }
        // Exactly the prefixes that lack the closing bracket are rejected; after it come only
        // whitespace and the psql frame.
        QCOMPARE(rejected, text.lastIndexOf(']') + 1);
    }
}

void TestJsonPlanParser::computesExclusiveTimeWithLoops()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("nested-loop.json")));
    const PlanAnalysis a(plan);
    // Index Scan: 2.5 ms × 10 loops; Nested Loop: 30 − 1 − 25.
    QCOMPARE(a.timing(2).inclusiveMs, 25.0);
    QCOMPARE(a.timing(2).exclusiveMs, 25.0);
    QCOMPARE(a.timing(1).exclusiveMs, 1.0);
    QCOMPARE(a.timing(0).inclusiveMs, 30.0);
    QCOMPARE(a.timing(0).exclusiveMs, 4.0);
    QCOMPARE(a.totalMs(), 30.5);
    QCOMPARE(a.timing(2).share, 25.0 / 30.5);
    QVERIFY(a.warnings().isEmpty());
}

void TestJsonPlanParser::dividesParallelTimeByProcesses()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("parallel.json")));
    const PlanAnalysis a(plan);
    // 50 ms × 2 loops over the leader and 1 launched worker = 50 ms of wall-clock time.
    QCOMPARE(a.timing(1).inclusiveMs, 50.0);
    QCOMPARE(a.timing(0).exclusiveMs, 10.0);
    QCOMPARE(a.timing(1).misestimate, 2.0);
}

void TestJsonPlanParser::subtractsInitPlansAndSubPlans()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("initplan-subplan.json")));
    const PlanAnalysis a(plan);
    // SubPlan: 0.01 ms × 1000 loops = 10 ms; root: 20 − 5 (InitPlan) − 10 (SubPlan).
    QCOMPARE(a.timing(3).inclusiveMs, 10.0);
    QCOMPARE(a.timing(0).exclusiveMs, 5.0);
    QCOMPARE(a.timing(1).exclusiveMs, 1.0);
}

void TestJsonPlanParser::attributesCteWorkToCteScansOnce()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("cte.json")));
    const PlanAnalysis a(plan);
    // The CTE (8 ms) runs inside the CTE Scan (10 ms): scan 10 − 8, Aggregate 12 − 10 only.
    QCOMPARE(a.timing(1).exclusiveMs, 8.0);
    QCOMPARE(a.timing(2).exclusiveMs, 2.0);
    QCOMPARE(a.timing(0).exclusiveMs, 2.0);
}

void TestJsonPlanParser::warnsAboutDiskSorts()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("sort-disk.json")));
    QCOMPARE(plan.root().sortSpaceType, QStringLiteral("Disk"));
    QCOMPARE(plan.root().sortSpaceUsedKb, 2048);
    QCOMPARE(plan.root().sortKey, QStringList{QStringLiteral("a.id")});
    const PlanAnalysis a(plan);
    QVERIFY(hasWarning(a, 0, WarningKind::SortOnDisk));
    QVERIFY(!hasWarning(a, 1, WarningKind::SortOnDisk));
}

void TestJsonPlanParser::warnsAboutHashBatches()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("sort-disk.json")));
    QCOMPARE(plan.nodes[3].nodeType, QStringLiteral("Hash"));
    QCOMPARE(plan.nodes[3].hashBatches, 4);
    QCOMPARE(plan.nodes[3].originalHashBatches, 1);
    QCOMPARE(plan.nodes[2].hashCond, QString());
    QCOMPARE(plan.nodes[1].hashCond, QStringLiteral("(a.b_id = b.id)"));
    const PlanAnalysis a(plan);
    QVERIFY(hasWarning(a, 3, WarningKind::HashBatches));
}

void TestJsonPlanParser::gradesMisestimates()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("sort-disk.json")));
    const PlanAnalysis a(plan);
    // Sort: planned 1 row, got 1000.
    Severity s = Severity::Info;
    QCOMPARE(a.timing(0).misestimate, 1000.0);
    QVERIFY(hasWarning(a, 0, WarningKind::Misestimate, &s));
    QCOMPARE(s, Severity::Critical);
    QVERIFY(!hasWarning(a, 1, WarningKind::Misestimate));

    const QByteArray tenfold = R"([{"Plan": {"Node Type": "Seq Scan", "Plan Rows": 1000,
        "Actual Total Time": 1.0, "Actual Rows": 10, "Actual Loops": 1}}])";
    TUSK_PARSE_OR_FAIL(const Plan tenfoldPlan, JsonPlanParser::parse(tenfold));
    const PlanAnalysis b(tenfoldPlan);
    QCOMPARE(b.timing(0).misestimate, 0.01);
    QVERIFY(hasWarning(b, 0, WarningKind::Misestimate, &s));
    QCOMPARE(s, Severity::Warning);
}

void TestJsonPlanParser::warnsAboutFiltersOnBigNodes()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("parallel.json")));
    const PlanAnalysis a(plan);
    // 9000 of 9100 rows per loop removed, over 2 loops.
    QVERIFY(hasWarning(a, 1, WarningKind::FilterRemovesMost));
    TUSK_PARSE_OR_FAIL(const Plan smallPlan, test::parseFixture(QStringLiteral("initplan-subplan.json")));
    const PlanAnalysis small(smallPlan);
    QVERIFY(!hasWarning(small, 0, WarningKind::FilterRemovesMost));
}

void TestJsonPlanParser::warnsAboutWorkersNotLaunched()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("parallel.json")));
    const PlanAnalysis a(plan);
    QVERIFY(hasWarning(a, 0, WarningKind::WorkersNotLaunched));
    QVERIFY(!hasWarning(a, 1, WarningKind::WorkersNotLaunched));
}

QTEST_GUILESS_MAIN(TestJsonPlanParser)
#include "tst_jsonplanparser.moc"
