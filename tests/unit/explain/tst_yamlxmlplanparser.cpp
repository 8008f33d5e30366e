#include "../../common/explainfixture.h"
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"
#include "explain/xmlplanparser.h"
#include "explain/yamlplanparser.h"

#include <QTest>

#include <limits>
#include <utility>

using namespace tusk::explain;
namespace test = tusk::test;

namespace {

/// `text` read by the parser of `format` ("json", "yaml" or "xml").
tusk::Result<Plan, ParseError> parsedAs(const QString &format, const QString &text)
{
    return format == QLatin1String("yaml")  ? YamlPlanParser::parse(text)
           : format == QLatin1String("xml") ? XmlPlanParser::parse(text)
                                            : JsonPlanParser::parse(text);
}

/// A fixture read by the parser of `format`.
test::FixtureResult<Plan> fixtureAs(const QString &format, const QString &name)
{
    return test::parseFixtureWith(
        name, [&format](const QByteArray &b) { return parsedAs(format, QString::fromUtf8(b)); });
}

/// A fixture's text.
test::FixtureResult<QString> fixtureText(const QString &name)
{
    const auto bytes = test::readFixture(name);
    if (!bytes)
        return tusk::failure(bytes.error());
    return QString::fromUtf8(*bytes);
}

// Figures that change from one run of the same statement to the next.
bool isRunDependent(const QString &key)
{
    return key.contains(QLatin1String("Time")) || key == QLatin1String("Peak Memory Usage") ||
           key == QLatin1String("Memory Usage") || key.startsWith(QLatin1String("Shared")) ||
           key.startsWith(QLatin1String("WAL")) || key.startsWith(QLatin1String("Temp")) ||
           key.endsWith(QLatin1String(" Blocks")) || key == QLatin1String("Heap Fetches");
}

// `actual` against `expected` (its JSON twin). `sameRun`: the twins are one plan (no ANALYZE),
// so everything must match; otherwise times, and what workers happened to share, may differ.
QStringList differences(const QVariantMap &expected, const QVariantMap &actual, bool sameRun,
                        const QString &where)
{
    QStringList out;
    if (expected.keys() != actual.keys())
        out << QStringLiteral("%1: keys %2 vs %3")
                   .arg(where, expected.keys().join(QLatin1Char(',')), actual.keys().join(QLatin1Char(',')));
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!sameRun && isRunDependent(it.key()))
            continue;
        const QVariant other = actual.value(it.key());
        if (it.value().typeId() == QMetaType::QVariantMap) {
            out << differences(it.value().toMap(), other.toMap(), sameRun,
                               where + QLatin1Char('.') + it.key());
        } else if (it.value() != other) {
            out << QStringLiteral("%1.%2: %3 vs %4")
                       .arg(where, it.key(), it.value().toString(), other.toString());
        }
    }
    return out;
}

