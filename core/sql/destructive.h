#pragma once

#include <QString>

namespace tusk::sql {

/// Why a statement would destroy data or objects (DROP, TRUNCATE, DELETE or UPDATE without
/// WHERE, ALTER … DROP), or an empty string when it would not. Comments, string literals and
/// quoted identifiers are ignored, so `SELECT 'drop table'` is harmless. Used to ask before
/// running such statements on production connections.
QString destructiveReason(const QString &statement);

} // namespace tusk::sql
