#pragma once

#include "explain/jsonplanparser.h"
#include "explain/plan.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace tusk::explain {

/// Reads `EXPLAIN (FORMAT YAML)` output (and auto_explain's YAML) into the same Plan that
/// JsonPlanParser builds for the JSON of the same run: the YAML becomes the JSON document
/// EXPLAIN would have printed, which the JSON node reader then reads. Pasted text may carry a
/// BOM, CRLF, a psql frame or an auto_explain log prefix (see unwrapPastedPlan()). Malformed
/// input gives a ParseError with the line and column of the text as pasted, never a crash.
class YamlPlanParser
{
public:
    static Result<Plan, ParseError> parse(const QString &text);
    static Result<Plan, ParseError> parse(const QByteArray &utf8);
};

} // namespace tusk::explain
