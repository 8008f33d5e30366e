#pragma once

// Test support: measures how long the event loop of the current thread goes without running
// (a UI stall). Ticks every 10 ms; the longest gap between ticks is the worst stall.

#include <QElapsedTimer>
#include <QTimer>

namespace tusk::test {

class StallWatchdog
{
public:
    StallWatchdog()
    {
        m_clock.start();
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
        m_timer.start();
    }
    /// Longest gap between two ticks, minus the tick interval.
    qint64 worstStallMs() const { return std::max<qint64>(0, m_worst - 10); }
    void reset()
    {
        m_worst = 0;
        m_last = m_clock.elapsed();
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

} // namespace tusk::test
