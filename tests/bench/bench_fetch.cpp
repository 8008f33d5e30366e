// Fetch benchmark (issue 2): 1,000,000 rows x 10 columns through
//   floor        a plain libpq single-row loop (the floor),
//   psql         psql -At > /dev/null,
//   tusk-cli     tusk-cli query --format csv > /dev/null,
//   session      pg::Session, chunks dropped as they arrive,
//   session-keep pg::Session, every chunk kept (memory = what a result grid holds),
//   grid         pg::Session + ResultModel + ResultView (a QTableView) shown offscreen: what the
//                query tool does; also reports when the first rows were painted.
// Each subject runs as its own process (peak RSS from wait4), interleaved over several rounds
// in one run; the median time and the ratio to the floor are printed.
//
// Usage: bench_fetch [--rounds N] [--rows N] [--uri URI]   (without --uri it starts a sandbox)

#include "grid/chunkbatcher.h"
#include "grid/resultmodel.h"
#include "grid/resultview.h"
#include "pg/session.h"
#include "sandbox/localcluster.h"

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <optional>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

namespace {

const char *kQuery = "SELECT * FROM bench_fetch";

int subjectFloor(const char *uri)
{
    PGconn *conn = PQconnectdb(uri);
    if (PQstatus(conn) != CONNECTION_OK) {
        std::fprintf(stderr, "%s", PQerrorMessage(conn));
        return 1;
    }
    PQsendQuery(conn, kQuery);
    PQsetSingleRowMode(conn);
    long long rows = 0, bytes = 0;
    while (PGresult *r = PQgetResult(conn)) {
        const int n = PQntuples(r), cols = PQnfields(r);
        for (int i = 0; i < n; ++i)
            for (int c = 0; c < cols; ++c)
                bytes += PQgetlength(r, i, c);
        rows += n;
        PQclear(r);
    }
    PQfinish(conn);
    std::printf("%lld %lld\n", rows, bytes);
    return 0;
}

int subjectSession(int argc, char **argv, const char *uri, bool keep)
{
    QCoreApplication app(argc, argv);
    tusk::pg::Session session(QStringLiteral("bench"));
    std::vector<tusk::pg::ResultChunk> kept;
    long long rows = 0, bytes = 0;
    QObject::connect(&session, &tusk::pg::Session::connected,
                     [&] { session.execute(QString::fromUtf8(kQuery)); });
    QObject::connect(&session, &tusk::pg::Session::connectionFailed, [](const tusk::pg::Error &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
        QCoreApplication::exit(1);
    });
    QObject::connect(&session, &tusk::pg::Session::rowsArrived,
                     [&](quint64, int, const tusk::pg::ResultChunk &c) {
                         rows += c.rowCount();
                         bytes += c.textSize();
                         if (keep)
                             kept.push_back(c);
                     });
    QObject::connect(&session, &tusk::pg::Session::finished, [] { QCoreApplication::exit(0); });
    QObject::connect(&session, &tusk::pg::Session::failed, [](quint64, const tusk::pg::Error &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
        QCoreApplication::exit(1);
    });
    session.connectTo(*tusk::pg::ConnectionParams::parse(QString::fromUtf8(uri)));
    const int rc = QCoreApplication::exec();
    std::printf("%lld %lld\n", rows, bytes);
    return rc;
}

int subjectGrid(int argc, char **argv, const char *uri)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    tusk::widgets::ResultView view;
    view.resize(1200, 800);
    view.show();
    tusk::pg::Session session(QStringLiteral("bench"));
    tusk::widgets::ChunkBatcher batcher(view.resultModel()); // as the query tool feeds its grid
    QElapsedTimer clock;
    qint64 firstPaintMs = -1;
    long long rows = 0, bytes = 0;
    QObject::connect(&session, &tusk::pg::Session::connected, [&] {
        clock.start();
        session.execute(QString::fromUtf8(kQuery));
    });
    QObject::connect(&session, &tusk::pg::Session::resultStarted,
                     [&](quint64, int, const tusk::pg::Columns &c) { view.resultModel()->setColumns(c); });
    QObject::connect(&session, &tusk::pg::Session::rowsArrived,
                     [&](quint64, int, const tusk::pg::ResultChunk &c) {
                         batcher.push(c);
                         rows += c.rowCount();
                         bytes += c.textSize();
                         if (firstPaintMs < 0) {
                             view.viewport()->repaint(); // the first rows on screen
                             firstPaintMs = clock.elapsed();
                         }
                     });
    QObject::connect(&session, &tusk::pg::Session::finished, [&batcher] {
        batcher.flush();
        QCoreApplication::exit(0);
    });
    QObject::connect(&session, &tusk::pg::Session::failed, [](quint64, const tusk::pg::Error &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
        QCoreApplication::exit(1);
    });
    session.connectTo(*tusk::pg::ConnectionParams::parse(QString::fromUtf8(uri)));
    const int rc = QApplication::exec();
    view.viewport()->repaint();
    std::printf("%lld %lld %lld\n", rows, bytes, firstPaintMs);
    return rc;
}

