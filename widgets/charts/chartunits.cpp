#include "charts/chartunits.h"

#include <QCoreApplication>

#include <cmath>

namespace tusk::widgets {

using monitor::ChartUnit;

namespace {

/// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^n that is ≥ x: steps a reader can add up
/// in their head, close enough that the top is not far above the data.
double niceStep(double x)
{
    if (x <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(x)));
    for (const double f : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (f * magnitude >= x * (1 - 1e-9))
            return f * magnitude;
    }
    return 10 * magnitude;
}

/// Digits after the point a step of this size needs (0.25 → 2, 5 → 0).
int decimalsFor(double step)
{
    int d = 0;
    while (d < 3 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-6)
        ++d;
    return d;
}

struct Prefix
{
    double divisor;
    const char *suffix;
};

/// The divisor and suffix for a value of this size in this unit.
Prefix prefixFor(ChartUnit unit, double v)
{
    switch (unit) {
    case ChartUnit::Bytes:
    case ChartUnit::BytesPerSecond: {
        static const char *const bytes[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        static const char *const rates[] = {"B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s", "PiB/s"};
        int i = 0;
        double d = 1;
        while (i < 5 && v >= 1024 * d) {
            d *= 1024;
            ++i;
        }
        return {d, unit == ChartUnit::Bytes ? bytes[i] : rates[i]};
    }
    case ChartUnit::Seconds:
        if (v >= 2 * 3600)
            return {3600, "h"};
        if (v >= 2 * 60)
            return {60, "min"};
        if (v > 0 && v < 1)
            return {0.001, "ms"};
        return {1, "s"};
    case ChartUnit::Percent:
        return {1, "%"};
    case ChartUnit::PerSecond:
        return {1, "/s"};
    case ChartUnit::PerMinute:
        return {1, "/min"};
    case ChartUnit::Count:
        break;
    }
    return {1, ""};
}

} // namespace

AxisScale axisScaleFor(ChartUnit unit, double maxValue)
{
    AxisScale s;
    // Nothing to show yet (or all zero): whole steps of the base unit, not 0.00 to 1.00.
    if (!(maxValue > 0) || !std::isfinite(maxValue))
        maxValue = unit == ChartUnit::Percent ? 100 : s.ticks - 1;
    const Prefix p = prefixFor(unit, maxValue);
    s.divisor = p.divisor;
    s.suffix = QString::fromLatin1(p.suffix);
    const double top = maxValue / s.divisor;
    // Counts are whole: no axis of sessions at 0.25 steps.
    const bool whole = unit == ChartUnit::Count;
    double step = niceStep(top / (s.ticks - 1));
    if (whole)
        step = std::max(1.0, std::ceil(step));
    s.top = step * (s.ticks - 1);
    if (unit == ChartUnit::Percent && s.top > 100 && maxValue <= 100) {
        s.top = 100;
        step = 25;
    }
    s.decimals = decimalsFor(step);
    return s;
}

QString formatChartValue(ChartUnit unit, double value)
{
    if (std::isnan(value))
        return QCoreApplication::translate("charts", "no data");
    const Prefix p = prefixFor(unit, std::fabs(value));
    const double shown = value / p.divisor;
    const int decimals = unit == ChartUnit::Count && p.divisor == 1 && shown == std::round(shown)
                             ? 0
                             : (std::fabs(shown) >= 100  ? 0
                                : std::fabs(shown) >= 10 ? 1
                                                         : 2);
    const QString number = QString::number(shown, 'f', decimals);
    const QString suffix = QString::fromLatin1(p.suffix);
    if (suffix.isEmpty())
        return number;
    return number + u' ' + suffix;
}

QString unitName(ChartUnit unit)
{
    switch (unit) {
    case ChartUnit::Count:
        return QStringLiteral("count");
    case ChartUnit::PerSecond:
        return QStringLiteral("per second");
    case ChartUnit::PerMinute:
        return QStringLiteral("per minute");
    case ChartUnit::Percent:
        return QStringLiteral("%");
    case ChartUnit::Bytes:
        return QStringLiteral("bytes");
    case ChartUnit::BytesPerSecond:
        return QStringLiteral("bytes per second");
    case ChartUnit::Seconds:
        return QStringLiteral("seconds");
    }
    return {};
}

} // namespace tusk::widgets
