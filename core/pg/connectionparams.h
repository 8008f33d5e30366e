#pragma once

#include "pg/error.h"
#include "result.h"

#include <QList>
#include <QPair>
#include <QString>

namespace tusk::pg {

/// Connection settings as libpq keywords (host, port, dbname, user, sslmode, service, ...).
/// Parsing is libpq's own (PQconninfoParse), so URIs, key=value strings, `service=` entries,
/// `.pgpass` and the PG* environment behave exactly as in psql: whatever is not given here is
/// filled in by libpq at connect time.
/// @code
/// auto params = ConnectionParams::parse("postgresql://app@db1:5433/crm?sslmode=require");
/// if (!params) report(params.error()); else session.connectTo(*params);
/// @endcode
class ConnectionParams
{
public:
    ConnectionParams() = default;

    /// Parses a URI (`postgresql://…`) or a `key=value` string. Unknown keywords are an error.
    static Result<ConnectionParams, Error> parse(const QString &conninfo);

    QString value(const QString &key) const;
    bool contains(const QString &key) const;
    void set(const QString &key, const QString &value);
    /// Sets key only when it is not given yet.
    void setDefault(const QString &key, const QString &value);
    void remove(const QString &key);
    const QList<QPair<QString, QString>> &entries() const { return m_entries; }

    /// connect_timeout in seconds (default 10 when not set; libpq only enforces it for blocking
    /// connects, so Session enforces it itself).
    int connectTimeoutSeconds() const;

    /// key=value string with every value quoted for libpq; includes the password if one is set.
    QString toConninfo() const;
    /// The same with the password replaced by `********`: safe for logs and window titles.
    QString redacted() const;
    /// "user@host:port/db" for status bars (libpq defaults shown as blanks are left out).
    QString displayName() const;

private:
    QList<QPair<QString, QString>> m_entries;
};

} // namespace tusk::pg
