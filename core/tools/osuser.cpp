#include "tools/osuser.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace tusk::tools {

namespace {
std::optional<OsUser> fromPasswd(const passwd *pw)
{
    if (!pw)
        return std::nullopt;
    return OsUser{QString::fromLocal8Bit(pw->pw_name), pw->pw_uid, pw->pw_gid,
                  QString::fromLocal8Bit(pw->pw_dir)};
}
} // namespace

std::optional<OsUser> OsUser::find(const QString &name)
{
    if (name.isEmpty())
        return std::nullopt;
    return fromPasswd(getpwnam(name.toLocal8Bit().constData()));
}

std::optional<OsUser> OsUser::current()
{
    return fromPasswd(getpwuid(geteuid()));
}

bool OsUser::weAreRoot()
{
    return geteuid() == 0;
}

bool OsUser::become() const
{
    return setgroups(1, &gid) == 0 && setgid(gid) == 0 && setuid(uid) == 0;
}

} // namespace tusk::tools
