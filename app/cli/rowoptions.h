#pragma once

// tusk-cli: the options of the commands that print rows (query, script), parsed in one way.

#include "export/rowwriter.h"
#include "pg/request.h"

#include <QCommandLineParser>

namespace tusk::cli {

/// Adds --format and --max-rows.
void addRowOptions(QCommandLineParser &parser);
/// Reads them; false, with the message on stderr ("tusk-cli <command>: …"), when one is wrong.
bool readRowOptions(const QCommandLineParser &parser, const char *command, exporting::RowFormat *format,
                    pg::QueryOptions *options);

} // namespace tusk::cli
