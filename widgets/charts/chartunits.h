#pragma once

#include "monitor/dashboardspec.h"

#include <QString>

namespace tusk::widgets {

/// How a value axis shows a chart's unit: values are divided by `divisor` and labelled with
/// `suffix` ("MiB/s"), with `decimals` digits, up to a round `top` (in divided units).
struct AxisScale
{
    double divisor = 1;
    QString suffix;
    int decimals = 0;
    double top = 1;
    int ticks = 5; ///< including 0 and top
};

/// The axis for values up to `maxValue` (≥ 0): binary prefixes for bytes, minutes and hours
/// for long durations, a round top with 4 equal steps, decimals only when a step needs them.
AxisScale axisScaleFor(monitor::ChartUnit unit, double maxValue);

/// One value as the crosshair and the CSV-free text show it: "12.4 MiB/s", "98.7 %", "3.2 /s".
QString formatChartValue(monitor::ChartUnit unit, double value);

/// The unit's name for a CSV header or an axis title: "bytes/s", "%", "per second".
QString unitName(monitor::ChartUnit unit);

} // namespace tusk::widgets
