#pragma once

#include "monitor/historypoint.h"

#include <QList>

namespace tusk::monitor {

/// At most about 2 × `buckets` points that draw the same line as `points` at that width: for
/// each of `buckets` equal slices of [fromMs, toMs], the lowest and the highest point, in time
/// order (a one-second spike stays visible in an hour drawn on 600 pixels, which a mean would
/// flatten). A gap in a slice is kept as one gap point so the line still breaks there. Points
/// must be in time order; fewer points than 2 × buckets come back as they are.
QList<HistoryPoint> decimateMinMax(const QList<HistoryPoint> &points, qint64 fromMs, qint64 toMs,
                                   int buckets);

} // namespace tusk::monitor
