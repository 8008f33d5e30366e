#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>

namespace tusk::state {

class StateDatabase;

/// One executed statement, as the query history keeps it.
struct QueryHistoryEntry
{
    qint64 id = 0;
    QDateTime executedAt;
    qint64 durationMs = 0;
    qint64 rows = -1;   ///< rows returned or affected, -1 when unknown
    QString connection; ///< profile or display name ("tusk@127.0.0.1:5432/postgres")
    QString sql;
    QString error; ///< empty when it succeeded
    QString sqlState;
};

/// The query history in the local SQLite state: recorded without blocking, searchable by
/// substring (of the SQL, the connection or the error), newest first.
class QueryHistoryStore : public QObject
{
    Q_OBJECT
public:
    /// Reads and writes through `db`, which must outlive this store.
    explicit QueryHistoryStore(StateDatabase *db, QObject *parent = nullptr);
    ~QueryHistoryStore() override;

    void record(const QueryHistoryEntry &entry);
    /// Answers with searchFinished(requestId, entries).
    quint64 search(const QString &text, int limit = 500);
    /// Waits for pending writes (tests and shutdown).
    void flush();

signals:
    void searchFinished(quint64 requestId, const QList<tusk::state::QueryHistoryEntry> &entries);
    void recorded(const tusk::state::QueryHistoryEntry &entry);

private:
    StateDatabase *m_db; ///< shared, not owned
    quint64 m_nextRequest = 1;
};

} // namespace tusk::state

Q_DECLARE_METATYPE(tusk::state::QueryHistoryEntry)
