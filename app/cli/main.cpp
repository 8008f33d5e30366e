#include "explaincommand.h"
#include "monitorcommand.h"
#include "querycommand.h"
#include "sandboxcommand.h"
#include "scriptcommand.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
const char kUsage[] = R"(Usage: tusk-cli COMMAND [OPTIONS]

Tusk's command-line tool (no GUI needed).

Commands:
  query [--format csv|tsv|json] [--max-rows N] CONNINFO SQL
        Run SQL and stream the rows to stdout (CSV by default, RFC 4180).
        CONNINFO is a URI (postgresql://user@host/db), key=value pairs or
        service=NAME; .pgpass and the PG* environment apply as in psql.
        Exit status: 0 ok, 1 SQL error, 2 usage or connection error.
  script [--format csv|tsv|json] [--max-rows N] [--single-transaction] CONNINFO FILE|-
        Run a SQL script statement by statement, as the query tool's Run script:
        rows to stdout, command tags to stderr, psql meta-commands skipped with a
        notice. Stops at the first error and says which statement failed, what
        was committed and what did not run. --single-transaction: all or nothing.
        Exit status: 0 ok, 1 SQL error, 2 usage, file or connection error.
  explain [--input-format auto|json|text|yaml|xml] FILE|-
  explain --analyze CONNINFO SQL
        Read an EXPLAIN plan in any format (bare, or as psql or a log prints it) and
        print {"nodes":[{"id","parent","type","relation","actual_rows",
        "plan_rows","loops","inclusive_ms","exclusive_ms","warnings"}, ...],
        "planning_ms", "execution_ms", "warnings"}.
        With --analyze: run EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of SQL on
        CONNINFO inside a transaction that is always rolled back (the statement
        really runs; nothing it writes is committed) and print that plan.
        Exit status: 0 ok, 1 SQL error (with --analyze), 2 unreadable input,
        usage or connection error.
  monitor --json [--once | --count N] [--interval MS] CONNINFO
        Sample the server's statistics (activity, databases, WAL, checkpoints,
        replication, locks, wraparound, sizes) in one round trip per tick on a
        read-only session named tusk-monitor, and print each sample as one JSON
        line: {"at","connected","server_version","probes":[...],"metrics":
        [{"name","labels","kind","value","rate"}]}. Rates start with the second.
        Exit status: 0 ok, 2 usage or connection error.
  monitor --listen HOST:PORT CONNINFO...
        Serve the same probes to Prometheus: GET http://HOST:PORT/metrics samples
        every CONNINFO (one round trip each) and answers in the Prometheus text
        format, metric names as prometheus-postgres-exporter has them, a server
        label per node, pg_up 0 for a node that is down. :PORT is loopback only.
        Runs until interrupted; exit 2 on a usage error or a port in use.
  sandbox up [--dir DIR] [--replicas N] [--demo] [--workload] [--postgres MAJOR]
        Start a throwaway local cluster (primary + N streaming replicas) and
        print {"dir":..., "nodes":[{"name","role","uri"}, ...]} as JSON.
        --postgres picks a major (Debian's or packaging/fetch-postgres.sh's);
        exit 3 when that major is not installed.
  sandbox versions
        Print the PostgreSQL installations the sandbox can run, one per major.
  sandbox status --dir DIR
        Print the nodes with "running" flags; exit 1 when not all run.
  sandbox uri --dir DIR [--node NAME]
        Print one node's connection URI (default: primary).
  sandbox down --dir DIR
        Stop the sandbox's servers and remove its files.

Options:
  -h, --help      Show this help (also after a command).
  -v, --version   Show the version.
)";
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tusk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUSK_VERSION));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h") ||
        args.first() == QLatin1String("help")) {
        std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("-v")) {
        std::printf("tusk-cli %s\n", TUSK_VERSION);
        return 0;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("query"))
        return tusk::cli::runQuery(args);
    if (command == QLatin1String("script"))
        return tusk::cli::runScript(args);
    if (command == QLatin1String("explain"))
        return tusk::cli::runExplain(args);
    if (command == QLatin1String("monitor"))
        return tusk::cli::runMonitor(args);
    if (command == QLatin1String("sandbox"))
        return tusk::cli::runSandbox(args);
    std::fprintf(stderr, "tusk-cli: unknown command '%s'\n\n%s", qPrintable(command), kUsage);
    return 2;
}
