#pragma once

// Private to core/pg: what a request's outcome says about the statements that ran — how a
// request that hit QueryOptions::maxRows / maxBytes is stopped, and what was rolled back.

#include "pg/session.h"

#include <QString>

namespace tusk::pg {

/// True when a cancel at the limit cannot undo anything the user was told about: the request is
/// one statement that reads (SELECT, VALUES, TABLE, WITH, SHOW, FETCH, EXPLAIN, COPY … TO) and
/// names no INSERT, UPDATE, DELETE or MERGE. Everything else is drained instead: one request is
/// one implicit transaction, so a cancel would roll back the statements before the big result
/// (whose "UPDATE 3" was already shown) and skip the ones after it.
bool cancelIsSafeAtLimit(const QString &sql, bool hasParams);

/// How the rest of a stopped result went.
enum class StopOutcome {
    Cancelled, ///< the server cancelled the statement (its changes, if any, rolled back)
    Drained,   ///< the rest was read and dropped: every statement ran to its end
};

/// The truncation reason of a stopped request: limit ("Stopped after 10 rows (row limit)") and
/// what happened to the rest and to the request's changes. readOnly: the request was one
/// reading statement (nothing to commit); status: the transaction status after the request.
QString stopReason(const QString &limit, StopOutcome outcome, bool readOnly, TransactionStatus status);

/// True when the statements of sql run in one implicit transaction when sent as one request
/// outside a transaction block: it has more than one statement and none that controls
/// transactions (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...). An error in one of them then rolls
/// back those before it too, even though their command tags were already reported.
bool sharesOneImplicitTransaction(const QString &sql);

/// The sentence added to an error's detail for such a request.
QString implicitRollbackNote();

} // namespace tusk::pg
