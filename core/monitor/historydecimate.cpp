#include "monitor/historydecimate.h"

#include <algorithm>

namespace tusk::monitor {

QList<HistoryPoint> decimateMinMax(const QList<HistoryPoint> &points, qint64 fromMs, qint64 toMs, int buckets)
{
    if (buckets <= 0 || points.size() <= 2 * qsizetype(buckets) || toMs <= fromMs)
        return points;
    QList<HistoryPoint> out;
    out.reserve(2 * buckets + 2);
    const double width = double(toMs - fromMs) / buckets;
    qsizetype i = 0;
    const qsizetype n = points.size();
    while (i < n) {
        const qint64 slice = std::clamp<qint64>(qint64((points[i].atMs - fromMs) / width), -1, buckets);
        const HistoryPoint *low = nullptr;
        const HistoryPoint *high = nullptr;
        const HistoryPoint *gap = nullptr;
        for (; i < n && std::clamp<qint64>(qint64((points[i].atMs - fromMs) / width), -1, buckets) == slice;
             ++i) {
            const HistoryPoint &p = points[i];
            if (p.isGap()) {
                if (!gap)
                    gap = &p;
                continue;
            }
            if (!low || p.value < low->value)
                low = &p;
            if (!high || p.value > high->value)
                high = &p;
        }
        // In time order, so the line is drawn left to right: low and high as they came, and
        // the gap where it happened relative to them.
        const HistoryPoint *picked[3] = {low, high != low ? high : nullptr, gap};
        std::sort(std::begin(picked), std::end(picked), [](const HistoryPoint *a, const HistoryPoint *b) {
            if (!a || !b)
                return a != nullptr && b == nullptr;
            return a->atMs < b->atMs;
        });
        for (const HistoryPoint *p : picked) {
            if (p)
                out.append(*p);
        }
    }
    return out;
}

} // namespace tusk::monitor
