// ConnectionRegistry against the real cluster of the ctest "sandbox" fixture: which views share a
// connection, what the server sees (pg_stat_activity), and that letting go closes it.

#include "../common/fixture.h"
#include "pg/connectionregistry.h"
#include "pg/session.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace tusk;
using namespace tusk::pg;

class TestConnectionRegistry : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void viewsOnOneConnectionShareTheCatalogSession();
    void everyQueryTabHasItsOwnSession();
    void lettingGoOfTheLastLeaseClosesTheConnection();
    void aMonitorSessionPerNodeOfAMultiHostConninfo();
    void aFailedSharedSessionIsSeenByEveryHolder();

private:
    static bool waitConnected(Session *s);
    /// application_name of the backends with these pids, as the server reports them.
    QMap<int, QString> backendsByPid(const QList<int> &pids);

    std::optional<sandbox::LocalCluster> m_cluster;
    ConnectionParams m_params;
};

void TestConnectionRegistry::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_params = test::paramsFor(m_cluster->node(QStringLiteral("primary")).uri);
}

bool TestConnectionRegistry::waitConnected(Session *s)
{
    return s && QTest::qWaitFor([s] { return s->state() == Session::State::Connected; }, 20000);
}

QMap<int, QString> TestConnectionRegistry::backendsByPid(const QList<int> &pids)
{
    Session probe(QStringLiteral("tusk-test-probe"));
    probe.connectTo(m_params);
    if (!waitConnected(&probe))
        return {};
    QStringList list;
    for (int pid : pids)
        list << QString::number(pid);
    std::optional<QueryOutcome> answer;
    probe.query(
        QStringLiteral("SELECT pid, application_name FROM pg_stat_activity WHERE pid = ANY($1::int[])"),
        {QStringLiteral("{%1}").arg(list.join(u','))}, this,
        [&answer](const QueryOutcome &r) { answer = r; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000) || !*answer)
        return {};
    QMap<int, QString> out;
    const RowSet &rows = **answer;
    for (int r = 0; r < rows.rowCount(); ++r)
        out.insert(int(rows.number(r, u"pid")), rows.text(r, u"application_name"));
    return out;
}

void TestConnectionRegistry::viewsOnOneConnectionShareTheCatalogSession()
{
    ConnectionRegistry registry;
    // The browser connects with the profile's password; a tab restored from autosave has none
    // and its own application name: still the same connection.
    ConnectionParams browserParams = m_params;
    ConnectionParams tabParams = m_params;
    tabParams.set(QStringLiteral("application_name"), QStringLiteral("restored-tab"));
    SessionLease browser = registry.shared(browserParams, SessionRole::Catalog);
    SessionLease completion = registry.shared(tabParams, SessionRole::Catalog);
    QVERIFY(browser);
    QCOMPARE(completion.get(), browser.get());
    QCOMPARE(registry.sessionCount(), 1);
    QCOMPARE(registry.entries().first().holders, 2);
    QVERIFY(waitConnected(browser.get()));
    QCOMPARE(browser->serverInfo().applicationName, QStringLiteral("tusk-catalog"));

    // Another role on the same connection is another session.
    SessionLease monitor = registry.shared(m_params, SessionRole::Monitor);
    QVERIFY(monitor.get() != browser.get());
    QCOMPARE(registry.sessionCount(), 2);
    QCOMPARE(registry.connections().size(), 1);
    QVERIFY(waitConnected(monitor.get()));

    const QMap<int, QString> seen =
        backendsByPid({browser->serverInfo().backendPid, monitor->serverInfo().backendPid});
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen.value(browser->serverInfo().backendPid), QStringLiteral("tusk-catalog"));
    QCOMPARE(seen.value(monitor->serverInfo().backendPid), QStringLiteral("tusk-monitor"));
}

