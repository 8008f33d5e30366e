// SessionWorker, part three: query() and queryBatch() — statements sent as one libpq pipeline
// (one round trip), each followed by a sync so that each runs in its own implicit transaction
// and an error ends at its sync instead of aborting the statements after it.

#include "pg/sessionworker_p.h"

#include <QCoreApplication>

#include <vector>

namespace tusk::pg {

namespace {

constexpr qint64 kChunkArenaLimit = 16 * 1024 * 1024; // a new chunk before one's text passes this

/// Appends the result's rows to set, in chunks of up to kChunkArenaLimit bytes of text.
void appendRowsTo(RowSet &set, ResultChunk &chunk, const PGresult *result)
{
    const int rows = PQntuples(result);
    const int columns = PQnfields(result);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(result, r, c))
                chunk.appendNull();
            else
                chunk.appendCell(PQgetvalue(result, r, c), PQgetlength(result, r, c));
        }
        chunk.finishRow();
        if (chunk.textSize() >= kChunkArenaLimit) {
            set.append(chunk);
            chunk = ResultChunk(columns);
        }
    }
}

void setCommand(RowSet &set, const PGresult *result)
{
    const QString tag = QString::fromUtf8(PQcmdStatus(const_cast<PGresult *>(result)));
    const char *affected = PQcmdTuples(const_cast<PGresult *>(result));
    set.setCommand(tag, affected && *affected && !tag.startsWith(QLatin1String("SELECT"))
                            ? QByteArray(affected).toLongLong()
                            : -1);
}

Error notRun(const QString &why)
{
    Error e;
    e.kind = Error::Kind::Sql;
    e.severity = QStringLiteral("ERROR");
    e.message = QCoreApplication::translate("tusk::pg", "not run: %1").arg(why);
    return e;
}

} // namespace

void SessionWorker::startBatch()
{
    m_batch.emplace();
    m_batch->clock.start();
    const QList<Statement> &statements = m_current->statements;
    m_batch->outcomes.resize(statements.size());
    if (statements.isEmpty()) {
        completeRequest();
        return;
    }
    if (PQenterPipelineMode(m_conn) != 1) {
        Error e = errorFromConnection(m_conn, Error::Kind::Sql);
        e.severity = QStringLiteral("ERROR");
        m_error = e;
        completeRequest();
        return;
    }
    for (const Statement &statement : statements) {
        const QByteArray sql = statement.sql.toUtf8();
        std::vector<QByteArray> storage;
        std::vector<const char *> values;
        storage.reserve(size_t(statement.params.size()));
        for (const QString &p : statement.params) {
            if (p.isNull()) {
                values.push_back(nullptr);
            } else {
                storage.push_back(p.toUtf8());
                values.push_back(storage.back().constData());
            }
        }
        if (PQsendQueryParams(m_conn, sql.constData(), int(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0) != 1 ||
            PQpipelineSync(m_conn) != 1) {
            // What could not be sent fails with libpq's reason (completeRequest fills it in);
            // what was sent is answered as usual.
            Error e = errorFromConnection(m_conn, Error::Kind::Sql);
            e.severity = QStringLiteral("ERROR");
            m_error = e;
            break;
        }
        ++m_batch->sent;
    }
    if (m_batch->sent == 0) {
        PQexitPipelineMode(m_conn);
        completeRequest();
        return;
    }
    flushOutgoing();
}

bool SessionWorker::processBatchResults()
{
    if (PQisBusy(m_conn))
        return false;
    PGresult *result = PQgetResult(m_conn);
    if (!result) {
        // The end of one statement's results. Two in a row: nothing more has arrived yet.
        if (m_batch->lastWasNull)
            return false;
        m_batch->lastWasNull = true;
        return true;
    }
    m_batch->lastWasNull = false;
    handleBatchResult(result);
    return true;
}

void SessionWorker::handleBatchResult(PGresult *raw)
{
    std::unique_ptr<PGresult, decltype(&PQclear)> result(raw, &PQclear);
    BatchRun &b = *m_batch;
    std::optional<QueryOutcome> *slot = b.done < int(b.outcomes.size()) ? &b.outcomes[b.done] : nullptr;
    switch (PQresultStatus(raw)) {
    case PGRES_PIPELINE_SYNC:
        // The sync after statement b.done: it has finished, in its own implicit transaction.
        b.lastEndMicros = b.clock.nsecsElapsed() / 1000;
        if (++b.done == b.sent) {
            PQexitPipelineMode(m_conn);
            completeRequest();
        }
        return;
    case PGRES_SINGLE_TUPLE:
        // libpq 15 keeps single-row mode from the connection's last streaming query for the
        // first statement of a pipeline: its rows come one by one, then a TUPLES_OK.
    case PGRES_TUPLES_OK:
        if (!b.rows) {
            b.rows.emplace();
            b.rows->setColumns(columnsOf(raw));
            b.chunk = ResultChunk(PQnfields(raw));
        }
        appendRowsTo(*b.rows, b.chunk, raw);
        if (PQresultStatus(raw) == PGRES_SINGLE_TUPLE)
            return;
        b.chunk.squeeze();
        b.rows->append(b.chunk);
        b.chunk = ResultChunk();
        setCommand(*b.rows, raw);
        b.rows->setElapsedMicros(b.clock.nsecsElapsed() / 1000 - b.lastEndMicros);
        if (slot && !*slot)
            *slot = std::move(*b.rows);
        b.rows.reset();
        return;
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
        if (slot && !*slot) {
            RowSet set;
            setCommand(set, raw);
            set.setElapsedMicros(b.clock.nsecsElapsed() / 1000 - b.lastEndMicros);
            *slot = std::move(set);
        }
        return;
    case PGRES_PIPELINE_ABORTED:
        if (slot && !*slot)
            *slot =
                notRun(QCoreApplication::translate("tusk::pg", "an earlier statement of the batch failed"));
        return;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH: {
        Error e;
        e.kind = Error::Kind::Unsupported;
        e.severity = QStringLiteral("ERROR");
        e.message = QCoreApplication::translate("tusk::pg", "COPY is not supported in a query batch");
        if (slot && !*slot)
            *slot = e;
        return;
    }
    default:
        if (slot && !*slot)
            *slot = errorFromResult(raw);
        return;
    }
}

void SessionWorker::deliverBatch(const Request &done, TransactionStatus txBefore)
{
    // Statements without an answer: the connection broke, or they could not be sent.
    const Error missing = m_error ? decoratedError(*m_error, txBefore)
                                  : notRun(QCoreApplication::translate("tusk::pg", "no answer"));
    QList<QueryOutcome> outcomes;
    outcomes.reserve(done.statements.size());
    if (m_batch) {
        for (const std::optional<QueryOutcome> &o : std::as_const(m_batch->outcomes))
            outcomes.append(o ? *o : QueryOutcome(missing));
    }
    while (outcomes.size() < done.statements.size())
        outcomes.append(missing);
    m_batch.reset();
    done.reply->deliver(std::move(outcomes));
}

} // namespace tusk::pg
