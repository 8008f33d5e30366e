#pragma once

#include "result.h"
#include "tools/osuser.h"

#include <QString>

#include <optional>

namespace tusk::tools {

/// A passfile for one child process: `*:*:*:*:<password>` in a 0600 file inside a fresh 0700
/// directory, both owned by the child's user. Removed with this object.
class TempPassfile
{
public:
    TempPassfile() = default;
    TempPassfile(const TempPassfile &) = delete;
    TempPassfile &operator=(const TempPassfile &) = delete;
    ~TempPassfile();

    /// Writes the file in baseDir; owner: the user to give it to (nullopt: ourselves).
    Status<QString> create(const QString &password, const QString &baseDir,
                           const std::optional<OsUser> &owner);
    QString path() const { return m_file; }
    void remove();

private:
    QString m_dir;
    QString m_file;
};

} // namespace tusk::tools
