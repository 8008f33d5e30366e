#pragma once

#include "explain/indexadvisor.h"
#include "explain/plan.h"
#include "pg/error.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

namespace tusk::pg {
class Session;
class ResultChunk;
} // namespace tusk::pg

namespace tusk::advisor {

/// Whether HypoPG (and pg_qualstats) can be used in the session's database.
struct HypoPgStatus
{
    enum class State { Installed, Available, NotAvailable };
    State state = State::NotAvailable;
    QString version;               ///< installed version, when created
    QString availableVersion;      ///< the server's default version, when the package is installed
    QString schema;                ///< where hypopg's functions live, quoted as needed (`public`)
    bool qualstatsAdvisor = false; ///< pg_qualstats with pg_qualstats_index_advisor()
    int serverVersion = 0;         ///< server_version_num
};

/// One hypothetical index tried: the plan with it and what it changed.
struct WhatIfResult
{
    int candidate = -1;       ///< index into the candidates given to run()
    QString hypotheticalName; ///< `<16391>btree_t_customer_id`, as the plan names it
    double costBefore = 0;
    double costAfter = 0;
    bool used = false; ///< the planner chose the hypothetical index
    explain::Plan planAfter;
    QString json;  ///< the EXPLAIN's answer
    QString error; ///< hypopg_create_index() or the EXPLAIN failed for this candidate
    /// Relative change of the estimated total cost: -0.95 is 95% cheaper.
    double change() const { return costBefore > 0 ? (costAfter - costBefore) / costBefore : 0; }
};

/// HypoPG's what-if on the query tab's own session: hypothetical indexes exist only in the
/// backend that made them, so this cannot use a session of its own. Every step is one request
/// on the session, sent when the one before answered; nothing waits.
///
/// For each candidate, in one request: `hypopg_create_index(definition)`, `EXPLAIN (FORMAT JSON)`
/// of the statement (no ANALYZE: hypothetical indexes only exist for the planner), `hypopg_reset()`.
/// The baseline is planned the same way first. hypopg_reset() also runs on cancel(), on a
/// failure and when the runner is destroyed mid-way, so no hypothetical index outlives it.
/// @code
/// auto *r = new WhatIfRunner(session, this);
/// connect(r, &WhatIfRunner::probed, this, [=](const HypoPgStatus &s) { r->prepare(candidates); });
/// connect(r, &WhatIfRunner::candidatesReady, this, [=](const auto &c) { r->run(sql, c); });
/// connect(r, &WhatIfRunner::finished, this, [](const QVector<WhatIfResult> &res, int winner) { … });
/// r->probe();
/// @endcode
class WhatIfRunner : public QObject
{
    Q_OBJECT
public:
    explicit WhatIfRunner(pg::Session *session, QObject *parent = nullptr);
    ~WhatIfRunner() override;

    /// Checks pg_extension / pg_available_extensions; answers with probed().
    void probe();
    /// The statement createExtension() runs, to show before asking.
    static QString createExtensionSql() { return QStringLiteral("CREATE EXTENSION hypopg"); }
    /// Runs createExtensionSql(), then probes again.
    void createExtension();
    /// What to do when the server has no HypoPG package (per major version, Debian and RHEL).
    static QString installInstructions(int serverVersionNum);

    /// Fills in the schema of candidates from plans without VERBOSE (where the planner found
    /// the table on the search_path) and adds pg_qualstats' advice for the same tables when
    /// probe() found it. Answers with candidatesReady().
    void prepare(const QVector<explain::IndexCandidate> &candidates);
    /// Plans the statement without and with each candidate (see the class comment).
    void run(const QString &statement, const QVector<explain::IndexCandidate> &candidates);
    /// Stops after the current step and resets HypoPG.
    void cancel();
    bool isRunning() const { return m_busy; }
    const HypoPgStatus &status() const { return m_status; }

    /// The result to build: used by the planner and the largest cost reduction; -1 for none.
    static int winner(const QVector<WhatIfResult> &results);

signals:
    void probed(const HypoPgStatus &status);
    void candidatesReady(const QVector<explain::IndexCandidate> &candidates);
    void baselineReady(const explain::Plan &plan, double cost);
    void candidateFinished(const WhatIfResult &result);
    void finished(const QVector<WhatIfResult> &results, int winner);
    void cancelled();
    void failed(const QString &message);

private:
    using Rows = QList<QStringList>;
    struct Step
    {
        QString sql;
        QStringList params;
        std::function<void(const Rows &)> done;
        /// Called instead of failing the whole run; null: the run fails.
        std::function<void(const pg::Error &)> onError;
        bool cancelStep = false; ///< the reset cancel() queues: the only step accepted while cancelling
    };
    void push(Step step);
    void next();
    void onRows(quint64 gen, int resultIndex, const pg::ResultChunk &chunk);
    void onFinished(quint64 gen);
    void onFailed(quint64 gen, const pg::Error &error);
    void fail(const QString &message);
    void resetHypotheticalIndexes();
    QString hypopg(const char *function) const;
    void planCandidate(int i);

    QPointer<pg::Session> m_session;
    HypoPgStatus m_status;
    QList<Step> m_queue;
    std::optional<Step> m_current;
    quint64 m_generation = 0;
    QVector<Rows> m_sets; ///< rows of the step in flight, per result set
    bool m_busy = false;
    bool m_inHandler = false;   ///< a step's answer is being handled (its signals are being emitted)
    bool m_cancelling = false;  ///< cancel() queued its reset: steps a handler pushes are dropped
    bool m_hypopgDirty = false; ///< hypothetical indexes may exist: reset before leaving

    // run()'s state
    QString m_explain;
    QVector<explain::IndexCandidate> m_candidates;
    QVector<WhatIfResult> m_results;
    double m_baselineCost = 0;
    QVector<explain::IndexCandidate> m_prepared;
};

} // namespace tusk::advisor
