#pragma once

#include "state/connectionprofile.h"

#include <QObject>

namespace tusk::state {

/// Where a profile's password lives: the system keychain (QtKeychain: Secret Service, KWallet,
/// macOS Keychain, Windows Credential Store) or ~/.pgpass. Never in settings files or logs.
/// Both calls are asynchronous and report back with a clear message when the keychain is not
/// available (e.g. no Secret Service on a server or CI), so the UI can offer .pgpass instead.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr);

    void storePassword(const ConnectionProfile &profile, const QString &password);
    void readPassword(const ConnectionProfile &profile);
    void setPgpassPath(const QString &path) { m_pgpassPath = path; }

signals:
    /// ok == false: message says what failed and what to do.
    void stored(const QString &profileId, bool ok, const QString &message);
    /// An empty password with ok == true means "none stored": libpq may still find .pgpass.
    void passwordRead(const QString &profileId, bool ok, const QString &password, const QString &message);

private:
    QString m_pgpassPath;
};

} // namespace tusk::state
