#pragma once

#include <QString>

namespace tusk::catalog {

/// A size for a narrow column, in PostgreSQL's units (1 kB = 1024 bytes): "0 B", "816 B",
/// "8.0 kB", "24 kB", "1.5 GB". Two significant digits at least, at most four characters of digits.
QString formatSize(qint64 bytes);

/// A row estimate for a narrow column: exact below 10,000 ("9876"), then "12k", "1.2M", "3.4G".
QString formatRowEstimate(qint64 rows);

} // namespace tusk::catalog
