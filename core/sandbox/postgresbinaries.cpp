#include "sandbox/postgresbinaries.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace tusk::sandbox {

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
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList majors = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(majors.begin(), majors.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &m : majors)
        dirs << versions.filePath(m + QStringLiteral("/bin"));
    return dirs;
}

} // namespace

bool PostgresBinaries::hasExtension(const QString &name) const
{
    return QFileInfo::exists(shareDir + QStringLiteral("/extension/") + name + QStringLiteral(".control"));
}

Result<PostgresBinaries, QString> PostgresBinaries::find()
{
    for (const QString &dir : candidateDirs()) {
        if (!hasServerPrograms(dir))
            continue;
        PostgresBinaries b;
        b.binDir = dir;
        const QString pgConfig = dir + QStringLiteral("/pg_config");
        QProcess postgres;
        postgres.start(b.program(QStringLiteral("postgres")), {QStringLiteral("--version")});
        postgres.waitForFinished(10000);
        // "postgres (PostgreSQL) 15.4 (Debian 15.4-1)"
        const QString version = QString::fromLocal8Bit(postgres.readAllStandardOutput()).section(u' ', 2, 2);
        b.majorVersion = version.section(u'.', 0, 0).toInt();
        if (QFileInfo(pgConfig).isExecutable()) {
            b.shareDir = runPgConfig(pgConfig, QStringLiteral("--sharedir"));
            b.pkgLibDir = runPgConfig(pgConfig, QStringLiteral("--pkglibdir"));
        }
        if (b.shareDir.isEmpty() && b.majorVersion > 0)
            b.shareDir = QStringLiteral("/usr/share/postgresql/%1").arg(b.majorVersion);
        return b;
    }
    return QStringLiteral("No PostgreSQL server programs (initdb, pg_ctl, postgres) found. Install "
                          "postgresql-15 (Debian) or set TUSK_PG_BINDIR to the directory that holds them.");
}

} // namespace tusk::sandbox
