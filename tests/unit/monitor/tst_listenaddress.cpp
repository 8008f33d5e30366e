// monitor::ListenAddress: what `tusk-cli monitor --listen` accepts, and loopback unless told.

#include "monitor/metricsendpoint.h"

#include <QTest>

using namespace tusk::monitor;

class TestListenAddress : public QObject
{
    Q_OBJECT
private slots:
    void acceptsAddressesAndPorts_data();
    void acceptsAddressesAndPorts();
    void refusesWhatIsNotHostAndPort_data();
    void refusesWhatIsNotHostAndPort();
};

void TestListenAddress::acceptsAddressesAndPorts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("IPv4") << "127.0.0.1:9187"
                          << "127.0.0.1" << 9187;
    QTest::newRow("every interface, said so") << "0.0.0.0:9187"
                                              << "0.0.0.0" << 9187;
    QTest::newRow("IPv6 in brackets") << "[::1]:9187"
                                      << "::1" << 9187;
    QTest::newRow("no host is loopback") << ":9187"
                                         << "127.0.0.1" << 9187;
    QTest::newRow("a port alone is loopback") << "9187"
                                              << "127.0.0.1" << 9187;
    QTest::newRow("localhost is loopback") << "localhost:9187"
                                           << "127.0.0.1" << 9187;
    QTest::newRow("port 0: the system picks") << "127.0.0.1:0"
                                              << "127.0.0.1" << 0;
}

void TestListenAddress::acceptsAddressesAndPorts()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto a = ListenAddress::parse(text);
    QVERIFY2(a, qPrintable(a ? QString() : a.error()));
    QCOMPARE(a->host.toString(), host);
    QCOMPARE(int(a->port), port);
}

void TestListenAddress::refusesWhatIsNotHostAndPort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << ""
                           << "expected HOST:PORT";
    QTest::newRow("words") << "nonsense"
                           << "expected HOST:PORT";
    QTest::newRow("port too large") << "127.0.0.1:65536"
                                    << "expected HOST:PORT";
    QTest::newRow("no port") << "127.0.0.1:"
                             << "expected HOST:PORT";
    QTest::newRow("a host name") << "db.example.com:9187"
                                 << "not an IP address";
    QTest::newRow("IPv6 without brackets") << "::1:9187"
                                           << "in brackets";
    QTest::newRow("unclosed bracket") << "[::1:9187"
                                      << "[IPv6]:PORT";
}

void TestListenAddress::refusesWhatIsNotHostAndPort()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    const auto a = ListenAddress::parse(text);
    QVERIFY(!a);
    QVERIFY2(a.error().contains(says), qPrintable(a.error()));
}

QTEST_GUILESS_MAIN(TestListenAddress)
#include "tst_listenaddress.moc"
