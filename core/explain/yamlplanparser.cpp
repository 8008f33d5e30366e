#include "explain/yamlplanparser.h"

#include "explain/nodereader_p.h"
#include "explain/pastedplan.h"
#include "explain/yamlreader_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace tusk::explain {

namespace {

// The object that carries "Plan": the first statement of EXPLAIN's list, auto_explain's
// mapping, or a node mapping pasted on its own.
Result<QJsonObject, ParseError> statementObject(const QJsonValue &document)
{
    QJsonObject top;
    if (document.isArray()) {
        const QJsonArray array = document.toArray();
        if (array.isEmpty() || !array.first().isObject())
            return ParseError{
                QCoreApplication::translate("tusk::explain", "the YAML list holds no plan mapping"), 1, 1};
        top = array.first().toObject();
    } else {
        top = document.toObject();
    }
    if (top.value(QLatin1String("Plan")).isObject())
        return top;
    if (top.contains(QLatin1String("Node Type")))
        return QJsonObject{{QStringLiteral("Plan"), top}};
    return ParseError{
        QCoreApplication::translate("tusk::explain",
                                    "YAML without a \"Plan\" mapping: not EXPLAIN (FORMAT YAML) output"),
        1, 1};
}

} // namespace

Result<Plan, ParseError> YamlPlanParser::parse(const QByteArray &utf8)
{
    return parse(QString::fromUtf8(utf8));
}

Result<Plan, ParseError> YamlPlanParser::parse(const QString &text)
{
    const UnwrappedPlan unwrapped = unwrapPastedPlan(text, MarkupFormat::Yaml);
    if (unwrapped.text.trimmed().isEmpty()) {
        if (normaliseLineEnds(text).trimmed().isEmpty())
            return ParseError{QCoreApplication::translate("tusk::explain", "empty input: no plan to read"), 0,
                              0};
        return ParseError{QCoreApplication::translate(
                              "tusk::explain", "no \"Plan:\" found: is this EXPLAIN (FORMAT YAML) output?"),
                          0, 0};
    }
    const auto document = readExplainYaml(unwrapped.text);
    if (!document) {
        ParseError error = document.error();
        unwrapped.mapBack(&error.line, &error.column);
        if (unwrapped.changed)
            error.message +=
                QCoreApplication::translate("tusk::explain", " (after removing the psql frame around it)");
        return error;
    }
    const auto statement = statementObject(document->value);
    if (!statement)
        return statement.error();
    Plan plan = readStatement(*statement);
    plan.numbersMasked = document->numbersMasked;
    return plan;
}

} // namespace tusk::explain
