#pragma once

#include "explain/jsonplanparser.h"
#include "explain/plan.h"
#include "explain/plandecoding.h"
#include "result.h"

#include <QString>

namespace tusk::explain {

/// Reads EXPLAIN's default TEXT format (PostgreSQL 9.0–18) as users paste it: bare, inside
/// psql's frames, after prompts and SQL, as `\x` records, quoted line by line, wrapped by a
/// terminal, with CRLF or a BOM, or as an auto_explain log message (see extractTextPlan()). The
/// tree comes from the `->` indentation; every line is mapped to the properties EXPLAIN (FORMAT
/// JSON) prints, so a plan read from TEXT and from JSON gives the same nodes and fields, except
/// what TEXT never prints (zero counters, "Parallel Aware" of non-parallel nodes, …).
/// Malformed input gives a ParseError with the line and column of the pasted text.
/// @code
/// const auto plan = TextPlanParser::parse(clipboardText);
/// if (!plan) showError(plan.error().toString()); else show(*plan);
/// @endcode
class TextPlanParser
{
public:
    static Result<Plan, ParseError> parse(const QString &text);
    /// Bytes as read from a file: UTF-8 (with or without a BOM) or UTF-16 with a BOM (decodePlanBytes()).
    static Result<Plan, ParseError> parse(const QByteArray &utf8);
};

} // namespace tusk::explain