void TestConnectionRegistry::everyQueryTabHasItsOwnSession()
{
    ConnectionRegistry registry;
    SessionLease tab1 = registry.openQuerySession(m_params);
    SessionLease tab2 = registry.openQuerySession(m_params);
    QVERIFY(tab1.get() != tab2.get());
    QVERIFY(waitConnected(tab1.get()));
    QVERIFY(waitConnected(tab2.get()));
    QVERIFY(tab1->serverInfo().backendPid != tab2->serverInfo().backendPid);
    const QMap<int, QString> seen =
        backendsByPid({tab1->serverInfo().backendPid, tab2->serverInfo().backendPid});
    QCOMPARE(seen.values(), QStringList({QStringLiteral("tusk"), QStringLiteral("tusk")}));
    QCOMPARE(registry.connections().size(), 1);
    QCOMPARE(registry.sessionCount(), 2);
}

void TestConnectionRegistry::lettingGoOfTheLastLeaseClosesTheConnection()
{
    ConnectionRegistry registry;
    QSignalSpy closed(&registry, &ConnectionRegistry::sessionClosed);
    SessionLease first = registry.shared(m_params, SessionRole::Catalog);
    QVERIFY(waitConnected(first.get()));
    const int pid = first->serverInfo().backendPid;
    QPointer<Session> session = first.get();
    SessionLease copy = first; // copies share the hold
    SessionLease second = registry.shared(m_params, SessionRole::Catalog);
    first.reset();
    second.reset();
    QVERIFY(copy);
    QCOMPARE(closed.size(), 0);
    QVERIFY(session);
    copy.reset();
    QCOMPARE(closed.size(), 1);
    QCOMPARE(registry.sessionCount(), 0);
    QVERIFY(QTest::qWaitFor([&] { return session.isNull(); }, 5000)); // deleted, later
    // The server sees the backend go.
    QVERIFY(QTest::qWaitFor([&] { return !backendsByPid({pid}).contains(pid); }, 20000));

    // The next user gets a fresh session.
    SessionLease again = registry.shared(m_params, SessionRole::Catalog);
    QVERIFY(waitConnected(again.get()));
    QVERIFY(again->serverInfo().backendPid != pid);
}

void TestConnectionRegistry::aMonitorSessionPerNodeOfAMultiHostConninfo()
{
    const sandbox::SandboxNode primary = m_cluster->node(QStringLiteral("primary"));
    const sandbox::SandboxNode replica = m_cluster->node(QStringLiteral("replica1"));
    ConnectionParams both = m_params; // the primary's URI: loopback, passfile
    both.set(QStringLiteral("host"), QStringLiteral("127.0.0.1,127.0.0.1"));
    both.set(QStringLiteral("port"), QStringLiteral("%1,%2").arg(primary.port).arg(replica.port));
    both.set(QStringLiteral("target_session_attrs"), QStringLiteral("read-write"));

    ConnectionRegistry registry;
    QList<SessionLease> monitors;
    for (const ConnectionParams &node : nodesOf(both))
        monitors.append(registry.shared(node, SessionRole::Monitor));
    QCOMPARE(monitors.size(), 2);
    QVERIFY(monitors[0].get() != monitors[1].get());
    QVERIFY(waitConnected(monitors[0].get()));
    QVERIFY(waitConnected(monitors[1].get()));
    QVERIFY(!monitors[0]->serverInfo().isInRecovery);
    QVERIFY(monitors[1]->serverInfo().isInRecovery); // the replica itself, not whichever libpq picked
    QCOMPARE(registry.connections().size(), 2);
}

void TestConnectionRegistry::aFailedSharedSessionIsSeenByEveryHolder()
{
    ConnectionParams wrong = m_params;
    wrong.set(QStringLiteral("dbname"), QStringLiteral("no_such_database_for_registry"));
    ConnectionRegistry registry;
    SessionLease a = registry.shared(wrong, SessionRole::Catalog);
    QSignalSpy failed(a.get(), &Session::connectionFailed);
    SessionLease b = registry.shared(wrong, SessionRole::Catalog);
    QCOMPARE(a.get(), b.get());
    QVERIFY(failed.wait(20000));
    QCOMPARE(b->state(), Session::State::Disconnected);
    QVERIFY(failed.first().first().value<Error>().message.contains(
        QLatin1String("no_such_database_for_registry")));
}

QTEST_GUILESS_MAIN(TestConnectionRegistry)
#include "tst_connectionregistry.moc"
