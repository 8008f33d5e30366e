#pragma once

#include "pg/connectionparams.h"

#include <QMetaType>
#include <QString>

namespace tusk::state {

/// A saved connection. Never holds a password: that lives in the system keychain or .pgpass
/// (see passwordStorage), and libpq reads .pgpass by itself.
struct ConnectionProfile
{
    enum class PasswordStorage { None, Keychain, Pgpass };

    QString id;   ///< UUID
    QString name; ///< what the user calls it ("crm prod")
    QString host;
    QString port;
    QString dbname;
    QString user;
    QString sslmode; ///< disable, allow, prefer, require, verify-ca, verify-full
    QString sslrootcert;
    QString sslcert;
    QString sslkey;
    QString service;                 ///< pg_service.conf entry; the other fields override it
    QString options;                 ///< extra `key=value` pairs, as libpq takes them
    QString color;                   ///< "#c0392b" — shown in the status bar and tab, to tell prod from dev
    bool readOnly = false;           ///< production: sessions start with default_transaction_read_only
    bool confirmDestructive = false; ///< production: ask before DROP/TRUNCATE/DELETE without WHERE
    PasswordStorage passwordStorage = PasswordStorage::None;

    /// The libpq parameters (no password); read-only profiles add default_transaction_read_only.
    pg::ConnectionParams toParams() const;
    /// Fills host/port/dbname/user/ssl*/service from a URI or key=value string; other keys go to
    /// options. The password, if the text has one, is returned in *password and not kept.
    static Result<ConnectionProfile, pg::Error> fromConnectionString(const QString &text, QString *password);

    /// The key under which the keychain keeps this profile's password.
    QString keychainKey() const { return QStringLiteral("profile/") + id; }
    static QString storageName(PasswordStorage s);
    static PasswordStorage storageFromName(const QString &s);
};

} // namespace tusk::state

Q_DECLARE_METATYPE(tusk::state::ConnectionProfile)
