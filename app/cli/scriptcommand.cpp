#include "scriptcommand.h"

#include "pg/session.h"
#include "rowoptions.h"
#include "sql/scriptrunner.h"
#include "sql/utf8.h"
#include "stderrlines.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace tusk::cli {

using namespace tusk::pg;

namespace {
/// The script's text from a file or stdin ("-"); a null QString (and the reason) when unreadable.
QString readScript(const QString &path, QString *error)
{
    QFile f;
    const bool opened = path == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                                   : (f.setFileName(path), f.open(QIODevice::ReadOnly));
    if (!opened) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    const QByteArray bytes = f.readAll();
    if (!sql::isValidUtf8(bytes)) {
        *error = QStringLiteral("%1 is not valid UTF-8").arg(path);
        return {};
    }
    const QString text = QString::fromUtf8(bytes);
    return text.isNull() ? QStringLiteral("") : text;
}

/// "statement 3 (line 12)" or "the COMMIT Tusk added".
QString where(const sql::ScriptStatement &s, int index, bool explicitTx)
{
    if (s.line == 0)
        return QStringLiteral("the %1 tusk-cli added").arg(s.sql);
    return QStringLiteral("statement %1 (line %2)").arg(explicitTx ? index : index + 1).arg(s.line);
}
} // namespace

int runScript(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run a SQL script statement by statement; stop at the first error."));
    parser.addHelpOption();
    addRowOptions(parser);
    parser.addOption(
        {QStringLiteral("single-transaction"),
         QStringLiteral("Run everything in one transaction: all of it is committed, or nothing.")});
    parser.addPositionalArgument(QStringLiteral("CONNINFO"),
                                 QStringLiteral("URI, key=value string or service=NAME."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The script; - reads stdin."));
    if (const auto exit = parseCommandLine(parser, "script", args, 2, "CONNINFO and FILE"))
        return *exit;
    const QStringList pos = parser.positionalArguments();
    exporting::RowFormat format;
    QueryOptions options;
    if (!readRowOptions(parser, "script", &format, &options))
        return 2;
    const bool singleTx = parser.isSet(QStringLiteral("single-transaction"));
    auto params = ConnectionParams::parse(pos.at(0));
    if (!params) {
        printLine(params.error().toString());
        return 2;
    }
    QString readError;
    const QString script = readScript(pos.at(1), &readError);
    if (script.isNull()) {
        printLine(QStringLiteral("tusk-cli script: ") + readError);
        return 2;
    }
    QStringList skipped;
    QList<sql::ScriptStatement> statements = sql::ScriptRunner::fromScript(script, &skipped);
    for (const QString &meta : std::as_const(skipped))
        printLine(QStringLiteral("NOTICE:  skipped psql meta-command on %1").arg(meta));
    if (statements.isEmpty()) {
        printLine(QStringLiteral("tusk-cli script: no SQL statements in %1").arg(pos.at(1)));
        return 0;
    }
    if (singleTx)
        statements << sql::ScriptStatement{QStringLiteral("COMMIT"), -1, 0};
    const int userStatements = int(statements.size()) - (singleTx ? 1 : 0);

    int exitCode = 0;
    exporting::RowWriter writer(
        format, [](const char *data, qsizetype size) { std::fwrite(data, 1, size_t(size), stdout); });
    Session session(QStringLiteral("tusk-cli"));
    sql::ScriptRunner runner(&session);
    runner.setExplicitTransaction(singleTx);
    runner.setQueryOptions(options);
    QObject::connect(&session, &Session::connected, [&] { runner.start(statements); });
    QObject::connect(&session, &Session::connectionFailed, [&](const Error &e) {
        printLine(e.toString());
        exitCode = 2;
        QCoreApplication::exit(2);
    });
    QObject::connect(&session, &Session::noticeReceived, [](const Notice &n) { printLine(n.toString()); });
    QObject::connect(&runner, &sql::ScriptRunner::resultStarted,
                     [&](int, int, const Columns &columns) { writer.beginResult(columns); });
    QObject::connect(&runner, &sql::ScriptRunner::rowsArrived,
                     [&](int, int, const ResultChunk &chunk) { writer.writeChunk(chunk); });
    QObject::connect(&runner, &sql::ScriptRunner::resultCompleted, [&](int, const ResultSummary &s) {
        if (s.returnsRows)
            writer.endResult();
        else
            printLine(s.commandTag);
    });
    int lastFailed = -1;
    QObject::connect(&runner, &sql::ScriptRunner::statementFinished, [&](const sql::StatementOutcome &o) {
        if (o.truncated)
            printLine(QStringLiteral("NOTICE:  ") + o.truncationReason);
        if (!o.error)
            return;
        writer.flush();
        std::fflush(stdout);
        lastFailed = o.index;
        printLine(QStringLiteral("%1 failed:").arg(where(o.statement, o.index, singleTx)));
        printLine(o.error->toString());
        exitCode = o.error->kind == Error::Kind::ConnectionLost ? 2 : 1;
    });
    QObject::connect(&runner, &sql::ScriptRunner::finished, [&](const sql::ScriptOutcome &outcome) {
        if (lastFailed >= 0) {
            // What was committed, truthfully: in one transaction nothing; else what ran before.
            const int ranBefore = singleTx ? 0 : outcome.succeeded;
            const int notRun = outcome.notRun - (singleTx && outcome.notRun > 0 ? 1 : 0); // the COMMIT
            if (singleTx)
                printLine(QStringLiteral("Nothing was committed: the transaction is rolled back."));
            else
                printLine(QStringLiteral("%1 of %2 statement(s) ran and are committed; %3 after the failing "
                                         "one did not run.")
                              .arg(ranBefore)
                              .arg(userStatements)
                              .arg(notRun));
        }
        QCoreApplication::exit(exitCode);
    });
    session.connectTo(*params);
    QCoreApplication::exec();
    writer.flush();
    std::fflush(stdout);
    return exitCode;
}

} // namespace tusk::cli
