#include "sandbox/toolrunner.h"

#include "tools/osuser.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>

#include <sys/stat.h>
#include <unistd.h>

namespace tusk::sandbox {

using tools::OsUser;

QString ToolRunner::defaultServerUser()
{
    if (!OsUser::weAreRoot())
        return {};
    return OsUser::find(QStringLiteral("postgres")) ? QStringLiteral("postgres") : QStringLiteral("nobody");
}

Result<QString, QString> ToolRunner::run(const QString &program, const QStringList &args, int timeoutMs,
                                         const QString &stdoutFile) const
{
    QProcess p;
    if (!runAs.isEmpty()) {
        const auto user = OsUser::find(runAs);
        if (!user)
            return failure(QStringLiteral("unknown user %1").arg(runAs));
        // Runs between fork and exec: only async-signal-safe system calls, no allocation.
        p.setChildProcessModifier([user] {
            if (!user->become())
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
    const auto user = OsUser::find(runAs);
    if (!user)
        return false;
    bool ok = ::chown(QFile::encodeName(path).constData(), user->uid, user->gid) == 0;
    QDirIterator it(path, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        ok = ::lchown(QFile::encodeName(it.next()).constData(), user->uid, user->gid) == 0 && ok;
    return ok;
}

bool ToolRunner::serverUserCanReach(const QString &path) const
{
    if (runAs.isEmpty())
        return true;
    const auto user = OsUser::find(runAs);
    if (!user)
        return false;
    QString dir = QFileInfo(path).absoluteFilePath();
    while (!dir.isEmpty()) {
        struct stat st
        {};
        if (::stat(QFile::encodeName(dir).constData(), &st) == 0) {
            const bool reach = (st.st_uid == user->uid && (st.st_mode & S_IXUSR)) ||
                               (st.st_gid == user->gid && (st.st_mode & S_IXGRP)) || (st.st_mode & S_IXOTH);
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
