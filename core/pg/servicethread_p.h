#pragma once

// Private to core/pg: the one thread that sends cancel requests and lets go of closed sessions'
// worker threads.

#include <QMutex>
#include <QThread>

#include <functional>
#include <set>

namespace tusk::pg {

/// A thread of core/pg's own with an event loop, for the two things that must never wait on a
/// caller's thread nor queue behind other work:
/// - PQcancel, which opens a connection to the server and waits for it to take the request
///   (QThreadPool::globalInstance() is where exports, sorts and plan parsing queue);
/// - deleting a closed Session's QThread once it has finished, whenever that is: its worker may
///   sit in a host-name lookup inside PQconnectStartParams, and ~Session does not wait for it.
/// Jobs run one after another in the order posted. When the QCoreApplication goes, the thread
/// stops and the adopted threads still finishing are waited for, two seconds at most in all
/// (exiting is the one time waiting is fine, and their workers close their connections
/// properly). A later QCoreApplication starts it again.
class ServiceThread
{
public:
    static ServiceThread &instance();

    /// Runs job on the service thread. Thread-safe.
    void post(std::function<void()> job);
    /// Takes a worker thread that was told to quit, and deletes it once it has finished. Call
    /// from the thread the QThread object lives in (the Session's), before quit().
    void adopt(QThread *finishing);

private:
    ServiceThread();
    static ServiceThread *instancePointer();
    static void stopAtExit();
    void ensureRunning();

    QMutex m_mutex; // guards starting the thread and m_adopted
    QThread m_thread;
    QObject *m_context = nullptr;
    std::set<QThread *> m_adopted;      // finishing, not deleted yet
    const void *m_stoppedFor = nullptr; // the QCoreApplication whose exit stopped the thread
};

} // namespace tusk::pg
