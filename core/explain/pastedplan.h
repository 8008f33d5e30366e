#pragma once

#include "explain/pastedtext.h"

#include <QString>
#include <QVector>

namespace tusk::explain {

/// The text formats whose pasted form unwrapPastedPlan() knows.
enum class MarkupFormat { Yaml, Xml };

/// UnwrappedText with, per kept line, how many characters were cut off its start (frame,
/// indentation of the frame, log tab), so an error's column can point into the pasted text.
struct UnwrappedPlan : UnwrappedText
{
    QVector<int> columnOffset;

    /// Maps a 1-based line/column of `text` back to the input as pasted (0 stays 0).
    void mapBack(int *line, int *column) const;
};

/// Removes what surrounds a pasted `EXPLAIN (FORMAT YAML|XML)` plan: a BOM and CRLF, psql's
/// `QUERY PLAN` header, rules, `|`/`│` borders, `+`/`↵` continuation marks and `(N rows)` footer,
/// prompts and SQL before the plan, an auto_explain log line before it and the tab the server
/// log puts before each continuation line. Unlike unwrapPastedJson() it keeps indentation, which
/// is syntax in YAML: the whitespace before the plan's first line is taken off every line, and
/// the plan ends at the first line that does not start with it (or, for XML, after
/// `</explain>`). Masked numbers (`N`) are left to the readers. Clean input comes back unchanged.
UnwrappedPlan unwrapPastedPlan(const QString &input, MarkupFormat format);

} // namespace tusk::explain
