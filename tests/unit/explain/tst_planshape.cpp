// Subtree shapes and folding by shape (core/explain/planshape, planfolding): what counts for a
// shape and what does not, sets of siblings over unrelated names, folds of siblings that are
// not adjacent, the names a group spans and the figures summed over its members.

#include "../../common/explainfixture.h"
#include "../../common/synthplan.h"
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"
#include "explain/planfolding.h"
#include "explain/planlayout.h"
#include "explain/planshape.h"

#include <QTest>

using namespace tusk::explain;

namespace {

// A scan as EXPLAIN (ANALYZE, FORMAT JSON) prints it.
QByteArray scan(const QByteArray &type, const QByteArray &relation, const QByteArray &alias,
                const QByteArray &relationship, double ms = 1, double rows = 10, const QByteArray &index = {})
{
    QByteArray s = R"({"Node Type": ")" + type + R"(", "Parent Relationship": ")" + relationship +
                   R"(", "Relation Name": ")" + relation + R"(", "Alias": ")" + alias + R"(", )";
    if (!index.isEmpty())
        s += R"("Index Name": ")" + index + R"(", )";
    s += R"("Plan Rows": 10, "Total Cost": 5, "Actual Total Time": )" + QByteArray::number(ms) +
         R"(, "Actual Rows": )" + QByteArray::number(rows) + R"(, "Actual Loops": 1})";
    return s;
}

// A nested loop over a table's scan and an index lookup: the member of a partitioned join.
QByteArray nestedLoop(const QByteArray &relation, const QByteArray &alias, double ms, double rows,
                      const QByteArray &index = "customers_pkey")
{
    return R"({"Node Type": "Nested Loop", "Join Type": "Inner", "Parent Relationship": "Member", )"
           R"("Plan Rows": 10, "Total Cost": 9, "Actual Total Time": )" +
           QByteArray::number(ms) + R"(, "Actual Rows": )" + QByteArray::number(rows) +
           R"(, "Actual Loops": 1, "Plans": [)" + scan("Seq Scan", relation, alias, "Outer", ms / 2, rows) +
           ',' + scan("Index Scan", "customers", "c", "Inner", ms / 4, 1, index) + "]}";
}

QByteArray appendOf(const QList<QByteArray> &members)
{
    QByteArray json = R"([{"Plan": {"Node Type": "Append", "Plan Rows": 10, "Total Cost": 50, )"
                      R"("Actual Total Time": 100, "Actual Rows": 100, "Actual Loops": 1, "Plans": [)";
    for (const QByteArray &m : members)
        json += m + ',';
    json.chop(1);
    return json + R"(]}, "Execution Time": 200}])";
}

} // namespace

class TestPlanShape : public QObject
{
    Q_OBJECT
private slots:
    void ignoresNamesAndNumbers();
    void tellsTypesAndStructureApart();
    void keepsDigitsMaskedAndPartitionReadings();
    void foldsUnrelatedNamesByShape();
    void keepsAFewUnrelatedSiblingsApart();
    void foldsSiblingsThatAreNotAdjacent();
    void foldsTheTenThousandNodePlanIntoAHandfulOfCards();
    void summarizesAGroup();
};

void TestPlanShape::ignoresNamesAndNumbers()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(appendOf(
                                            {nestedLoop("orders_p0", "orders_1", 1.5, 500),
                                             nestedLoop("archive_2019", "a", 912, 3, "other_idx")})));
    const PlanShapes shapes(plan);
    const int a = plan.nodes.at(0).children.at(0);
    const int b = plan.nodes.at(0).children.at(1);
    QVERIFY(shapes.sameShape(a, b));
    QVERIFY(!shapes.sameShape(a, b, ShapeNames::DigitsMasked));
    QVERIFY(!shapes.sameShape(a, b, ShapeNames::PartitionParent));
    QCOMPARE(PlanShapes::ownKey(plan.nodes.at(a + 1), ShapeNames::Ignored),
             PlanShapes::ownKey(plan.nodes.at(b + 1), ShapeNames::Ignored));
}

void TestPlanShape::tellsTypesAndStructureApart()
{
    const QByteArray base = nestedLoop("t1", "t1", 1, 1);
    QByteArray hashJoin = base;
    hashJoin.replace("Nested Loop", "Hash Join");
    QByteArray leftJoin = base;
    leftJoin.replace(R"("Join Type": "Inner")", R"("Join Type": "Left")");
    QByteArray otherScan = base;
    otherScan.replace("Seq Scan", "Bitmap Heap Scan");
    QByteArray parallel = base;
    parallel.replace(R"({"Node Type": "Seq Scan")", R"({"Node Type": "Seq Scan", "Parallel Aware": true)");
    // A third child.
    QByteArray wider = base;
    wider.insert(wider.lastIndexOf("]}"), ',' + scan("Seq Scan", "t9", "t9", "Inner"));
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(appendOf(
                                            {base, hashJoin, leftJoin, otherScan, parallel, wider})));
    const PlanShapes shapes(plan);
    const QVector<int> &kids = plan.nodes.at(0).children;
    for (int i = 0; i < kids.size(); ++i) {
        for (int j = i + 1; j < kids.size(); ++j)
            QVERIFY2(!shapes.sameShape(kids.at(i), kids.at(j)),
                     qPrintable(QStringLiteral("%1 %2").arg(i).arg(j)));
    }
    // Inner and outer are part of the shape too.
    QVERIFY(PlanShapes::ownKey(plan.nodes.at(kids.at(0) + 1), ShapeNames::Ignored) !=
            PlanShapes::ownKey(plan.nodes.at(kids.at(0) + 2), ShapeNames::Ignored));
}

