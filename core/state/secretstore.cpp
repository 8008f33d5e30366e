#include "state/secretstore.h"

#include "state/pgpassfile.h"

#include <qt6keychain/keychain.h>

namespace tusk::state {

namespace {
const QString kService = QStringLiteral("tusk");

QString keychainAdvice(const QString &error)
{
    return QStringLiteral(
               "The system keychain is not available (%1). Store the password in ~/.pgpass instead, "
               "or enter it each time.")
        .arg(error);
}
} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
    , m_pgpassPath(PgpassFile::defaultPath())
{}

void SecretStore::storePassword(const ConnectionProfile &profile, const QString &password)
{
    switch (profile.passwordStorage) {
    case ConnectionProfile::PasswordStorage::None:
        emit stored(profile.id, true, tr("The password is not stored; Tusk asks for it when connecting."));
        return;
    case ConnectionProfile::PasswordStorage::Pgpass: {
        PgpassFile::Entry e{profile.host.isEmpty() ? QStringLiteral("localhost") : profile.host,
                            profile.port.isEmpty() ? QStringLiteral("5432") : profile.port,
                            profile.dbname.isEmpty() ? QStringLiteral("*") : profile.dbname,
                            profile.user.isEmpty() ? QStringLiteral("*") : profile.user, password};
        const Status<QString> s = PgpassFile::upsert(m_pgpassPath, e);
        emit stored(profile.id, s.ok(), s.ok() ? tr("Password stored in %1.").arg(m_pgpassPath) : s.error());
        return;
    }
    case ConnectionProfile::PasswordStorage::Keychain:
        break;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(profile.keychainKey());
    job->setTextData(password);
    const QString id = profile.id;
    connect(job, &QKeychain::Job::finished, this, [this, id](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError;
        emit stored(id, ok,
                    ok ? tr("Password stored in the system keychain.") : keychainAdvice(j->errorString()));
    });
    job->start();
}

void SecretStore::readPassword(const ConnectionProfile &profile)
{
    if (profile.passwordStorage != ConnectionProfile::PasswordStorage::Keychain) {
        // .pgpass is read by libpq itself; nothing to hand over.
        emit passwordRead(profile.id, true, QString(), QString());
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(profile.keychainKey());
    const QString id = profile.id;
    connect(job, &QKeychain::Job::finished, this, [this, id](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (j->error() == QKeychain::NoError)
            emit passwordRead(id, true, read->textData(), QString());
        else if (j->error() == QKeychain::EntryNotFound)
            emit passwordRead(id, true, QString(), tr("No password in the keychain for this profile."));
        else
            emit passwordRead(id, false, QString(), keychainAdvice(j->errorString()));
    });
    job->start();
}

} // namespace tusk::state
