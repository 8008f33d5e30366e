#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace tusk::state {

/// pg_service.conf entries, found where libpq looks ($PGSERVICEFILE or ~/.pg_service.conf, then
/// $PGSYSCONFDIR/pg_service.conf or /etc/postgresql-common/pg_service.conf), for import.
class ServiceFile
{
public:
    struct Service
    {
        QString name;
        QString file;
        QList<QPair<QString, QString>> settings;
        QString value(const QString &key) const;
    };

    static QStringList searchPaths();
    static QList<Service> read(const QString &path);
    /// All services from all search paths; the user's file wins over the system one.
    static QList<Service> readAll();
};

} // namespace tusk::state