#define COMPARE_FIELD(field)                                                                                 \
    if (e.field != a.field)                                                                                  \
        out << QStringLiteral("node %1 (%2): " #field " differs").arg(e.id).arg(e.nodeType);

QStringList nodeDifferences(const PlanNode &e, const PlanNode &a, bool sameRun)
{
    QStringList out;
    COMPARE_FIELD(parentId)
    COMPARE_FIELD(children)
    COMPARE_FIELD(nodeType)
    COMPARE_FIELD(relationName)
    COMPARE_FIELD(schema)
    COMPARE_FIELD(alias)
    COMPARE_FIELD(indexName)
    COMPARE_FIELD(joinType)
    COMPARE_FIELD(strategy)
    COMPARE_FIELD(parentRelationship)
    COMPARE_FIELD(subplanName)
    COMPARE_FIELD(parallelAware)
    COMPARE_FIELD(startupCost)
    COMPARE_FIELD(totalCost)
    COMPARE_FIELD(planRows)
    COMPARE_FIELD(planWidth)
    COMPARE_FIELD(hasActuals)
    COMPARE_FIELD(neverExecuted)
    COMPARE_FIELD(actualLoops)
    COMPARE_FIELD(workersPlanned)
    COMPARE_FIELD(workersLaunched)
    COMPARE_FIELD(workers.size())
    COMPARE_FIELD(buffers.localHit)
    COMPARE_FIELD(buffers.localRead)
    COMPARE_FIELD(filter)
    COMPARE_FIELD(indexCond)
    COMPARE_FIELD(joinFilter)
    COMPARE_FIELD(hashCond)
    COMPARE_FIELD(mergeCond)
    COMPARE_FIELD(recheckCond)
    COMPARE_FIELD(sortMethod)
    COMPARE_FIELD(sortSpaceType)
    COMPARE_FIELD(sortKey)
    COMPARE_FIELD(hashBatches)
    COMPARE_FIELD(originalHashBatches)
    COMPARE_FIELD(hashBuckets)
    COMPARE_FIELD(output)
    // Below a Gather, how rows and blocks split between the processes differs per run.
    const bool exact = sameRun || (e.workers.isEmpty() && !e.parallelAware);
    if (exact) {
        COMPARE_FIELD(actualRows)
        COMPARE_FIELD(rowsRemovedByFilter)
    }
    // Buffers depend on what earlier runs left behind (hint bits, dead rows): compare that
    // they were read, not how many.
    if ((e.buffers.sharedHit + e.buffers.sharedRead > 0) != (a.buffers.sharedHit + a.buffers.sharedRead > 0))
        out << QStringLiteral("node %1: shared buffers missing").arg(e.id);
    if (sameRun) {
        COMPARE_FIELD(actualStartupTimeMs)
        COMPARE_FIELD(actualTotalTimeMs)
        COMPARE_FIELD(buffers.sharedHit)
        COMPARE_FIELD(buffers.ioReadTimeMs)
    } else if (a.actualTotalTimeMs < a.actualStartupTimeMs ||
               (e.id == 0 && e.hasActuals && a.actualTotalTimeMs <= 0)) {
        out << QStringLiteral("node %1: times not read").arg(e.id);
    }
    for (int w = 0; w < std::min(e.workers.size(), a.workers.size()); ++w) {
        if (e.workers.at(w).number != a.workers.at(w).number)
            out << QStringLiteral("node %1: worker %2 number differs").arg(e.id).arg(w);
        if (a.workers.at(w).actualLoops <= 0 || a.workers.at(w).actualTotalTimeMs <= 0)
            out << QStringLiteral("node %1: worker %2 has no actuals").arg(e.id).arg(w);
        out << differences(e.workers.at(w).extra, a.workers.at(w).extra, sameRun,
                           QStringLiteral("node %1 worker %2").arg(e.id).arg(w));
    }
    out << differences(e.extra, a.extra, sameRun, QStringLiteral("node %1 extra").arg(e.id));
    return out;
}

QStringList planDifferences(const Plan &e, const Plan &a, bool sameRun)
{
    QStringList out;
    if (e.nodes.size() != a.nodes.size())
        return {QStringLiteral("%1 nodes vs %2").arg(e.nodes.size()).arg(a.nodes.size())};
    for (int i = 0; i < e.nodes.size(); ++i)
        out << nodeDifferences(e.nodes.at(i), a.nodes.at(i), sameRun);
    if (e.planningTimeMs.has_value() != a.planningTimeMs.has_value() ||
        e.executionTimeMs.has_value() != a.executionTimeMs.has_value())
        out << QStringLiteral("statement times missing");
    if (e.triggers.size() != a.triggers.size())
        out << QStringLiteral("%1 triggers vs %2").arg(e.triggers.size()).arg(a.triggers.size());
    for (int i = 0; i < std::min(e.triggers.size(), a.triggers.size()); ++i) {
        if (e.triggers.at(i).name != a.triggers.at(i).name ||
            e.triggers.at(i).relation != a.triggers.at(i).relation ||
            e.triggers.at(i).calls != a.triggers.at(i).calls || a.triggers.at(i).timeMs <= 0)
            out << QStringLiteral("trigger %1 differs").arg(i);
    }
    if (e.settings != a.settings)
        out << QStringLiteral("settings differ");
    if (e.jit.keys() != a.jit.keys())
        out << QStringLiteral("JIT differs");
    out << differences(e.extra, a.extra, sameRun, QStringLiteral("statement"));
    return out;
}

} // namespace

