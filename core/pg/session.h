#pragma once

#include "pg/connectionparams.h"
#include "pg/error.h"
#include "pg/request.h"
#include "pg/resultchunk.h"
#include "pg/rowset.h"
#include "pg/serverinfo.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace tusk::pg {

class SessionWorker;
struct SessionShared;
struct Request;

/// One PostgreSQL connection that lives in its own worker thread: the caller's thread never
/// waits on the network. Requests are queued to the worker and run one after another, in the
/// order asked for, whichever of the two kinds they are:
/// - execute() streams: results come back as queued signals stamped with the generation id it
///   returned, and every such request ends with exactly one finished() or failed(); rows
///   delivered before a failure stay valid.
/// - query() and queryBatch() deliver whole small results to a callback (see there); they emit
///   none of the request signals.
/// @code
/// auto *s = new Session(QStringLiteral("tusk"), this);
/// connect(s, &Session::rowsArrived, this, [](quint64 gen, int set, const ResultChunk &chunk) { ... });
/// connect(s, &Session::failed, this, [](quint64 gen, const Error &e) { showError(e); });
/// s->connectTo(*ConnectionParams::parse(uri));
/// quint64 gen = s->execute(QStringLiteral("SELECT * FROM big"));
/// s->cancel(gen); // from any thread, never blocks; ignored once gen has ended
/// @endcode
/// Deleting a Session never waits: its worker closes the connection (cancelling what runs) and
/// goes away by itself, even when it is still inside a host-name lookup.
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected };

    explicit Session(const QString &applicationName = QStringLiteral("tusk"), QObject *parent = nullptr);
    ~Session() override;

    /// Starts connecting; ends with connected() or connectionFailed(). libpq fills in what the
    /// params leave out (PG* environment, service file, .pgpass).
    void connectTo(const ConnectionParams &params);
    /// Closes and opens the connection again with the last params.
    void reconnect();
    void disconnectFromServer();

    /// Queues SQL (one or more statements; with params exactly one) and returns its generation.
    /// A null QString in params is sent as NULL.
    quint64 execute(const QString &sql, const QueryOptions &options = {});
    quint64 execute(const QString &sql, const QStringList &params, const QueryOptions &options = {});

    using QueryCallback = std::function<void(const QueryOutcome &)>;
    using BatchCallback = std::function<void(const QList<QueryOutcome> &)>;

    /// Runs one statement ($1… from params) and calls done with its whole result — or its
    /// error — on context's thread. Guarded by context: when context is destroyed first, done
    /// is never called. Otherwise it is called exactly once, also when the request cannot run
    /// (not connected, connection lost, session closed). For small results (catalog, monitoring):
    /// nothing is streamed and no row limit applies.
    /// @code
    /// session->query(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE state = $1"),
    ///                {QStringLiteral("active")}, this, [this](const QueryOutcome &r) {
    ///                    if (!r) showError(r.error()); else setActive(r->number(0, u"count"));
    ///                });
    /// @endcode
    quint64 query(const QString &sql, const QStringList &params, QObject *context, QueryCallback done);

    /// Sends every statement in one round trip (libpq pipeline mode) and calls done once, on
    /// context's thread, with one outcome per statement in order. Each statement runs in its own
    /// implicit transaction (a sync follows each), so one failing does not fail the others.
    /// Inside a transaction block an error aborts the block as usual, and the statements after it
    /// fail with "current transaction is aborted". cancel() cancels the statement the server runs
    /// at that moment; the ones after it still run. Guarded by context like query().
    /// @code
    /// session->queryBatch({{QStringLiteral("SELECT count(*) FROM pg_stat_activity"), {}},
    ///                      {QStringLiteral("SELECT pg_current_wal_lsn()"), {}}},
    ///                     this, [this](const QList<QueryOutcome> &results) {
    ///                         for (const QueryOutcome &r : results) if (r) use(*r); else log(r.error());
    ///                     });
    /// @endcode
    quint64 queryBatch(const QList<Statement> &statements, QObject *context, BatchCallback done);

    /// Cancels the request that execute() (or query(), queryBatch()) returned generation for:
    /// the server is asked to cancel it while it runs; while it waits in the queue it is dropped
    /// (and fails as cancelled, "cancelled before it ran"). Ignored — false — once it has ended,
    /// so a late Cancel never hits the next request on the session. Thread-safe and
    /// non-blocking: the cancel request goes out from core/pg's own service thread, and the
    /// session sends its next request only once the server has taken it.
    bool cancel(quint64 generation);

    State state() const { return m_state; }
    bool isBusy() const { return m_pending > 0; }
    const ServerInfo &serverInfo() const { return m_serverInfo; }
    const ConnectionParams &params() const { return m_params; }
    TransactionStatus transactionStatus() const { return m_txStatus; }

signals:
    void connected(const tusk::pg::ServerInfo &info);
    void connectionFailed(const tusk::pg::Error &error);
    /// The connection broke (server killed, network dropped). Call reconnect() to go on.
    void connectionLost(const tusk::pg::Error &error);
    void disconnected();

    void resultStarted(quint64 generation, int resultIndex, const tusk::pg::Columns &columns);
    void rowsArrived(quint64 generation, int resultIndex, const tusk::pg::ResultChunk &chunk);
    void resultCompleted(quint64 generation, const tusk::pg::ResultSummary &summary);
    void finished(quint64 generation, const tusk::pg::RequestSummary &summary);
    void failed(quint64 generation, const tusk::pg::Error &error);

    void noticeReceived(const tusk::pg::Notice &notice);
    void notificationReceived(const QString &channel, const QString &payload, int serverPid);
    void transactionStatusChanged(tusk::pg::TransactionStatus status);

private:
    quint64 enqueue(const QString &sql, const QStringList &params, bool hasParams,
                    const QueryOptions &options);
    void post(Request request);

    QThread *m_thread = nullptr;
    SessionWorker *m_worker = nullptr;
    std::shared_ptr<SessionShared> m_shared;
    ConnectionParams m_params;
    ServerInfo m_serverInfo;
    State m_state = State::Disconnected;
    TransactionStatus m_txStatus = TransactionStatus::Unknown;
    quint64 m_nextGeneration = 1;
    std::atomic<int> m_pending = 0;
};

} // namespace tusk::pg
