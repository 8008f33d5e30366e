// What monitoring costs the server and the workstation: Tusk's sampler and its Prometheus
// exporter beside pg_activity and prometheus-postgres-exporter, all four watching the same busy
// sandbox at the same time, each as a role of its own so that pg_stat_statements tells their
// server time apart.
//
//   tusk            tusk-cli monitor --json --interval 1000 (the sampler a dashboard runs)
//   tusk-exporter   tusk-cli monitor --listen, scraped every second
//   pg_activity     pg_activity at its default 2 s refresh, in a pseudo-terminal (script -c)
//   postgres_exp    prometheus-postgres-exporter (defaults), scraped every second
//
// The sandbox: pgbench -c CLIENTS at a fixed rate, IDLE idle sessions, DATABASES databases and
// TABLES tables in the one the tools connect to. Prints per subject the server time of its
// statements per second (execution + planning, pg_stat_statements.track_planning on), its
// statements per second, its client CPU (% of one core) and RSS growth extrapolated to an hour,
// then the ratios the issue sets targets for. Not a pass/fail test.
//
// Usage: bench_monitor [--seconds 60] [--databases 1000] [--tables 10000] [--clients 20]
//                      [--idle 180] [--rate 400]

#include "sandbox/localcluster.h"
#include "tools/postgresbinaries.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace {

using tusk::sandbox::LocalCluster;

struct Options
{
    int seconds = 60;
    int databases = 1000;
    int tables = 10000;
    int clients = 20;
    int idle = 180;
    int rate = 400;
};

int freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

/// A process and its descendants (pg_activity runs under script), from /proc.
QList<qint64> processTree(qint64 pid)
{
    QList<qint64> all{pid};
    for (qsizetype i = 0; i < all.size(); ++i) {
        QDir task(QStringLiteral("/proc/%1/task").arg(all[i]));
        for (const QString &tid : task.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile children(task.filePath(tid + QStringLiteral("/children")));
            if (!children.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &c : children.readAll().split(' '))
                if (!c.trimmed().isEmpty())
                    all.append(c.trimmed().toLongLong());
        }
    }
    return all;
}

/// The sum of what `read` finds in /proc/PID/FILE over the tree.
double sumOverTree(qint64 pid, const char *file, double (*read)(const QByteArray &))
{
    double sum = 0;
    for (qint64 p : processTree(pid)) {
        QFile f(QStringLiteral("/proc/%1/%2").arg(p).arg(QLatin1String(file)));
        if (f.open(QIODevice::ReadOnly))
            sum += read(f.readAll());
    }
    return sum;
}

/// utime + stime of the tree, in seconds.
double cpuSeconds(qint64 pid)
{
    return sumOverTree(pid, "stat",
                       [](const QByteArray &line) {
                           // Fields after the command name (which may hold spaces) in parentheses.
                           const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
                           return f.size() > 12 ? f[11].toDouble() + f[12].toDouble() : 0.0;
                       }) /
           double(sysconf(_SC_CLK_TCK));
}

/// Resident set of the tree, in MB.
double rssMb(qint64 pid)
{
    return sumOverTree(pid, "status",
                       [](const QByteArray &status) {
                           for (const QByteArray &l : status.split('\n'))
                               if (l.startsWith("VmRSS:"))
                                   return l.mid(6).trimmed().split(' ').first().toDouble();
                           return 0.0;
                       }) /
           1024.0;
}

struct Subject
{
    QString name;
    QString role;
    std::unique_ptr<QProcess> process;
    QString scrapeUrl; ///< empty: the tool samples by itself
    int scrapes = 0;
    int scrapeFailures = 0;
    qint64 scrapeBytes = 0;
    double cpu0 = 0, rss0 = 0, cpu1 = 0, rss1 = 0;
};

