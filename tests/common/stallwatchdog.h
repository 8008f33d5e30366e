#pragma once

// Test support: how long the event loop of the current (UI) thread was kept from running.
//
// A timer ticks every 10 ms on this thread. Whatever the thread did between two ticks kept the
// event loop from answering the user. The gap is measured twice:
// - in the thread's own CPU time (CLOCK_THREAD_CPUTIME_ID): the work the UI thread did in one
//   go. It does not grow while the scheduler runs other processes, so a busy machine does not
//   inflate it: this is what tests assert.
// - in wall-clock time: what a user would have felt on this machine at this moment, for the log
//   only (on two shared cores it swings with everything else that runs).
// Sleeping is not CPU: a UI thread blocked in a wait (a mutex, a socket) shows as a wall gap
// with little CPU; tests that must catch that also compare the wall gap with a generous bound.

#include "cputimer.h"

#include <QElapsedTimer>
#include <QString>
#include <QTimer>

#include <algorithm>

namespace tusk::test {

class StallWatchdog
{
public:
    static constexpr int kTickMs = 10;

    StallWatchdog()
    {
        reset();
        m_timer.setInterval(kTickMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
        m_timer.start();
    }
    /// The most UI-thread CPU time spent between two ticks, in ms (the worst single stall).
    qint64 worstStallCpuMs() const { return m_worstCpuMicros / 1000; }
    /// The longest wall-clock gap between two ticks minus the tick interval, in ms (log only).
    qint64 worstStallWallMs() const { return std::max<qint64>(0, m_worstWallMs - kTickMs); }
    /// "12 ms CPU (47 ms wall)", for qInfo lines and failure messages.
    QString summary() const
    {
        return QStringLiteral("%1 ms CPU (%2 ms wall)").arg(worstStallCpuMs()).arg(worstStallWallMs());
    }
    /// Forget what was measured so far (e.g. after the test itself blocked the thread on purpose).
    void reset()
    {
        m_clock.start();
        m_lastWallMs = 0;
        m_lastCpuMicros = threadCpuMicros();
        m_worstWallMs = 0;
        m_worstCpuMicros = 0;
    }
    /// Counts the gap up to now as a tick would; call before reading the result so that a stall
    /// still in progress (no tick since) is not missed.
    void tick()
    {
        const qint64 wall = m_clock.elapsed();
        const qint64 cpu = threadCpuMicros();
        m_worstWallMs = std::max(m_worstWallMs, wall - m_lastWallMs);
        m_worstCpuMicros = std::max(m_worstCpuMicros, cpu - m_lastCpuMicros);
        m_lastWallMs = wall;
        m_lastCpuMicros = cpu;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastWallMs = 0;
    qint64 m_lastCpuMicros = 0;
    qint64 m_worstWallMs = 0;
    qint64 m_worstCpuMicros = 0;
};

} // namespace tusk::test