/// YamlPlanParser and XmlPlanParser against JsonPlanParser on the same statements, run on a
/// PostgreSQL 15 cluster (tests/data/explain/generate-fixtures.sh), and on pasted forms.
class TestYamlXmlPlanParser : public QObject
{
    Q_OBJECT
private slots:
    void readsTheSameTreeAsJson_data();
    void readsTheSameTreeAsJson();
    void readsPlansWithoutAnalyzeExactlyLikeJson();
    void readsPsqlFramedOutput();
    void stopsAtThePromptAfterUnalignedOutput();
    void readsAutoExplainLogLines();
    void toleratesBomAndCrlf();
    void mapsIrregularXmlNames();
    void readsMaskedNumbersAsNull();
    void readsPlainAndSingleQuotedYamlScalars();
    void rejectsMalformedInputSayingWhere();
    void survivesEveryTruncation();
    void saturatesNumbersOutOfRange();
};

void TestYamlXmlPlanParser::readsTheSameTreeAsJson_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("format");
    for (const char *name : {"twin-join-agg", "twin-parallel", "twin-insert-triggers", "twin-cte-subplan"}) {
        for (const char *format : {"yaml", "xml"})
            QTest::addRow("%s.%s", name, format) << QString::fromLatin1(name) << QString::fromLatin1(format);
    }
}

void TestYamlXmlPlanParser::readsTheSameTreeAsJson()
{
    QFETCH(QString, name);
    QFETCH(QString, format);
    TUSK_PARSE_OR_FAIL(const Plan json, fixtureAs(QStringLiteral("json"), name + QStringLiteral(".json")));
    TUSK_PARSE_OR_FAIL(const Plan other, fixtureAs(format, name + QLatin1Char('.') + format));
    QVERIFY(json.nodes.size() >= 2);
    const QStringList diffs = planDifferences(json, other, false);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
    // The analysis sees the same plan: the same warnings on the same nodes.
    const PlanAnalysis a(json), b(other);
    QCOMPARE(a.warnings().size(), b.warnings().size());
    for (int i = 0; i < a.warnings().size(); ++i) {
        QCOMPARE(a.warnings().at(i).kind, b.warnings().at(i).kind);
        QCOMPARE(a.warnings().at(i).nodeId, b.warnings().at(i).nodeId);
    }
}

void TestYamlXmlPlanParser::readsPlansWithoutAnalyzeExactlyLikeJson()
{
    const QString name = QStringLiteral("twin-costs-grouping-sets");
    TUSK_PARSE_OR_FAIL(const Plan json, fixtureAs(QStringLiteral("json"), name + QStringLiteral(".json")));
    for (const QString &format : {QStringLiteral("yaml"), QStringLiteral("xml")}) {
        TUSK_PARSE_OR_FAIL(const Plan other, fixtureAs(format, name + QLatin1Char('.') + format));
        const QStringList diffs = planDifferences(json, other, true);
        QVERIFY2(diffs.isEmpty(), qPrintable(format + QLatin1Char('\n') + diffs.join(QLatin1Char('\n'))));
    }
    // Grouping sets are lists of lists: ["a", "b"] in YAML, <Hash-Key><Item> in XML.
    const QVariantList sets = json.nodes.at(1).extra.value(QStringLiteral("Grouping Sets")).toList();
    QCOMPARE(sets.size(), 3);
    QCOMPARE(sets.at(0).toMap().value(QStringLiteral("Hash Keys")).toList().first().toStringList(),
             QStringList({QStringLiteral("customers.region"), QStringLiteral("customers.created")}));
}

void TestYamlXmlPlanParser::readsPsqlFramedOutput()
{
    for (const QString &format : {QStringLiteral("yaml"), QStringLiteral("xml")}) {
        TUSK_PARSE_OR_FAIL(const Plan plan, fixtureAs(format, QStringLiteral("psql-framed.") + format));
        QCOMPARE(plan.nodes.size(), 1);
        QCOMPARE(plan.root().nodeType, QStringLiteral("Index Scan"));
        QCOMPARE(plan.root().relationName, QStringLiteral("customers"));
        QCOMPARE(plan.root().indexCond, QStringLiteral("(id < 3)"));
        QCOMPARE(plan.root().actualRows, 2.0);
        QVERIFY(plan.root().buffers.sharedHit > 0);
        QVERIFY(plan.executionTimeMs.has_value());
    }
}

