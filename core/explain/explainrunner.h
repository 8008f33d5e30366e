#pragma once

#include "explain/plan.h"
#include "pg/error.h"
#include "pg/session.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace tusk::explain {

/// A plan the server gave for an EXPLAIN.
struct ExplainOutcome
{
    quint64 run = 0; ///< what ExplainRunner::start() returned for it
    Plan plan;
    QString json;      ///< the server's answer, as exported with the plan
    QString statement; ///< the EXPLAIN that was sent
    qint64 elapsedMs = 0;
};

/// Runs one EXPLAIN on a session and hands back the parsed plan (the query tab, tusk-cli
/// explain --analyze and the what-if steps share it).
///
/// EXPLAIN ANALYZE really runs the statement, and a statement that only looks like a read can
/// write: `SELECT purge_orders()`, `SELECT nextval(…)`, a volatile function in a WHERE clause.
/// So every ANALYZE is wrapped, whatever the statement looks like: in a transaction that is
/// rolled back (BEGIN … ROLLBACK), or — inside the caller's open transaction — between a
/// savepoint and a rollback to it, so that transaction keeps what it had. The rollback is queued
/// together with the EXPLAIN, so it runs even when the EXPLAIN fails or is cancelled. Effects
/// outside any transaction stay: sequence values, NOTIFY after commit, dblink, files.
///
/// Each start() is a run with its own id; a plan still being parsed when a newer run starts is
/// dropped, so two quick F7s never show plans out of order.
/// @code
/// auto *runner = new ExplainRunner(session, this);
/// connect(runner, &ExplainRunner::planReady, this, [](const ExplainOutcome &o) { show(o.plan); });
/// runner->start(prepared.sql, ExplainRunner::wrapFor(prepared.analyze, session->transactionStatus()));
/// @endcode
class ExplainRunner : public QObject
{
    Q_OBJECT
public:
    /// How the statement is protected from its own effects.
    enum class Wrap { None, RollbackTransaction, RollbackToSavepoint };

    explicit ExplainRunner(pg::Session *session, QObject *parent = nullptr);

    /// The protection an EXPLAIN needs: none without ANALYZE; with it, a rolled-back transaction,
    /// or a savepoint when the session is already inside a transaction.
    static Wrap wrapFor(bool analyze, pg::TransactionStatus status);
    /// The statements sent for `explain` wrapped as asked, in order (shown to the user first).
    static QStringList statements(const QString &explain, Wrap wrap);

    /// Sends the EXPLAIN (and its wrapping); returns the run's id, 0 when one is still running.
    quint64 start(const QString &explain, Wrap wrap);
    bool isRunning() const { return !m_generations.isEmpty(); }
    /// Asks the server to cancel the EXPLAIN (an ANALYZE runs the statement for real and can
    /// take long); the rollback queued after it still runs. False when no EXPLAIN runs.
    bool cancel();
    /// The newest run started (0 before the first).
    quint64 currentRun() const { return m_run; }

signals:
    void planReady(const tusk::explain::ExplainOutcome &outcome);
    void failed(const tusk::pg::Error &error);

private:
    void onFinished(quint64 generation);
    void onFailed(quint64 generation, const pg::Error &error);
    void finish();

    QPointer<pg::Session> m_session;
    QList<quint64> m_generations;
    quint64 m_explainGeneration = 0;
    quint64 m_run = 0;
    QString m_explain;
    QString m_json;
    std::optional<pg::Error> m_error;
    qint64 m_startedMs = 0;
};

} // namespace tusk::explain

Q_DECLARE_METATYPE(tusk::explain::ExplainOutcome)
