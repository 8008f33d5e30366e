#include "pg/sessionworker_p.h"

#include "pg/requestoutcome_p.h"

#include <QCoreApplication>
#include <QThread>

#include <openssl/crypto.h>

#include <algorithm>
#include <vector>

namespace tusk::pg {

namespace {

QString transactionLostNote()
{
    return QCoreApplication::translate(
        "tusk::pg", "The open transaction was lost: its changes were rolled back by the server.");
}

TransactionStatus toTransactionStatus(PGTransactionStatusType t)
{
    switch (t) {
    case PQTRANS_IDLE:
        return TransactionStatus::Idle;
    case PQTRANS_ACTIVE:
        return TransactionStatus::Active;
    case PQTRANS_INTRANS:
        return TransactionStatus::InTransaction;
    case PQTRANS_INERROR:
        return TransactionStatus::InFailedTransaction;
    default:
        return TransactionStatus::Unknown;
    }
}

} // namespace

SessionWorker::SessionWorker(std::shared_ptr<SessionShared> shared, QString applicationName)
    : m_shared(std::move(shared))
    , m_applicationName(std::move(applicationName))
    , m_connectTimer(this)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &SessionWorker::onConnectTimeout);
    QMutexLocker lock(&m_shared->mutex);
    m_shared->worker = this;
}

SessionWorker::~SessionWorker()
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->worker = nullptr;
    }
    // The Session is gone: a statement still running would otherwise run on, and the callbacks
    // of query()/queryBatch() still get their one answer (if their context lives).
    abandonRequests(QCoreApplication::translate("tusk::pg", "the session was closed"));
    closeConnection();
    // libpq's SCRAM login (and TLS) left OpenSSL state in this thread: its per-thread random
    // generator (RAND_bytes for the client nonce) and error queue. OpenSSL frees it from a
    // thread-specific-data destructor, which glibc runs only after QThread::wait() has returned
    // for this thread (QThread says it has finished before the thread is gone). At exit, main's
    // OPENSSL_cleanup() (atexit) could come in between, drop the key so that destructor never
    // runs, and LeakSanitizer found ~7.6 KB of libcrypto one run in seven. We run on the worker
    // thread here (deleted on its finish, after PQfinish): free it now, before waiters return.
    if (QThread::currentThread() == thread())
        OPENSSL_thread_stop();
}

void SessionWorker::closeConnection()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    m_socket = -1;
    m_connectTimer.stop();
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->cancel.reset();
        m_shared->running = 0;
    }
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    m_phase = Phase::Idle;
}

void SessionWorker::connectTo(const ConnectionParams &params)
{
    // What runs or waits belongs to the old connection: it ends now, as on a disconnect, or the
    // new connection's bootstrap would queue behind a request that can never finish.
    if (m_conn)
        abandonRequests(
            QCoreApplication::translate("tusk::pg", "the connection was closed to connect again"));
    closeConnection();
    m_connectError.reset();
    m_params = params;
    m_info = ServerInfo();

    ConnectionParams p = params;
    p.setDefault(QStringLiteral("fallback_application_name"), m_applicationName);
    p.set(QStringLiteral("client_encoding"), QStringLiteral("UTF8")); // cells are kept as UTF-8 text
    // Notice a silently dropped network within about a minute instead of the system's two hours.
    p.setDefault(QStringLiteral("keepalives_idle"), QStringLiteral("30"));
    p.setDefault(QStringLiteral("keepalives_interval"), QStringLiteral("10"));
    p.setDefault(QStringLiteral("keepalives_count"), QStringLiteral("3"));
    std::vector<QByteArray> storage;
    storage.reserve(size_t(p.entries().size()) * 2);
    std::vector<const char *> keys, values;
    for (const auto &[k, v] : p.entries()) {
        storage.push_back(k.toUtf8());
        keys.push_back(storage.back().constData());
        storage.push_back(v.toUtf8());
        values.push_back(storage.back().constData());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);

    m_phase = Phase::Connecting;
    // Note: resolves host names synchronously; harmless here, we are the worker thread.
    m_conn = PQconnectStartParams(keys.data(), values.data(), 0);
    // libpq keeps no PGresult of a failed connection: only its text. At VERBOSE that text carries
    // the SQLSTATE of what the server sent while the connection started (errorFromConnection reads
    // it), so the advice is chosen by code and not by the words, which libpq translates.
    if (m_conn)
        PQsetErrorVerbosity(m_conn, PQERRORS_VERBOSE);
    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
        failConnecting(errorFromConnection(m_conn, Error::Kind::Connection));
        return;
    }
    // libpq enforces connect_timeout only in its blocking connect, so we do it here.
    m_connectTimer.start(params.connectTimeoutSeconds() * 1000);
    m_pollStatus = PGRES_POLLING_WRITING;
    updateNotifiers(false, true);
}

