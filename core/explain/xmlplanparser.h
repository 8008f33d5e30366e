#pragma once

#include "explain/jsonplanparser.h"
#include "explain/plan.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace tusk::explain {

/// Reads `EXPLAIN (FORMAT XML)` output (and auto_explain's XML) into the same Plan that
/// JsonPlanParser builds for the JSON of the same run. The XML is turned into the JSON document
/// EXPLAIN would have printed (see xmlnames_p.h for the name and type rules), which the JSON node
/// reader then reads. Pasted text may carry a BOM, CRLF, a psql frame or an auto_explain log
/// prefix (see unwrapPastedPlan()). Malformed input gives a ParseError with the line and column
/// of the text as pasted, never a crash.
class XmlPlanParser
{
public:
    static Result<Plan, ParseError> parse(const QString &text);
    static Result<Plan, ParseError> parse(const QByteArray &utf8);
};

} // namespace tusk::explain
