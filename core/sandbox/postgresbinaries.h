#pragma once

#include "result.h"

#include <QString>

namespace tusk::sandbox {

/// Where the PostgreSQL server programs are, and which extensions that installation has.
/// Found through TUSK_PG_BINDIR, pg_config, PATH and /usr/lib/postgresql/<version>/bin, newest first.
struct PostgresBinaries
{
    QString binDir;
    int majorVersion = 0;
    QString shareDir;  ///< for extension control files
    QString pkgLibDir; ///< for extension libraries

    QString program(const QString &name) const { return binDir + u'/' + name; }
    bool hasExtension(const QString &name) const;

    static Result<PostgresBinaries, QString> find();
};

} // namespace tusk::sandbox
