#include "explain/planreader.h"

#include "explain/xmlplanparser.h"
#include "explain/yamlplanparser.h"

#include "explain/pastedtext.h"
#include "explain/plandecoding.h"
#include "explain/textplanparser.h"

#include <QRegularExpression>

namespace tusk::explain {

Result<Plan, ParseError> PlanReader::read(const QByteArray &bytes, PlanFormat format)
{
    return read(decodePlanBytes(bytes), format);
}

Result<Plan, ParseError> PlanReader::read(const QString &text, PlanFormat format)
{
    if (format == PlanFormat::Auto && detect(text) == PlanFormat::Json) {
        // A bracket in front of a TEXT plan (a prompt, a log prefix) can look like JSON: when the
        // JSON parser fails and the TEXT parser reads it, that was it; otherwise JSON's error.
        auto json = JsonPlanParser::parse(text);
        if (json)
            return json;
        auto plan = TextPlanParser::parse(text);
        return plan ? plan : json;
    }
    if (format == PlanFormat::Auto)
        format = detect(text);
    switch (format) {
    case PlanFormat::Json:
        return JsonPlanParser::parse(text);
    case PlanFormat::Yaml:
        return YamlPlanParser::parse(text);
    case PlanFormat::Xml:
        return XmlPlanParser::parse(text);
    case PlanFormat::Auto:
    case PlanFormat::Text:
        break;
    }
    return TextPlanParser::parse(text);
}

namespace {

// "[{", "[ ]", "{\"" …: how EXPLAIN's JSON opens; a prompt like "[14003](…)db=#" does not.
bool opensJson(const QString &text)
{
    static const QRegularExpression json(QStringLiteral("^(\\[\\s*([\\[{\\]]|$)|\\{\\s*([\"}]|$))"));
    return json.match(text).hasMatch();
}

} // namespace

PlanFormat PlanReader::detect(const QString &text)
{
    const QString normalised = normaliseLineEnds(text);
    if (opensJson(normalised.trimmed()) || opensJson(unwrapPastedJson(normalised).text.trimmed()))
        return PlanFormat::Json;
    if (normalised.contains(QLatin1String("<explain")) || normalised.contains(QLatin1String("<Plan")))
        return PlanFormat::Xml;
    static const QRegularExpression yaml(QStringLiteral("^[\\s|│\"']*(- Plan:|(- )?Node Type: )"),
                                         QRegularExpression::MultilineOption);
    if (yaml.match(normalised).hasMatch())
        return PlanFormat::Yaml;
    return PlanFormat::Text;
}

QString PlanReader::formatName(PlanFormat format)
{
    switch (format) {
    case PlanFormat::Json:
        return QStringLiteral("json");
    case PlanFormat::Text:
        return QStringLiteral("text");
    case PlanFormat::Yaml:
        return QStringLiteral("yaml");
    case PlanFormat::Xml:
        return QStringLiteral("xml");
    case PlanFormat::Auto:
        break;
    }
    return QStringLiteral("auto");
}

bool PlanReader::formatFromName(const QString &name, PlanFormat *format)
{
    for (PlanFormat f :
         {PlanFormat::Auto, PlanFormat::Json, PlanFormat::Text, PlanFormat::Yaml, PlanFormat::Xml}) {
        if (name.compare(formatName(f), Qt::CaseInsensitive) == 0) {
            *format = f;
            return true;
        }
    }
    return false;
}

} // namespace tusk::explain
