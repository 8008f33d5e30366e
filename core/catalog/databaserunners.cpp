#include "catalog/databaserunners.h"

#include "catalog/queryrunner.h"
#include "pg/session.h"

#include <QCoreApplication>

namespace tusk::catalog {

DatabaseRunners::DatabaseRunners(pg::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_main(new QueryRunner(session, this))
{
    // Reconnected elsewhere (another host, port or user): the extra sessions point at the old
    // server. A plain reconnect to the same one keeps them.
    if (session)
        connect(session, &pg::Session::connected, this, [this] {
            if (serverKey() != m_serverKey)
                closeExtraSessions();
        });
}

DatabaseRunners::~DatabaseRunners() = default;

pg::Session *DatabaseRunners::session() const
{
    return m_session.data();
}

QString DatabaseRunners::currentDatabase() const
{
    return m_session ? m_session->serverInfo().database : QString();
}

int DatabaseRunners::serverVersion() const
{
    return m_main->serverVersion();
}

QueryRunner *DatabaseRunners::runnerFor(const QString &database)
{
    if (database.isEmpty() || !m_session || database == currentDatabase())
        return m_main;
    const auto it = m_extra.constFind(database);
    if (it != m_extra.cend())
        return it->runner;
    if (m_extra.isEmpty())
        m_serverKey = serverKey();
    pg::ConnectionParams params = m_session->params();
    params.set(QStringLiteral("dbname"), database);
    Extra extra;
    extra.session = new pg::Session(QStringLiteral("tusk browser"), this);
    extra.runner = new QueryRunner(extra.session, this);
    extra.session->connectTo(params);
    m_extra.insert(database, extra);
    return extra.runner;
}

QString DatabaseRunners::serverKey() const
{
    if (!m_session)
        return {};
    pg::ConnectionParams params = m_session->params();
    params.remove(QStringLiteral("dbname"));
    return params.toConninfo();
}

void DatabaseRunners::closeExtraSessions()
{
    for (auto it = m_extra.cbegin(); it != m_extra.cend(); ++it) {
        const Extra &e = it.value();
        // Whoever waits for an answer gets one now; the runner goes before the session so the
        // session's own late failures reach nobody.
        pg::Error closed = pg::Error::usage(
            QCoreApplication::translate("tusk::catalog", "the connection to database %1 was closed")
                .arg(it.key()));
        e.runner->abandonAll(closed);
        delete e.runner;
        e.session->disconnectFromServer();
        e.session->deleteLater();
    }
    m_extra.clear();
}

} // namespace tusk::catalog
