// `tusk-cli monitor --listen` as a user runs it, without Prometheus (tst_prometheus has one): a
// server that cannot be reached, scrapes at the same time, and the errors of a bad command line.

#include "../common/fixture.h"
#include "../common/subprocess.h"
#include "../common/tcpproxy.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace tusk;

namespace {
struct Answer
{
    int status = 0;
    QByteArray body;
};

/// The answer, split; status 0 when the socket could not even connect.
Answer parse(const QByteArray &raw)
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QList<QByteArray> statusLine = raw.left(raw.indexOf("\r\n")).split(' ');
    if (end < 0 || statusLine.size() < 2)
        return {};
    return {statusLine[1].toInt(), raw.mid(end + 4)};
}

/// A socket that sent `GET path` and collects the answer until the server closes.
std::unique_ptr<QTcpSocket> request(quint16 port, const QByteArray &path = "/metrics")
{
    auto s = std::make_unique<QTcpSocket>();
    s->connectToHost(QHostAddress::LocalHost, port);
    s->write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n");
    return s;
}

/// Waits until the server closed s and returns what it sent.
QByteArray collect(QTcpSocket &s, int timeoutMs = 20000)
{
    QByteArray raw;
    (void)QTest::qWaitFor(
        [&] {
            raw += s.readAll();
            return s.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    return raw + s.readAll();
}

/// The value of one series line ("name{labels} value") in exposition text, or "" when absent.
QByteArray seriesValue(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1);
    }
    return {};
}
} // namespace

class TestMonitorListen : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void aServerThatIsDownIsPgUpZeroAndOneLineOnStderr();
    void aServerThatGoesAwayIsDownOnceAndUpAgain();
    void scrapesAtTheSameTimeAreAllAnswered();
    void badListenArgumentsAreClearErrors();

private:
    /// Starts `tusk-cli monitor --listen 127.0.0.1:0 nodes…` and returns its port (0: failed).
    quint16 start(const QStringList &nodes);

    /// One scrape's pg_up for server label, past the cache of the scrape before.
    QByteArray pgUp(quint16 port, const QString &server);

    QString m_uri;
    int m_port = 0;
    QString m_server; ///< the primary's server label
    std::unique_ptr<QProcess> m_cli;
    QByteArray m_err;
};

void TestMonitorListen::initTestCase()
{
    auto cluster = test::fixtureCluster();
    if (!cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = cluster->node(QStringLiteral("primary")).uri;
    m_port = cluster->node(QStringLiteral("primary")).port;
    m_server = QStringLiteral("127.0.0.1:%1").arg(m_port);
}

void TestMonitorListen::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("tusk-cli stderr:\n%s", m_err.constData());
    if (m_cli) {
        m_cli->terminate();
        if (!m_cli->waitForFinished(10000))
            m_cli->kill();
        m_cli.reset();
    }
    m_err.clear();
}

quint16 TestMonitorListen::start(const QStringList &nodes)
{
    m_cli = std::make_unique<QProcess>();
    connect(m_cli.get(), &QProcess::readyReadStandardError, this,
            [this] { m_err += m_cli->readAllStandardError(); });
    m_cli->start(QStringLiteral(TUSK_CLI), QStringList{QStringLiteral("monitor"), QStringLiteral("--listen"),
                                                       QStringLiteral("127.0.0.1:0")} +
                                               nodes);
    static const QRegularExpression serving(QStringLiteral(R"(serving http://127\.0\.0\.1:(\d+)/metrics)"));
    QRegularExpressionMatch m;
    (void)QTest::qWaitFor(
        [&] {
            m = serving.match(QString::fromUtf8(m_err));
            return m.hasMatch() || m_cli->state() == QProcess::NotRunning;
        },
        60000);
    return m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
}

void TestMonitorListen::aServerThatIsDownIsPgUpZeroAndOneLineOnStderr()
{
    const quint16 port = start({m_uri, QStringLiteral("host=127.0.0.1 port=1 connect_timeout=3")});
    QVERIFY(port != 0);
    for (int i = 0; i < 3; ++i) {
        if (i > 0)
            QTest::qWait(600); // past the 500 ms in which scrapes share one sample
        auto socket = request(port);
        const Answer a = parse(collect(*socket));
        QCOMPARE(a.status, 200);
        QCOMPARE(seriesValue(a.body, "pg_up{server=\"" + m_server.toUtf8() + "\"}"), QByteArray("1"));
        QCOMPARE(seriesValue(a.body, "pg_up{server=\"127.0.0.1:1\"}"), QByteArray("0"));
        QVERIFY(
            !a.body.contains("pg_stat_database_xact_commit{datname=\"postgres\",server=\"127.0.0.1:1\"}"));
        QVERIFY(a.body.contains("pg_stat_database_xact_commit{datname=\"postgres\",server=\"" +
                                m_server.toUtf8()));
    }
    // Said once, with libpq's reason, not on every scrape.
    QCOMPARE(m_err.count("127.0.0.1:1 is down"), 1);
    QVERIFY2(m_err.contains("refused"), m_err.constData());
}

