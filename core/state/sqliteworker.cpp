#include "state/sqliteworker.h"

#include <QCoreApplication>
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

namespace {
/// SQLite's reason, with what it means for a person when it is one of the usual ones.
QString describe(const QSqlError &error)
{
    const QString reason = error.text();
    const int code = error.nativeErrorCode().toInt() & 0xff; // primary result code
    if (code == 26 || code == 11)                            // SQLITE_NOTADB, SQLITE_CORRUPT
        return QCoreApplication::translate(
                   "tusk::state", "it is damaged or not a SQLite database (%1); move it away and Tusk "
                                  "starts a new one")
            .arg(reason);
    if (code == 5 || code == 6) // SQLITE_BUSY, SQLITE_LOCKED
        return QCoreApplication::translate("tusk::state", "another program holds it locked (%1)").arg(reason);
    return reason;
}
} // namespace

SqliteWorker::SqliteWorker(const QString &path, Prepare prepare, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_connectionName(QStringLiteral("tusk-state-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_thread(new QThread(this))
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
    post([name, path, prepare, fail](QSqlDatabase &) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            fail(describe(db.lastError()));
            return;
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
        // The first statement that reads the file (without writing): a corrupt or foreign file
        // fails here, and a file that prepare() refuses is left as it was.
        if (!q.exec(QStringLiteral("PRAGMA user_version"))) {
            fail(describe(q.lastError()));
            db.close();
            return;
        }
        q.finish();
        if (prepare) {
            if (const QString why = prepare(db); !why.isEmpty()) {
                fail(why);
                db.close();
                return;
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
            fail(describe(q.lastError()));
            db.close();
            return;
        }
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
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