void TestPlanShape::keepsDigitsMaskedAndPartitionReadings()
{
    // orders_p1 and orders_p22 differ in digits; orders_eu and orders_us are partitions of
    // orders by PostgreSQL's aliases (orders_1, orders_2).
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(
                                            appendOf({scan("Seq Scan", "orders_p1", "orders_1", "Member"),
                                                      scan("Seq Scan", "orders_p22", "orders_2", "Member"),
                                                      scan("Seq Scan", "orders_eu", "orders_3", "Member"),
                                                      scan("Seq Scan", "orders_us", "orders_4", "Member")})));
    const PlanShapes shapes(plan);
    QVERIFY(shapes.sameShape(1, 2, ShapeNames::DigitsMasked));
    QVERIFY(!shapes.sameShape(2, 3, ShapeNames::DigitsMasked));
    QVERIFY(shapes.sameShape(3, 4, ShapeNames::PartitionParent));
    QVERIFY(shapes.sameShape(1, 4, ShapeNames::PartitionParent));
    QCOMPARE(digitsMasked(QStringLiteral("orders_2024_01")), QStringLiteral("orders_#_#"));
    QCOMPARE(aliasStem(QStringLiteral("events_12")), QStringLiteral("events"));
}

void TestPlanShape::foldsUnrelatedNamesByShape()
{
    // A PostgreSQL 11 style plan: partitions named by region, aliased as themselves. Ten is
    // enough to fold by shape alone.
    QList<QByteArray> members;
    for (const char *region :
         {"eu", "us", "asia", "africa", "oceania", "antarctica", "arctic", "atlantic", "pacific", "indian"})
        members << nestedLoop(QByteArray("orders_") + region, QByteArray("o_") + region, 2, 50);
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(appendOf(members)));
    const PlanFolding folding(plan);
    QCOMPARE(folding.groups().size(), 1);
    const FoldGroup &g = folding.groups().first();
    QCOMPARE(g.count(), 10);
    QCOMPARE(g.nodeCount, 30);
    QCOMPARE(g.nodeType, QStringLiteral("Nested Loop"));
    QVERIFY(!g.namesAlike);
    QVERIFY(g.relationStem.isEmpty());
    QCOMPARE(g.nameOffset, 1); // the outer scan; the index lookups all read customers
    QCOMPARE(g.firstName, QStringLiteral("orders_eu"));
    QCOMPARE(g.lastName, QStringLiteral("orders_indian"));
    QCOMPARE(g.namesRange(), QStringLiteral("orders_eu … orders_indian"));
}

void TestPlanShape::keepsAFewUnrelatedSiblingsApart()
{
    // Five of one shape over unrelated tables stay cards; four of them alike still fold.
    TUSK_PARSE_OR_FAIL(const Plan plan,
                       JsonPlanParser::parse(appendOf({scan("Seq Scan", "orders", "orders", "Member"),
                                                       scan("Seq Scan", "customers", "customers", "Member"),
                                                       scan("Seq Scan", "invoices", "invoices", "Member"),
                                                       scan("Seq Scan", "payments", "payments", "Member"),
                                                       scan("Seq Scan", "refunds", "refunds", "Member")})));
    QVERIFY(PlanFolding(plan).groups().isEmpty());

    TUSK_PARSE_OR_FAIL(
        const Plan mixed,
        JsonPlanParser::parse(
            appendOf({scan("Seq Scan", "t_1", "t_1", "Member"), scan("Seq Scan", "other", "other", "Member"),
                      scan("Seq Scan", "t_2", "t_2", "Member"), scan("Seq Scan", "t_3", "t_3", "Member"),
                      scan("Seq Scan", "t_4", "t_4", "Member")})));
    const PlanFolding folding(mixed);
    QCOMPARE(folding.groups().size(), 1);
    QCOMPARE(folding.groups().first().members, (QVector<int>{1, 3, 4, 5}));
    QVERIFY(folding.groups().first().namesAlike);
    QCOMPARE(folding.groupOfMember(2), -1);
}

