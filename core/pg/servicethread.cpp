#include "pg/servicethread_p.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace tusk::pg {

ServiceThread *ServiceThread::instancePointer()
{
    // Never deleted: a job may still run at exit, and nothing must wait for it then.
    static ServiceThread *const service = new ServiceThread;
    return service;
}

ServiceThread &ServiceThread::instance()
{
    ServiceThread *service = instancePointer();
    service->ensureRunning();
    return *service;
}

void ServiceThread::stopAtExit()
{
    // The QCoreApplication goes, and with it what event loops rely on. A cancel stuck on a dead
    // network, or a worker stuck in a lookup, holds the exit up for two seconds at most.
    ServiceThread &s = *instancePointer();
    {
        QMutexLocker lock(&s.m_mutex);
        s.m_stoppedFor = QCoreApplication::instance(); // no restart while this one goes
    }
    QDeadlineTimer deadline(2000);
    s.m_thread.quit();
    s.m_thread.wait(deadline);
    if (s.m_thread.isRunning())
        return; // the adopted threads' deletion may still run there: leave them be
    QCoreApplication::removePostedEvents(s.m_context);
    // Only now, with the service thread stopped, is nobody else deleting adopted threads.
    std::set<QThread *> adopted;
    {
        QMutexLocker lock(&s.m_mutex);
        adopted = s.m_adopted;
    }
    // Without the lock: a worker still finishing may post a last cancel (which stays unsent).
    for (QThread *t : adopted) {
        if (!t->wait(deadline))
            continue; // still inside something slow: it ends with the process
        delete t;
        QMutexLocker lock(&s.m_mutex);
        s.m_adopted.erase(t);
    }
    // What the threads posted while they finished must never run: they are deleted now.
    QCoreApplication::removePostedEvents(s.m_context);
}

ServiceThread::ServiceThread()
{
    m_thread.setObjectName(QStringLiteral("pg-service"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
}

void ServiceThread::ensureRunning()
{
    QMutexLocker lock(&m_mutex);
    if (m_thread.isRunning())
        return;
    const QCoreApplication *app = QCoreApplication::instance();
    if (app && app == m_stoppedFor)
        return; // stopped for this application's exit: what is posted now stays unsent
    m_thread.start();
    qAddPostRoutine(&ServiceThread::stopAtExit);
}

void ServiceThread::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job), Qt::QueuedConnection);
}

void ServiceThread::adopt(QThread *finishing)
{
    {
        QMutexLocker lock(&m_mutex);
        m_adopted.insert(finishing);
    }
    if (finishing->thread() == QThread::currentThread())
        finishing->moveToThread(&m_thread);
    // Runs here after the thread emitted finished(); ~QThread waits for the little left of it.
    QObject::connect(
        finishing, &QThread::finished, m_context,
        [this, finishing] {
            {
                QMutexLocker lock(&m_mutex);
                m_adopted.erase(finishing);
            }
            delete finishing;
        },
        Qt::QueuedConnection);
}

} // namespace tusk::pg
