#pragma once

#include <QtGlobal>

#include <algorithm>
#include <vector>

namespace tusk::monitor {

/// A fixed-capacity ring of points in time order (`T` has `qint64 atMs`): the newest push
/// overwrites the oldest once full. Memory is allocated as it fills, never beyond capacity.
template<typename T> class HistoryRing
{
public:
    explicit HistoryRing(qsizetype capacity = 0)
        : m_capacity(std::max<qsizetype>(capacity, 1))
    {}

    void push(const T &point)
    {
        if (qsizetype(m_items.size()) < m_capacity) {
            if (m_items.size() == m_items.capacity()) // grow by doubling, but never past capacity
                m_items.reserve(size_t(std::min<qsizetype>(std::max<qsizetype>(16, 2 * size()), m_capacity)));
            m_items.push_back(point);
            return;
        }
        m_items[size_t(m_head)] = point;
        m_head = (m_head + 1) % m_capacity;
    }
    qsizetype size() const { return qsizetype(m_items.size()); }
    qsizetype capacity() const { return m_capacity; }
    bool isEmpty() const { return m_items.empty(); }
    /// i = 0 is the oldest point kept.
    const T &at(qsizetype i) const { return m_items[size_t((m_head + i) % qsizetype(m_items.size()))]; }
    const T &newest() const { return at(size() - 1); }
    qint64 oldestMs() const { return isEmpty() ? 0 : at(0).atMs; }

    /// Keeps the newest `capacity` points (a memory limit tightened as series were added).
    void setCapacity(qsizetype capacity)
    {
        capacity = std::max<qsizetype>(capacity, 1);
        if (capacity == m_capacity)
            return;
        std::vector<T> kept;
        const qsizetype keep = std::min(size(), capacity);
        kept.reserve(size_t(keep));
        for (qsizetype i = size() - keep; i < size(); ++i)
            kept.push_back(at(i));
        m_items = std::move(kept);
        m_items.shrink_to_fit();
        m_head = 0;
        m_capacity = capacity;
    }

    /// Index of the first point at or after `ms` (size() when none): the rings are in time order.
    qsizetype lowerBound(qint64 ms) const
    {
        qsizetype lo = 0, hi = size();
        while (lo < hi) {
            const qsizetype mid = (lo + hi) / 2;
            if (at(mid).atMs < ms)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
    qsizetype bytes() const { return qsizetype(m_items.capacity() * sizeof(T)); }

private:
    std::vector<T> m_items;
    qsizetype m_head = 0; ///< index of the oldest point once the ring is full
    qsizetype m_capacity;
};

} // namespace tusk::monitor
