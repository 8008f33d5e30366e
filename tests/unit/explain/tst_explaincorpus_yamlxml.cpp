#include "../../common/corpusmanifest.h"
#include "../../common/corpusmissing.h"
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"
#include "explain/xmlplanparser.h"
#include "explain/yamlplanparser.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTest>

using namespace tusk::explain;

namespace {

using Entry = test::CorpusEntry;

QHash<QString, Entry> readManifest(const QString &path)
{
    return test::readCorpusManifest(path);
}

QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    const auto encoding = QStringConverter::encodingForData(bytes);
    QStringDecoder decode(encoding.value_or(QStringConverter::Utf8));
    return decode(bytes);
}

tusk::Result<Plan, ParseError> parse(const QString &format, const QString &text)
{
    if (format == QLatin1String("yaml"))
        return YamlPlanParser::parse(text);
    if (format == QLatin1String("xml"))
        return XmlPlanParser::parse(text);
    return JsonPlanParser::parse(text);
}

// The JSON file of the same generated set ("same query/run in other formats: a.txt, b.json, …").
QString jsonTwin(const QString &notes)
{
    static const QRegularExpression twin(
        QStringLiteral("same query/run in other formats:[^;]*?([\\w.-]+\\.json)"));
    const QRegularExpressionMatch m = twin.match(notes);
    return m.hasMatch() ? m.captured(1) : QString();
}

// The twins are separate runs of one statement: the plan's shape and estimates must agree,
// times and per-worker shares need not.
QStringList shapeDifferences(const Plan &json, const Plan &other)
{
    if (json.nodes.size() != other.nodes.size())
        return {QStringLiteral("%1 nodes vs %2").arg(json.nodes.size()).arg(other.nodes.size())};
    QStringList out;
    for (int i = 0; i < json.nodes.size(); ++i) {
        const PlanNode &a = json.nodes.at(i);
        const PlanNode &b = other.nodes.at(i);
        if (a.nodeType != b.nodeType || a.relationName != b.relationName || a.alias != b.alias ||
            a.parentRelationship != b.parentRelationship || a.children != b.children ||
            a.planRows != b.planRows || a.totalCost != b.totalCost || a.hasActuals != b.hasActuals ||
            a.workersPlanned != b.workersPlanned || a.filter != b.filter || a.sortKey != b.sortKey ||
            a.output != b.output)
            out << QStringLiteral("node %1 (%2 vs %3) differs").arg(i).arg(a.nodeType, b.nodeType);
    }
    return out;
}

} // namespace

/// Every YAML and XML plan of the shared corpus (/work/shared/corpus/explain): valid and
/// psql-framed plans parse with the manifest's node count, malformed ones are rejected or
/// recovered without crashing, and generated sets agree with their JSON twin.
class TestExplainCorpusYamlXml : public QObject
{
    Q_OBJECT
private slots:
    void parsesEveryYamlAndXmlPlanOfTheCorpus();
};

void TestExplainCorpusYamlXml::parsesEveryYamlAndXmlPlanOfTheCorpus()
{
    const QDir dir(QStringLiteral(TUSK_CORPUS_DIR));
    if (!dir.exists(QStringLiteral("MANIFEST.tsv")))
        TUSK_CORPUS_MISSING("corpus not found next to the repository (shared/corpus/explain)");
    const QHash<QString, Entry> manifest = readManifest(dir.filePath(QStringLiteral("MANIFEST.tsv")));
    QVERIFY(!manifest.isEmpty());

    QHash<QString, int> parsed;
    int masked = 0, rejected = 0, recovered = 0, countsChecked = 0, countsMatched = 0, twins = 0;
    QStringList failures;
    const QStringList files =
        dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.xml")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        if (!manifest.contains(name))
            continue;
        const Entry &e = manifest.value(name);
        const auto plan = parse(e.format, readText(dir.filePath(name)));
        if (plan) {
            const PlanAnalysis analysis(*plan); // must not crash either
            Q_UNUSED(analysis);
        }
        if (e.notes.contains(QLatin1String("truncated/invalid on purpose"))) {
            plan ? ++recovered : ++rejected;
            if (!plan)
                qInfo("%s rejected: %s", qPrintable(name), qPrintable(plan.error().toString()));
            continue;
        }
        if (!plan) {
            failures << QStringLiteral("%1: %2").arg(name, plan.error().toString());
            continue;
        }
        ++parsed[e.format];
        masked += plan->numbersMasked ? 1 : 0;
        if (e.nodeCount >= 0) {
            ++countsChecked;
            if (plan->nodes.size() != e.nodeCount)
                failures << QStringLiteral("%1: %2 nodes, manifest says %3")
                                .arg(name)
                                .arg(plan->nodes.size())
                                .arg(e.nodeCount);
            else
                ++countsMatched;
        }
        const QString twin = jsonTwin(e.notes);
        if (!twin.isEmpty() && dir.exists(twin)) {
            const auto json = JsonPlanParser::parse(readText(dir.filePath(twin)));
            if (!json) {
                failures << QStringLiteral("%1: %2").arg(twin, json.error().toString());
                continue;
            }
            ++twins;
            const QStringList diffs = shapeDifferences(*json, *plan);
            if (!diffs.isEmpty())
                failures << QStringLiteral("%1 vs %2: %3").arg(name, twin, diffs.join(QStringLiteral("; ")));
        }
    }
    qInfo("YAML plans parsed: %d, XML plans parsed: %d (%d with masked numbers); node counts matched: %d of "
          "%d; agreeing with their JSON twin: %d; malformed rejected: %d, recovered: %d",
          parsed.value(QStringLiteral("yaml")), parsed.value(QStringLiteral("xml")), masked, countsMatched,
          countsChecked, twins, rejected, recovered);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QVERIFY(parsed.value(QStringLiteral("yaml")) > 0 && parsed.value(QStringLiteral("xml")) > 0);
}

QTEST_GUILESS_MAIN(TestExplainCorpusYamlXml)
#include "tst_explaincorpus_yamlxml.moc"
