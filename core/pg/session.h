#pragma once

#include "pg/connectionparams.h"
#include "pg/error.h"
#include "pg/resultchunk.h"
#include "pg/serverinfo.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace tusk::pg {

class SessionWorker;
struct SessionShared;

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

/// One PostgreSQL connection that lives in its own worker thread: the caller's thread never
/// waits on the network. Commands are queued to the worker; results come back as queued
/// signals stamped with the generation id that execute() returned. Every request ends with
/// exactly one finished() or failed(); rows already delivered before a failure stay valid.
/// @code
/// auto *s = new Session(QStringLiteral("tusk"), this);
/// connect(s, &Session::rowsArrived, this, [](quint64 gen, int set, const ResultChunk &chunk) { ... });
/// connect(s, &Session::failed, this, [](quint64 gen, const Error &e) { showError(e); });
/// s->connectTo(*ConnectionParams::parse(uri));
/// quint64 gen = s->execute(QStringLiteral("SELECT * FROM big"));
/// s->cancel(gen); // from any thread, never blocks; ignored once gen has ended
/// @endcode
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

Q_DECLARE_METATYPE(tusk::pg::ResultSummary)
Q_DECLARE_METATYPE(tusk::pg::RequestSummary)
Q_DECLARE_METATYPE(tusk::pg::TransactionStatus)
