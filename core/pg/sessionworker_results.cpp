// SessionWorker, part two: what a streaming request's results become (result sets, chunks,
// the runaway-result stop) and libpq's errors and notices as values.

#include "pg/sessionworker_p.h"

#include "pg/requestoutcome_p.h"

#include <QCoreApplication>

#include <memory>

namespace tusk::pg {

namespace {

QString field(const PGresult *r, int code)
{
    const char *v = PQresultErrorField(r, code);
    return v ? QString::fromUtf8(v) : QString();
}

QString cleanMessage(const char *raw)
{
    // libpq messages end with a newline and may repeat "connection to server ... failed: ".
    return QString::fromUtf8(raw ? raw : "").trimmed();
}

constexpr qint64 kChunkArenaLimit = 16 * 1024 * 1024; // flush before a chunk's text passes this

} // namespace

Columns columnsOf(const PGresult *result)
{
    const int n = PQnfields(result);
    auto columns = std::make_shared<QVector<Column>>();
    columns->reserve(n);
    for (int c = 0; c < n; ++c) {
        Column col;
        col.name = QString::fromUtf8(PQfname(result, c));
        col.typeOid = PQftype(result, c);
        col.typeModifier = PQfmod(result, c);
        col.tableOid = PQftable(result, c);
        col.tableColumn = PQftablecol(result, c);
        columns->append(col);
    }
    return columns;
}

Error errorFromResult(const PGresult *r)
{
    Error e;
    e.kind = Error::Kind::Sql;
    e.severity = field(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (e.severity.isEmpty())
        e.severity = field(r, PG_DIAG_SEVERITY);
    e.sqlState = field(r, PG_DIAG_SQLSTATE);
    e.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
    if (e.message.isEmpty())
        e.message = cleanMessage(PQresultErrorMessage(r));
    e.detail = field(r, PG_DIAG_MESSAGE_DETAIL);
    e.hint = field(r, PG_DIAG_MESSAGE_HINT);
    e.context = field(r, PG_DIAG_CONTEXT);
    e.position = field(r, PG_DIAG_STATEMENT_POSITION).toInt();
    e.internalPosition = field(r, PG_DIAG_INTERNAL_POSITION).toInt();
    e.internalQuery = field(r, PG_DIAG_INTERNAL_QUERY);
    if (e.sqlState == QLatin1String("57014"))
        e.kind = Error::Kind::Cancelled;
    if (e.severity.isEmpty())
        e.severity = QStringLiteral("ERROR");
    return e;
}

namespace {

ConnectionFacts connectionFacts(const PGconn *conn)
{
    ConnectionFacts facts;
    if (!conn)
        return facts;
    facts.needsPassword = PQconnectionNeedsPassword(conn) == 1;
    // The host of the attempt that failed (libpq fills in its default socket directory).
    const QByteArray host = PQhost(conn);
    facts.socketHost = host.startsWith('/') || host.startsWith('@');
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfo(const_cast<PGconn *>(conn)), &PQconninfoFree);
    for (const PQconninfoOption *o = options.get(); o && o->keyword; ++o) {
        if (qstrcmp(o->keyword, "sslmode") == 0 && o->val) {
            const QByteArray mode = o->val;
            facts.tlsRequired = mode == "require" || mode == "verify-ca" || mode == "verify-full";
        }
    }
    return facts;
}

} // namespace

Error errorFromConnection(const PGconn *conn, Error::Kind kind)
{
    Error e;
    e.kind = kind;
    e.severity = QStringLiteral("FATAL");
    // The connection writes its errors at PQERRORS_VERBOSE (set right after PQconnectStartParams):
    // what the server sent while the connection started carries its SQLSTATE there and nowhere else.
    const LibpqConnectionText text = splitVerboseConnectionText(
        conn ? cleanMessage(PQerrorMessage(conn)) : QCoreApplication::translate("tusk::pg", "out of memory"));
    e.message = text.text;
    e.sqlState = text.sqlState;
    if (e.message.isEmpty())
        e.message = QCoreApplication::translate("tusk::pg", "connection failed");
    addConnectionAdvice(e, connectionFacts(conn));
    return e;
}

void SessionWorker::handleResult(PGresult *raw)
{
    std::unique_ptr<PGresult, decltype(&PQclear)> result(raw, &PQclear);
    if (m_current->internalResult) {
        if (PQresultStatus(raw) == PGRES_FATAL_ERROR)
            m_error = errorFromResult(raw);
        m_current->internalResult(raw);
        return;
    }
    switch (PQresultStatus(raw)) {
    case PGRES_SINGLE_TUPLE:
        if (!m_resultOpen)
            beginResultSet(raw);
        appendRows(raw);
        break;
    case PGRES_TUPLES_OK:
        if (!m_resultOpen)
            beginResultSet(raw);
        appendRows(raw);
        finishResultSet(raw);
        break;
    case PGRES_COMMAND_OK:
        finishResultSet(raw);
        break;
    case PGRES_COPY_OUT:
        // COPY ... TO STDOUT: each line becomes a row of a one-column result set.
        beginResultSet(raw);
        m_inCopyOut = true;
        break;
    case PGRES_COPY_IN:
    case PGRES_COPY_BOTH: {
        PQputCopyEnd(m_conn, "COPY FROM STDIN is not supported in Tusk's query tool");
        Error e;
        e.kind = Error::Kind::Unsupported;
        e.severity = QStringLiteral("ERROR");
        e.message = QCoreApplication::translate("tusk::pg", "COPY FROM STDIN is not supported here");
        e.suggestion =
            QCoreApplication::translate("tusk::pg", "Use COPY FROM a server file, or psql's \\copy.");
        m_error = e;
        flushOutgoing();
        break;
    }
    case PGRES_EMPTY_QUERY:
        break;
    case PGRES_BAD_RESPONSE:
    case PGRES_NONFATAL_ERROR:
    case PGRES_FATAL_ERROR:
    default: {
        Error e = errorFromResult(raw);
        // The first error wins: libpq's own "server closed the connection" follows the server's
        // FATAL reason.
        // Only the cancel we sent ourselves to stop a lone reading statement is not an error; the
        // user's cancel (or statement_timeout) while the rest is drained is one.
        if (m_discarding && m_stopCancelSent && e.kind == Error::Kind::Cancelled)
            m_stopCancelled = true;
        else if (!m_error)
            m_error = e;
        break;
    }
    }
}

void SessionWorker::beginResultSet(const PGresult *result)
{
    Columns columns;
    if (PQresultStatus(result) == PGRES_COPY_OUT) {
        auto line = std::make_shared<QVector<Column>>(1);
        (*line)[0].name = QStringLiteral("COPY");
        (*line)[0].typeOid = 25; // text
        columns = std::move(line);
    } else {
        columns = columnsOf(result);
    }
    m_columnCount = int(columns->size());
    m_resultOpen = true;
    m_resultRows = 0;
    m_firstChunkSent = false;
    m_chunk = ResultChunk(m_columnCount);
    m_chunk.reserve(256, 64 * 1024);
    m_chunkClock.start();
    emit resultStarted(m_current->generation, m_resultIndex, Columns(std::move(columns)));
}

void SessionWorker::startDiscarding(const QString &limit)
{
    m_discarding = true;
    m_stopLimit = limit;
    m_stopReadOnly = cancelIsSafeAtLimit(m_current->sql, m_current->hasParams);
    // A cancel aborts the whole implicit transaction of the request and, inside a transaction
    // block, the user's transaction: only a lone reading statement outside one is cancelled.
    // Everything else is read to its end and dropped here, in the worker (nothing is handed on).
    if (m_stopReadOnly && m_resultIndex == 0 && PQtransactionStatus(m_conn) == PQTRANS_ACTIVE &&
        m_txStatus == TransactionStatus::Idle) {
        m_stopCancelSent = true;
        requestCancel(m_shared, m_current->generation);
    }
}

void SessionWorker::appendRows(const PGresult *result)
{
    const int rows = PQntuples(result);
    const QueryOptions &opt = m_current->options;
    for (int r = 0; r < rows; ++r) {
        if (m_discarding)
            return;
        if (opt.maxRows > 0 && m_rows >= opt.maxRows) {
            startDiscarding(QCoreApplication::translate("tusk::pg", "Stopped after %L1 rows (row limit)")
                                .arg(opt.maxRows));
            return;
        }
        if (opt.maxBytes > 0 && m_textBytes >= opt.maxBytes) {
            startDiscarding(QCoreApplication::translate(
                                "tusk::pg", "Stopped after %L1 MB of data (memory limit) at %L2 rows")
                                .arg(opt.maxBytes / (1024 * 1024))
                                .arg(m_rows));
            return;
        }
        qint64 rowBytes = 0;
        for (int c = 0; c < m_columnCount; ++c) {
            if (PQgetisnull(result, r, c)) {
                m_chunk.appendNull();
            } else {
                const int len = PQgetlength(result, r, c);
                m_chunk.appendCell(PQgetvalue(result, r, c), len);
                rowBytes += len;
            }
        }
        m_chunk.finishRow();
        m_textBytes += rowBytes;
        ++m_rows;
        ++m_resultRows;
        if (m_chunk.rowCount() >= opt.chunkRows || m_chunk.textSize() >= kChunkArenaLimit)
            flushChunk();
    }
}

bool SessionWorker::drainCopyOut()
{
    for (;;) {
        char *buffer = nullptr;
        const int n = PQgetCopyData(m_conn, &buffer, 1);
        if (n > 0) {
            int len = n;
            if (len > 0 && buffer[len - 1] == '\n')
                --len;
            if (!m_discarding) {
                m_chunk.appendCell(buffer, len);
                m_chunk.finishRow();
                ++m_rows;
                ++m_resultRows;
                m_textBytes += len;
                if (m_chunk.rowCount() >= m_current->options.chunkRows)
                    flushChunk();
            }
            PQfreemem(buffer);
            continue;
        }
        if (n == 0)
            return false;    // wait for more input
        m_inCopyOut = false; // -1: done (the final result follows), -2: error (reported by PQgetResult)
        return true;
    }
}

void SessionWorker::flushChunk()
{
    if (m_chunk.isEmpty() || !m_current)
        return;
    const int rows = m_chunk.rowCount();
    m_avgRowBytes = qMax<qint64>(8, m_chunk.textSize() / rows);
    // Whoever keeps the chunk keeps its reserve too: give the headroom back first.
    m_chunk.squeeze();
    emit rowsArrived(m_current->generation, m_resultIndex, m_chunk);
    m_firstChunkSent = true;
    m_chunk = ResultChunk(m_columnCount);
    const qint64 nextRows = m_current->options.chunkRows;
    // 1/8 headroom: rows vary in width, and regrowing the arena copies it whole.
    m_chunk.reserve(nextRows, qMin<qint64>(kChunkArenaLimit, nextRows * m_avgRowBytes * 9 / 8 + 4096));
    m_chunkClock.restart();
}

void SessionWorker::finishResultSet(const PGresult *result)
{
    flushChunk();
    ResultSummary s;
    s.index = m_resultIndex;
    s.commandTag = QString::fromUtf8(PQcmdStatus(const_cast<PGresult *>(result)));
    s.returnsRows = m_resultOpen;
    const char *affected = PQcmdTuples(const_cast<PGresult *>(result));
    if (affected && *affected && !s.commandTag.startsWith(QLatin1String("SELECT")))
        s.rowsAffected = QByteArray(affected).toLongLong();
    s.rows = m_resultRows;
    m_completedWrites = m_completedWrites || !s.returnsRows || s.rowsAffected >= 0;
    m_resultOpen = false;
    m_resultRows = 0;
    ++m_resultIndex;
    emit resultCompleted(m_current->generation, s);
}

void SessionWorker::noticeThunk(void *self, const PGresult *result)
{
    auto *worker = static_cast<SessionWorker *>(self);
    Notice n;
    n.severity = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (n.severity.isEmpty())
        n.severity = field(result, PG_DIAG_SEVERITY);
    n.sqlState = field(result, PG_DIAG_SQLSTATE);
    n.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    n.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    n.hint = field(result, PG_DIAG_MESSAGE_HINT);
    emit worker->noticeReceived(n);
}

} // namespace tusk::pg
