#pragma once

#include <QString>
#include <QVector>

namespace tusk::explain {

/// Pasted EXPLAIN text with the wrapping around the plan removed, and a map back to the lines
/// of the original so errors can point at what the user actually pasted.
struct UnwrappedText
{
    QString text;
    QVector<int> originalLine;  ///< originalLine[i]: 1-based line in the input of line i of text.
    bool changed = false;       ///< Something (frame, prompt, footer, quoting) was removed.
    bool numbersMasked = false; ///< Regression-test output: numbers printed as N / N.N (now null).
};

/// Removes a BOM, CRLF line ends and what psql and logs put around a JSON plan: the
/// `QUERY PLAN` header, `----`/`════` rules, `|`/`│` borders, `+`/`↵` continuation markers,
/// `(N rows)` footers, prompts and SQL before the plan, an auto_explain `LOG:` prefix and
/// CSV-style doubled quotes. Numbers that PostgreSQL's regression tests mask as `N` or `N.N`
/// become `null`, so such plans keep their shape (see UnwrappedText::numbersMasked). The result is the text
/// from the first line that opens a JSON array or object to where its brackets balance (or the end, when they
/// never do).
UnwrappedText unwrapPastedJson(const QString &input);

/// Normalises only what is never part of a plan: a leading BOM and CRLF line ends.
QString normaliseLineEnds(QString input);

} // namespace tusk::explain
