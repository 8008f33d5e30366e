#include "explaincommand.h"

#include "explain/plananalysis.h"
#include "explain/planreader.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

namespace tusk::cli {

using namespace tusk::explain;

namespace {

QJsonValue optionalNumber(bool present, double value)
{
    return present ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

// Derived times to the microsecond EXPLAIN prints them in, so 671.932 is not 671.93199999999993.
double microseconds(double ms)
{
    return std::round(ms * 1000.0) / 1000.0;
}

QJsonArray warningsJson(const QVector<PlanWarning> &warnings)
{
    QJsonArray out;
    for (const PlanWarning &w : warnings) {
        out.append(QJsonObject{{QStringLiteral("kind"), warningKindName(w.kind)},
                               {QStringLiteral("severity"), severityName(w.severity)},
                               {QStringLiteral("message"), w.message},
                               {QStringLiteral("suggestion"), w.suggestion}});
    }
    return out;
}

QJsonObject planJson(const Plan &plan, const PlanAnalysis &analysis)
{
    QJsonArray nodes;
    for (const PlanNode &n : plan.nodes) {
        const NodeTiming &t = analysis.timing(n.id);
        nodes.append(QJsonObject{
            {QStringLiteral("id"), n.id},
            {QStringLiteral("parent"),
             n.parentId >= 0 ? QJsonValue(n.parentId) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("type"), n.nodeType},
            {QStringLiteral("relation"),
             n.relationName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(n.relationName)},
            {QStringLiteral("actual_rows"), optionalNumber(n.hasActuals, n.actualRows)},
            {QStringLiteral("plan_rows"), n.planRows},
            {QStringLiteral("loops"), optionalNumber(n.hasActuals, n.actualLoops)},
            {QStringLiteral("inclusive_ms"), optionalNumber(n.hasActuals, microseconds(t.inclusiveMs))},
            {QStringLiteral("exclusive_ms"), optionalNumber(n.hasActuals, microseconds(t.exclusiveMs))},
            {QStringLiteral("warnings"), warningsJson(analysis.warningsFor(n.id))},
        });
    }
    return QJsonObject{
        {QStringLiteral("nodes"), nodes},
        {QStringLiteral("planning_ms"),
         optionalNumber(plan.planningTimeMs.has_value(), plan.planningTimeMs.value_or(0))},
        {QStringLiteral("execution_ms"),
         optionalNumber(plan.executionTimeMs.has_value(), plan.executionTimeMs.value_or(0))},
        {QStringLiteral("warnings"), warningsJson(analysis.warningsFor(-1))},
    };
}

bool readInput(const QString &path, QByteArray *out)
{
    QFile f(path);
    const bool open =
        path == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly) : f.open(QIODevice::ReadOnly);
    if (!open) {
        std::fprintf(stderr, "tusk-cli explain: cannot read %s: %s\n", qPrintable(path),
                     qPrintable(f.errorString()));
        return false;
    }
    *out = f.readAll();
    return true;
}

} // namespace

int runExplain(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Analyse an EXPLAIN plan and print it as JSON."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("input-format"),
                      QStringLiteral("auto (default), json, text, yaml or xml."), QStringLiteral("format"),
                      QStringLiteral("auto")});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The plan, or - for stdin."));
    if (!parser.parse(QStringList{QStringLiteral("tusk-cli explain")} + args)) {
        std::fprintf(stderr, "tusk-cli explain: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        return 0;
    }
    const QString formatName = parser.value(QStringLiteral("input-format"));
    PlanFormat format = PlanFormat::Auto;
    if (!PlanReader::formatFromName(formatName, &format)) {
        std::fprintf(stderr, "tusk-cli explain: unknown --input-format %s (auto, json, text, yaml or xml)\n",
                     qPrintable(formatName));
        return 2;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1) {
        std::fprintf(stderr, "tusk-cli explain: expected one FILE or - (see --help)\n");
        return 2;
    }
    QByteArray bytes;
    if (!readInput(pos.first(), &bytes))
        return 2;

    const auto plan = PlanReader::read(bytes, format);
    if (!plan) {
        std::fprintf(stderr, "tusk-cli explain: %s: %s\n", qPrintable(pos.first()),
                     qPrintable(plan.error().toString()));
        return 2;
    }
    const PlanAnalysis analysis(*plan);
    std::fputs(QJsonDocument(planJson(*plan, analysis)).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    return 0;
}

} // namespace tusk::cli
