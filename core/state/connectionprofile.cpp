#include "state/connectionprofile.h"

#include <QUuid>

namespace tusk::state {

namespace {
struct Field
{
    const char *key;
    QString ConnectionProfile::*member;
};
const Field kFields[] = {
    {"host", &ConnectionProfile::host},       {"port", &ConnectionProfile::port},
    {"dbname", &ConnectionProfile::dbname},   {"user", &ConnectionProfile::user},
    {"sslmode", &ConnectionProfile::sslmode}, {"sslrootcert", &ConnectionProfile::sslrootcert},
    {"sslcert", &ConnectionProfile::sslcert}, {"sslkey", &ConnectionProfile::sslkey},
    {"service", &ConnectionProfile::service},
};
} // namespace

pg::ConnectionParams ConnectionProfile::toParams() const
{
    pg::ConnectionParams p;
    if (!options.trimmed().isEmpty()) {
        if (auto extra = pg::ConnectionParams::parse(options))
            p = *extra;
    }
    for (const Field &f : kFields) {
        const QString &v = this->*f.member;
        if (!v.isEmpty())
            p.set(QLatin1String(f.key), v);
    }
    p.remove(QStringLiteral("password"));
    if (readOnly) {
        // Every transaction starts read-only; a user can still SET it off deliberately.
        QString opts = p.value(QStringLiteral("options"));
        if (!opts.contains(QLatin1String("default_transaction_read_only")))
            opts = (opts.isEmpty() ? QString() : opts + u' ') +
                   QStringLiteral("-c default_transaction_read_only=on");
        p.set(QStringLiteral("options"), opts);
    }
    return p;
}

Result<ConnectionProfile, pg::Error> ConnectionProfile::fromConnectionString(const QString &text,
                                                                             QString *password)
{
    auto parsed = pg::ConnectionParams::parse(text);
    if (!parsed)
        return parsed.error();
    ConnectionProfile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList rest;
    for (const auto &[key, value] : parsed->entries()) {
        bool known = false;
        for (const Field &f : kFields) {
            if (key == QLatin1String(f.key)) {
                p.*f.member = value;
                known = true;
            }
        }
        if (key == QLatin1String("password")) {
            if (password)
                *password = value;
            continue;
        }
        if (!known) {
            pg::ConnectionParams one;
            one.set(key, value);
            rest << one.toConninfo();
        }
    }
    p.options = rest.join(u' ');
    p.name = p.service.isEmpty() ? p.toParams().displayName() : p.service;
    return p;
}

QString ConnectionProfile::storageName(PasswordStorage s)
{
    switch (s) {
    case PasswordStorage::Keychain:
        return QStringLiteral("keychain");
    case PasswordStorage::Pgpass:
        return QStringLiteral("pgpass");
    case PasswordStorage::None:
        break;
    }
    return QStringLiteral("none");
}

ConnectionProfile::PasswordStorage ConnectionProfile::storageFromName(const QString &s)
{
    if (s == QLatin1String("keychain"))
        return PasswordStorage::Keychain;
    if (s == QLatin1String("pgpass"))
        return PasswordStorage::Pgpass;
    return PasswordStorage::None;
}

} // namespace tusk::state
