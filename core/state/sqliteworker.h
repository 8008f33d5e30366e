#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QSqlDatabase;
class QThread;

namespace tusk::state {

/// One SQLite connection (QtSql) owned by its own thread, so that no disk write ever happens on
/// the caller's (UI) thread. Jobs run in order on that thread; results go back through the
/// caller's own queued signals or QMetaObject::invokeMethod.
/// @code
/// SqliteWorker db(path);
/// db.post([](QSqlDatabase &c) { QSqlQuery(c).exec("..."); });
/// @endcode
class SqliteWorker : public QObject
{
    Q_OBJECT
public:
    using Job = std::function<void(QSqlDatabase &)>;

    /// Opens (creating if needed) the file, in WAL mode, and runs `migrate` once on the thread.
    SqliteWorker(const QString &path, Job migrate, QObject *parent = nullptr);
    ~SqliteWorker() override;

    void post(Job job);
    /// Blocks until every job posted so far has run (tests and shutdown only).
    void flush();
    const QString &path() const { return m_path; }

    /// `<AppDataLocation>/state.sqlite`: Tusk's one local state file.
    static QString defaultPath();

private:
    QString m_path;
    QString m_connectionName;
    QThread *m_thread;
    QObject *m_context; ///< lives in m_thread; jobs are invoked on it
};

} // namespace tusk::state
