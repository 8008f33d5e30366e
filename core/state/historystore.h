#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>

namespace tusk::state {

class SqliteWorker;

/// One executed statement, as the query history keeps it.
struct HistoryEntry
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
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    explicit HistoryStore(const QString &path, QObject *parent = nullptr);
    ~HistoryStore() override;

    void record(const HistoryEntry &entry);
    /// Answers with searchFinished(requestId, entries).
    quint64 search(const QString &text, int limit = 500);
    /// Waits for pending writes (tests and shutdown).
    void flush();

signals:
    void searchFinished(quint64 requestId, const QList<tusk::state::HistoryEntry> &entries);
    void recorded(const tusk::state::HistoryEntry &entry);
    /// The state file cannot be used: history is not kept (SqliteWorker::openFailed).
    void openFailed(const QString &message);

private:
    SqliteWorker *m_db;
    quint64 m_nextRequest = 1;
};

} // namespace tusk::state

Q_DECLARE_METATYPE(tusk::state::HistoryEntry)
