#include "explain/explainrunner.h"

#include "explain/jsonplanparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

namespace tusk::explain {

namespace {
const QString kSavepoint = QStringLiteral("tusk_explain");
}

ExplainRunner::ExplainRunner(pg::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(session, &pg::Session::rowsArrived, this, [this](quint64 gen, int, const pg::ResultChunk &chunk) {
        if (gen != m_explainGeneration)
            return;
        // FORMAT JSON answers one row, one column; psql would print the same text.
        for (int r = 0; r < chunk.rowCount(); ++r)
            m_json += chunk.text(r, 0);
    });
    connect(session, &pg::Session::finished, this, [this](quint64 gen) { onFinished(gen); });
    connect(session, &pg::Session::failed, this, &ExplainRunner::onFailed);
}

ExplainRunner::Wrap ExplainRunner::wrapFor(bool analyze, pg::TransactionStatus status)
{
    if (!analyze)
        return Wrap::None;
    return status == pg::TransactionStatus::InTransaction ||
                   status == pg::TransactionStatus::InFailedTransaction
               ? Wrap::RollbackToSavepoint
               : Wrap::RollbackTransaction;
}

QStringList ExplainRunner::statements(const QString &explain, Wrap wrap)
{
    switch (wrap) {
    case Wrap::None:
        return {explain};
    case Wrap::RollbackTransaction:
        return {QStringLiteral("BEGIN"), explain, QStringLiteral("ROLLBACK")};
    case Wrap::RollbackToSavepoint:
        return {QStringLiteral("SAVEPOINT ") + kSavepoint, explain,
                QStringLiteral("ROLLBACK TO SAVEPOINT %1; RELEASE SAVEPOINT %1").arg(kSavepoint)};
    }
    return {explain};
}

quint64 ExplainRunner::start(const QString &explain, Wrap wrap)
{
    if (!m_session || isRunning())
        return 0;
    ++m_run;
    m_explain = explain;
    m_json.clear();
    m_error.reset();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    // Everything is queued at once: the rollback runs whatever happens to the EXPLAIN.
    for (const QString &sql : statements(explain, wrap)) {
        const quint64 gen = m_session->execute(sql);
        m_generations << gen;
        if (sql == explain)
            m_explainGeneration = gen;
    }
    return m_run;
}

void ExplainRunner::onFinished(quint64 generation)
{
    if (m_generations.removeOne(generation) && m_generations.isEmpty())
        finish();
}

void ExplainRunner::onFailed(quint64 generation, const pg::Error &error)
{
    if (!m_generations.removeOne(generation))
        return;
    if (!m_error) // the first error says what went wrong; a failed rollback after it adds nothing
        m_error = error;
    if (m_generations.isEmpty())
        finish();
}

void ExplainRunner::finish()
{
    m_explainGeneration = 0;
    if (m_error) {
        emit failed(*m_error);
        return;
    }
    // A 10,000-node plan is 14 MB of JSON and 150 ms of parsing: not on the caller's thread.
    // The watcher lives on this thread and dies with the runner, so the answer can never reach
    // a runner that is gone (the guard is checked where the answer arrives).
    using Parsed = Result<Plan, ParseError>;
    auto promise = std::make_shared<QPromise<Parsed>>();
    auto *watcher = new QFutureWatcher<Parsed>(this);
    connect(
        watcher, &QFutureWatcherBase::finished, this,
        [this, watcher, run = m_run, json = m_json, statement = m_explain, startedMs = m_startedMs] {
            watcher->deleteLater();
            if (run != m_run)
                return; // a newer run started while this one was parsed: its plan is stale
            const Parsed parsed = watcher->result();
            if (!parsed) {
                emit failed(pg::Error::usage(
                    QCoreApplication::translate("tusk::explain", "The server's plan could not be read: %1")
                        .arg(parsed.error().toString())));
                return;
            }
            ExplainOutcome o;
            o.run = run;
            o.plan = *parsed;
            o.json = json;
            o.statement = statement;
            o.elapsedMs = QDateTime::currentMSecsSinceEpoch() - startedMs;
            emit planReady(o);
        });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, json = m_json] {
        promise->addResult(JsonPlanParser::parse(json));
        promise->finish();
    });
}

bool ExplainRunner::cancel()
{
    return m_session && m_explainGeneration != 0 && m_session->cancel(m_explainGeneration);
}

} // namespace tusk::explain
