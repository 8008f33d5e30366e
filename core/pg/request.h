#pragma once

// The values a Session request is made of and ends with.

#include "pg/error.h"
#include "pg/rowset.h"
#include "result.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace tusk::pg {

/// How a request's rows are delivered and when a runaway result is stopped.
struct QueryOptions
{
    qint64 maxRows = 0;    ///< stop after this many rows (0: no limit)
    qint64 maxBytes = 0;   ///< stop after this much cell text (0: no limit)
    int chunkRows = 20000; ///< hand rows over in chunks of at most this many rows ...
    int chunkMillis = 50;  ///< ... or after this long, whichever comes first
    bool singleRowMode = true;
};

/// One result set of a request finished (a SELECT's rows, an UPDATE's count, ...).
struct ResultSummary
{
    int index = 0;            ///< 0-based position among the request's result sets
    QString commandTag;       ///< "SELECT 42", "UPDATE 3", "CREATE TABLE"
    qint64 rows = 0;          ///< rows delivered for this result set
    qint64 rowsAffected = -1; ///< for INSERT/UPDATE/DELETE/MERGE/COPY, else -1
    bool returnsRows = false; ///< a row-returning result (had resultStarted), even with 0 rows
};

/// A whole request (one execute() call) finished without error.
struct RequestSummary
{
    int resultCount = 0;
    qint64 rows = 0;
    qint64 textBytes = 0;
    qint64 elapsedMicros = 0;
    bool truncated = false;   ///< stopped at QueryOptions::maxRows / maxBytes
    QString truncationReason; ///< the message to show when truncated
};

enum class TransactionStatus { Idle, Active, InTransaction, InFailedTransaction, Unknown };

/// One statement of Session::queryBatch(): exactly one SQL statement, $1… filled from params (a
/// null QString is sent as NULL).
struct Statement
{
    QString sql;
    QStringList params;
};

/// What one statement of Session::query() / queryBatch() gave: its whole result, or its error.
using QueryOutcome = Result<RowSet, Error>;

} // namespace tusk::pg

Q_DECLARE_METATYPE(tusk::pg::ResultSummary)
Q_DECLARE_METATYPE(tusk::pg::RequestSummary)
Q_DECLARE_METATYPE(tusk::pg::TransactionStatus)
