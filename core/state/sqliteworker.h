#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QString>

#include <functional>
#include <memory>

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
    /// Runs once on the thread after the file is opened and read, before WAL mode is set;
    /// returns why the file cannot be used (empty when it can). StateDatabase migrates here.
    using Prepare = std::function<QString(QSqlDatabase &)>;

    /// Opens (creating if needed) the file, runs `prepare` once on the thread, then sets WAL
    /// mode. When opening, reading or `prepare` fails, openFailed() is emitted and the
    /// connection is closed: later jobs get a closed database and their queries fail.
    SqliteWorker(const QString &path, Prepare prepare, QObject *parent = nullptr);
    ~SqliteWorker() override;

    void post(Job job);

    /// Runs `query` on the database thread and hands its result to `done` on `context`'s thread;
    /// dropped when `context` is gone by then. The guard is checked on `context`'s thread: the
    /// database thread only fulfils a promise, and a watcher owned by `context` delivers it
    /// (Qt Creator's onResultReady(future, guard, f)), so a context dying in between is safe.
    template<typename T>
    void request(QObject *context, std::function<T(QSqlDatabase &)> query,
                 std::function<void(const T &)> done)
    {
        auto promise = std::make_shared<QPromise<T>>();
        auto *watcher = new QFutureWatcher<T>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
            watcher->deleteLater();
            if (watcher->future().resultCount() > 0)
                done(watcher->result());
        });
        watcher->setFuture(promise->future());
        promise->start();
        post([promise, query = std::move(query)](QSqlDatabase &db) {
            promise->addResult(query(db));
            promise->finish();
        });
    }
    /// Blocks until every job posted so far has run (tests and shutdown only).
    void flush();
    const QString &path() const { return m_path; }
    /// Why the file could not be used (empty while it can, or before the first job ran).
    QString openError() const { return m_openError; }

signals:
    /// The state file could not be opened or is not a database: nothing is saved until the
    /// cause is fixed. `message` names the file and SQLite's reason.
    void openFailed(const QString &message);

public:
    /// `<AppDataLocation>/state.sqlite`: Tusk's one local state file.
    static QString defaultPath();

private:
    QString m_path;
    QString m_openError;
    QString m_connectionName;
    QThread *m_thread;  ///< a child named "sqlite-state": one per worker, findable in tests
    QObject *m_context; ///< lives in m_thread; jobs are invoked on it
};

} // namespace tusk::state
