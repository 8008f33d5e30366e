#pragma once

#include "result.h"
#include "tools/postgresbinaries.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace tusk::sandbox {

/// One server of a sandbox cluster.
struct SandboxNode
{
    QString name; ///< "primary", "replica1", ...
    QString role; ///< "primary" or "replica"
    int port = 0;
    QString dataDir;
    QString logFile;
    QString uri; ///< postgresql://tusk@127.0.0.1:PORT/postgres?passfile=...
};

struct SandboxOptions
{
    QString dir;           ///< where the state lives; created if missing, must be empty or a sandbox
    int replicas = 0;      ///< streaming replicas, each with its own physical slot
    bool demo = false;     ///< load the multi-tenant CRM demo schema (~1M rows)
    bool workload = false; ///< run a light background workload (pgbench with a custom script)
    /// PostgreSQL major to run (PostgresBinaries::find(major)); 0: the default installation.
    /// Replicas need the major's own pg_basebackup, which the npm builds lack.
    int postgresMajor = 0;
};

/// Throwaway PostgreSQL clusters for tests, demos and dry runs: a primary plus N streaming
/// replicas on loopback, free ports, a 0700 socket directory, fsync off. When run as root the
/// servers run as the `postgres` (or `nobody`) user, because initdb refuses root.
///
/// The calls are blocking (they run initdb, pg_ctl, pg_basebackup): call them from a worker
/// thread or a command-line tool, never from a GUI thread.
/// The servers outlive the process that started them; the state file `sandbox.json` in the
/// directory lets `open()` + `down()` find and stop them later, also after a crash.
/// @code
/// auto cluster = LocalCluster::up({.dir = "/tmp/sb", .replicas = 2});
/// if (!cluster) fail(cluster.error());
/// QString uri = cluster->node("primary").uri;
/// cluster->down();
/// @endcode
class LocalCluster
{
public:
    using Progress = std::function<void(const QString &)>;

    static Result<LocalCluster, QString> up(const SandboxOptions &options, const Progress &progress = {});
    /// Reads the state of a sandbox started earlier (by this or another process).
    static Result<LocalCluster, QString> open(const QString &dir);
    static bool exists(const QString &dir);

    /// Stops every server and the workload, then removes every file the sandbox made.
    Status<QString> down();

    const QString &dir() const { return m_dir; }
    const QList<SandboxNode> &nodes() const { return m_nodes; }
    SandboxNode node(const QString &name) const;
    QString passfile() const;
    /// The Unix-socket directory of every node; connections through it are trusted (no password).
    const QString &socketDir() const { return m_socketDir; }
    /// The superuser's password (also in the passfile), for tests that need it.
    QString password() const;

    /// {"dir":…, "postgres_version":…, "nodes":[{"name":…, "role":…, "port":…, "uri":…}, …]}
    QJsonObject toJson() const;
    /// toJson() plus "running" and "pid" per node.
    QJsonObject status() const;

    /// Postmaster pid of a node, 0 when it is not running.
    qint64 postmasterPid(const QString &name) const;
    Status<QString> stopNode(const QString &name, const QString &mode = QStringLiteral("fast"));
    Status<QString> startNode(const QString &name);
    /// The installation the servers run from.
    const tools::PostgresBinaries &binaries() const { return m_binaries; }
    /// Runs SQL on a node through psql over the Unix socket (setup and tests only).
    Result<QString, QString> psql(const QString &nodeName, const QString &sql,
                                  const QString &database = QStringLiteral("postgres")) const;

private:
    friend class ClusterBuilder;
    Status<QString> save() const;

    QString m_dir;
    QString m_dataRoot;  ///< m_dir, or a /tmp directory when the server user cannot reach m_dir
    QString m_socketDir; ///< short /tmp path: Unix socket paths are limited to 107 bytes
    QString m_runAs;     ///< OS user the servers run as, empty for the current user
    QString m_superuser = QStringLiteral("tusk");
    QString m_password;
    qint64 m_workloadPid = 0;
    tools::PostgresBinaries m_binaries;
    QList<SandboxNode> m_nodes;
};

} // namespace tusk::sandbox
