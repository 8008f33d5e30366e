#include "explain/jsonplanparser.h"

#include "explain/nodereader_p.h"
#include "explain/pastedtext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>

namespace tusk::explain {

namespace {

// Line and column (1-based) of a UTF-8 byte offset in `utf8`.
void locate(const QByteArray &utf8, qsizetype offset, int *line, int *column)
{
    offset = qBound<qsizetype>(0, offset, utf8.size());
    const QByteArray before = utf8.left(offset);
    *line = int(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    *column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
}

ParseError jsonError(const QByteArray &utf8, const QJsonParseError &e, const UnwrappedText *map)
{
    ParseError err;
    err.message = QCoreApplication::translate("tusk::explain", "not valid JSON: %1").arg(e.errorString());
    locate(utf8, e.offset, &err.line, &err.column);
    if (map && err.line - 1 < map->originalLine.size())
        err.line = map->originalLine.at(err.line - 1);
    else if (map && !map->originalLine.isEmpty())
        err.line = map->originalLine.last();
    if (map)
        err.message +=
            QCoreApplication::translate("tusk::explain", " (after removing the psql frame around it)");
    return err;
}

// The object that carries "Plan": the first element of EXPLAIN's array, auto_explain's object,
// or a bare node object (a "Plan" value pasted on its own).
Result<QJsonObject, ParseError> statementObject(const QJsonDocument &doc)
{
    QJsonObject top;
    if (doc.isArray()) {
        const QJsonArray array = doc.array();
        if (array.isEmpty() || !array.first().isObject())
            return ParseError{
                QCoreApplication::translate("tusk::explain", "the JSON array holds no plan object"), 1, 1};
        top = array.first().toObject();
    } else {
        top = doc.object();
    }
    const QJsonValue plan = top.value(QLatin1String("Plan"));
    // A "Plan" without "Node Type" still counts: old pev2 samples trim nodes to what they test.
    if (plan.isObject())
        return top;
    if (top.contains(QLatin1String("Node Type")))
        return QJsonObject{{QStringLiteral("Plan"), top}};
    return ParseError{
        QCoreApplication::translate("tusk::explain",
                                    "JSON without a \"Plan\" object: not EXPLAIN (FORMAT JSON) output"),
        1, 1};
}

} // namespace

QString ParseError::toString() const
{
    if (line <= 0)
        return message;
    return QCoreApplication::translate("tusk::explain", "line %1, column %2: %3")
        .arg(line)
        .arg(column)
        .arg(message);
}

Result<Plan, ParseError> JsonPlanParser::parse(const QByteArray &utf8)
{
    return parse(QString::fromUtf8(utf8));
}

Result<Plan, ParseError> JsonPlanParser::parse(const QString &text)
{
    const QString normalised = normaliseLineEnds(text);
    // (trimmed() would copy the whole text just to look at it.)
    if (std::all_of(normalised.cbegin(), normalised.cend(), [](QChar c) { return c.isSpace(); }))
        return ParseError{QCoreApplication::translate("tusk::explain", "empty input: no plan to read"), 0, 0};

    QByteArray utf8 = normalised.toUtf8();
    bool numbersMasked = false;
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        // Not JSON as is: try again without a psql frame, prompts or log prefixes around it.
        const UnwrappedText unwrapped = unwrapPastedJson(normalised);
        if (unwrapped.text.trimmed().isEmpty())
            return ParseError{
                QCoreApplication::translate(
                    "tusk::explain", "no JSON array or object found: is this EXPLAIN (FORMAT JSON) output?"),
                0, 0};
        if (!unwrapped.changed)
            return jsonError(utf8, error, nullptr);
        const QByteArray inner = unwrapped.text.toUtf8();
        QJsonParseError innerError;
        doc = QJsonDocument::fromJson(inner, &innerError);
        if (innerError.error != QJsonParseError::NoError)
            return jsonError(inner, innerError, &unwrapped);
        numbersMasked = unwrapped.numbersMasked;
    }
    utf8 = QByteArray(); // only errors needed it; the document holds what is read next
    const auto statement = statementObject(doc);
    if (!statement)
        return statement.error();
    Plan plan = readStatement(*statement);
    plan.numbersMasked = numbersMasked;
    return plan;
}

} // namespace tusk::explain
