#include "rowoptions.h"

#include <cstdio>

namespace tusk::cli {

std::optional<int> parseCommandLine(QCommandLineParser &parser, const char *command, const QStringList &args,
                                    int positional, const char *expected)
{
    if (!parser.parse(QStringList{QStringLiteral("tusk-cli ") + QLatin1String(command)} + args)) {
        std::fprintf(stderr, "tusk-cli %s: %s\n", command, qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        return 0;
    }
    const qsizetype given = parser.positionalArguments().size();
    if (positional >= 0 ? given != positional : given < 1) {
        std::fprintf(stderr, "tusk-cli %s: expected %s (see --help)\n", command, expected);
        return 2;
    }
    return std::nullopt;
}

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
