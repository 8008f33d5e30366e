// Index candidates for HypoPG's what-if: from plans of a real PostgreSQL 15 (tests/data/explain)
// and from small plans written to show one kind of condition each.
#include "../../common/explainfixture.h"
#include "explain/indexadvisor.h"
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tusk::explain;
namespace test = tusk::test;

namespace {

// `"text"` with JSON escapes.
QString jsonString(const QString &text)
{
    const QByteArray a = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(a.mid(1, a.size() - 2));
}

// A Seq Scan on schema.table with a filter (EXPLAIN without VERBOSE prints it unqualified).
tusk::Result<Plan, ParseError> seqScan(const QString &filter, const QString &table = QStringLiteral("t"),
                                       double cost = 1000)
{
    const QString node = QStringLiteral(R"j({"Node Type": "Seq Scan", "Relation Name": %1, "Schema": "public",
        "Alias": %1, "Total Cost": %2, "Plan Rows": 10, "Filter": %3})j")
                             .arg(jsonString(table), QString::number(cost), jsonString(filter));
    return JsonPlanParser::parse(QStringLiteral(R"j([{"Plan": %1}])j").arg(node));
}

QStringList statements(const QVector<IndexCandidate> &candidates)
{
    QStringList out;
    for (const IndexCandidate &c : candidates)
        out << c.createStatement();
    return out;
}

} // namespace

class TestIndexAdvisor : public QObject
{
    Q_OBJECT
private slots:
    void suggestsTheSelectiveSeqScansColumns();
    void readsConditionsConservatively_data();
    void readsConditionsConservatively();
    void quotesHostileIdentifiers();
    void joinKeysGoToTheInnerSide();
    void skipsAnIndexThePlanAlreadyUses();
    void indexScanWithAFilterGetsAWiderIndex();
    void bitmapAndBecomesOneCompositeIndex();
    void sortAboveTheScanAddsAnOrderedVariant();
    void deduplicatesAndOrdersByScore();
    void readsPgQualstatsAdvice();
};

void TestIndexAdvisor::suggestsTheSelectiveSeqScansColumns()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("warn-seqscan-selective.json")));
    const PlanAnalysis analysis(plan);
    const auto candidates = suggestIndexes(plan, &analysis);
    QCOMPARE(candidates.size(), 1);
    const IndexCandidate &c = candidates.first();
    QCOMPARE(c.schema, QStringLiteral("public"));
    QCOMPARE(c.table, QStringLiteral("big"));
    QCOMPARE(c.nodeId, 0);
    // LIKE 'abc%' is a range on v (pattern operator class), grp > 10 a range too: in plan order.
    QCOMPARE(c.definition(), QStringLiteral("CREATE INDEX ON public.big (v text_pattern_ops, grp)"));
    QCOMPARE(c.createStatement(),
             QStringLiteral("CREATE INDEX CONCURRENTLY ON public.big (v text_pattern_ops, grp);"));
    QVERIFY2(c.reason.contains(QStringLiteral("removes 499894 of the 500000 rows")), qPrintable(c.reason));
    QVERIFY(c.reason.contains(QStringLiteral("text_pattern_ops")));
    QVERIFY(c.score >= analysis.timing(0).exclusiveMs);
}

void TestIndexAdvisor::readsConditionsConservatively_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("keys"); // empty: no candidate
    QTest::newRow("parameter") << "(customer_id = $1)"
                               << "customer_id";
    QTest::newRow("literal with cast") << "(status = 'open'::text)"
                                       << "status";
    QTest::newRow("and") << "((a = 1) AND (b > 2))"
                         << "a, b";
    QTest::newRow("equality before range") << "((b > 2) AND (a = 'x'::text))"
                                           << "a, b";
    QTest::newRow("constant on the left") << "(10 < amount)"
                                          << "amount";
    QTest::newRow("any") << "(id = ANY ('{1,2,3}'::integer[]))"
                         << "id";
    QTest::newRow("is null") << "(deleted_at IS NULL)"
                             << "deleted_at";
    QTest::newRow("is not null") << "(deleted_at IS NOT NULL)"
                                 << "";
    QTest::newRow("expression") << "(lower(email) = 'a@b.c'::text)"
                                << "(lower(email))";
    QTest::newRow("expression over varchar") << "(lower((email)::text) = 'a@b.c'::text)"
                                             << "(lower(email))";
    QTest::newRow("varchar as text") << "((code)::text = 'X1'::text)"
                                     << "code";
    QTest::newRow("prefix like") << "(name ~~ 'abc%'::text)"
                                 << "name text_pattern_ops";
    QTest::newRow("infix like") << "(name ~~ '%abc%'::text)"
                                << "";
    QTest::newRow("or") << "((a = 1) OR (b = 2))"
                        << "";
    QTest::newRow("or beside and") << "(((a = 1) OR (b = 2)) AND (c = 3))"
                                   << "c";
    QTest::newRow("not equal") << "(a <> 1)"
                               << "";
    QTest::newRow("arithmetic") << "((a + 1) = 5)"
                                << "";
    QTest::newRow("same-row columns") << "(a = b)"
                                      << "";
    QTest::newRow("subplan") << "(SubPlan 1)"
                             << "";
    QTest::newRow("literal with AND inside") << "((note = 'x AND y'::text) AND (k = 2))"
                                             << "note, k";
    QTest::newRow("now()") << "(created_at > now())"
                           << "created_at";
}

