#pragma once

// Test support: CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID).
//
// Tests that bound how long some work takes on the current thread measure this rather than
// wall-clock time: it does not grow while the scheduler runs other processes, so two busy cores
// do not fail a test whose code is fine. The bound still sits at least 5x above what the work
// measures under the asan preset; speed goals themselves belong in tests/bench.

#include <QtGlobal>

#include <ctime>

namespace tusk::test {

/// CPU time the calling thread has used, in microseconds.
inline qint64 threadCpuMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

/// Like QElapsedTimer, in the calling thread's CPU time.
class CpuTimer
{
public:
    CpuTimer() { start(); }
    void start() { m_start = threadCpuMicros(); }
    qint64 elapsedMicros() const { return threadCpuMicros() - m_start; }
    qint64 elapsedMs() const { return elapsedMicros() / 1000; }
    /// Milliseconds since start(), then starts again.
    qint64 restartMs()
    {
        const qint64 now = threadCpuMicros();
        const qint64 ms = (now - m_start) / 1000;
        m_start = now;
        return ms;
    }

private:
    qint64 m_start = 0;
};

} // namespace tusk::test
