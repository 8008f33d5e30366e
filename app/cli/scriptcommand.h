#pragma once

#include <QStringList>

namespace tusk::cli {

/// `tusk-cli script [--format csv|tsv|json] [--max-rows N] [--single-transaction] CONNINFO FILE|-`:
/// runs a SQL script statement by statement (sql::ScriptRunner, as the query tool's Run script),
/// rows to stdout, command tags and messages to stderr, stopping at the first error and saying
/// what was committed. Exit 0 when every statement ran, 1 when one failed, 2 on a usage,
/// file or connection error.
int runScript(const QStringList &args);

} // namespace tusk::cli