void SessionWorker::reconnect()
{
    connectTo(m_params);
}

void SessionWorker::disconnectFromServer()
{
    const bool wasOpen = m_conn != nullptr;
    abandonRequests(QCoreApplication::translate("tusk::pg", "disconnected"));
    closeConnection();
    m_connectError.reset(); // a deliberate disconnect: "not connected" is the truth now
    if (wasOpen)
        emit disconnected();
}

void SessionWorker::abandonRequests(const QString &why)
{
    Error e;
    e.kind = Error::Kind::ConnectionLost;
    e.severity = QStringLiteral("ERROR");
    if (m_current) {
        // The server would run the statement on after the connection closes (it notices a gone
        // client only when it writes): tell it to stop.
        cancelBeforeClosing();
        e.message = QCoreApplication::translate("tusk::pg", "%1 while the request ran").arg(why);
        if (m_rows > 0)
            e.context = QCoreApplication::translate("tusk::pg", "%L1 rows were received before and are kept.")
                            .arg(m_rows);
        if (m_current->reply && m_batch) {
            // The statements answered so far keep their answers.
            m_error = e;
            deliverBatch(*m_current, m_txStatus);
            m_error.reset();
        } else if (!m_current->internalDone) {
            failRequest(*m_current, e);
        }
        m_current.reset();
        m_batch.reset();
        QMutexLocker lock(&m_shared->mutex);
        m_shared->running = 0;
    }
    m_chunk = ResultChunk();
    m_resultOpen = false;
    m_inCopyOut = false;
    e.context.clear();
    e.message = why;
    failQueued(e);
}

void SessionWorker::updateNotifiers(bool wantRead, bool wantWrite)
{
    const int fd = m_conn ? PQsocket(m_conn) : -1;
    if (fd != m_socket) {
        // libpq may switch sockets while trying several hosts/addresses.
        m_readNotifier.reset();
        m_writeNotifier.reset();
        m_socket = fd;
        if (fd >= 0) {
            m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
            m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
            connect(m_readNotifier.get(), &QSocketNotifier::activated, this,
                    &SessionWorker::onSocketReadable);
            connect(m_writeNotifier.get(), &QSocketNotifier::activated, this,
                    &SessionWorker::onSocketWritable);
        }
    }
    if (m_readNotifier)
        m_readNotifier->setEnabled(wantRead);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(wantWrite);
}

void SessionWorker::onSocketWritable()
{
    if (m_phase == Phase::Connecting) {
        pollConnect();
        return;
    }
    flushOutgoing();
}

void SessionWorker::onSocketReadable()
{
    if (m_phase == Phase::Connecting) {
        pollConnect();
        return;
    }
    if (!m_conn)
        return;
    const bool inputOk = PQconsumeInput(m_conn) == 1;
    drainNotifications();
    // Even when the read failed, rows already buffered are handed over before the error.
    processResults();
    if (!inputOk || PQstatus(m_conn) == CONNECTION_BAD)
        loseConnection(errorFromConnection(m_conn, Error::Kind::ConnectionLost));
}

void SessionWorker::pollConnect()
{
    m_pollStatus = PQconnectPoll(m_conn);
    switch (m_pollStatus) {
    case PGRES_POLLING_READING:
        updateNotifiers(true, false);
        return;
    case PGRES_POLLING_WRITING:
        updateNotifiers(false, true);
        return;
    case PGRES_POLLING_FAILED:
        failConnecting(errorFromConnection(m_conn, Error::Kind::Connection));
        return;
    case PGRES_POLLING_OK:
    default:
        break;
    }
    m_connectTimer.stop();
    PQsetnonblocking(m_conn, 1);
    PQsetNoticeReceiver(m_conn, &SessionWorker::noticeThunk, this);
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->cancel.reset(PQgetCancel(m_conn), &PQfreeCancel);
    }
    updateNotifiers(true, false);
    bootstrap();
}

void SessionWorker::onConnectTimeout()
{
    if (m_phase != Phase::Connecting)
        return;
    Error e;
    e.kind = Error::Kind::Connection;
    e.severity = QStringLiteral("FATAL");
    e.message = QCoreApplication::translate("tusk::pg", "connection to %1 timed out after %2 s")
                    .arg(m_params.displayName())
                    .arg(m_params.connectTimeoutSeconds());
    addConnectionAdvice(e, ConnectionFacts{.timedOut = true});
    failConnecting(e);
}