void TestIndexAdvisor::readsConditionsConservatively()
{
    QFETCH(QString, filter);
    QFETCH(QString, keys);
    TUSK_PARSE_OR_FAIL(const Plan plan, seqScan(filter));
    const auto candidates = suggestIndexes(plan);
    if (keys.isEmpty()) {
        QVERIFY2(candidates.isEmpty(), qPrintable(statements(candidates).join(u'\n')));
        return;
    }
    QCOMPARE(candidates.size(), 1);
    QCOMPARE(candidates.first().definition(), QStringLiteral("CREATE INDEX ON public.t (%1)").arg(keys));
}

void TestIndexAdvisor::quotesHostileIdentifiers()
{
    TUSK_PARSE_OR_FAIL(const Plan spaces,
                       seqScan(QStringLiteral(R"j(("Customer ID" = 42))j"), QStringLiteral("Order Lines")));
    const auto candidates = suggestIndexes(spaces);
    QCOMPARE(candidates.size(), 1);
    QCOMPARE(candidates.first().createStatement(),
             QStringLiteral(R"j(CREATE INDEX CONCURRENTLY ON public."Order Lines" ("Customer ID");)j"));
    // A double quote inside a name is doubled, a keyword is quoted.
    TUSK_PARSE_OR_FAIL(const Plan quotes, seqScan(QStringLiteral(R"j(("a""b" = 1) AND ("select" = 2))j"),
                                                  QStringLiteral("x\"y")));
    const auto odd = suggestIndexes(quotes);
    QCOMPARE(odd.size(), 1);
    QCOMPARE(odd.first().definition(),
             QStringLiteral(R"j(CREATE INDEX ON public."x""y" ("a""b", "select"))j"));
}

void TestIndexAdvisor::joinKeysGoToTheInnerSide()
{
    // Hash Join: customers is hashed (inner); its filter and the join key make one index.
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("twin-join-agg.json")));
    const auto candidates = suggestIndexes(plan);
    QCOMPARE(statements(candidates),
             QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON public.customers (id, created);")});
    // A join key alone: the inner side of a hash join with no filter of its own.
    TUSK_PARSE_OR_FAIL(const Plan hashJoin, test::parseFixture(QStringLiteral("warn-hash-batches.json")));
    const auto hash = suggestIndexes(hashJoin);
    QCOMPARE(statements(hash),
             QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON public.customers (id);")});
    QVERIFY(hash.first().reason.contains(QStringLiteral("inner side of a Hash Join")));
}

void TestIndexAdvisor::skipsAnIndexThePlanAlreadyUses()
{
    // The nested loop's inner side already looks orders up by customer_id: only the outer filter.
    TUSK_PARSE_OR_FAIL(const Plan nestedLoop, test::parseFixture(QStringLiteral("warn-nested-loop.json")));
    const auto candidates = suggestIndexes(nestedLoop);
    QCOMPARE(statements(candidates),
             QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON public.customers (region);")});
    // A Seq Scan whose columns are those of a Bitmap Index Scan on the same table elsewhere.
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(QStringLiteral(
                                            R"j([{"Plan": {"Node Type": "Append", "Total Cost": 10, "Plans": [
        {"Node Type": "Bitmap Heap Scan", "Parent Relationship": "Member", "Relation Name": "t", "Schema": "public",
         "Alias": "t", "Total Cost": 5, "Recheck Cond": "(a = 1)", "Plans": [
            {"Node Type": "Bitmap Index Scan", "Parent Relationship": "Outer", "Index Name": "t_a", "Total Cost": 1,
             "Index Cond": "(a = 1)"}]},
        {"Node Type": "Seq Scan", "Parent Relationship": "Member", "Relation Name": "t", "Schema": "public",
         "Alias": "t_1", "Total Cost": 5, "Filter": "(a = 2)"}]}}])j")));
    QVERIFY(suggestIndexes(plan).isEmpty());
}

void TestIndexAdvisor::indexScanWithAFilterGetsAWiderIndex()
{
    const QString json =
        QStringLiteral(R"j([{"Plan": {"Node Type": "Index Scan", "Relation Name": "t", "Schema": "public",
        "Alias": "t", "Index Name": "t_a", "Total Cost": 50, "Index Cond": "(a = 1)", "Filter": "(b = 2)",
        "Actual Rows": 5, "Actual Loops": 1, "Actual Total Time": 3.0, "Rows Removed by Filter": %1}}])j");
    TUSK_PARSE_OR_FAIL(const Plan filtering, JsonPlanParser::parse(json.arg(5000)));
    QCOMPARE(statements(suggestIndexes(filtering)),
             QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON public.t (a, b);")});
    // The filter removed nothing: the index in use is as good as it gets.
    TUSK_PARSE_OR_FAIL(const Plan exact, JsonPlanParser::parse(json.arg(0)));
    QVERIFY(suggestIndexes(exact).isEmpty());
}

