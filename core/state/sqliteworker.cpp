#include "state/sqliteworker.h"

#include <QDir>
#include <QFileInfo>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

namespace tusk::state {

SqliteWorker::SqliteWorker(const QString &path, Job migrate, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_connectionName(QStringLiteral("tusk-state-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_thread(new QThread)
    , m_context(new QObject)
{
    m_thread->setObjectName(QStringLiteral("sqlite-state"));
    m_context->moveToThread(m_thread);
    m_thread->start();
    const QString name = m_connectionName;
    post([name, path, migrate](QSqlDatabase &) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            qWarning("tusk: cannot open the state database %s: %s", qPrintable(path),
                     qPrintable(db.lastError().text()));
            return;
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
        if (migrate)
            migrate(db);
    });
}

SqliteWorker::~SqliteWorker()
{
    flush();
    const QString name = m_connectionName;
    QMetaObject::invokeMethod(
        m_context, [name] { QSqlDatabase::removeDatabase(name); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_context;
    delete m_thread;
}

void SqliteWorker::post(Job job)
{
    const QString name = m_connectionName;
    QMetaObject::invokeMethod(
        m_context,
        [name, job = std::move(job)] {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            job(db);
        },
        Qt::QueuedConnection);
}

void SqliteWorker::flush()
{
    QSemaphore done;
    QMetaObject::invokeMethod(
        m_context, [&done] { done.release(); }, Qt::QueuedConnection);
    done.acquire();
}

QString SqliteWorker::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/state.sqlite");
}

} // namespace tusk::state