void SessionWorker::failConnecting(const Error &error)
{
    closeConnection();
    m_connectError = error;
    failQueued(error); // requests queued while connecting would otherwise wait forever
    emit connectionFailed(error);
}

void SessionWorker::failQueued(const Error &error)
{
    Error queued = error;
    queued.message = QCoreApplication::translate("tusk::pg", "not run: %1").arg(error.message);
    for (const Request &r : m_queue) {
        if (!r.internalDone) {
            markNotWaiting(r.generation);
            failRequest(r, queued);
        }
    }
    m_queue.clear();
}

void SessionWorker::bootstrap()
{
    m_phase = Phase::Bootstrapping;
    auto param = [this](const char *name) { return QString::fromUtf8(PQparameterStatus(m_conn, name)); };
    m_info.versionNumber = PQserverVersion(m_conn);
    m_info.version = param("server_version");
    m_info.serverEncoding = param("server_encoding");
    m_info.applicationName = param("application_name");
    m_info.isSuperuser = param("is_superuser") == QLatin1String("on");
    m_info.database = QString::fromUtf8(PQdb(m_conn));
    m_info.user = QString::fromUtf8(PQuser(m_conn));
    m_info.host = QString::fromUtf8(PQhost(m_conn));
    m_info.port = QString::fromUtf8(PQport(m_conn));
    m_info.backendPid = PQbackendPID(m_conn);
    m_info.tlsInUse = PQsslInUse(m_conn) == 1;
    if (m_info.tlsInUse) {
        m_info.tlsProtocol = QString::fromUtf8(PQsslAttribute(m_conn, "protocol"));
        m_info.tlsCipher = QString::fromUtf8(PQsslAttribute(m_conn, "cipher"));
    }
    m_info.libpqVersion = PQlibVersion();
#ifdef TUSK_HAVE_CHUNKED_ROWS
    m_info.hasChunkedRows = true;
#endif

    Request r;
    r.sql = QStringLiteral("SELECT pg_catalog.pg_is_in_recovery(), "
                           "coalesce((SELECT pg_catalog.string_agg(extname || ' ' || extversion, ',' "
                           "ORDER BY extname) FROM pg_catalog.pg_extension), '')");
    r.options.singleRowMode = false;
    r.internalResult = [this](const PGresult *res) {
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
            m_info.isInRecovery = PQgetvalue(res, 0, 0)[0] == 't';
            const QString ext = QString::fromUtf8(PQgetvalue(res, 0, 1));
            m_info.extensions = ext.isEmpty() ? QStringList() : ext.split(u',');
        }
    };
    r.internalDone = [this](bool) {
        // A failed bootstrap (e.g. a restricted role) leaves defaults; the session is still usable.
        m_phase = Phase::Ready;
        checkTransactionStatus();
        emit connected(m_info);
    };
    m_queue.push_front(std::move(r));
    startNext();
}

void SessionWorker::execute(const Request &request)
{
    m_queue.push_back(request);
    if (m_phase == Phase::Idle) {
        Error e;
        e.kind = Error::Kind::ConnectionLost;
        e.severity = QStringLiteral("ERROR");
        e.message = QCoreApplication::translate("tusk::pg", "not connected");
        e.suggestion = QCoreApplication::translate("tusk::pg", "Connect (or reconnect) first.");
        if (m_connectError) {
            // The attempt failed before this request arrived: the same answer as if it had
            // arrived a moment earlier and waited.
            e = *m_connectError;
            e.message = QCoreApplication::translate("tusk::pg", "not run: %1").arg(m_connectError->message);
        }
        m_queue.pop_back();
        markNotWaiting(request.generation);
        failRequest(request, e);
        return;
    }
    startNext();
}

void SessionWorker::cancelWaiting(quint64 generation)
{
    if (m_current && m_current->generation == generation) {
        requestCancel(m_shared, generation); // it started meanwhile
        return;
    }
    const auto it = std::find_if(m_queue.begin(), m_queue.end(),
                                 [generation](const Request &r) { return r.generation == generation; });
    if (it == m_queue.end())
        return;
    const Request dropped = std::move(*it);
    m_queue.erase(it);
    markNotWaiting(generation);
    Error e;
    e.kind = Error::Kind::Cancelled;
    e.severity = QStringLiteral("ERROR");
    e.message = QCoreApplication::translate("tusk::pg", "cancelled before it ran");
    failRequest(dropped, e);
}

