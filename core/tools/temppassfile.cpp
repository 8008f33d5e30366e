#include "tools/temppassfile_p.h"

#include "state/pgpassfile.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace tusk::tools {

TempPassfile::~TempPassfile()
{
    remove();
}

void TempPassfile::remove()
{
    if (!m_file.isEmpty())
        ::unlink(QFile::encodeName(m_file).constData());
    if (!m_dir.isEmpty())
        ::rmdir(QFile::encodeName(m_dir).constData());
    m_file.clear();
    m_dir.clear();
}

Status<QString> TempPassfile::create(const QString &password, const QString &baseDir,
                                     const std::optional<OsUser> &owner)
{
    remove();
    if (password.contains(u'\n') || password.contains(u'\r'))
        return QStringLiteral("a password with a line break cannot go through a passfile");
    // mkdtemp makes the directory 0700 whatever the umask; O_EXCL with 0600 likewise for the file.
    QByteArray dirTemplate = QFile::encodeName(QDir(baseDir).filePath(QStringLiteral("tusk-pgpass-XXXXXX")));
    if (!::mkdtemp(dirTemplate.data()))
        return QStringLiteral("cannot create a private directory in %1: %2")
            .arg(baseDir, QString::fromLocal8Bit(std::strerror(errno)));
    m_dir = QFile::decodeName(dirTemplate);
    m_file = m_dir + QStringLiteral("/pgpass");
    const QByteArray line = QStringLiteral("*:*:*:*:%1\n").arg(state::PgpassFile::escape(password)).toUtf8();
    const int fd =
        ::open(QFile::encodeName(m_file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && ::write(fd, line.constData(), size_t(line.size())) == line.size();
    if (ok && owner)
        ok = ::fchown(fd, owner->uid, owner->gid) == 0 &&
             ::chown(dirTemplate.constData(), owner->uid, owner->gid) == 0;
    const int savedErrno = errno;
    if (fd >= 0)
        ::close(fd);
    if (!ok) {
        const QString why = QString::fromLocal8Bit(std::strerror(savedErrno));
        remove();
        return QStringLiteral("cannot write a passfile in %1: %2").arg(baseDir, why);
    }
    return {};
}

} // namespace tusk::tools
