#include "explaincommand.h"

#include "explain/explainrunner.h"
#include "explain/plananalysis.h"
#include "explain/planreader.h"
#include "pg/connectionparams.h"
#include "pg/session.h"
#include "sql/explainstatement.h"
#include "stderrlines.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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

void printPlan(const Plan &plan)
{
    const PlanAnalysis analysis(plan);
    std::fputs(QJsonDocument(planJson(plan, analysis)).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
}

// EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of `statement` on the server, always rolled back: the
// statement really runs, and a SELECT of a function that writes must not commit.
int analyzeOnServer(const QString &conninfo, const QString &statement)
{
    auto params = pg::ConnectionParams::parse(conninfo);
    if (!params) {
        printLine(params.error().toString());
        return 2;
    }
    int exitCode = 0;
    pg::Session session(QStringLiteral("tusk-cli"));
    ExplainRunner runner(&session);
    QObject::connect(&session, &pg::Session::connected, [&](const pg::ServerInfo &info) {
        sql::ExplainOptions options;
        options.analyze = true;
        options.buffers = true;
        const auto prepared = sql::explainStatement(statement, options, info.versionNumber);
        if (!prepared) {
            std::fprintf(stderr, "tusk-cli explain: %s\n", qPrintable(prepared.error()));
            exitCode = 2;
            QCoreApplication::exit(2);
            return;
        }
        runner.start(prepared->sql, ExplainRunner::wrapFor(true, session.transactionStatus()));
    });
    QObject::connect(&session, &pg::Session::connectionFailed, [&](const pg::Error &e) {
        printLine(e.toString());
        exitCode = 2;
        QCoreApplication::exit(2);
    });
    QObject::connect(&session, &pg::Session::noticeReceived,
                     [](const pg::Notice &n) { printLine(n.toString()); });
    QObject::connect(&runner, &ExplainRunner::planReady, [&](const ExplainOutcome &o) {
        printPlan(o.plan);
        std::fputs("NOTICE:  the statement ran inside a transaction that was rolled back\n", stderr);
        QCoreApplication::exit(0);
    });
    QObject::connect(&runner, &ExplainRunner::failed, [&](const pg::Error &e) {
        printLine(e.toString());
        std::fputs("NOTICE:  nothing was committed (the statement ran inside a rolled-back transaction)\n",
                   stderr);
        exitCode = e.kind == pg::Error::Kind::ConnectionLost ? 2 : 1;
        QCoreApplication::exit(exitCode);
    });
    session.connectTo(*params);
    QCoreApplication::exec();
    std::fflush(stdout);
    return exitCode;
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
    parser.addOption(
        {QStringLiteral("analyze"),
         QStringLiteral("Run EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of SQL on CONNINFO, inside a "
                        "transaction that is always rolled back, and print that plan.")});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("The plan, or - for stdin (with --analyze: CONNINFO SQL)."));
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
    if (parser.isSet(QStringLiteral("analyze"))) {
        if (pos.size() != 2) {
            std::fprintf(stderr, "tusk-cli explain --analyze: expected CONNINFO and SQL (see --help)\n");
            return 2;
        }
        return analyzeOnServer(pos.at(0), pos.at(1));
    }
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
    printPlan(*plan);
    return 0;
}

} // namespace tusk::cli