struct Measurement
{
    double seconds = 0;
    long maxRssKb = 0;
    int status = -1;
};

Measurement runChild(const std::vector<std::string> &args, const char *stdoutPath)
{
    std::vector<char *> argv;
    for (const std::string &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QElapsedTimer t;
    t.start();
    pid_t pid = 0;
    Measurement m;
    if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) {
        std::perror("posix_spawn");
        return m;
    }
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    m.seconds = double(t.nsecsElapsed()) / 1e9;
    m.maxRssKb = ru.ru_maxrss;
    m.status = status;
    posix_spawn_file_actions_destroy(&fa);
    return m;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && std::strcmp(argv[1], "--subject") == 0) {
        const std::string subject = argv[2];
        if (subject == "floor")
            return subjectFloor(argv[3]);
        if (subject == "grid")
            return subjectGrid(argc, argv, argv[3]);
        return subjectSession(argc, argv, argv[3], subject == "session-keep");
    }
    int rounds = 3;
    long rows = 1000000;
    QString uri;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--rounds") == 0)
            rounds = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--rows") == 0)
            rows = std::atol(argv[i + 1]);
        else if (std::strcmp(argv[i], "--uri") == 0)
            uri = QString::fromUtf8(argv[i + 1]);
    }
    QTemporaryDir tmp;
    std::optional<tusk::sandbox::LocalCluster> cluster;
    auto binaries = tusk::tools::PostgresBinaries::find();
    if (!binaries) {
        std::fprintf(stderr, "%s\n", qPrintable(binaries.error()));
        return 1;
    }
    if (uri.isEmpty()) {
        std::fprintf(stderr, "starting a sandbox ...\n");
        auto c = tusk::sandbox::LocalCluster::up({.dir = tmp.filePath(QStringLiteral("sb"))});
        if (!c) {
            std::fprintf(stderr, "%s\n", qPrintable(c.error()));
            return 1;
        }
        cluster = *c;
        uri = cluster->node(QStringLiteral("primary")).uri;
        std::fprintf(stderr, "creating bench_fetch (%ld rows x 10 columns) ...\n", rows);
        auto r = cluster->psql(
            QStringLiteral("primary"),
            QStringLiteral("CREATE TABLE bench_fetch AS SELECT g::int AS i, g::bigint * 1000003 AS b, "
                           "round((g * 1.37)::numeric(12,2), 2)::numeric(12,2) AS n, "
                           "substr(md5(g::text), 1, 20) AS t, "
                           "timestamptz '2026-01-01' + g * interval '1 minute' AS ts, g % 3 = 0 AS f, "
                           "jsonb_build_object('k', g % 10, 'v', 'x') AS j, gen_random_uuid() AS u, "
                           "g / 7.0::float8 AS d, date '2020-01-01' + g % 3000 AS dt "
                           "FROM generate_series(1, %1) g; VACUUM ANALYZE bench_fetch;")
                .arg(rows));
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error()));
            cluster->down();
            return 1;
        }
    }
    const std::string u = uri.toStdString();
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string psql = binaries->program(QStringLiteral("psql")).toStdString();
    const std::map<std::string, std::vector<std::string>> subjects = {
        {"1 floor (libpq single-row)", {self, "--subject", "floor", u}},
        {"2 psql -At", {psql, "-X", "-At", "-d", u, "-c", kQuery}},
        {"3 tusk-cli query --format csv", {TUSK_CLI, "query", "--format", "csv", u, kQuery}},
        {"4 Session (chunks dropped)", {self, "--subject", "session", u}},
        {"5 Session (all chunks kept)", {self, "--subject", "session-keep", u}},
        {"6 Session + ResultModel + view", {self, "--subject", "grid", u}},
    };
    std::map<std::string, std::vector<double>> times;
    std::map<std::string, long> rss;
    const std::string floorOut = tmp.filePath(QStringLiteral("floor.out")).toStdString();
    const std::string gridOut = tmp.filePath(QStringLiteral("grid.out")).toStdString();
    std::vector<double> firstPaint;
    for (int round = 0; round < rounds; ++round) {
        for (const auto &[name, args] : subjects) {
            const bool capture = name.rfind("1 ", 0) == 0 || name.rfind("4 ", 0) == 0;
            const bool grid = name.rfind("6 ", 0) == 0;
            const Measurement m = runChild(args, capture ? floorOut.c_str()
                                                 : grid  ? gridOut.c_str()
                                                         : "/dev/null");
            if (grid) {
                long long r = 0, b = 0, first = -1;
                if (FILE *f = std::fopen(gridOut.c_str(), "r")) {
                    if (std::fscanf(f, "%lld %lld %lld", &r, &b, &first) == 3 && first >= 0)
                        firstPaint.push_back(double(first));
                    std::fclose(f);
                }
            }
            if (m.status != 0) {
                std::fprintf(stderr, "%s failed (status %d)\n", name.c_str(), m.status);
                continue;
            }
            times[name].push_back(m.seconds);
            rss[name] = std::max(rss[name], m.maxRssKb);
        }
        std::fprintf(stderr, "round %d/%d done\n", round + 1, rounds);
    }
    long long fetched = 0, textBytes = 0;
    if (FILE *f = std::fopen(floorOut.c_str(), "r")) {
        if (std::fscanf(f, "%lld %lld", &fetched, &textBytes) != 2)
            fetched = textBytes = 0;
        std::fclose(f);
    }
    const double floor =
        times.count("1 floor (libpq single-row)") ? median(times["1 floor (libpq single-row)"]) : 0;
    std::printf(
        "\nfetch benchmark: %lld rows x 10 columns, %.1f MB of text, median of %d interleaved rounds\n",
        fetched, double(textBytes) / 1e6, rounds);
    std::printf("%-34s %9s %9s %11s %12s\n", "subject", "seconds", "x floor", "peak RSS", "RSS / text");
    for (const auto &[name, t] : times) {
        if (t.empty())
            continue;
        const double s = median(t);
        std::printf("%-34s %9.3f %8.2fx %8.1f MB %11.2fx\n", name.c_str() + 2, s, floor > 0 ? s / floor : 0,
                    double(rss[name]) / 1024.0,
                    textBytes > 0 ? double(rss[name]) * 1024.0 / double(textBytes) : 0);
    }
    if (!firstPaint.empty())
        std::printf("grid: first rows painted %.0f ms after the query was sent (median)\n",
                    median(firstPaint));
    std::printf("targets: Session <= 1.10x floor; Session keeping all chunks and the grid <= 1.5x text size; "
                "first rows < 100 ms\n");
    if (cluster)
        cluster->down();
    return 0;
}
