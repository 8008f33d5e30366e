#pragma once

#include <QString>

namespace tusk::explain {

/// One line of psql output without its `|`/`│` borders and its `+`/`↵` continuation mark
/// (trailing spaces removed, leading ones kept). Internal to the pasted-text unwrappers.
QString stripPsqlFrame(const QString &line);

/// A psql rule line (`----+----`, `════`), given trimmed.
bool isPsqlRuleLine(const QString &trimmed);

} // namespace tusk::explain
