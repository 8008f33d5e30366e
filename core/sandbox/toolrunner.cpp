#include "sandbox/toolrunner.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tusk::sandbox {

namespace {
struct Ids
{
    uid_t uid = 0;
    gid_t gid = 0;
    bool ok = false;
};

Ids lookup(const QString &user)
{
    Ids ids;
    const QByteArray name = user.toLocal8Bit();
    if (const passwd *pw = getpwnam(name.constData())) {
        ids.uid = pw->pw_uid;
        ids.gid = pw->pw_gid;
        ids.ok = true;
    }
    return ids;
}
} // namespace

QString ToolRunner::defaultServerUser()
{
    if (geteuid() != 0)
        return {};
    return lookup(QStringLiteral("postgres")).ok ? QStringLiteral("postgres") : QStringLiteral("nobody");
}

Result<QString, QString> ToolRunner::run(const QString &program, const QStringList &args, int timeoutMs,
                                         const QString &stdoutFile) const
{
    QProcess p;
    if (!runAs.isEmpty()) {
        const Ids ids = lookup(runAs);
        if (!ids.ok)
            return failure(QStringLiteral("unknown user %1").arg(runAs));
        // Runs between fork and exec: only async-signal-safe system calls, no allocation.
        p.setChildProcessModifier([ids] {
            if (setgroups(1, &ids.gid) != 0 || setgid(ids.gid) != 0 || setuid(ids.uid) != 0)
                _exit(126);
        });
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(QStringLiteral("/tmp"));
    }
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile, QIODevice::Append);
    p.start(program, args);
    const QString command = QFileInfo(program).fileName() + u' ' + args.join(u' ');
    if (!p.waitForStarted(10000))
        return failure(QStringLiteral("could not start %1: %2").arg(command, p.errorString()));
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return failure(QStringLiteral("%1 did not finish within %2 s").arg(command).arg(timeoutMs / 1000));
    }
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return failure(QStringLiteral("%1 failed (exit %2): %3")
                           .arg(command)
                           .arg(p.exitCode())
                           .arg(err.isEmpty() ? out : err));
    return out;
}

bool ToolRunner::giveToServerUser(const QString &path) const
{
    if (runAs.isEmpty())
        return true;
    const Ids ids = lookup(runAs);
    if (!ids.ok)
        return false;
    bool ok = ::chown(QFile::encodeName(path).constData(), ids.uid, ids.gid) == 0;
    QDirIterator it(path, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        ok = ::lchown(QFile::encodeName(it.next()).constData(), ids.uid, ids.gid) == 0 && ok;
    return ok;
}

bool ToolRunner::serverUserCanReach(const QString &path) const
{
    if (runAs.isEmpty())
        return true;
    const Ids ids = lookup(runAs);
    QString dir = QFileInfo(path).absoluteFilePath();
    while (!dir.isEmpty()) {
        struct stat st
        {};
        if (::stat(QFile::encodeName(dir).constData(), &st) == 0) {
            const bool reach = (st.st_uid == ids.uid && (st.st_mode & S_IXUSR)) ||
                               (st.st_gid == ids.gid && (st.st_mode & S_IXGRP)) || (st.st_mode & S_IXOTH);
            if (!reach)
                return false;
        }
        if (dir == QLatin1String("/"))
            break;
        dir = QFileInfo(dir).path();
    }
    return true;
}

} // namespace tusk::sandbox
