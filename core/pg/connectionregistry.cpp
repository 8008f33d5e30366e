#include "pg/connectionregistry.h"

#include "pg/session.h"

#include <algorithm>

namespace tusk::pg {

namespace {
// Not part of where a session goes: how it logs in, and what it calls itself.
bool isLoginOnly(const QString &keyword)
{
    return keyword == QLatin1String("password") || keyword == QLatin1String("passfile") ||
           keyword == QLatin1String("application_name") ||
           keyword == QLatin1String("fallback_application_name");
}

QStringList splitList(const QString &value)
{
    return value.isEmpty() ? QStringList() : value.split(u',');
}
} // namespace

ConnectionKey ConnectionKey::of(const ConnectionParams &params)
{
    QList<QPair<QString, QString>> kept;
    for (const auto &entry : params.entries()) {
        if (!isLoginOnly(entry.first))
            kept.append(entry);
    }
    std::sort(kept.begin(), kept.end());
    ConnectionParams normalised;
    for (const auto &[keyword, value] : kept)
        normalised.set(keyword, value);
    ConnectionKey key;
    key.m_text = normalised.toConninfo();
    return key;
}

QList<ConnectionParams> nodesOf(const ConnectionParams &params)
{
    const QStringList hosts = splitList(params.value(QStringLiteral("host")));
    const QStringList addrs = splitList(params.value(QStringLiteral("hostaddr")));
    const QStringList ports = splitList(params.value(QStringLiteral("port")));
    const qsizetype count = std::max({hosts.size(), addrs.size(), qsizetype(1)});
    ConnectionParams base = params;
    base.remove(QStringLiteral("target_session_attrs"));
    base.remove(QStringLiteral("load_balance_hosts"));
    // libpq's rule: a list has one entry per host, or a single entry that applies to all.
    const auto pick = [](const QStringList &list, qsizetype i) {
        return list.size() == 1 ? list.first() : list.value(i);
    };
    QList<ConnectionParams> nodes;
    for (qsizetype i = 0; i < count; ++i) {
        ConnectionParams node = base;
        if (!hosts.isEmpty())
            node.set(QStringLiteral("host"), pick(hosts, i));
        if (!addrs.isEmpty())
            node.set(QStringLiteral("hostaddr"), pick(addrs, i));
        if (!ports.isEmpty())
            node.set(QStringLiteral("port"), pick(ports, i));
        nodes.append(node);
    }
    return nodes;
}

QString applicationNameFor(SessionRole role)
{
    switch (role) {
    case SessionRole::Query:
        return QStringLiteral("tusk");
    case SessionRole::Catalog:
        return QStringLiteral("tusk-catalog");
    case SessionRole::Monitor:
        return QStringLiteral("tusk-monitor");
    }
    return QStringLiteral("tusk");
}

ConnectionParams monitorSessionParams(const ConnectionParams &params)
{
    // Read-only, and never in anyone's way for long: a probe stuck behind a lock gives up.
    ConnectionParams p = params;
    const QString own =
        QStringLiteral("-c default_transaction_read_only=on -c statement_timeout=%1 -c lock_timeout=%2")
            .arg(kMonitorStatementTimeoutMs)
            .arg(kMonitorLockTimeoutMs);
    const QString given = p.value(QStringLiteral("options"));
    p.set(QStringLiteral("options"), given.isEmpty() ? own : given + u' ' + own);
    return p;
}

struct ConnectionRegistry::Slot
{
    ConnectionKey key;
    SessionRole role = SessionRole::Query;
    bool shareable = false;
    QPointer<Session> session;
    std::weak_ptr<SessionLease::Hold> hold;
};

// Shared by the copies of one lease; the last one going tells the registry.
struct SessionLease::Hold
{
    QPointer<ConnectionRegistry> registry;
    ConnectionRegistry::Slot *slot = nullptr;
    QPointer<Session> session;
    ~Hold()
    {
        if (registry)
            registry->release(slot);
    }
};

Session *SessionLease::get() const
{
    return m_hold ? m_hold->session.data() : nullptr;
}

ConnectionRegistry::ConnectionRegistry(QObject *parent)
    : QObject(parent)
{}

// The sessions are children: they go with the registry (never blocking, see ~Session); leases
// still held elsewhere then point at nothing.
ConnectionRegistry::~ConnectionRegistry() = default;

SessionLease ConnectionRegistry::openQuerySession(const ConnectionParams &params)
{
    return open(params, SessionRole::Query, false);
}

SessionLease ConnectionRegistry::shared(const ConnectionParams &params, SessionRole role)
{
    return open(params, role, role != SessionRole::Query);
}

SessionLease ConnectionRegistry::open(const ConnectionParams &params, SessionRole role, bool shareable)
{
    const ConnectionKey key = ConnectionKey::of(params);
    if (shareable) {
        for (const auto &slot : m_entries) {
            if (slot->shareable && slot->role == role && slot->key == key) {
                if (auto hold = slot->hold.lock())
                    return SessionLease(hold);
            }
        }
    }
    auto slot = std::make_unique<Slot>();
    slot->key = key;
    slot->role = role;
    slot->shareable = shareable;
    slot->session = new Session(applicationNameFor(role), this);
    auto hold = std::make_shared<SessionLease::Hold>();
    hold->registry = this;
    hold->slot = slot.get();
    hold->session = slot->session;
    slot->hold = hold;
    Session *session = slot->session;
    m_entries.push_back(std::move(slot));
    session->connectTo(role == SessionRole::Monitor ? monitorSessionParams(params) : params);
    emit sessionOpened(key, role);
    return SessionLease(hold);
}

void ConnectionRegistry::release(Slot *slot)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [slot](const std::unique_ptr<Slot> &s) { return s.get() == slot; });
    if (it == m_entries.end())
        return;
    const ConnectionKey key = slot->key;
    const SessionRole role = slot->role;
    if (Session *session = slot->session) {
        // Whoever let go may be inside one of the session's signals: delete it afterwards, and
        // cut its connections now so nothing reaches a view that no longer holds it.
        QObject::disconnect(session, nullptr, nullptr, nullptr);
        session->deleteLater();
    }
    m_entries.erase(it);
    emit sessionClosed(key, role);
}

QList<ConnectionRegistry::Entry> ConnectionRegistry::entries() const
{
    QList<Entry> out;
    for (const auto &slot : m_entries) {
        Entry e;
        e.key = slot->key;
        e.role = slot->role;
        e.session = slot->session;
        e.holders = int(slot->hold.use_count());
        out.append(e);
    }
    return out;
}

QList<ConnectionKey> ConnectionRegistry::connections() const
{
    QList<ConnectionKey> out;
    for (const auto &slot : m_entries) {
        if (!out.contains(slot->key))
            out.append(slot->key);
    }
    return out;
}

} // namespace tusk::pg
