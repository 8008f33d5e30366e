#pragma once

#include <QObject>
#include <QPointer>
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

    /// Runs `query` on the database thread and hands its result to `done` on `context`'s thread;
    /// dropped when `context` is gone by then.
    template<typename T>
    void request(QObject *context, std::function<T(QSqlDatabase &)> query,
                 std::function<void(const T &)> done)
    {
        QPointer<QObject> guard(context);
        post([guard, query = std::move(query), done = std::move(done)](QSqlDatabase &db) {
            T result = query(db);
            if (guard)
                QMetaObject::invokeMethod(guard, [guard, done, result = std::move(result)] {
                    if (guard)
                        done(result);
                });
        });
    }
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