int fail(const QString &why, std::optional<LocalCluster> &cluster)
{
    std::fprintf(stderr, "bench_monitor: %s\n", qPrintable(why));
    if (cluster)
        cluster->down();
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const int v = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--seconds"))
            o.seconds = v;
        else if (!std::strcmp(argv[i], "--databases"))
            o.databases = v;
        else if (!std::strcmp(argv[i], "--tables"))
            o.tables = v;
        else if (!std::strcmp(argv[i], "--clients"))
            o.clients = v;
        else if (!std::strcmp(argv[i], "--idle"))
            o.idle = v;
        else if (!std::strcmp(argv[i], "--rate"))
            o.rate = v;
    }
    const QString pgActivity = QStandardPaths::findExecutable(QStringLiteral("pg_activity"));
    const QString exporter = QStandardPaths::findExecutable(QStringLiteral("prometheus-postgres-exporter"));
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (pgActivity.isEmpty() || exporter.isEmpty() || script.isEmpty()) {
        std::fprintf(stderr, "bench_monitor needs pg_activity, prometheus-postgres-exporter and script "
                             "(apt-get install pg-activity prometheus-postgres-exporter bsdutils)\n");
        return 1;
    }

    QTemporaryDir tmp;
    std::optional<LocalCluster> cluster;
    std::fprintf(stderr, "starting a sandbox ...\n");
    auto up = LocalCluster::up({.dir = tmp.filePath(QStringLiteral("sb"))});
    if (!up)
        return fail(up.error(), cluster);
    cluster = *up;
    const QString primary = QStringLiteral("primary");
    auto sql = [&](const QString &text, const QString &db = QStringLiteral("postgres")) {
        return cluster->psql(primary, text, db);
    };
    // Room for the sessions, and planning time counted as server time too.
    if (auto r = sql(QStringLiteral("ALTER SYSTEM SET max_connections = %1;"
                                    "ALTER SYSTEM SET pg_stat_statements.track_planning = on;"
                                    "ALTER SYSTEM SET pg_stat_statements.max = 10000;")
                         .arg(o.clients + o.idle + 60));
        !r)
        return fail(r.error(), cluster);
    if (auto r = cluster->stopNode(primary); !r)
        return fail(r.error(), cluster);
    if (auto r = cluster->startNode(primary); !r)
        return fail(r.error(), cluster);

    std::fprintf(stderr, "creating %d databases and %d tables ...\n", o.databases, o.tables);
    QElapsedTimer setup;
    setup.start();
    const auto versionNum = sql(QStringLiteral("SHOW server_version_num"));
    const int major = versionNum ? versionNum->trimmed().toInt() / 10000 : 0;
    // FILE_COPY: WAL_LOG (15's default) writes every page of the template into WAL.
    const QString strategy = major >= 15 ? QStringLiteral(" STRATEGY = FILE_COPY") : QString();
    if (auto r = sql(QStringLiteral("SELECT format('CREATE DATABASE %I%2', 'bench_db_' || g) "
                                    "FROM generate_series(1, %1) g \\gexec")
                         .arg(o.databases)
                         .arg(strategy));
        !r)
        return fail(r.error(), cluster);
    // One transaction per table (\gexec): 10,000 in one would run out of lock slots.
    if (auto r =
            sql(QStringLiteral("SELECT format('CREATE TABLE bench_t_%s (id int PRIMARY KEY, v text)', g) "
                               "FROM generate_series(1, %1) g \\gexec")
                    .arg(o.tables));
        !r)
        return fail(r.error(), cluster);
    const QStringList roles{QStringLiteral("bench_tusk"), QStringLiteral("bench_tusk_exporter"),
                            QStringLiteral("bench_pg_activity"), QStringLiteral("bench_postgres_exporter")};
    for (const QString &role : roles) {
        if (auto r = sql(QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE pg_monitor").arg(role)); !r)
            return fail(r.error(), cluster);
    }
    std::fprintf(stderr, "  %.0f s\n", setup.elapsed() / 1000.0);

    const QString pgbench = cluster->binaries().clientProgram(QStringLiteral("pgbench"));
    const QString sock = cluster->socketDir();
    const QString port = QString::number(cluster->node(primary).port);
    QProcess init;
    init.start(pgbench, {QStringLiteral("-i"), QStringLiteral("-q"), QStringLiteral("-s"),
                         QStringLiteral("10"), QStringLiteral("-h"), sock, QStringLiteral("-p"), port,
                         QStringLiteral("-U"), QStringLiteral("tusk"), QStringLiteral("postgres")});
    if (!init.waitForFinished(600000) || init.exitCode() != 0)
        return fail(QStringLiteral("pgbench -i: ") + QString::fromLocal8Bit(init.readAllStandardError()),
                    cluster);

    // The load lasts past the measurement; the idle sessions send one query a minute.
    const int loadSeconds = o.seconds + 60;
    QFile idleScript(tmp.filePath(QStringLiteral("idle.sql")));
    idleScript.open(QIODevice::WriteOnly);
    idleScript.write("SELECT 1;\n\\sleep 60 s\n");
    idleScript.close();
    auto startPgbench = [&](const QStringList &extra) {
        auto p = std::make_unique<QProcess>();
        p->setStandardOutputFile(QProcess::nullDevice());
        p->setStandardErrorFile(QProcess::nullDevice());
        p->start(pgbench,
                 QStringList{QStringLiteral("-n"), QStringLiteral("-T"), QString::number(loadSeconds),
                             QStringLiteral("-h"), sock, QStringLiteral("-p"), port, QStringLiteral("-U"),
                             QStringLiteral("tusk")}
                     << extra << QStringLiteral("postgres"));
        return p;
    };
    auto busy = startPgbench({QStringLiteral("-c"), QString::number(o.clients), QStringLiteral("-j"),
                              QStringLiteral("2"), QStringLiteral("-R"), QString::number(o.rate)});
    auto idle = startPgbench({QStringLiteral("-c"), QString::number(o.idle), QStringLiteral("-j"),
                              QStringLiteral("2"), QStringLiteral("-f"), idleScript.fileName()});

    auto conninfo = [&](const QString &role) {
        return QStringLiteral("host=%1 port=%2 user=%3 dbname=postgres").arg(sock, port, role);
    };
    std::vector<Subject> subjects; // not moved once scraping starts: the replies hold references
    subjects.reserve(4);
    auto add = [&](const QString &name, const QString &role, const QString &program, const QStringList &args,
                   const QString &scrapeUrl,
                   const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment()) {
        Subject s{name, role, std::make_unique<QProcess>(), scrapeUrl};
        s.process->setProcessEnvironment(env);
        s.process->setStandardOutputFile(QProcess::nullDevice());
        s.process->setStandardErrorFile(tmp.filePath(name + QStringLiteral(".err")));
        s.process->start(program, args);
        subjects.push_back(std::move(s));
    };
    const int tuskPort = freePort();
    const int exporterPort = freePort();
    add(QStringLiteral("tusk"), roles[0], QStringLiteral(TUSK_CLI),
        {QStringLiteral("monitor"), QStringLiteral("--json"), QStringLiteral("--interval"),
         QStringLiteral("1000"), conninfo(roles[0])},
        {});
    add(QStringLiteral("tusk-exporter"), roles[1], QStringLiteral(TUSK_CLI),
        {QStringLiteral("monitor"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(tuskPort),
         conninfo(roles[1])},
        QStringLiteral("http://127.0.0.1:%1/metrics").arg(tuskPort));
    QProcessEnvironment term = QProcessEnvironment::systemEnvironment();
    term.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
    term.insert(QStringLiteral("COLUMNS"), QStringLiteral("200"));
    term.insert(QStringLiteral("LINES"), QStringLiteral("60"));
    add(QStringLiteral("pg_activity"), roles[2], script,
        {QStringLiteral("-qfec"),
         QStringLiteral("stty cols 200 rows 60; exec %1 -h %2 -p %3 -U %4 -d postgres")
             .arg(pgActivity, sock, port, roles[2]),
         QStringLiteral("/dev/null")},
        {}, term);
    QProcessEnvironment dsn = QProcessEnvironment::systemEnvironment();
    dsn.insert(QStringLiteral("DATA_SOURCE_NAME"), conninfo(roles[3]) + QStringLiteral(" sslmode=disable"));
    add(QStringLiteral("postgres_exp"), roles[3], exporter,
        {QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(exporterPort)},
        QStringLiteral("http://127.0.0.1:%1/metrics").arg(exporterPort), dsn);

    QNetworkAccessManager network;
    QTimer scrape;
    scrape.setInterval(1000);
    QObject::connect(&scrape, &QTimer::timeout, [&] {
        for (Subject &s : subjects) {
            if (s.scrapeUrl.isEmpty())
                continue;
            QNetworkReply *reply = network.get(QNetworkRequest(QUrl(s.scrapeUrl)));
            QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &s] {
                const QByteArray body = reply->readAll();
                ++s.scrapes;
                s.scrapeBytes += body.size();
                if (reply->error() != QNetworkReply::NoError || !body.contains("pg_up"))
                    ++s.scrapeFailures;
                reply->deleteLater();
            });
        }
    });
    scrape.start();
    auto wait = [](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };

    // Warm-up: connections made, first samples (and statement texts) fetched.
    std::fprintf(stderr, "warming up (10 s), then measuring %d s ...\n", o.seconds);
    wait(10000);
    for (Subject &s : subjects) {
        if (s.process->state() != QProcess::Running)
            return fail(s.name + QStringLiteral(" exited early: ") + QString::fromLocal8Bit([&] {
                            QFile f(tmp.filePath(s.name + QStringLiteral(".err")));
                            f.open(QIODevice::ReadOnly);
                            return f.readAll();
                        }()),
                        cluster);
        s.scrapes = s.scrapeFailures = 0;
        s.scrapeBytes = 0;
    }
    if (auto r = sql(QStringLiteral("SELECT pg_stat_statements_reset()")); !r)
        return fail(r.error(), cluster);
    for (Subject &s : subjects) {
        s.cpu0 = cpuSeconds(s.process->processId());
        s.rss0 = rssMb(s.process->processId());
    }
    QElapsedTimer measured;
    measured.start();
    wait(o.seconds * 1000);
    const double elapsed = measured.elapsed() / 1000.0;
    for (Subject &s : subjects) {
        s.cpu1 = cpuSeconds(s.process->processId());
        s.rss1 = rssMb(s.process->processId());
    }
    const auto perRole = sql(
        QStringLiteral("SELECT r.rolname, sum(s.total_exec_time + s.total_plan_time), sum(s.calls), count(*) "
                       "FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid "
                       "WHERE r.rolname LIKE 'bench\\_%' GROUP BY 1"));
    const auto top = sql(QStringLiteral(
        "SELECT rolname, ms, calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM ("
        " SELECT r.rolname, round((s.total_exec_time + s.total_plan_time)::numeric, 1) AS ms, s.calls, "
        "s.query,"
        " row_number() OVER (PARTITION BY r.rolname ORDER BY s.total_exec_time + s.total_plan_time DESC) AS n"
        " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname LIKE 'bench\\_%') t "
        "WHERE n <= 3 ORDER BY rolname, ms DESC"));
    scrape.stop();
    for (Subject &s : subjects) {
        s.process->terminate();
        if (!s.process->waitForFinished(5000))
            s.process->kill();
    }
    for (auto *p : {busy.get(), idle.get()}) {
        p->terminate();
        if (!p->waitForFinished(5000))
            p->kill();
    }
    if (!perRole)
        return fail(perRole.error(), cluster);

    struct Row
    {
        double ms = 0, calls = 0;
        int statements = 0;
    };
    QHash<QString, Row> rows;
    for (const QString &line : perRole->split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList f = line.split(u'|');
        if (f.size() == 4)
            rows[f[0]] = {f[1].toDouble(), f[2].toDouble(), f[3].toInt()};
    }
    std::printf(
        "bench_monitor: PostgreSQL %d, %d databases, %d tables, pgbench -c %d -R %d, %d idle sessions, "
        "%.0f s measured\n\n",
        major, o.databases, o.tables, o.clients, o.rate, o.idle, elapsed);
    std::printf("%-14s %12s %11s %11s %10s %12s %9s\n", "subject", "server ms/s", "stmts/s", "distinct",
                "CPU %", "RSS MB/h", "scrapes");
    QHash<QString, double> serverPerSecond;
    for (const Subject &s : subjects) {
        const Row r = rows.value(s.role);
        serverPerSecond[s.name] = r.ms / elapsed;
        const QString scrapes = s.scrapeUrl.isEmpty()
                                    ? QStringLiteral("-")
                                    : QStringLiteral("%1 (%2 failed, %3 kB each)")
                                          .arg(s.scrapes)
                                          .arg(s.scrapeFailures)
                                          .arg(s.scrapes ? s.scrapeBytes / s.scrapes / 1024 : 0);
        std::printf("%-14s %12.3f %11.2f %11d %10.2f %12.1f %s\n", qPrintable(s.name), r.ms / elapsed,
                    r.calls / elapsed, r.statements, 100.0 * (s.cpu1 - s.cpu0) / elapsed,
                    (s.rss1 - s.rss0) * 3600.0 / elapsed, qPrintable(scrapes));
    }
    auto ratio = [&](const char *a, const char *b) {
        const double d = serverPerSecond.value(QLatin1String(b));
        return d > 0 ? serverPerSecond.value(QLatin1String(a)) / d : 0.0;
    };
    std::printf("\nserver time ratios: tusk (1 s) / pg_activity (2 s) = %.3f (target <= 0.2); "
                "tusk-exporter / postgres_exporter = %.3f (target <= 0.5, all families)\n",
                ratio("tusk", "pg_activity"), ratio("tusk-exporter", "postgres_exp"));
    std::printf("target: tusk <= 0.7 ms of server time per second: %.3f\n",
                serverPerSecond.value(QStringLiteral("tusk")));
    if (top) {
        std::printf("\nthe three most expensive statements of each (ms over the run, calls):\n");
        for (const QString &line : top->split(u'\n', Qt::SkipEmptyParts)) {
            const QStringList f = line.split(u'|');
            if (f.size() == 4)
                std::printf("  %-24s %9s %6s  %s\n", qPrintable(f[0]), qPrintable(f[1]), qPrintable(f[2]),
                            qPrintable(f[3]));
        }
    }
    cluster->down();
    return 0;
}