void TestPlanShape::foldsSiblingsThatAreNotAdjacent()
{
    // Nested loops with a hash join every fifth member: two groups, each card where its
    // first member is.
    QList<QByteArray> members;
    for (int i = 0; i < 20; ++i) {
        QByteArray m =
            nestedLoop("orders_p" + QByteArray::number(i), "orders_" + QByteArray::number(i + 1), 1, 5);
        if (i % 5 == 4)
            m.replace("Nested Loop", "Hash Join");
        members << m;
    }
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(appendOf(members)));
    const PlanFolding folding(plan);
    QCOMPARE(folding.groups().size(), 2);
    const FoldGroup &loops = folding.groups().at(0);
    const FoldGroup &hashes = folding.groups().at(1);
    QCOMPARE(loops.count(), 16);
    QCOMPARE(hashes.count(), 4);
    QCOMPARE(hashes.nodeType, QStringLiteral("Hash Join"));
    QCOMPARE(loops.namesRange(), QStringLiteral("orders_p0 … orders_p18"));
    QCOMPARE(hashes.namesRange(), QStringLiteral("orders_p4 … orders_p19"));
    QCOMPARE(loops.relationStem, QStringLiteral("orders"));
    QVERIFY(loops.namesAlike);

    const PlanLayout layout(plan, QVector<QSizeF>(plan.nodes.size(), QSizeF(100, 40)), &folding,
                            QVector<QSizeF>(2, QSizeF(150, 60)));
    QCOMPARE(layout.cards().size(), 3); // Append, the loops, the hash joins
    QCOMPARE(layout.cards().at(1).groupId, 0);
    QCOMPARE(layout.cards().at(2).groupId, 1);
    QVERIFY(layout.cards().at(1).rect.right() < layout.cards().at(2).rect.left());
    // Every node maps to its group's card, including the ones between other members.
    for (int m : hashes.members) {
        for (int id = m; id < m + 3; ++id)
            QCOMPARE(layout.cardOfNode(id), 2);
    }
    const PlanLayout open(plan, QVector<QSizeF>(plan.nodes.size(), QSizeF(100, 40)), &folding,
                          QVector<QSizeF>(2, QSizeF(150, 60)), {0});
    QCOMPARE(open.cards().size(), 1 + 16 * 3 + 1);
}

void TestPlanShape::foldsTheTenThousandNodePlanIntoAHandfulOfCards()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(tusk::test::SynthPlan::json(10000)));
    const PlanFolding folding(plan);
    const PlanLayout layout(plan, QVector<QSizeF>(plan.nodes.size(), QSizeF(150, 60)), &folding,
                            QVector<QSizeF>(folding.groups().size(), QSizeF(200, 80)));
    QVERIFY2(layout.cards().size() <= 12, qPrintable(QString::number(layout.cards().size())));
    // 1,998 orders members: a hash join every 40th, nested loops otherwise; 3,999 event scans.
    QCOMPARE(folding.groups().size(), 3);
    const FoldGroup &loops = folding.groups().at(0);
    QCOMPARE(loops.nodeType, QStringLiteral("Nested Loop"));
    QCOMPARE(loops.count(), 1949);
    QCOMPARE(loops.namesRange(), QStringLiteral("orders_p0 … orders_p1997"));
    QCOMPARE(folding.groups().at(1).nodeType, QStringLiteral("Hash Join"));
    QCOMPARE(folding.groups().at(1).namesRange(), QStringLiteral("orders_p39 … orders_p1959"));
    QCOMPARE(folding.groups().at(2).count(), 3999);
    QCOMPARE(folding.groups().at(2).nameOffset, 0);
    QCOMPARE(folding.groups().at(2).relationStem, QStringLiteral("events"));
}

void TestPlanShape::summarizesAGroup()
{
    QList<QByteArray> members;
    const double ms[] = {1, 4, 2, 3};
    const double rows[] = {10, 40, 20, 30};
    for (int i = 0; i < 4; ++i)
        members << scan("Seq Scan", "t_" + QByteArray::number(i), "t_" + QByteArray::number(i), "Member",
                        ms[i], rows[i]);
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(appendOf(members)));
    const PlanAnalysis analysis(plan);
    const PlanFolding folding(plan);
    QCOMPARE(folding.groups().size(), 1);
    const FoldSummary s = summarizeFold(plan, analysis, folding.groups().first());
    QVERIFY(s.analyzed);
    QCOMPARE(s.totalMs, 10.0);
    QCOMPARE(s.minMs, 1.0);
    QCOMPARE(s.maxMs, 4.0);
    QCOMPARE(s.totalRows, 100.0);
    QCOMPARE(s.minRows, 10.0);
    QCOMPARE(s.maxRows, 40.0);
    QCOMPARE(s.share, 10.0 / analysis.totalMs());
    QCOMPARE(folding.groups().first().namesRange(), QStringLiteral("t_0 … t_3"));
}

QTEST_GUILESS_MAIN(TestPlanShape)
#include "tst_planshape.moc"
