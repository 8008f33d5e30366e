#include "pg/session.h"
#include "pg/sessionworker_p.h"

#include "pg/servicethread_p.h"

#include <QCoreApplication>
#include <QThread>

namespace tusk::pg {

namespace {
void registerMetaTypes()
{
    static const bool done = [] {
        qRegisterMetaType<Error>();
        qRegisterMetaType<Notice>();
        qRegisterMetaType<ServerInfo>();
        qRegisterMetaType<ResultChunk>();
        qRegisterMetaType<Columns>();
        qRegisterMetaType<ResultSummary>();
        qRegisterMetaType<RequestSummary>();
        qRegisterMetaType<TransactionStatus>();
        return true;
    }();
    Q_UNUSED(done);
}
} // namespace

Session::Session(const QString &applicationName, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_shared(std::make_shared<SessionShared>())
{
    registerMetaTypes();
    m_thread->setObjectName(QStringLiteral("pg-session"));
    m_worker = new SessionWorker(m_shared, applicationName);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    // Bookkeeping first (same thread as the caller), then the public signal.
    connect(m_worker, &SessionWorker::connected, this, [this](const ServerInfo &info) {
        m_serverInfo = info;
        m_state = State::Connected;
        emit connected(info);
    });
    connect(m_worker, &SessionWorker::connectionFailed, this, [this](const Error &e) {
        m_state = State::Disconnected;
        emit connectionFailed(e);
    });
    connect(m_worker, &SessionWorker::connectionLost, this, [this](const Error &e) {
        m_state = State::Disconnected;
        emit connectionLost(e);
    });
    connect(m_worker, &SessionWorker::disconnected, this, [this] {
        m_state = State::Disconnected;
        emit disconnected();
    });
    connect(m_worker, &SessionWorker::finished, this, [this](quint64 gen, const RequestSummary &s) {
        --m_pending;
        emit finished(gen, s);
    });
    connect(m_worker, &SessionWorker::failed, this, [this](quint64 gen, const Error &e) {
        --m_pending;
        emit failed(gen, e);
    });
    connect(m_worker, &SessionWorker::transactionStatusChanged, this, [this](TransactionStatus t) {
        m_txStatus = t;
        emit transactionStatusChanged(t);
    });
    connect(m_worker, &SessionWorker::resultStarted, this, &Session::resultStarted);
    connect(m_worker, &SessionWorker::rowsArrived, this, &Session::rowsArrived);
    connect(m_worker, &SessionWorker::resultCompleted, this, &Session::resultCompleted);
    connect(m_worker, &SessionWorker::noticeReceived, this, &Session::noticeReceived);
    connect(m_worker, &SessionWorker::notificationReceived, this, &Session::notificationReceived);
    m_thread->start();
}

Session::~Session()
{
    // Never waits: the worker may sit in a host-name lookup inside PQconnectStartParams for as
    // long as the resolver takes. The thread quits once the worker is back in its event loop;
    // the worker is deleted on the thread's finish (closing the connection, cancelling what
    // runs) and the thread on the service thread. The worker never touches the Session: our
    // connections to it end here, and what it shares with us is in m_shared.
    disconnect(m_worker, nullptr, this, nullptr);
    ServiceThread::instance().adopt(m_thread);
    m_thread->requestInterruption();
    m_thread->quit();
}

void Session::connectTo(const ConnectionParams &params)
{
    m_params = params;
    m_state = State::Connecting;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, params] { w->connectTo(params); }, Qt::QueuedConnection);
}

void Session::reconnect()
{
    m_state = State::Connecting;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->reconnect(); }, Qt::QueuedConnection);
}

void Session::disconnectFromServer()
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->disconnectFromServer(); }, Qt::QueuedConnection);
}

quint64 Session::execute(const QString &sql, const QueryOptions &options)
{
    return enqueue(sql, {}, false, options);
}

quint64 Session::execute(const QString &sql, const QStringList &params, const QueryOptions &options)
{
    return enqueue(sql, params, true, options);
}

quint64 Session::enqueue(const QString &sql, const QStringList &params, bool hasParams,
                         const QueryOptions &options)
{
    Request r;
    r.sql = sql;
    r.params = params;
    r.hasParams = hasParams;
    r.options = options;
    if (r.options.chunkRows <= 0)
        r.options.chunkRows = 20000;
    const quint64 generation = m_nextGeneration;
    post(std::move(r));
    return generation;
}

quint64 Session::query(const QString &sql, const QStringList &params, QObject *context, QueryCallback done)
{
    return queryBatch(
        {Statement{sql, params}}, context, [done = std::move(done)](const QList<QueryOutcome> &outcomes) {
            done(outcomes.isEmpty()
                     ? QueryOutcome(Error::usage(QCoreApplication::translate("tusk::pg", "no result")))
                     : outcomes.first());
        });
}

quint64 Session::queryBatch(const QList<Statement> &statements, QObject *context, BatchCallback done)
{
    Request r;
    r.statements = statements;
    r.reply = std::make_shared<BatchReply>();
    // Both connections are queued: the callback runs on context's thread, and only if context
    // still exists then (Qt drops the call with its receiver). Bookkeeping comes first.
    connect(
        r.reply.get(), &BatchReply::ready, this, [this] { --m_pending; }, Qt::QueuedConnection);
    connect(
        r.reply.get(), &BatchReply::ready, context ? context : this,
        [outcomes = r.reply->outcomes, done = std::move(done)] { done(*outcomes); }, Qt::QueuedConnection);
    const quint64 generation = m_nextGeneration;
    post(std::move(r));
    return generation;
}

void Session::post(Request r)
{
    r.generation = m_nextGeneration++;
    ++m_pending;
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->waiting.insert(r.generation);
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, r = std::move(r)] { w->execute(r); }, Qt::QueuedConnection);
}

bool Session::cancel(quint64 generation)
{
    if (generation == 0)
        return false;
    {
        QMutexLocker lock(&m_shared->mutex);
        if (m_shared->running == generation) {
            if (!m_shared->cancel)
                return false;
            lock.unlock();
            requestCancel(m_shared, generation);
            return true;
        }
        if (!m_shared->waiting.contains(generation))
            return false; // ended (or never was): nothing of it to cancel
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, generation] { w->cancelWaiting(generation); }, Qt::QueuedConnection);
    return true;
}

void requestCancel(const std::shared_ptr<SessionShared> &shared, quint64 generation)
{
    ServiceThread::instance().post([shared, generation] {
        std::shared_ptr<PGcancel> cancel;
        {
            QMutexLocker lock(&shared->mutex);
            if (shared->running != generation || !shared->cancel)
                return; // ended while the job waited: the cancel must not reach the next request
            cancel = shared->cancel;
            shared->cancelling = generation;
        }
        // Returns once the server has taken the request (libpq waits for the postmaster to close
        // the cancel connection): from then on the backend cannot apply it to a later query.
        char err[256];
        PQcancel(cancel.get(), err, sizeof err);
        QMutexLocker lock(&shared->mutex);
        shared->cancelling = 0;
        if (shared->heldForCancel) {
            shared->heldForCancel = false;
            // The worker cannot go away while we hold the mutex (~SessionWorker clears it).
            if (SessionWorker *w = shared->worker)
                QMetaObject::invokeMethod(w, &SessionWorker::resumeAfterCancel, Qt::QueuedConnection);
        }
    });
}

void cancelBackend(std::shared_ptr<PGcancel> cancel)
{
    ServiceThread::instance().post([cancel = std::move(cancel)] {
        char err[256];
        PQcancel(cancel.get(), err, sizeof err);
    });
}

} // namespace tusk::pg
