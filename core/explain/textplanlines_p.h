#pragma once

#include <QString>
#include <QVector>

namespace tusk::explain::text {

/// One line of a TEXT plan as PostgreSQL printed it, found in what the user pasted.
struct TextLine
{
    QString content; ///< Indentation kept (tabs as 4 spaces); frame, quotes and prefixes removed.
    int line = 0;    ///< 1-based line of the pasted text where this line starts.
    int column = 0;  ///< Characters removed before `content` on that line (for error columns).
};

/// The plan inside pasted text: from its first node line to its last line, with lines that a
/// terminal wrapped joined again.
struct TextPlanLines
{
    QVector<TextLine> lines;
    QString queryText; ///< auto_explain's "Query Text:" before the plan, when there is one.
};

/// Finds a TEXT plan in pasted text and removes what surrounds it: a BOM, CRLF, psql frames
/// (ascii, old-ascii and unicode borders, `+`/`↵` continuation marks, the `QUERY PLAN` header,
/// rules, `(N rows)` footers in any language), `\x` records (`-[ RECORD 1 ]`, `QUERY PLAN |`),
/// prompts and SQL before the plan, auto_explain's `LOG: … plan:` and `Query Text:`, lines
/// quoted as CSV (`"…"`) or in single quotes. A line that starts at column 0 but is neither a
/// node, a property nor a subplan label — or starts left of the root in a psql frame — is the
/// rest of the line before it, cut by a terminal, and is appended to it. Empty when no line
/// looks like a plan node.
TextPlanLines extractTextPlan(const QString &input);

/// "InitPlan 1 (returns $0)", "InitPlan 2", "SubPlan 3", "CTE name" (and "InitPlan", "SubPlan"
/// without a number, before 9.0?): the line that names the subplan printed below it.
bool isSubplanLabel(const QString &trimmed);

/// Leading spaces of a line.
int indentation(const QString &content);

} // namespace tusk::explain::text
