#pragma once

#include "result.h"

#include <QList>
#include <QString>

namespace tusk::state {

/// ~/.pgpass (or $PGPASSFILE), read and written the way libpq reads it: `host:port:db:user:pw`
/// with `\:` and `\\` escapes and `*` wildcards. Written files are 0600, or libpq ignores them.
class PgpassFile
{
public:
    struct Entry
    {
        QString host, port, database, user, password;
        bool matches(const QString &h, const QString &p, const QString &d, const QString &u) const;
    };

    static QString defaultPath();
    static Result<QList<Entry>, QString> read(const QString &path);
    /// Adds or replaces the entry for (host, port, database, user); keeps other lines, comments included.
    static Status<QString> upsert(const QString &path, const Entry &entry);
    static QString escape(const QString &field);
};

} // namespace tusk::state
