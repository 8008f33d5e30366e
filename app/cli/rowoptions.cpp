#include "rowoptions.h"

#include <cstdio>

namespace tusk::cli {

void addRowOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("format"), QStringLiteral("csv (default), tsv or json."),
                      QStringLiteral("format"), QStringLiteral("csv")});
    parser.addOption({QStringLiteral("max-rows"), QStringLiteral("Stop after N rows (0: no limit)."),
                      QStringLiteral("N"), QStringLiteral("0")});
}

bool readRowOptions(const QCommandLineParser &parser, const char *command, exporting::RowFormat *format,
                    pg::QueryOptions *options)
{
    if (!exporting::RowWriter::parseFormat(parser.value(QStringLiteral("format")), format)) {
        std::fprintf(stderr, "tusk-cli %s: unknown --format '%s' (csv, tsv or json)\n", command,
                     qPrintable(parser.value(QStringLiteral("format"))));
        return false;
    }
    bool ok = false;
    options->maxRows = parser.value(QStringLiteral("max-rows")).toLongLong(&ok);
    if (!ok || options->maxRows < 0) {
        std::fprintf(stderr, "tusk-cli %s: --max-rows needs a number >= 0\n", command);
        return false;
    }
    return true;
}

} // namespace tusk::cli
