#include "state/queryhistorystore.h"

#include "state/statedatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace tusk::state {

QueryHistoryStore::QueryHistoryStore(StateDatabase *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<QueryHistoryEntry>();
    qRegisterMetaType<QList<QueryHistoryEntry>>();
}

QueryHistoryStore::~QueryHistoryStore() = default;

void QueryHistoryStore::record(const QueryHistoryEntry &entry)
{
    m_db->request<std::optional<QueryHistoryEntry>>(
        this,
        [entry](QSqlDatabase &db) -> std::optional<QueryHistoryEntry> {
            QSqlQuery q(db);
            q.prepare(
                QStringLiteral("INSERT INTO query_history (executed_at, duration_ms, row_count, connection, "
                               "sql, error, sqlstate) VALUES (?, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(entry.executedAt.toMSecsSinceEpoch());
            q.addBindValue(entry.durationMs);
            q.addBindValue(entry.rows);
            // A null QString binds as SQL NULL; the columns hold '' for "none".
            auto text = [](const QString &s) { return s.isNull() ? QStringLiteral("") : s; };
            q.addBindValue(text(entry.connection));
            q.addBindValue(text(entry.sql));
            q.addBindValue(text(entry.error));
            q.addBindValue(text(entry.sqlState));
            if (!q.exec()) {
                qWarning("tusk: could not record history: %s", qPrintable(q.lastError().text()));
                return std::nullopt;
            }
            QueryHistoryEntry stored = entry;
            stored.id = q.lastInsertId().toLongLong();
            return stored;
        },
        [this](const std::optional<QueryHistoryEntry> &stored) {
            if (stored)
                emit recorded(*stored);
        });
}

quint64 QueryHistoryStore::search(const QString &text, int limit)
{
    const quint64 id = m_nextRequest++;
    m_db->request<QList<QueryHistoryEntry>>(
        this,
        [text, limit](QSqlDatabase &db) {
            QSqlQuery q(db);
            // instr() instead of LIKE: user text may contain % and _ and must match literally.
            q.prepare(QStringLiteral(
                "SELECT id, executed_at, duration_ms, row_count, connection, sql, error, sqlstate "
                "FROM query_history WHERE ? = '' OR instr(lower(sql), lower(?)) > 0 "
                "OR instr(lower(connection), lower(?)) > 0 OR instr(lower(error), lower(?)) > 0 "
                "ORDER BY executed_at DESC, id DESC LIMIT ?"));
            for (int i = 0; i < 4; ++i)
                q.addBindValue(text.isNull() ? QStringLiteral("") : text);
            q.addBindValue(limit);
            QList<QueryHistoryEntry> out;
            if (!q.exec()) {
                qWarning("tusk: history search failed: %s", qPrintable(q.lastError().text()));
                return out;
            }
            while (q.next()) {
                QueryHistoryEntry e;
                e.id = q.value(0).toLongLong();
                e.executedAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong());
                e.durationMs = q.value(2).toLongLong();
                e.rows = q.value(3).toLongLong();
                e.connection = q.value(4).toString();
                e.sql = q.value(5).toString();
                e.error = q.value(6).toString();
                e.sqlState = q.value(7).toString();
                out << e;
            }
            return out;
        },
        [this, id](const QList<QueryHistoryEntry> &entries) { emit searchFinished(id, entries); });
    return id;
}

void QueryHistoryStore::flush()
{
    m_db->flush();
}

} // namespace tusk::state
