#include "sql/scriptrunner.h"

#include "pg/session.h"
#include "sql/destructive.h"
#include "sql/splitter.h"

#include <QCoreApplication>

#include <string_view>

namespace tusk::sql {

ScriptRunner::ScriptRunner(pg::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    qRegisterMetaType<StatementOutcome>();
    qRegisterMetaType<ScriptOutcome>();
    connect(session, &pg::Session::resultStarted, this,
            [this](quint64 gen, int set, const pg::Columns &columns) {
                if (m_current && gen == m_generation)
                    emit resultStarted(m_index, set, columns);
            });
    connect(session, &pg::Session::rowsArrived, this,
            [this](quint64 gen, int set, const pg::ResultChunk &chunk) {
                if (!m_current || gen != m_generation)
                    return;
                m_rows += chunk.rowCount();
                emit rowsArrived(m_index, set, chunk);
            });
    connect(session, &pg::Session::resultCompleted, this,
            [this](quint64 gen, const pg::ResultSummary &summary) {
                if (!m_current || gen != m_generation)
                    return;
                if (summary.rowsAffected >= 0)
                    m_rows = summary.rowsAffected;
                emit resultCompleted(m_index, summary);
            });
    connect(session, &pg::Session::finished, this, [this](quint64 gen, const pg::RequestSummary &summary) {
        if (m_current && gen == m_generation)
            endStatement(std::nullopt, &summary);
    });
    connect(session, &pg::Session::failed, this, [this](quint64 gen, const pg::Error &error) {
        if (m_current && gen == m_generation)
            endStatement(error, nullptr);
    });
}

// The session outlives a runner it does not own; a statement still running keeps running (its
// answers are dropped with the connections above). Whoever destroys a runner mid-way cancels first.
ScriptRunner::~ScriptRunner() = default;

QList<ScriptStatement> ScriptRunner::fromScript(const QString &script, QStringList *skipped)
{
    const QByteArray utf8 = script.toUtf8();
    const std::string_view bytes(utf8.constData(), size_t(utf8.size()));
    QList<ScriptStatement> out;
    for (const Statement &st : splitStatements(bytes)) {
        const std::string_view t = st.text(bytes);
        const QString text = QString::fromUtf8(t.data(), qsizetype(t.size()));
        if (st.kind == Statement::Kind::PsqlMeta) {
            if (skipped)
                skipped->append(
                    QCoreApplication::translate("tusk::sql", "line %1: %2").arg(st.line).arg(text));
            continue;
        }
        out << ScriptStatement{text, int(st.begin), st.line};
    }
    return out;
}

bool ScriptRunner::start(QList<ScriptStatement> statements)
{
    if (m_running || statements.isEmpty() || !m_session)
        return false;
    // Asked before anything is queued: a question inside a session signal handler would run a
    // nested event loop there and re-enter whoever drives this runner.
    if (m_confirm) {
        QList<DestructiveStatement> risky;
        for (const ScriptStatement &s : std::as_const(statements)) {
            const QString why = destructiveReason(s.sql);
            if (!why.isEmpty())
                risky << DestructiveStatement{s.sql, why};
        }
        if (!risky.isEmpty() && !m_confirm(risky)) {
            ScriptOutcome declined;
            declined.statements = int(statements.size());
            declined.notRun = declined.statements;
            declined.declined = true;
            emit finished(declined);
            return false;
        }
    }
    if (m_explicitTx && m_session->transactionStatus() == pg::TransactionStatus::Idle)
        statements.prepend(ScriptStatement{QStringLiteral("BEGIN"), -1, 0});
    m_queue = std::move(statements);
    m_outcome = {};
    m_outcome.statements = int(m_queue.size());
    m_index = -1;
    m_running = true;
    m_cancelRequested = false;
    sendNext();
    return true;
}

void ScriptRunner::sendNext()
{
    if (m_queue.isEmpty() || !m_session) {
        finish();
        return;
    }
    m_current = m_queue.takeFirst();
    ++m_index;
    m_rows = 0;
    m_clock.start();
    m_generation = m_session->execute(m_current->sql, m_options);
    emit statementStarted(m_index, *m_current);
}

bool ScriptRunner::cancel()
{
    if (!m_running || !m_session)
        return false;
    m_cancelRequested = true;
    m_session->cancel(m_generation); // false when it ended meanwhile: the rest is still not sent
    return true;
}

void ScriptRunner::endStatement(std::optional<pg::Error> error, const pg::RequestSummary *summary)
{
    StatementOutcome o;
    o.index = m_index;
    o.statement = *std::exchange(m_current, std::nullopt);
    o.rows = m_rows;
    o.durationMs = m_clock.elapsed();
    if (summary) {
        o.truncated = summary->truncated;
        o.truncationReason = summary->truncationReason;
    }
    o.error = std::move(error);
    if (o.error) {
        m_outcome.failedIndex = m_index;
        m_outcome.cancelled = m_cancelRequested || o.error->kind == pg::Error::Kind::Cancelled;
        m_outcome.notRun = int(m_queue.size());
        m_queue.clear();
    } else {
        ++m_outcome.succeeded;
        if (m_cancelRequested) {
            // The statement won the race against the cancel: it committed, the rest is not sent.
            m_outcome.cancelled = true;
            m_outcome.notRun = int(m_queue.size());
            m_queue.clear();
        }
    }
    emit statementFinished(o);
    sendNext();
}

void ScriptRunner::finish()
{
    m_running = false;
    m_current.reset();
    emit finished(m_outcome);
}

} // namespace tusk::sql
