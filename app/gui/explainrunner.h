#pragma once

#include "explain/plan.h"
#include "pg/error.h"
#include "sql/explainstatement.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace tusk::pg {
class Session;
}

/// A plan the server gave for an EXPLAIN.
struct ExplainOutcome
{
    tusk::explain::Plan plan;
    QString json;      ///< the server's answer, as exported with the plan
    QString statement; ///< the EXPLAIN that was sent
    qint64 elapsedMs = 0;
};

/// Runs one EXPLAIN on the query tab's session and hands back the parsed plan.
///
/// With ANALYZE a statement that changes data really runs, so it is wrapped: in a transaction
/// that is rolled back (BEGIN … ROLLBACK), or — inside the user's open transaction — between a
/// savepoint and a rollback to it, so the user's transaction keeps what it had. The rollback is
/// queued together with the EXPLAIN, so it runs even when the EXPLAIN fails or is cancelled.
/// @code
/// auto *runner = new ExplainRunner(session, this);
/// connect(runner, &ExplainRunner::planReady, this, [](const ExplainOutcome &o) { show(o.plan); });
/// runner->start(prepared, ExplainRunner::Wrap::RollbackTransaction);
/// @endcode
class ExplainRunner : public QObject
{
    Q_OBJECT
public:
    /// How the statement is protected from its own effects.
    enum class Wrap { None, RollbackTransaction, RollbackToSavepoint };

    explicit ExplainRunner(tusk::pg::Session *session, QObject *parent = nullptr);

    /// The statements sent for `explain` wrapped as asked, in order (shown to the user first).
    static QStringList statements(const QString &explain, Wrap wrap);

    void start(const QString &explain, Wrap wrap);
    bool isRunning() const { return !m_generations.isEmpty(); }

signals:
    void planReady(const ExplainOutcome &outcome);
    void failed(const tusk::pg::Error &error);

private:
    void onFinished(quint64 generation);
    void onFailed(quint64 generation, const tusk::pg::Error &error);
    void finish();

    QPointer<tusk::pg::Session> m_session;
    QList<quint64> m_generations;
    quint64 m_explainGeneration = 0;
    QString m_explain;
    QString m_json;
    std::optional<tusk::pg::Error> m_error;
    qint64 m_startedMs = 0;
};
