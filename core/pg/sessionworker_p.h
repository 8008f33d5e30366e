#pragma once

// Private to core/pg: the libpq side of Session. Lives in the session's worker thread.

#include "pg/session.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>

#include <libpq-fe.h>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace tusk::pg {

class SessionWorker;

/// State the Session, its worker and the service thread's cancel jobs touch; everything in it is
/// guarded by mutex. It outlives both the Session and the worker (each holds a reference).
struct SessionShared
{
    QMutex mutex;
    std::shared_ptr<PGcancel> cancel; ///< of the open connection (null while there is none)
    quint64 running = 0;              ///< the generation the server runs now (0: none)
    QSet<quint64> waiting;            ///< generations queued and not started yet
    /// The generation whose cancel request is being sent right now (0: none). The worker sends
    /// no next request meanwhile: a cancel that reached the server late would hit it instead.
    quint64 cancelling = 0;
    bool heldForCancel = false;      ///< the worker waits for that cancel to be sent
    SessionWorker *worker = nullptr; ///< to wake it when held; cleared by ~SessionWorker
};

/// Asks the server to cancel generation, if it is still the one running by the time the service
/// thread gets to it. Thread-safe, never blocks.
void requestCancel(const std::shared_ptr<SessionShared> &shared, quint64 generation);
/// Asks the server to cancel whatever the connection of cancel runs (for a connection being
/// closed: its key cannot reach any other connection). Thread-safe, never blocks.
void cancelBackend(std::shared_ptr<PGcancel> cancel);

/// The way back of a query()/queryBatch() request. The worker fills outcomes and emits ready()
/// once; Session connected ready() to the caller's context object (queued), so the callback
/// runs on the context's thread and not at all when the context is gone by then.
class BatchReply : public QObject
{
    Q_OBJECT
public:
    const std::shared_ptr<QList<QueryOutcome>> outcomes = std::make_shared<QList<QueryOutcome>>();
    void deliver(QList<QueryOutcome> results)
    {
        *outcomes = std::move(results);
        emit ready();
    }

signals:
    void ready();
};

struct Request
{
    quint64 generation = 0;
    QString sql;
    QStringList params;
    bool hasParams = false;
    QueryOptions options;
    /// Internal requests (server-info bootstrap) hand their results here instead of emitting.
    std::function<void(const PGresult *)> internalResult;
    std::function<void(bool ok)> internalDone;
    /// query()/queryBatch(): the statements, sent as one pipeline, and the way back.
    QList<Statement> statements;
    std::shared_ptr<BatchReply> reply;
};

Error errorFromResult(const PGresult *result);
/// The result's column descriptions.
Columns columnsOf(const PGresult *result);
Error errorFromConnection(const PGconn *conn, Error::Kind kind);

class SessionWorker : public QObject
{
    Q_OBJECT
public:
    SessionWorker(std::shared_ptr<SessionShared> shared, QString applicationName);
    ~SessionWorker() override;

    void connectTo(const ConnectionParams &params);
    void reconnect();
    void disconnectFromServer();
    void execute(const Request &request);
    /// Drops generation from the queue (it fails as cancelled), or cancels it when it runs by now.
    void cancelWaiting(quint64 generation);
    /// Goes on with the queue once a cancel that held it back was sent.
    void resumeAfterCancel();

signals:
    void connected(const tusk::pg::ServerInfo &info);
    void connectionFailed(const tusk::pg::Error &error);
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
    enum class Phase { Idle, Connecting, Bootstrapping, Ready };

    void closeConnection();
    void updateNotifiers(bool wantRead, bool wantWrite);
    void onSocketReadable();
    void onSocketWritable();
    void pollConnect();
    void onConnectTimeout();
    /// Ends a connection attempt: closes, fails the queued requests, emits connectionFailed.
    void failConnecting(const Error &error);
    /// Fails the running request (with why) and every queued one ("not run: " + why), for a
    /// connection that is closed on purpose.
    void abandonRequests(const QString &why);
    /// Asks the server to stop what this connection runs, for a connection being closed.
    void cancelBeforeClosing();
    /// Takes generation out of SessionShared::waiting.
    void markNotWaiting(quint64 generation);
    /// Ends a request that cannot run or go on: failed() or, for a batch, error as every outcome.
    void failRequest(const Request &request, const Error &error);
    /// The request's error as the user should see it (a FATAL that closed the session counts as
    /// a lost connection).
    Error decoratedError(Error error, TransactionStatus txBefore) const;
    // Batches (sessionworker_batch.cpp): one pipeline, a sync after every statement.
    void startBatch();
    /// Takes the results libpq has; false when it must wait for more input.
    bool processBatchResults();
    void handleBatchResult(PGresult *result);
    void deliverBatch(const Request &done, TransactionStatus txBefore);
    /// Fails every queued request with "not run: " and the error's message.
    void failQueued(const Error &error);
    void bootstrap();
    void startNext();
    void flushOutgoing();
    void processResults();
    void handleResult(PGresult *result);
    void beginResultSet(const PGresult *result);
    void appendRows(const PGresult *result);
    bool drainCopyOut();
    void flushChunk();
    void finishResultSet(const PGresult *result);
    void completeRequest();
    void drainNotifications();
    void loseConnection(Error error);
    void checkTransactionStatus();
    void startDiscarding(const QString &limit);
    static void noticeThunk(void *self, const PGresult *result);

    std::shared_ptr<SessionShared> m_shared;
    QString m_applicationName;
    ConnectionParams m_params;
    PGconn *m_conn = nullptr;
    Phase m_phase = Phase::Idle;
    PostgresPollingStatusType m_pollStatus = PGRES_POLLING_WRITING;
    int m_socket = -1;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QTimer m_connectTimer;
    ServerInfo m_info;
    TransactionStatus m_txStatus = TransactionStatus::Unknown;

    std::deque<Request> m_queue;
    std::optional<Request> m_current;
    /// The running batch's progress.
    struct BatchRun
    {
        QList<std::optional<QueryOutcome>> outcomes; ///< per statement, as they come
        int sent = 0;                                ///< statements in the pipeline
        int done = 0;                                ///< syncs seen: statements finished
        bool lastWasNull = false;                    ///< PQgetResult gave null just before
        std::optional<RowSet> rows;                  ///< the statement's rows so far
        ResultChunk chunk;                           ///< ... and the chunk being filled
        QElapsedTimer clock;                         ///< since the pipeline was sent
        qint64 lastEndMicros = 0;                    ///< when the statement before ended
    };
    std::optional<BatchRun> m_batch;
    // State of the running request.
    int m_resultIndex = 0;
    bool m_resultOpen = false;
    bool m_inCopyOut = false;
    int m_columnCount = 0;
    ResultChunk m_chunk;
    bool m_firstChunkSent = false;
    qint64 m_resultRows = 0;
    qint64 m_rows = 0;
    qint64 m_textBytes = 0;
    qint64 m_avgRowBytes = 64;
    bool m_completedWrites = false; // a statement that may have changed something completed
    bool m_discarding = false;      // past maxRows/maxBytes: the rest is read and dropped
    bool m_stopCancelSent = false;  // ... and the server was asked to cancel the statement
    bool m_stopCancelled = false;   // ... which it did
    bool m_stopReadOnly = false;    // ... which was a lone reading statement
    QString m_stopLimit;            // "Stopped after 10 rows (row limit)"
    std::optional<Error> m_error;
    /// Why the last connection attempt failed: a request arriving after it says so.
    std::optional<Error> m_connectError;
    QElapsedTimer m_chunkClock;
    QElapsedTimer m_requestClock;
};

} // namespace tusk::pg
