#include "explain/plananalysis.h"
#include "explain/plananalysis_p.h"

#include <algorithm>
#include <limits>

namespace tusk::explain {

namespace {

constexpr qint64 Buffers::*kCounters[] = {
    &Buffers::sharedHit, &Buffers::sharedRead,  &Buffers::sharedDirtied, &Buffers::sharedWritten,
    &Buffers::localHit,  &Buffers::localRead,   &Buffers::localDirtied,  &Buffers::localWritten,
    &Buffers::tempRead,  &Buffers::tempWritten,
};
constexpr double Buffers::*kTimes[] = {&Buffers::ioReadTimeMs, &Buffers::ioWriteTimeMs};

// max(0, a − b), rounded, computed in double: the counters come from the input and may be
// anything, and qint64 arithmetic on them could overflow.
qint64 minusClamped(qint64 a, double b)
{
    const double r = double(a) - b;
    if (!(r > 0))
        return 0;
    return r >= 9.2e18 ? std::numeric_limits<qint64>::max() : qint64(r + 0.5);
}

// a − b × fraction, counter by counter, never below 0.
void subtract(Buffers *a, const Buffers &b, double fraction = 1)
{
    for (auto counter : kCounters)
        a->*counter = minusClamped(a->*counter, double(b.*counter) * fraction);
    for (auto time : kTimes)
        a->*time = std::max(0.0, a->*time - b.*time * fraction);
}

double ioMs(const Buffers &b)
{
    return b.ioReadTimeMs + b.ioWriteTimeMs;
}

} // namespace

double PlanAnalysis::blocksTouched(const Buffers &b)
{
    return double(b.sharedHit) + double(b.sharedRead) + double(b.localHit) + double(b.localRead) +
           double(b.tempRead) + double(b.tempWritten);
}

void PlanAnalysis::computeBuffers(const Plan &plan)
{
    const CteLinks cte = findCteLinks(plan);
    for (const PlanNode &n : plan.nodes) {
        Buffers own = n.buffers;
        for (int c : n.children) {
            if (!cte.absorbed.contains(c))
                subtract(&own, plan.nodes.at(c).buffers);
        }
        m_timings[n.id].exclusiveBuffers = own;
    }
    // The CTE's blocks are inside the CTE Scans' counters: split them by what each scan touched.
    for (auto it = cte.scans.cbegin(); it != cte.scans.cend(); ++it) {
        const int subplan = cte.subplans.value(it.key(), -1);
        if (subplan < 0)
            continue;
        double scansBlocks = 0;
        for (int s : it.value())
            scansBlocks += blocksTouched(plan.nodes.at(s).buffers);
        for (int s : it.value()) {
            const double fraction = scansBlocks > 0 ? blocksTouched(plan.nodes.at(s).buffers) / scansBlocks
                                                    : 1.0 / double(it.value().size());
            subtract(&m_timings[s].exclusiveBuffers, plan.nodes.at(subplan).buffers, fraction);
        }
    }
    for (const NodeTiming &t : std::as_const(m_timings)) {
        m_totalBlocks += blocksTouched(t.exclusiveBuffers);
        m_totalIoMs += ioMs(t.exclusiveBuffers);
    }
    for (NodeTiming &t : m_timings) {
        t.bufferShare = m_totalBlocks > 0 ? blocksTouched(t.exclusiveBuffers) / m_totalBlocks : 0;
        t.ioShare = m_totalIoMs > 0 ? ioMs(t.exclusiveBuffers) / m_totalIoMs : 0;
    }
}

} // namespace tusk::explain
