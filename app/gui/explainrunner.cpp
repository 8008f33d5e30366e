#include "explainrunner.h"

#include "explain/jsonplanparser.h"
#include "pg/session.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

using namespace tusk;

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

void ExplainRunner::start(const QString &explain, Wrap wrap)
{
    if (!m_session || isRunning())
        return;
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
    // A 10,000-node plan is 14 MB of JSON and 150 ms of parsing: not on the UI thread.
    using Parsed = Result<explain::Plan, explain::ParseError>;
    auto *watcher = new QFutureWatcher<Parsed>(this);
    connect(watcher, &QFutureWatcher<Parsed>::finished, this,
            [this, watcher, json = m_json, statement = m_explain] {
                watcher->deleteLater();
                const Parsed plan = watcher->result();
                if (!plan) {
                    emit failed(pg::Error::usage(
                        tr("The server's plan could not be read: %1").arg(plan.error().toString())));
                    return;
                }
                ExplainOutcome o;
                o.plan = *plan;
                o.json = json;
                o.statement = statement;
                o.elapsedMs = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
                emit planReady(o);
            });
    watcher->setFuture(QtConcurrent::run([json = m_json] { return explain::JsonPlanParser::parse(json); }));
}
