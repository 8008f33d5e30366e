#include "state/servicefile.h"

#include <QDir>
#include <QFile>

namespace tusk::state {

QString ServiceFile::Service::value(const QString &key) const
{
    for (const auto &kv : settings) {
        if (kv.first == key)
            return kv.second;
    }
    return {};
}

QStringList ServiceFile::searchPaths()
{
    QStringList paths;
    const QString user = qEnvironmentVariable("PGSERVICEFILE");
    paths << (user.isEmpty() ? QDir::homePath() + QStringLiteral("/.pg_service.conf") : user);
    const QString sysconf = qEnvironmentVariable("PGSYSCONFDIR");
    paths << (sysconf.isEmpty() ? QStringLiteral("/etc/postgresql-common/pg_service.conf")
                                : sysconf + QStringLiteral("/pg_service.conf"));
    return paths;
}

QList<ServiceFile::Service> ServiceFile::read(const QString &path)
{
    QList<Service> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            out << Service{line.mid(1, line.size() - 2).trimmed(), path, {}};
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0 || out.isEmpty())
            continue;
        out.last().settings << qMakePair(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    return out;
}

QList<ServiceFile::Service> ServiceFile::readAll()
{
    QList<Service> all;
    for (const QString &path : searchPaths()) {
        for (const Service &s : read(path)) {
            const bool shadowed =
                std::any_of(all.begin(), all.end(), [&](const Service &o) { return o.name == s.name; });
            if (!shadowed)
                all << s;
        }
    }
    return all;
}

} // namespace tusk::state
