#pragma once

// Test support: SQL that drops a test database on any PostgreSQL major.

#include "pg/quoting.h"

#include <QString>

namespace tusk::test {

/// DROP DATABASE … WITH (FORCE) where the server has it (13+); before 13 the database's sessions
/// are ended first (DROP DATABASE would otherwise fail while they are connected).
inline QString dropDatabase(const QString &name, int major)
{
    const QString drop = QStringLiteral("DROP DATABASE IF EXISTS %1").arg(pg::quoteIdentifier(name));
    if (major >= 13)
        return drop + QStringLiteral(" WITH (FORCE);\n");
    return QStringLiteral(
               "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %1;\n")
               .arg(pg::quoteLiteral(name)) +
           drop + QStringLiteral(";\n");
}

} // namespace tusk::test
