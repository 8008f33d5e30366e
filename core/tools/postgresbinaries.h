#pragma once

#include "result.h"

#include <QList>
#include <QString>

namespace tusk::tools {

/// Client programs of one installation (pg_dump, pg_restore, psql, …) and their version.
struct ClientTools
{
    QString binDir;
    int majorVersion = 0;
    QString version; ///< `pg_dump --version`'s number, e.g. "15.4"

    QString program(const QString &name) const { return binDir + u'/' + name; }
};

/// Where the PostgreSQL server programs of one installation are, and which extensions it has.
///
/// `find()` gives the default installation: TUSK_PG_BINDIR, pg_config, PATH, then
/// /usr/lib/postgresql/<major>/bin, newest first. `find(major)` gives one major: Debian's
/// /usr/lib/postgresql/<major>/bin first, then the npm builds that packaging/fetch-postgres.sh
/// keeps in cacheDir()/<major>/native (server programs and contrib only: no psql, pg_dump or
/// pg_basebackup, which then come from the newest other installation, see clientBinDir).
/// @code
/// auto pg13 = PostgresBinaries::find(13);
/// if (!pg13) QSKIP(qPrintable(pg13.error())); // says what is missing and how to get it
/// @endcode
struct PostgresBinaries
{
    enum class Origin { System, NpmCache };

    QString binDir;       ///< initdb, pg_ctl, postgres (symlinks resolved)
    int majorVersion = 0; ///< 15
    QString version;      ///< `postgres --version`'s number, e.g. "15.4"
    QString shareDir;     ///< for extension control files
    QString pkgLibDir;    ///< for extension libraries
    Origin origin = Origin::System;
    /// psql, pg_basebackup, pgbench: binDir when it has psql, else the newest other installation's.
    /// Client programs read older servers fine; pg_basebackup cannot stream from a newer one.
    QString clientBinDir;
    int clientMajorVersion = 0;

    QString program(const QString &name) const { return binDir + u'/' + name; }
    QString clientProgram(const QString &name) const
    {
        return (clientBinDir.isEmpty() ? binDir : clientBinDir) + u'/' + name;
    }
    bool hasExtension(const QString &name) const;

    static Result<PostgresBinaries, QString> find();
    static Result<PostgresBinaries, QString> find(int major);
    /// One installation per major found (as find(major) would pick it), oldest first.
    static QList<PostgresBinaries> available();
    /// The client tools for a server of serverMajor: of the installations that have all of
    /// programs, the one with the smallest major not older than the server (pg_dump refuses a
    /// newer server; pg_restore and psql may misread its catalogs). Else an error saying which
    /// version is needed and what was found. Debian's /usr/lib/postgresql/N/bin have them; the
    /// npm builds in cacheDir() ship only initdb, pg_ctl and postgres. Runs `pg_dump --version`:
    /// blocking, a few ms per installation.
    static Result<ClientTools, QString>
    clientToolsFor(int serverMajor,
                   const QStringList &programs = {QStringLiteral("pg_dump"), QStringLiteral("pg_restore"),
                                                  QStringLiteral("psql")});
    /// The choice clientToolsFor() makes among found (any order); pure, for tests.
    static Result<ClientTools, QString> pickClientTools(int serverMajor, const QList<ClientTools> &found,
                                                        const QStringList &programs);
    /// Installations (TUSK_PG_BINDIR, pg_config, PATH, Debian's, the npm cache) that have all of
    /// programs, oldest first.
    static QList<ClientTools> clientInstallations(const QStringList &programs);
    /// TUSK_POSTGRES_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/tusk/postgres (as the fetch script).
    static QString cacheDir();
};

} // namespace tusk::tools
