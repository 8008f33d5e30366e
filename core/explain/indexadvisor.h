#pragma once

#include "explain/plan.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace tusk::explain {

class PlanAnalysis;

/// One key of a suggested index: a column, or a one-argument function of a column
/// (`lower(email)` → an expression index), with an optional operator class.
struct IndexKey
{
    enum class Use { Equality, Sort, Range };
    QString column;   ///< as the server knows it (unquoted): `Customer ID`
    QString function; ///< empty for a plain column, else a lower-case function name: `lower`
    QString opclass;  ///< e.g. `text_pattern_ops` for LIKE 'abc%' outside the C collation
    Use use = Use::Equality;

    /// The key as it goes between the index's parentheses, identifiers quoted where needed.
    QString sql() const;
    friend bool operator==(const IndexKey &a, const IndexKey &b)
    {
        return a.column == b.column && a.function == b.function && a.opclass == b.opclass;
    }
};

/// A B-tree index worth trying with HypoPG, from a plan's conditions or from pg_qualstats.
struct IndexCandidate
{
    enum class Source { Plan, PgQualstats };
    QString schema;
    QString table;
    QVector<IndexKey> keys;
    /// pg_qualstats only: the server's own `CREATE INDEX ON … USING …` text, used as is.
    QString serverDefinition;
    QString reason; ///< one sentence: what was seen and what the index would do
    double score = 0;
    int nodeId = -1; ///< the plan node it came from, -1 for pg_qualstats
    Source source = Source::Plan;

    /// `CREATE INDEX ON schema.table (keys)` — what hypopg_create_index() takes.
    QString definition() const;
    /// `CREATE INDEX CONCURRENTLY ON schema.table (keys);` — what to run for real. The server
    /// names the index (`table_column_idx`), so the statement never collides with a name.
    QString createStatement() const;
    /// `schema.table (keys)`, for lists.
    QString label() const;
};

/// Candidate indexes for the scans of a plan, best first (by score), without duplicates.
///
/// Looks at Seq Scans with a filter, Bitmap Heap Scans and Index (Only) Scans whose filter
/// removes rows, and at join conditions (Hash Cond, Merge Cond, Join Filter, a nested loop's
/// inner filter) for the scan on the join's inner side. Conditions are read conservatively:
/// only top-level AND-ed comparisons of a column (or `f(column)`) with a constant, a parameter
/// or another relation's column count: `=`, `= ANY (…)` and `IS NULL` as equality, `<`, `<=`,
/// `>`, `>=` and `LIKE 'prefix%'` as range. Keys are equality columns first, then range ones;
/// when a Sort above the scan orders by this relation's columns, a second candidate puts them
/// after the equality columns. The score is the node's exclusive time (analyzed plans) or
/// exclusive cost, plus a little for the rows its filter removed. A candidate whose columns are
/// those of an index condition the plan already uses on that table is dropped.
QVector<IndexCandidate> suggestIndexes(const Plan &plan, const PlanAnalysis *analysis = nullptr);

/// Candidates from `pg_qualstats_index_advisor()`'s JSON (`{"indexes": ["CREATE INDEX ON …"]}`).
/// Definitions that do not look like a plain `CREATE INDEX ON … (…)` are skipped.
QVector<IndexCandidate> candidatesFromQualstats(const QString &advisorJson);

} // namespace tusk::explain
