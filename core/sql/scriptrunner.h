#pragma once

#include "pg/error.h"
#include "pg/request.h"
#include "pg/resultchunk.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace tusk::pg {
class Session;
}

namespace tusk::sql {

/// One statement of a run, and where it came from in the editor's text.
struct ScriptStatement
{
    QString sql;
    int beginByte = -1; ///< UTF-8 offset in the script; -1 for one Tusk added (BEGIN, COMMIT)
    int line = 0;       ///< 1-based line in the script; 0 for one Tusk added
};

/// A statement of a run that destructiveReason() flags, for the confirmation hook.
struct DestructiveStatement
{
    QString sql;
    QString reason; ///< "drops a table", "deletes every row", …
};

/// What happened to one statement.
struct StatementOutcome
{
    int index = -1; ///< position in the run (a BEGIN added by explicit-transaction mode counts)
    ScriptStatement statement;
    std::optional<pg::Error> error; ///< empty: it succeeded
    qint64 rows = 0;                ///< rows returned, or affected for INSERT/UPDATE/DELETE/MERGE/COPY
    qint64 durationMs = 0;
    bool truncated = false;   ///< its result stopped at the row or byte cap (QueryOptions)
    QString truncationReason; ///< the session's message, when truncated
    bool succeeded() const { return !error; }
};

/// How a whole run ended.
struct ScriptOutcome
{
    int statements = 0;   ///< in the run
    int succeeded = 0;    ///< ran without error
    int failedIndex = -1; ///< the statement that failed (or was cancelled); -1: none
    int notRun = 0;       ///< after the failing one, never sent
    bool cancelled = false;
    bool declined = false; ///< the confirmation hook said no: nothing was sent
};

/// Runs statements one request at a time on a session, in order, stopping at the first error —
/// what the query tool's Run and Run script do, and what tusk-cli and the migration step runner
/// reuse. Each statement is its own request, so an error is tied to the statement that made it
/// and every result set arrives under its statement's index; outside an explicit transaction
/// each one commits on its own (the server's autocommit), so a failure never undoes the ones
/// before it. Nothing waits: results come back as signals on the runner's thread.
///
/// Before anything is sent, the confirmation hook (when set) is asked once about every
/// destructive statement of the run (sql::destructiveReason()); when it says no, nothing runs.
/// @code
/// auto *runner = new sql::ScriptRunner(session, this);
/// runner->setConfirmHook([](const QList<sql::DestructiveStatement> &risky) { return ask(risky); });
/// connect(runner, &sql::ScriptRunner::statementFinished, this, &Tab::logStatement);
/// connect(runner, &sql::ScriptRunner::finished, this, &Tab::runEnded);
/// runner->start(sql::ScriptRunner::fromScript(editorText, &skipped));
/// @endcode
class ScriptRunner : public QObject
{
    Q_OBJECT
public:
    explicit ScriptRunner(pg::Session *session, QObject *parent = nullptr);
    ~ScriptRunner() override;

    /// The SQL statements of a script, split like psql does (sql::splitStatements). psql
    /// meta-commands (`\set`, `\i`, …) cannot run on the server: each is left out and listed in
    /// skipped as "line N: \cmd" when skipped is given.
    static QList<ScriptStatement> fromScript(const QString &script, QStringList *skipped = nullptr);

    /// Asked once per run, before anything is sent, with every destructive statement of it;
    /// false declines the whole run. Null (the default): nothing is asked.
    using ConfirmHook = std::function<bool(const QList<DestructiveStatement> &risky)>;
    void setConfirmHook(ConfirmHook hook) { m_confirm = std::move(hook); }
    /// Explicit-transaction mode: a run that starts while the session is idle opens a transaction
    /// (a BEGIN is sent first, and counts as statement 0) that stays open until COMMIT/ROLLBACK.
    void setExplicitTransaction(bool on) { m_explicitTx = on; }
    bool isExplicitTransaction() const { return m_explicitTx; }
    /// Row and byte caps, chunking: applied to every statement of the runs started after.
    void setQueryOptions(const pg::QueryOptions &options) { m_options = options; }

    /// Starts a run. False, and nothing sent, when one is running, the list is empty or the
    /// confirmation hook declined (then finished() says declined).
    bool start(QList<ScriptStatement> statements);
    /// Asks the server to cancel the statement running now; the rest of the run is not sent, also
    /// when the statement ends on its own before the cancel reaches the server. False when
    /// nothing runs.
    bool cancel();
    bool isRunning() const { return m_running; }
    /// The statement running now; null between runs.
    const ScriptStatement *current() const { return m_current ? &*m_current : nullptr; }
    int currentIndex() const { return m_index; }

signals:
    void statementStarted(int index, const tusk::sql::ScriptStatement &statement);
    void resultStarted(int index, int resultIndex, const tusk::pg::Columns &columns);
    void rowsArrived(int index, int resultIndex, const tusk::pg::ResultChunk &chunk);
    void resultCompleted(int index, const tusk::pg::ResultSummary &summary);
    void statementFinished(const tusk::sql::StatementOutcome &outcome);
    void finished(const tusk::sql::ScriptOutcome &outcome);

private:
    void sendNext();
    void endStatement(std::optional<pg::Error> error, const pg::RequestSummary *summary);
    void finish();

    QPointer<pg::Session> m_session;
    ConfirmHook m_confirm;
    bool m_explicitTx = false;
    pg::QueryOptions m_options;

    QList<ScriptStatement> m_queue;
    std::optional<ScriptStatement> m_current;
    int m_index = -1;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_cancelRequested = false;
    QElapsedTimer m_clock;
    qint64 m_rows = 0;
    ScriptOutcome m_outcome;
};

} // namespace tusk::sql

Q_DECLARE_METATYPE(tusk::sql::StatementOutcome)
Q_DECLARE_METATYPE(tusk::sql::ScriptOutcome)
