#include "querycommand.h"

#include "export/rowwriter.h"
#include "pg/session.h"
#include "rowoptions.h"
#include "stderrlines.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace tusk::cli {

using namespace tusk::pg;

int runQuery(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run SQL and stream the rows to stdout."));
    parser.addHelpOption();
    addRowOptions(parser);
    parser.addPositionalArgument(QStringLiteral("CONNINFO"),
                                 QStringLiteral("URI, key=value string or service=NAME."));
    parser.addPositionalArgument(QStringLiteral("SQL"), QStringLiteral("The statement(s) to run."));
    if (const auto exit = parseCommandLine(parser, "query", args, 2, "CONNINFO and SQL"))
        return *exit;
    const QStringList pos = parser.positionalArguments();
    exporting::RowFormat format;
    QueryOptions options;
    if (!readRowOptions(parser, "query", &format, &options))
        return 2;
    auto params = ConnectionParams::parse(pos.at(0));
    if (!params) {
        printLine(params.error().toString());
        return 2;
    }

    int exitCode = 0;
    exporting::RowWriter writer(
        format, [](const char *data, qsizetype size) { std::fwrite(data, 1, size_t(size), stdout); });
    Session session(QStringLiteral("tusk-cli"));
    const QString sql = pos.at(1);
    QObject::connect(&session, &Session::connected, [&] { session.execute(sql, options); });
    QObject::connect(&session, &Session::connectionFailed, [&](const Error &e) {
        printLine(e.toString());
        exitCode = 2;
        QCoreApplication::exit(2);
    });
    QObject::connect(&session, &Session::noticeReceived, [](const Notice &n) { printLine(n.toString()); });
    QObject::connect(&session, &Session::resultStarted,
                     [&](quint64, int, const Columns &columns) { writer.beginResult(columns); });
    QObject::connect(&session, &Session::rowsArrived,
                     [&](quint64, int, const ResultChunk &chunk) { writer.writeChunk(chunk); });
    QObject::connect(&session, &Session::resultCompleted, [&](quint64, const ResultSummary &s) {
        // Results without rows (UPDATE, CREATE ...) print their command tag on stderr, as psql would.
        if (s.returnsRows)
            writer.endResult();
        else
            printLine(s.commandTag);
    });
    QObject::connect(&session, &Session::finished, [&](quint64, const RequestSummary &s) {
        if (s.truncated)
            std::fprintf(stderr, "NOTICE:  %s\n", s.truncationReason.toUtf8().constData());
        QCoreApplication::exit(0);
    });
    QObject::connect(&session, &Session::failed, [&](quint64, const Error &e) {
        writer.flush();
        std::fflush(stdout);
        printLine(e.toString());
        exitCode = e.kind == Error::Kind::ConnectionLost ? 2 : 1;
        QCoreApplication::exit(exitCode);
    });
    session.connectTo(*params);
    QCoreApplication::exec();
    writer.flush();
    std::fflush(stdout);
    return exitCode;
}

} // namespace tusk::cli
