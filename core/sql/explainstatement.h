#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

namespace tusk::sql {

/// The EXPLAIN options DBAs use. FORMAT JSON is always asked for: it is the one format every
/// version prints with every figure, and the plan parsers read it most reliably.
struct ExplainOptions
{
    bool analyze = false;
    bool buffers = true;
    bool verbose = false;
    bool settings = false;
    bool wal = false;
    bool timing = true;
    bool costs = true;

    friend bool operator==(const ExplainOptions &, const ExplainOptions &) = default;
};

/// What running EXPLAIN on a statement takes.
struct ExplainStatement
{
    QString sql; ///< `EXPLAIN (FORMAT JSON, …) statement`, options the server knows only
    /// With ANALYZE the statement really runs: true when it would change data or objects
    /// (INSERT, UPDATE, DELETE, MERGE, CREATE … AS, SELECT INTO, EXECUTE, or a WITH holding
    /// one), so it must run inside a transaction that is rolled back.
    bool changesData = false;
    QStringList droppedOptions; ///< options left out because the server is too old for them
    /// Maps the server's error position (1-based characters in `sql`) back to the statement as
    /// given: position − statementOffset + leadingTrimmed; ≤ 0 when it points into the prefix.
    int statementOffset = 0; ///< characters of "EXPLAIN (…) " before the statement in `sql`
    int leadingTrimmed = 0;  ///< blanks dropped from the start of the statement as given
    int statementPosition(int serverPosition) const
    {
        return serverPosition - statementOffset + leadingTrimmed;
    }
};

/// Builds the EXPLAIN for one statement (trailing semicolons and blanks dropped) on a server of
/// `serverVersion` (PG_VERSION_NUM): SETTINGS needs 12, WAL 13 and ANALYZE, BUFFERS without
/// ANALYZE 13; TIMING is sent only with ANALYZE, COSTS only when off. An error says why a
/// statement cannot be explained (empty, already an EXPLAIN, or a kind EXPLAIN does not take).
Result<ExplainStatement, QString> explainStatement(const QString &statement, const ExplainOptions &options,
                                                   int serverVersion);

/// The statement inside an EXPLAIN: `EXPLAIN (FORMAT JSON, BUFFERS) SELECT 1` and
/// `EXPLAIN ANALYZE VERBOSE SELECT 1` give `SELECT 1`. Text that is no EXPLAIN gives an empty
/// string (a plan opened from a file has no statement to plan again).
QString explainedStatement(const QString &explain);

/// True when running the statement would change data or objects (see ExplainStatement).
bool statementChangesData(const QString &statement);

} // namespace tusk::sql
