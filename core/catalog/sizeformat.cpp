#include "catalog/sizeformat.h"

#include <array>

namespace tusk::catalog {

namespace {

/// value / base^k with its unit, one decimal below 10 ("1.5"), none above ("24", "1023").
QString scaled(double value, double base, const std::array<const char *, 6> &units)
{
    size_t unit = 0;
    while (value >= base && unit + 1 < units.size()) {
        value /= base;
        ++unit;
    }
    // Rounding 1023.6 up would print "1024 kB": step to the next unit instead.
    if (unit + 1 < units.size() && value >= base - 0.5) {
        value /= base;
        ++unit;
    }
    const int decimals = unit > 0 && value < 9.95 ? 1 : 0;
    return QString::number(value, 'f', decimals) + QLatin1String(units[unit]);
}

} // namespace

QString formatSize(qint64 bytes)
{
    if (bytes < 0)
        return {};
    return scaled(double(bytes), 1024.0, {" B", " kB", " MB", " GB", " TB", " PB"});
}

QString formatRowEstimate(qint64 rows)
{
    if (rows < 0)
        return {};
    if (rows < 10000)
        return QString::number(rows);
    return scaled(double(rows), 1000.0, {"", "k", "M", "G", "T", "P"});
}

} // namespace tusk::catalog
