#pragma once

#include <QString>
#include <QStringList>

namespace tusk::explain {

/// The column names an EXPLAIN condition refers to, in order of appearance and without their
/// table qualifier: `((big.v ~~ 'abc%'::text) AND (big.grp > 10))` gives {"v", "grp"}. String
/// literals, casts, function names, keywords, parameters and SubPlan references are skipped.
/// A heuristic for advice ("an index on …"), not a SQL parser.
QStringList columnsInCondition(const QString &condition);

} // namespace tusk::explain