void TestYamlXmlPlanParser::stopsAtThePromptAfterUnalignedOutput()
{
    // `psql -At` output has no footer: the next prompt ends the plan.
    const QString text = QStringLiteral("postgres=# explain (format yaml) select 1;\n"
                                        "- Plan: \n    Node Type: \"Result\"\n    Plan Rows: 1\n"
                                        "postgres=# \\q\n");
    TUSK_PARSE_OR_FAIL(const Plan plan, parsedAs(QStringLiteral("yaml"), text));
    QCOMPARE(plan.root().nodeType, QStringLiteral("Result"));
}

void TestYamlXmlPlanParser::readsAutoExplainLogLines()
{
    for (const QString &format : {QStringLiteral("yaml"), QStringLiteral("xml")}) {
        TUSK_PARSE_OR_FAIL(const Plan plan, fixtureAs(format, QStringLiteral("auto-explain-log.") + format));
        QCOMPARE(plan.queryText,
                 QStringLiteral("select count(*) from customers where region = 'north' and id < 1000"));
        QCOMPARE(plan.nodes.size(), 2);
        QCOMPARE(plan.root().nodeType, QStringLiteral("Aggregate"));
        QCOMPARE(plan.nodes.at(1).filter, QStringLiteral("(region = 'north'::text)"));
        QCOMPARE(plan.nodes.at(1).rowsRemovedByFilter, 750.0);
        QCOMPARE(plan.nodes.at(1).parentRelationship, ParentRelationship::Outer);
        // Times and buffers read as the numbers printed (two runs: the times differ).
        QCOMPARE(plan.root().actualTotalTimeMs, format == QLatin1String("yaml") ? 0.130 : 0.127);
        QCOMPARE(plan.root().buffers.sharedHit, qint64(11));
    }
}

void TestYamlXmlPlanParser::toleratesBomAndCrlf()
{
    for (const QString &format : {QStringLiteral("yaml"), QStringLiteral("xml")}) {
        TUSK_PARSE_OR_FAIL(const QString text, fixtureText(QStringLiteral("twin-join-agg.") + format));
        QString windows = QChar(0xfeff) + text;
        windows.replace(QLatin1Char('\n'), QLatin1String("\r\n"));
        TUSK_PARSE_OR_FAIL(const Plan lf, parsedAs(format, text));
        TUSK_PARSE_OR_FAIL(const Plan crlf, parsedAs(format, windows));
        const QStringList diffs = planDifferences(lf, crlf, true);
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
    }
}

void TestYamlXmlPlanParser::mapsIrregularXmlNames()
{
    const QString xml =
        QStringLiteral("<explain xmlns=\"http://www.postgresql.org/2009/explain\"><Query><Plan>\n"
                       "<Node-Type>Result</Node-Type><One-Time-Filter>false</One-Time-Filter>\n"
                       "<I-O-Read-Time>1.5</I-O-Read-Time><Full-sort-Groups><Group-Count>3</Group-Count></"
                       "Full-sort-Groups>\n"
                       "<Alias>1</Alias><Plan-Rows>7</Plan-Rows><Filter></Filter></Plan>\n"
                       "<Settings><work_mem>1024</work_mem></Settings></Query></explain>");
    TUSK_PARSE_OR_FAIL(const Plan plan, parsedAs(QStringLiteral("xml"), xml));
    const PlanNode &n = plan.root();
    QCOMPARE(n.extra.value(QStringLiteral("One-Time Filter")), QVariant(QStringLiteral("false")));
    QCOMPARE(n.buffers.ioReadTimeMs, 1.5);
    QCOMPARE(n.extra.value(QStringLiteral("Full-sort Groups")).toMap().value(QStringLiteral("Group Count")),
             QVariant(qlonglong(3)));
    QCOMPARE(n.alias, QStringLiteral("1"));
    QCOMPARE(n.planRows, 7.0);
    QCOMPARE(plan.settings.value(QStringLiteral("work_mem")), QVariant(QStringLiteral("1024")));
}

