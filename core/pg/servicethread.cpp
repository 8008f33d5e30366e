#include "pg/servicethread_p.h"

#include <QCoreApplication>
#include <QMutex>

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
    // network holds the exit up for a second at most.
    ServiceThread &s = *instancePointer();
    s.m_thread.quit();
    s.m_thread.wait(1000);
}

ServiceThread::ServiceThread()
{
    m_thread.setObjectName(QStringLiteral("pg-service"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
}

void ServiceThread::ensureRunning()
{
    QMutexLocker lock(&m_startMutex);
    if (m_thread.isRunning())
        return;
    m_thread.start();
    qAddPostRoutine(&ServiceThread::stopAtExit);
}

void ServiceThread::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job), Qt::QueuedConnection);
}

void ServiceThread::adopt(QThread *finishing)
{
    finishing->moveToThread(&m_thread);
    QObject::connect(finishing, &QThread::finished, finishing, &QObject::deleteLater);
}

} // namespace tusk::pg
