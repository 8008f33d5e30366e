#pragma once

#include <QStringList>

namespace tusk::cli {

/// `tusk-cli query [--format csv|tsv|json] [--max-rows N] CONNINFO SQL`: streams rows to stdout
/// as they arrive. Exit 0 on success, 1 on an SQL error, 2 on a usage or connection error.
int runQuery(const QStringList &args);

} // namespace tusk::cli