void SessionWorker::failRequest(const Request &request, const Error &error)
{
    if (request.reply)
        request.reply->deliver(QList<QueryOutcome>(request.statements.size(), QueryOutcome(error)));
    else
        emit failed(request.generation, error);
}

void SessionWorker::resumeAfterCancel()
{
    startNext();
}

void SessionWorker::startNext()
{
    if (m_current || m_queue.empty() || !m_conn || m_phase == Phase::Connecting ||
        PQstatus(m_conn) == CONNECTION_BAD)
        return;
    if (m_phase == Phase::Bootstrapping && !m_queue.front().internalDone)
        return;
    {
        QMutexLocker lock(&m_shared->mutex);
        if (m_shared->cancelling) {
            // A cancel meant for the request that just ended is on its way: the next request
            // goes once the server has taken it (resumeAfterCancel).
            m_shared->heldForCancel = true;
            return;
        }
        m_shared->running = m_queue.front().generation;
        m_shared->waiting.remove(m_shared->running);
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();

    m_resultIndex = 0;
    m_resultOpen = false;
    m_inCopyOut = false;
    m_columnCount = 0;
    m_firstChunkSent = false;
    m_resultRows = m_rows = m_textBytes = 0;
    m_discarding = false;
    m_stopCancelled = false;
    m_stopCancelSent = false;
    m_completedWrites = false;
    m_stopReadOnly = false;
    m_stopLimit.clear();
    m_error.reset();
    m_requestClock.start();
    if (m_current->reply) {
        startBatch();
        return;
    }

    const QByteArray sql = m_current->sql.toUtf8();
    int sent = 0;
    if (m_current->hasParams) {
        std::vector<QByteArray> storage;
        std::vector<const char *> values;
        storage.reserve(size_t(m_current->params.size()));
        for (const QString &p : m_current->params) {
            if (p.isNull()) {
                values.push_back(nullptr);
            } else {
                storage.push_back(p.toUtf8());
                values.push_back(storage.back().constData());
            }
        }
        sent = PQsendQueryParams(m_conn, sql.constData(), int(values.size()), nullptr, values.data(), nullptr,
                                 nullptr, 0);
    } else {
        sent = PQsendQuery(m_conn, sql.constData());
    }
    if (!sent) {
        Error e = errorFromConnection(m_conn, Error::Kind::Sql);
        e.severity = QStringLiteral("ERROR");
        m_error = e;
        completeRequest();
        return;
    }
    if (m_current->options.singleRowMode)
        PQsetSingleRowMode(m_conn);
    flushOutgoing();
}

void SessionWorker::flushOutgoing()
{
    if (!m_conn)
        return;
    const int r = PQflush(m_conn);
    if (r < 0) {
        loseConnection(errorFromConnection(m_conn, Error::Kind::ConnectionLost));
        return;
    }
    updateNotifiers(true, r == 1);
}

void SessionWorker::processResults()
{
    while (m_current && m_conn) {
        if (m_batch) {
            if (!processBatchResults())
                break;
            continue;
        }
        if (m_inCopyOut && !drainCopyOut())
            break;
        if (PQisBusy(m_conn))
            break;
        PGresult *result = PQgetResult(m_conn);
        if (!result) {
            completeRequest();
            continue;
        }
        handleResult(result);
    }
    // Hand over what this read brought: at once for the first rows, then every chunkMillis.
    if (m_current && !m_chunk.isEmpty() &&
        (!m_firstChunkSent || m_chunkClock.elapsed() >= m_current->options.chunkMillis))
        flushChunk();
}

void SessionWorker::cancelBeforeClosing()
{
    if (!m_conn || PQtransactionStatus(m_conn) != PQTRANS_ACTIVE)
        return;
    std::shared_ptr<PGcancel> cancel;
    {
        QMutexLocker lock(&m_shared->mutex);
        cancel = m_shared->cancel;
    }
    if (cancel)
        cancelBackend(std::move(cancel));
}

void SessionWorker::markNotWaiting(quint64 generation)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->waiting.remove(generation);
}

