#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

namespace tusk::pg {
class Session;
}

namespace tusk::catalog {

class QueryRunner;

/// Query runners for every database of one server.
///
/// A PostgreSQL connection sees the objects of one database only, so browsing another database
/// needs a connection to it. The given session serves its own database (and everything
/// server-wide: databases, roles, tablespaces); any other database gets a session of its own,
/// opened on first use with the same connection parameters (host, user, password, TLS…) and
/// only the database name changed. Queries asked for while it connects wait in its queue; a
/// failed connection fails them with the server's message.
///
/// When the main session connects again to another server (host, port, user…), the extra
/// sessions are closed and whoever waited for them gets an error.
/// @code
/// auto *runners = new DatabaseRunners(session, this);
/// runners->runnerFor(QStringLiteral("sales"))->run({{sql, {}}}, [](const QueryRunner::Outcome &r) { … });
/// @endcode
class DatabaseRunners : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseRunners(pg::Session *session, QObject *parent = nullptr);
    ~DatabaseRunners() override;

    pg::Session *session() const;
    /// The runner for database (empty: the main session's, for server-wide queries).
    QueryRunner *runnerFor(const QString &database);
    /// The main session's database (empty until it connected).
    QString currentDatabase() const;
    /// The server's PG_VERSION_NUM as QueryRunner::serverVersion() gives it.
    int serverVersion() const;
    /// Extra sessions open now (for tests and the status line).
    int extraSessionCount() const { return int(m_extra.size()); }
    /// Closes the extra sessions; the next runnerFor() of another database opens a new one.
    void closeExtraSessions();

private:
    struct Extra
    {
        pg::Session *session = nullptr;
        QueryRunner *runner = nullptr;
    };

    /// The main session's connection parameters without the database name.
    QString serverKey() const;

    QPointer<pg::Session> m_session;
    QString m_serverKey;
    QueryRunner *m_main;
    QHash<QString, Extra> m_extra;
};

} // namespace tusk::catalog
