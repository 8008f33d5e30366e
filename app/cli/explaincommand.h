#pragma once

#include <QStringList>

namespace tusk::cli {

/// `tusk-cli explain [--input-format auto|json] FILE|-`: reads an EXPLAIN (FORMAT JSON) plan
/// (bare or inside a psql frame) and prints its nodes with inclusive/exclusive times and
/// warnings as one JSON object. Exit 0 on success, 2 on a usage error or unreadable input.
/// `tusk-cli explain --analyze CONNINFO SQL`: runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of SQL
/// inside a transaction that is always rolled back and prints that plan the same way. Exit 1 on
/// an SQL error, 2 on a usage or connection error.
int runExplain(const QStringList &args);

} // namespace tusk::cli