void TestYamlXmlPlanParser::readsMaskedNumbersAsNull()
{
    TUSK_PARSE_OR_FAIL(const Plan yaml,
                       parsedAs(QStringLiteral("yaml"),
                                QStringLiteral("- Plan: \n    Node Type: \"Seq Scan\"\n    Plan Rows: N\n"
                                               "    Total Cost: N.N\n  Execution Time: N.N")));
    QVERIFY(yaml.numbersMasked);
    QCOMPARE(yaml.root().planRows, 0.0);
    TUSK_PARSE_OR_FAIL(
        const Plan xml,
        parsedAs(QStringLiteral("xml"),
                 QStringLiteral("<explain xmlns=\"http://www.postgresql.org/N/explain\"><Query><Plan>"
                                "<Node-Type>Seq Scan</Node-Type><Plan-Rows>N</Plan-Rows></Plan>"
                                "</Query></explain>")));
    QVERIFY(xml.numbersMasked);
    QCOMPARE(xml.root().nodeType, QStringLiteral("Seq Scan"));
}

void TestYamlXmlPlanParser::readsPlainAndSingleQuotedYamlScalars()
{
    // PostgreSQL 9.0 wrote strings unquoted unless they needed quotes.
    TUSK_PARSE_OR_FAIL(const Plan plan,
                       parsedAs(QStringLiteral("yaml"), QStringLiteral("- Plan:\n"
                                                                       "    Node Type: Seq Scan\n"
                                                                       "    Relation Name: 'it''s'\n"
                                                                       "    Filter: (a: b)\n"
                                                                       "    Sort Key: [\"a, b\", c]\n"
                                                                       "    Plan Rows: 12\n"
                                                                       "    Parallel Aware: true\n"
                                                                       "  Triggers:\n"
                                                                       "  Total Runtime: 0.5\n")));
    QCOMPARE(plan.root().nodeType, QStringLiteral("Seq Scan"));
    QCOMPARE(plan.root().relationName, QStringLiteral("it's"));
    QCOMPARE(plan.root().filter, QStringLiteral("(a: b)"));
    QCOMPARE(plan.root().sortKey, QStringList({QStringLiteral("a, b"), QStringLiteral("c")}));
    QCOMPARE(plan.root().planRows, 12.0);
    QVERIFY(plan.root().parallelAware);
    QCOMPARE(plan.executionTimeMs.value_or(0), 0.5);
}

void TestYamlXmlPlanParser::rejectsMalformedInputSayingWhere()
{
    // A tab in the indentation, in a psql frame: the error names the pasted line.
    const QString yaml = QStringLiteral("                QUERY PLAN\n"
                                        "------------------------------\n"
                                        " - Plan:                      +\n"
                                        "     Node Type: \"Limit\"       +\n"
                                        "\tPlan Rows: 1                +\n"
                                        "(1 row)\n");
    const auto tab = YamlPlanParser::parse(yaml);
    QVERIFY(!tab);
    QCOMPARE(tab.error().line, 5);
    QVERIFY(tab.error().message.contains(QLatin1String("tab")));

    const auto unterminated = YamlPlanParser::parse(QStringLiteral("- Plan:\n    Node Type: \"Limit\n"));
    QVERIFY(!unterminated);
    QCOMPARE(unterminated.error().line, 2);
    QCOMPARE(unterminated.error().column, 16);

    const auto badIndent =
        YamlPlanParser::parse(QStringLiteral("- Plan:\n    Node Type: \"Limit\"\n      Plan Rows: 1\n"));
    QVERIFY(!badIndent);
    QCOMPARE(badIndent.error().line, 3);

    TUSK_PARSE_OR_FAIL(const QString xml, fixtureText(QStringLiteral("twin-join-agg.xml")));
    const auto truncated = XmlPlanParser::parse(xml.left(xml.size() / 2));
    QVERIFY(!truncated);
    QVERIFY(truncated.error().line > 1);

    const auto mismatched =
        XmlPlanParser::parse(QStringLiteral("<explain>\n<Query><Plan></Query>\n</explain>"));
    QVERIFY(!mismatched);
    QCOMPARE(mismatched.error().line, 2);

    for (const QString &junk : {QString(), QStringLiteral("  \n "), QStringLiteral("hello"),
                                QStringLiteral("- a\n- b"), QStringLiteral("{\"Plan\": {}}")}) {
        QVERIFY(!YamlPlanParser::parse(junk));
        QVERIFY(!XmlPlanParser::parse(junk));
    }
    QVERIFY(!XmlPlanParser::parse(QStringLiteral("<explain><Query><Settings/></Query></explain>")));
}

