#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

namespace tusk::sandbox {

/// Runs a PostgreSQL tool to completion, optionally as another OS user (the sandbox's server
/// user when we are root). Blocking: for the sandbox's setup and teardown only.
struct ToolRunner
{
    QString runAs; ///< empty: run as ourselves

    /// stdout on success; on failure a message with the command, exit status and stderr.
    Result<QString, QString> run(const QString &program, const QStringList &args, int timeoutMs = 120000,
                                 const QString &stdoutFile = {}) const;

    /// The user servers run as: empty when not root, else `postgres` if it exists, else `nobody`.
    static QString defaultServerUser();
    /// chown -R to the server user (no-op when runAs is empty).
    bool giveToServerUser(const QString &path) const;
    /// Whether the server user can reach (traverse) every parent of path.
    bool serverUserCanReach(const QString &path) const;
};

} // namespace tusk::sandbox