QByteArray TestMonitorListen::pgUp(quint16 port, const QString &server)
{
    QTest::qWait(600); // past the 500 ms in which scrapes share one sample
    auto socket = request(port);
    const Answer a = parse(collect(*socket));
    return a.status == 200 ? seriesValue(a.body, "pg_up{server=\"" + server.toUtf8() + "\"}") : QByteArray();
}

void TestMonitorListen::aServerThatGoesAwayIsDownOnceAndUpAgain()
{
    // The primary behind a proxy the test can close: a server that goes away and comes back.
    test::TcpProxy proxy{quint16(m_port)};
    QString uri = m_uri;
    uri.replace(QStringLiteral(":%1/").arg(m_port), QStringLiteral(":%1/").arg(proxy.port()));
    const QString server = QStringLiteral("127.0.0.1:%1").arg(proxy.port());
    const quint16 port = start({uri});
    QVERIFY(port != 0);
    QCOMPARE(pgUp(port, server), QByteArray("1"));
    proxy.setRefusing(true);
    QCOMPARE(pgUp(port, server), QByteArray("0"));
    QCOMPARE(pgUp(port, server), QByteArray("0"));
    QCOMPARE(m_err.count(server.toUtf8() + " is down"), 1);
    proxy.setRefusing(false);
    // Each scrape tries again: the first one after the server is back is up.
    QCOMPARE(pgUp(port, server), QByteArray("1"));
    QCOMPARE(m_err.count(server.toUtf8() + " is up again"), 1);
    QCOMPARE(m_err.count(server.toUtf8() + " is down"), 1);
}

void TestMonitorListen::scrapesAtTheSameTimeAreAllAnswered()
{
    const quint16 port = start({m_uri});
    QVERIFY(port != 0);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 8; ++i)
        sockets.push_back(request(port));
    auto missing = request(port, "/nothing");
    QList<QByteArray> bodies;
    for (auto &s : sockets) {
        const Answer a = parse(collect(*s));
        QCOMPARE(a.status, 200);
        bodies.append(a.body);
    }
    QCOMPARE(parse(collect(*missing)).status, 404);
    // One round answered them all: the same text, the same scrape duration.
    for (const QByteArray &b : std::as_const(bodies))
        QCOMPARE(b, bodies.first());
    QVERIFY(bodies.first().contains("# TYPE pg_stat_activity_count gauge\n"));
}

void TestMonitorListen::badListenArgumentsAreClearErrors()
{
    const auto cli = [this](const QStringList &args) {
        return test::runProcess(QStringLiteral(TUSK_CLI), QStringList{QStringLiteral("monitor")} + args);
    };
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const QString takenAddress = QStringLiteral("127.0.0.1:%1").arg(taken.serverPort());
    test::ProcessRun inUse = cli({QStringLiteral("--listen"), takenAddress, m_uri});
    TUSK_COMPARE_EXIT(inUse, 2);
    QVERIFY2(inUse.err.contains("cannot listen on " + takenAddress.toUtf8()), inUse.describe().constData());

    for (const char *bad : {"nonsense", "127.0.0.1:99999", "db.example.com:9187", "::1:9187"}) {
        test::ProcessRun r = cli({QStringLiteral("--listen"), QLatin1String(bad), m_uri});
        TUSK_COMPARE_EXIT(r, 2);
        QVERIFY2(r.err.contains("--listen ") && r.err.contains(bad), r.describe().constData());
    }
    test::ProcessRun withJson =
        cli({QStringLiteral("--listen"), QStringLiteral(":0"), QStringLiteral("--json"), m_uri});
    TUSK_COMPARE_EXIT(withJson, 2);
    QVERIFY2(withJson.err.contains("--json does not go with --listen"), withJson.describe().constData());
    test::ProcessRun twoForJson = cli({QStringLiteral("--json"), m_uri, m_uri});
    TUSK_COMPARE_EXIT(twoForJson, 2);
    QVERIFY2(twoForJson.err.contains("several need --listen"), twoForJson.describe().constData());
    test::ProcessRun twice = cli({QStringLiteral("--listen"), QStringLiteral(":0"), m_uri, m_uri});
    TUSK_COMPARE_EXIT(twice, 2);
    QVERIFY2(twice.err.contains("given twice"), twice.describe().constData());
}

QTEST_GUILESS_MAIN(TestMonitorListen)
#include "tst_monitorlisten.moc"
