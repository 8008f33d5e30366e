#pragma once

#include <QString>

#include <optional>

#include <sys/types.h>

namespace tusk::tools {

/// An account of this machine, for running a child process as that user when we are root.
struct OsUser
{
    QString name;
    uid_t uid = 0;
    gid_t gid = 0;
    QString home;

    static std::optional<OsUser> find(const QString &name);
    /// The user this process runs as (effective uid).
    static std::optional<OsUser> current();
    static bool weAreRoot();

    /// Makes the calling process this user: supplementary groups, gid, uid. For a child between
    /// fork and exec (a QProcess child process modifier): async-signal-safe, allocates nothing.
    bool become() const;
};

} // namespace tusk::tools
