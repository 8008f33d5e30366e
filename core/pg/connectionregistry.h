#pragma once

#include "pg/connectionparams.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <vector>

namespace tusk::pg {

class Session;
class ConnectionRegistry;

/// Where a session goes, without how it logs in: the connection parameters less the password
/// (and passfile, application_name), sorted by keyword. Two profiles, a restored tab and a
/// browser pointing at the same server, database and user share one key and so one shared
/// session.
class ConnectionKey
{
public:
    ConnectionKey() = default;
    static ConnectionKey of(const ConnectionParams &params);

    /// The key as a conninfo string (no password): stable, fit for logs and maps.
    const QString &toString() const { return m_text; }
    bool isEmpty() const { return m_text.isEmpty(); }
    friend bool operator==(const ConnectionKey &a, const ConnectionKey &b) { return a.m_text == b.m_text; }

private:
    QString m_text;
};

/// One server of a connection: a multi-host conninfo (`host=a,b port=5432,5433`) has several,
/// and monitoring wants a session on each, not whichever libpq picked.
/// Returns one params per host with that host and its port (and hostaddr), the rest as given;
/// target_session_attrs and load_balance_hosts are dropped since a node is one server.
/// A conninfo with one host (or none: libpq's default) gives a list of one.
QList<ConnectionParams> nodesOf(const ConnectionParams &params);

/// What a session is for. Query sessions are each their own (a tab's transaction is its
/// own); the others are shared by every view on the same connection.
enum class SessionRole {
    Query,   ///< a query tab's own connection ("tusk")
    Catalog, ///< object browser and completion: catalog reads ("tusk-catalog")
    Monitor, ///< the monitoring session of one node ("tusk-monitor")
};
QString applicationNameFor(SessionRole role);

/// What a Monitor session runs with, set at connect time through `options`:
/// default_transaction_read_only, and these timeouts (a probe stuck behind a lock or on a
/// huge catalog gives up instead of holding the tick).
inline constexpr int kMonitorStatementTimeoutMs = 2000;
inline constexpr int kMonitorLockTimeoutMs = 500;
/// params with the Monitor settings added to its options.
ConnectionParams monitorSessionParams(const ConnectionParams &params);

/// A hold on a registry session. Copies share the hold; when the last copy of the last hold on
/// a session goes, the registry deletes the session (which never blocks: see ~Session).
/// Used on the registry's thread only.
class SessionLease
{
public:
    SessionLease() = default;
    Session *get() const;
    Session *operator->() const { return get(); }
    explicit operator bool() const { return get() != nullptr; }
    void reset() { m_hold.reset(); }

private:
    friend class ConnectionRegistry;
    struct Hold;
    explicit SessionLease(std::shared_ptr<Hold> hold)
        : m_hold(std::move(hold))
    {}
    std::shared_ptr<Hold> m_hold;
};

/// Owns the PostgreSQL sessions of the window, per connection (ConnectionKey) and role, so that
/// views share connections instead of each opening its own: every query tab has its own
/// session, the object browser and every tab's completion share one catalog session per
/// connection, and (next) the dashboards one monitoring session per node.
/// @code
/// ConnectionRegistry registry;
/// SessionLease tab = registry.openQuerySession(params);          // a new connection
/// SessionLease names = registry.shared(params, SessionRole::Catalog); // created once, shared
/// browser->setSession(names.get());
/// @endcode
/// A shared session is created and connected on first use with the params of that first use
/// (their password included); later users get the same session as it is (connecting,
/// connected, or lost — they watch its signals and may reconnect() it).
class ConnectionRegistry : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionRegistry(QObject *parent = nullptr);
    ~ConnectionRegistry() override;

    /// A session of its own for a query tab, connecting to params.
    SessionLease openQuerySession(const ConnectionParams &params);
    /// The one session for role on params' connection; created and connected on first use.
    SessionLease shared(const ConnectionParams &params, SessionRole role);

    /// What the registry holds, for a connections view and tests.
    struct Entry
    {
        ConnectionKey key;
        SessionRole role = SessionRole::Query;
        Session *session = nullptr;
        int holders = 0; ///< leases (copies counted once per lease taken)
    };
    QList<Entry> entries() const;
    /// The connections with at least one session, each once, in the order first opened.
    QList<ConnectionKey> connections() const;
    int sessionCount() const { return int(m_entries.size()); }

signals:
    void sessionOpened(const tusk::pg::ConnectionKey &key, tusk::pg::SessionRole role);
    void sessionClosed(const tusk::pg::ConnectionKey &key, tusk::pg::SessionRole role);

private:
    friend struct SessionLease::Hold;
    struct Slot;
    SessionLease open(const ConnectionParams &params, SessionRole role, bool shareable);
    void release(Slot *slot);

    std::vector<std::unique_ptr<Slot>> m_entries;
};

} // namespace tusk::pg
