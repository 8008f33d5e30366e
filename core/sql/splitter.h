#pragma once

// PostgreSQL / psql script splitter.
//
// Works on UTF-8 bytes because the editor (QScintilla) addresses text by byte position.
// Only standard headers: usable from core, widgets, tests and benchmarks alike.

#include <cstddef>
#include <string_view>
#include <vector>

namespace tusk::sql {

struct Statement
{
    enum class Kind { Sql, PsqlMeta }; // PsqlMeta: a psql backslash command line (reported, never sent)
    Kind kind = Kind::Sql;
    // Byte offset of the first significant character of the statement. Leading whitespace and
    // comments are not part of the statement, except an optimizer hint comment "/*+ ... */".
    std::size_t begin = 0;
    // Byte offset one past the terminating ';'. For a statement ended by a psql query-sending
    // command (\g, \gx, \gset, ...) or by the end of input: one past its last significant
    // character (trailing whitespace and comments are not included; an unterminated string or
    // comment extends to the end of input). For PsqlMeta: end of the line without the line break
    // and trailing blanks.
    std::size_t end = 0;
    int line = 1;   // 1-based line of begin (lines are separated by '\n'; "\r\n" counts once)
    int column = 1; // 1-based byte column of begin
    // The statement is complete: ended with ';' or a psql \g-family command; always true for
    // PsqlMeta. False only for the trailing unterminated statement.
    bool terminated = false;

    std::string_view text(std::string_view script) const { return script.substr(begin, end - begin); }
};

// Splits a script into statements and psql meta-command lines, in order, with non-overlapping
// ranges. Follows the PostgreSQL lexer (standard_conforming_strings = on) and psql:
//  - ';' ends a statement unless inside a string, quoted identifier, comment, dollar quote,
//    parentheses (as psql does) or a BEGIN ATOMIC ... END body of CREATE [OR REPLACE]
//    FUNCTION/PROCEDURE;
//  - a backslash outside any statement starts a PsqlMeta line; \g, \gx, \gset, \gexec, \gdesc,
//    \crosstabview and \watch inside a statement end it and are then reported as PsqlMeta;
//    other backslash commands inside a statement stay part of its text; "\;" is a literal ';';
//  - whitespace, comments and empty statements (a lone ';') produce nothing.
// Single pass, no allocation except for the result.
std::vector<Statement> splitStatements(std::string_view script);

// Index into `statements` of the statement that contains the byte offset `cursor` (begin <= cursor
// <= end), or of the statement just before it when the cursor sits in the whitespace after it;
// -1 when there is none (empty list or cursor before the first statement).
int statementAt(const std::vector<Statement> &statements, std::size_t cursor);

} // namespace tusk::sql
