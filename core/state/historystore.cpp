#include "state/historystore.h"

#include "state/sqliteworker.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace tusk::state {

namespace {
void migrate(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS query_history ("
                          " id INTEGER PRIMARY KEY,"
                          " executed_at INTEGER NOT NULL,"
                          " duration_ms INTEGER NOT NULL,"
                          " row_count INTEGER NOT NULL,"
                          " connection TEXT NOT NULL,"
                          " sql TEXT NOT NULL,"
                          " error TEXT NOT NULL DEFAULT '',"
                          " sqlstate TEXT NOT NULL DEFAULT '')"));
    q.exec(
        QStringLiteral("CREATE INDEX IF NOT EXISTS query_history_time ON query_history (executed_at DESC)"));
}
} // namespace

HistoryStore::HistoryStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_db(new SqliteWorker(path, migrate, this))
{
    qRegisterMetaType<HistoryEntry>();
    qRegisterMetaType<QList<HistoryEntry>>();
    connect(m_db, &SqliteWorker::openFailed, this, &HistoryStore::openFailed);
}

HistoryStore::~HistoryStore() = default;

void HistoryStore::record(const HistoryEntry &entry)
{
    m_db->request<std::optional<HistoryEntry>>(
        this,
        [entry](QSqlDatabase &db) -> std::optional<HistoryEntry> {
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
            HistoryEntry stored = entry;
            stored.id = q.lastInsertId().toLongLong();
            return stored;
        },
        [this](const std::optional<HistoryEntry> &stored) {
            if (stored)
                emit recorded(*stored);
        });
}

quint64 HistoryStore::search(const QString &text, int limit)
{
    const quint64 id = m_nextRequest++;
    m_db->request<QList<HistoryEntry>>(
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
            QList<HistoryEntry> out;
            if (!q.exec()) {
                qWarning("tusk: history search failed: %s", qPrintable(q.lastError().text()));
                return out;
            }
            while (q.next()) {
                HistoryEntry e;
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
        [this, id](const QList<HistoryEntry> &entries) { emit searchFinished(id, entries); });
    return id;
}

void HistoryStore::flush()
{
    m_db->flush();
}

} // namespace tusk::state