void SessionWorker::completeRequest()
{
    flushChunk();
    if (m_resultOpen && !m_current->internalResult) {
        // A result set cut short (row limit, error, lost connection) still reports what it delivered.
        ResultSummary s;
        s.index = m_resultIndex;
        s.rows = m_resultRows;
        s.commandTag = QStringLiteral("SELECT %1").arg(m_resultRows);
        s.returnsRows = true;
        m_resultOpen = false;
        emit resultCompleted(m_current->generation, s);
    }
    Request done = std::move(*m_current);
    m_current.reset();
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->running = 0;
    }
    const TransactionStatus txBefore = m_txStatus;
    checkTransactionStatus();

    if (done.internalDone) {
        done.internalDone(!m_error);
    } else if (done.reply) {
        deliverBatch(done, txBefore);
    } else if (m_error) {
        Error e = decoratedError(*m_error, txBefore);
        if (txBefore == TransactionStatus::Idle && m_completedWrites && !done.hasParams &&
            e.kind != Error::Kind::ConnectionLost && sharesOneImplicitTransaction(done.sql))
            e.detail += (e.detail.isEmpty() ? QString() : QStringLiteral("\n")) + implicitRollbackNote();
        if (m_rows > 0 && e.kind != Error::Kind::Cancelled)
            e.context += (e.context.isEmpty() ? QString() : QStringLiteral("\n")) +
                         QCoreApplication::translate("tusk::pg",
                                                     "%L1 rows were received before the error and are kept.")
                             .arg(m_rows);
        emit failed(done.generation, e);
    } else {
        RequestSummary s;
        s.resultCount = m_resultIndex;
        s.rows = m_rows;
        s.textBytes = m_textBytes;
        s.elapsedMicros = m_requestClock.nsecsElapsed() / 1000;
        s.truncated = m_discarding;
        if (m_discarding)
            s.truncationReason =
                stopReason(m_stopLimit, m_stopCancelled ? StopOutcome::Cancelled : StopOutcome::Drained,
                           m_stopReadOnly, m_txStatus);
        emit finished(done.generation, s);
    }
    m_error.reset();
    startNext();
}

Error SessionWorker::decoratedError(Error e, TransactionStatus txBefore) const
{
    if (m_conn && PQstatus(m_conn) == CONNECTION_BAD && e.kind != Error::Kind::ConnectionLost) {
        // e.g. FATAL 57P01 after pg_terminate_backend(): the session is gone, not just the statement.
        e.kind = Error::Kind::ConnectionLost;
        if (txBefore == TransactionStatus::InTransaction ||
            txBefore == TransactionStatus::InFailedTransaction)
            e.detail = transactionLostNote();
        addConnectionAdvice(e);
    }
    if (e.kind == Error::Kind::ConnectionLost && e.suggestion.isEmpty())
        e.suggestion =
            QCoreApplication::translate("tusk::pg", "The server closed this session: reconnect to go on.");
    return e;
}

void SessionWorker::checkTransactionStatus()
{
    if (!m_conn)
        return;
    const TransactionStatus t = toTransactionStatus(PQtransactionStatus(m_conn));
    if (t == TransactionStatus::Active)
        return; // a request is running: the interesting state comes when it ends
    if (t != m_txStatus) {
        m_txStatus = t;
        emit transactionStatusChanged(t);
    }
}

void SessionWorker::drainNotifications()
{
    while (PGnotify *n = PQnotifies(m_conn)) {
        emit notificationReceived(QString::fromUtf8(n->relname), QString::fromUtf8(n->extra), n->be_pid);
        PQfreemem(n);
    }
}

void SessionWorker::loseConnection(Error error)
{
    if (!m_conn)
        return;
    error.kind = Error::Kind::ConnectionLost;
    if (error.message.isEmpty())
        error.message = QCoreApplication::translate("tusk::pg", "the connection to the server was lost");
    if (m_txStatus == TransactionStatus::InTransaction ||
        m_txStatus == TransactionStatus::InFailedTransaction)
        error.detail = transactionLostNote();
    addConnectionAdvice(error);
    if (m_current) {
        if (m_error) {
            // The server often says why before it closes (FATAL 57P01 after pg_terminate_backend).
            m_error->kind = Error::Kind::ConnectionLost;
            if (m_error->detail.isEmpty())
                m_error->detail = error.detail;
            addConnectionAdvice(*m_error);
            if (m_error->suggestion.isEmpty())
                m_error->suggestion = error.suggestion;
        } else {
            m_error = error;
        }
        completeRequest();
    }
    failQueued(error);
    const bool wasReady = m_phase == Phase::Ready;
    closeConnection();
    m_txStatus = TransactionStatus::Unknown;
    emit transactionStatusChanged(m_txStatus);
    if (wasReady)
        emit connectionLost(error);
    else
        emit connectionFailed(error);
}

} // namespace tusk::pg