void TestIndexAdvisor::bitmapAndBecomesOneCompositeIndex()
{
    TUSK_PARSE_OR_FAIL(const Plan plan,
                       JsonPlanParser::parse(QStringLiteral(
                           R"j([{"Plan": {"Node Type": "Bitmap Heap Scan", "Relation Name": "t",
        "Schema": "public", "Alias": "t", "Total Cost": 80, "Recheck Cond": "((a = 1) AND (b = 2))", "Plans": [
        {"Node Type": "BitmapAnd", "Parent Relationship": "Outer", "Total Cost": 20, "Plans": [
            {"Node Type": "Bitmap Index Scan", "Parent Relationship": "Member", "Index Name": "t_a",
             "Total Cost": 10, "Index Cond": "(a = 1)"},
            {"Node Type": "Bitmap Index Scan", "Parent Relationship": "Member", "Index Name": "t_b",
             "Total Cost": 10, "Index Cond": "(b = 2)"}]}]}}])j")));
    const auto candidates = suggestIndexes(plan);
    QCOMPARE(statements(candidates),
             QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON public.t (a, b);")});
    QVERIFY2(candidates.first().reason.contains(QStringLiteral("BitmapAnd")),
             qPrintable(candidates.first().reason));
}

void TestIndexAdvisor::sortAboveTheScanAddsAnOrderedVariant()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(QStringLiteral(
                                            R"j([{"Plan": {"Node Type": "Sort", "Total Cost": 1200,
        "Sort Key": ["t.created_at DESC"], "Plans": [
        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "t", "Schema": "public",
         "Alias": "t", "Total Cost": 1000, "Filter": "((t.customer_id = 42) AND (t.total > 10))"}]}}])j")));
    QCOMPARE(statements(suggestIndexes(plan)),
             (QStringList{
                 QStringLiteral("CREATE INDEX CONCURRENTLY ON public.t (customer_id, total);"),
                 QStringLiteral("CREATE INDEX CONCURRENTLY ON public.t (customer_id, created_at, total);")}));
    QVERIFY(suggestIndexes(plan).last().reason.contains(QStringLiteral("in the order the Sort above wants")));
}

void TestIndexAdvisor::deduplicatesAndOrdersByScore()
{
    TUSK_PARSE_OR_FAIL(const Plan plan,
                       JsonPlanParser::parse(
                           QStringLiteral(R"j([{"Plan": {"Node Type": "Append", "Total Cost": 3000, "Plans": [
        {"Node Type": "Seq Scan", "Parent Relationship": "Member", "Relation Name": "small", "Schema": "public",
         "Alias": "small", "Total Cost": 100, "Filter": "(k = 1)"},
        {"Node Type": "Seq Scan", "Parent Relationship": "Member", "Relation Name": "big", "Schema": "public",
         "Alias": "big", "Total Cost": 2000, "Filter": "(k = 1)"},
        {"Node Type": "Seq Scan", "Parent Relationship": "Member", "Relation Name": "big", "Schema": "public",
         "Alias": "big_1", "Total Cost": 900, "Filter": "(big_1.k = 2)"}]}}])j")));
    QCOMPARE(statements(suggestIndexes(plan)),
             (QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON public.big (k);"),
                          QStringLiteral("CREATE INDEX CONCURRENTLY ON public.small (k);")}));
}

void TestIndexAdvisor::readsPgQualstatsAdvice()
{
    const auto candidates = candidatesFromQualstats(QStringLiteral(
        R"j({"indexes" : ["CREATE INDEX ON public.t USING btree (customer_id)", "CREATE INDEX ON public.\"Order Lines\" USING btree (\"Customer ID\")", "DROP TABLE x"], "unoptimised" : []})j"));
    QCOMPARE(candidates.size(), 2);
    QCOMPARE(candidates[0].source, IndexCandidate::Source::PgQualstats);
    QCOMPARE(candidates[0].table, QStringLiteral("t"));
    QCOMPARE(candidates[0].definition(),
             QStringLiteral("CREATE INDEX ON public.t USING btree (customer_id)"));
    QCOMPARE(candidates[0].createStatement(),
             QStringLiteral("CREATE INDEX CONCURRENTLY ON public.t USING btree (customer_id);"));
    QCOMPARE(candidates[1].table, QStringLiteral("Order Lines"));
    QVERIFY(candidates[1].reason.contains(QStringLiteral("pg_qualstats")));
    QVERIFY(candidatesFromQualstats(QStringLiteral("not json")).isEmpty());
}

QTEST_GUILESS_MAIN(TestIndexAdvisor)
#include "tst_indexadvisor.moc"
