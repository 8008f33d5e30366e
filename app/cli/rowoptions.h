#pragma once

// tusk-cli: the command line of the commands that print rows (query, script), read in one way.

#include "export/rowwriter.h"
#include "pg/request.h"

#include <QCommandLineParser>

#include <optional>

namespace tusk::cli {

/// Parses `tusk-cli <command> args` with a help option and `positional` arguments (-1: one or
/// more): an exit code
/// when the command ends here (0 after printing --help, 2 with the message on stderr), else none.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const char *command, const QStringList &args,
                                    int positional, const char *expected);
/// Adds --format and --max-rows.
void addRowOptions(QCommandLineParser &parser);
/// Reads them; false, with the message on stderr ("tusk-cli <command>: …"), when one is wrong.
bool readRowOptions(const QCommandLineParser &parser, const char *command, exporting::RowFormat *format,
                    pg::QueryOptions *options);

} // namespace tusk::cli
