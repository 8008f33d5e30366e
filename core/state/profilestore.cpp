#include "state/profilestore.h"

#include "state/statedatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace tusk::state {

namespace {
// Stored as JSON so that new fields do not need a schema migration.
QByteArray toJson(const ConnectionProfile &p)
{
    QJsonObject o{{QStringLiteral("host"), p.host},
                  {QStringLiteral("port"), p.port},
                  {QStringLiteral("dbname"), p.dbname},
                  {QStringLiteral("user"), p.user},
                  {QStringLiteral("sslmode"), p.sslmode},
                  {QStringLiteral("sslrootcert"), p.sslrootcert},
                  {QStringLiteral("sslcert"), p.sslcert},
                  {QStringLiteral("sslkey"), p.sslkey},
                  {QStringLiteral("service"), p.service},
                  {QStringLiteral("options"), p.options},
                  {QStringLiteral("color"), p.color},
                  {QStringLiteral("readOnly"), p.readOnly},
                  {QStringLiteral("confirmDestructive"), p.confirmDestructive},
                  {QStringLiteral("passwordStorage"), ConnectionProfile::storageName(p.passwordStorage)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ConnectionProfile fromJson(const QString &id, const QString &name, const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    ConnectionProfile p;
    p.id = id;
    p.name = name;
    auto s = [&](const char *k) { return o.value(QLatin1String(k)).toString(); };
    p.host = s("host");
    p.port = s("port");
    p.dbname = s("dbname");
    p.user = s("user");
    p.sslmode = s("sslmode");
    p.sslrootcert = s("sslrootcert");
    p.sslcert = s("sslcert");
    p.sslkey = s("sslkey");
    p.service = s("service");
    p.options = s("options");
    p.color = s("color");
    p.readOnly = o.value(QStringLiteral("readOnly")).toBool();
    p.confirmDestructive = o.value(QStringLiteral("confirmDestructive")).toBool();
    p.passwordStorage = ConnectionProfile::storageFromName(s("passwordStorage"));
    return p;
}
} // namespace

ProfileStore::ProfileStore(StateDatabase *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<ConnectionProfile>();
    qRegisterMetaType<QList<ConnectionProfile>>();
}

ProfileStore::~ProfileStore() = default;

void ProfileStore::save(const ConnectionProfile &profile)
{
    const QByteArray body = toJson(profile);
    m_db->post([profile, body](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("INSERT OR REPLACE INTO connection_profiles (id, name, body) VALUES (?, ?, ?)"));
        q.addBindValue(profile.id);
        q.addBindValue(profile.name.isNull() ? QStringLiteral("") : profile.name);
        q.addBindValue(QString::fromUtf8(body));
        q.exec();
    });
}

void ProfileStore::remove(const QString &id)
{
    m_db->post([id](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM connection_profiles WHERE id = ?"));
        q.addBindValue(id);
        q.exec();
    });
}

void ProfileStore::loadAll()
{
    m_db->request<QList<ConnectionProfile>>(
        this,
        [](QSqlDatabase &db) {
            QList<ConnectionProfile> out;
            QSqlQuery q(db);
            if (q.exec(
                    QStringLiteral("SELECT id, name, body FROM connection_profiles ORDER BY lower(name)"))) {
                while (q.next())
                    out << fromJson(q.value(0).toString(), q.value(1).toString(),
                                    q.value(2).toString().toUtf8());
            }
            return out;
        },
        [this](const QList<ConnectionProfile> &profiles) { emit loaded(profiles); });
}

void ProfileStore::flush()
{
    m_db->flush();
}

} // namespace tusk::state