void TestYamlXmlPlanParser::survivesEveryTruncation()
{
    // Every prefix must give a plan or an error — never a crash or a hang.
    for (const QString &format : {QStringLiteral("yaml"), QStringLiteral("xml")}) {
        TUSK_PARSE_OR_FAIL(const QString text, fixtureText(QStringLiteral("twin-insert-triggers.") + format));
        int rejected = 0;
        for (qsizetype n = 0; n < text.size(); n += 7) {
            const auto plan = format == QLatin1String("yaml") ? YamlPlanParser::parse(text.left(n))
                                                              : XmlPlanParser::parse(text.left(n));
            if (plan)
                PlanAnalysis analysis(*plan);
            else
                ++rejected;
        }
        QVERIFY(rejected > 0);
    }
}

void TestYamlXmlPlanParser::saturatesNumbersOutOfRange()
{
    // Caught by UBSan in the fuzz build: a number too big for an int or qint64 field was converted with a
    // plain cast (undefined behaviour). The same for all three formats, which share the node reader.
    const QString json =
        QStringLiteral(R"([{"Plan": {"Node Type": "Hash", "Plan Width": 1e300, "Hash Batches": 1e20,
        "Shared Hit Blocks": 1e300, "Shared Read Blocks": -1e300, "Actual Loops": 1, "Plans": [{"Node Type":
        "Seq Scan", "Shared Hit Blocks": 9e18, "Actual Loops": 1}]}}])");
    const QString yaml =
        QStringLiteral("- Plan:\n    Node Type: \"Hash\"\n    Plan Width: 1e300\n"
                       "    Hash Batches: 100000000000000000000\n    Shared Hit Blocks: 1e300\n"
                       "    Shared Read Blocks: -1e300\n    Actual Loops: 1\n    Plans:\n"
                       "      - Node Type: \"Seq Scan\"\n        Shared Hit Blocks: 9e18\n"
                       "        Actual Loops: 1\n");
    const QString xml =
        QStringLiteral("<explain><Query><Plan><Node-Type>Hash</Node-Type><Plan-Width>1e300</Plan-Width>"
                       "<Hash-Batches>100000000000000000000</Hash-Batches>"
                       "<Shared-Hit-Blocks>1e300</Shared-Hit-Blocks>"
                       "<Shared-Read-Blocks>-1e300</Shared-Read-Blocks><Actual-Loops>1</Actual-Loops>"
                       "<Plans><Plan><Node-Type>Seq Scan</Node-Type>"
                       "<Shared-Hit-Blocks>9e18</Shared-Hit-Blocks><Actual-Loops>1</Actual-Loops>"
                       "</Plan></Plans></Plan></Query></explain>");
    for (const auto &[format, text] :
         {std::pair{QStringLiteral("json"), json}, std::pair{QStringLiteral("yaml"), yaml},
          std::pair{QStringLiteral("xml"), xml}}) {
        TUSK_PARSE_OR_FAIL(const Plan plan, parsedAs(format, text));
        QCOMPARE(plan.root().planWidth, std::numeric_limits<int>::max());
        QCOMPARE(plan.root().hashBatches, std::numeric_limits<int>::max());
        QCOMPARE(plan.root().buffers.sharedHit, std::numeric_limits<qint64>::max());
        QCOMPARE(plan.root().buffers.sharedRead, std::numeric_limits<qint64>::min());
        const PlanAnalysis analysis(plan);
        QCOMPARE(analysis.timing(1).exclusiveBuffers.sharedHit, qint64(9000000000000000000));
        QVERIFY(analysis.timing(0).exclusiveBuffers.sharedHit > 0);
    }
}

QTEST_GUILESS_MAIN(TestYamlXmlPlanParser)
#include "tst_yamlxmlplanparser.moc"
