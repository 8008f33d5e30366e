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
    // Reports to this object, which lives on the creator's thread and outlives every job (the
    // destructor flushes the queue first).
    auto fail = [this, path](const QString &reason) {
        const QString message = tr("The state file %1 cannot be used: %2").arg(path, reason);
        qWarning("tusk: %s", qPrintable(message));
        QMetaObject::invokeMethod(
            this,
            [this, message] {
                m_openError = message;
                emit openFailed(message);
            },
            Qt::QueuedConnection);
    };
    post([name, path, migrate, fail](QSqlDatabase &) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            fail(db.lastError().text());
            return;
        }
        QSqlQuery q(db);
        // The first statement reads the file: a corrupt or foreign file fails here.
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
            fail(q.lastError().text());
            db.close();
            return;
        }
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
