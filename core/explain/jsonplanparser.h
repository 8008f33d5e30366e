#pragma once

#include "explain/plan.h"
#include "result.h"

#include <QString>

namespace tusk::explain {

/// Why a plan could not be read, and where (1-based line and column in the input as given;
/// 0 when not known).
struct ParseError
{
    QString message;
    int line = 0;
    int column = 0;

    /// "line 12, column 5: unterminated object" or just the message.
    QString toString() const;
};

/// Reads `EXPLAIN (FORMAT JSON)` output of PostgreSQL 9.6–17 as users paste it: the bare
/// array or object (also auto_explain's object with "Query Text"), with or without a BOM,
/// CRLF or surrounding whitespace, and — when it is not JSON as is — inside a psql frame
/// (see unwrapPastedJson()). Malformed input gives a ParseError, never a crash.
/// @code
/// const auto plan = JsonPlanParser::parse(text);
/// if (!plan) qWarning() << plan.error().toString(); else show(*plan);
/// @endcode
class JsonPlanParser
{
public:
    static Result<Plan, ParseError> parse(const QString &text);
    static Result<Plan, ParseError> parse(const QByteArray &utf8);
};

} // namespace tusk::explain
