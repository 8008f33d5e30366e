// `tusk-cli monitor --listen` scraped by a real Prometheus (Debian's /usr/bin/prometheus, started
// here on loopback, every second): every metric the endpoint serves must be queryable through
// Prometheus's HTTP API, and every panel of the Grafana dashboards in packaging/grafana must give
// an answer. The exporter watches the sandbox fixture's primary and first replica (two servers,
// told apart by the server label).

#include "../common/fixture.h"
#include "pg/session.h"
#include "tools/osuser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace tusk;

namespace {
constexpr int kReadyMs = 60'000; // generous: two busy cores, other builds beside us

struct HttpAnswer
{
    int status = 0; ///< 0: no answer
    QByteArray body;
    QByteArray contentType;
};

/// The child dies with us, even when the test crashes; and runs as user when given (root).
void guardChild(QProcess &p, std::optional<tools::OsUser> user)
{
    const pid_t parent = ::getpid();
    p.setChildProcessModifier([parent, user] {
        if (user && !user->become())
            _exit(126);
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent)
            _exit(126);
    });
}

void stop(std::unique_ptr<QProcess> &p)
{
    if (!p)
        return;
    if (p->state() != QProcess::NotRunning) {
        p->terminate();
        if (!p->waitForFinished(10000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    p.reset();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

class TestPrometheus : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void theEndpointSpeaksHttp();
    void prometheusScrapesBothServers();
    void everyServedMetricIsQueryable();
    void everyDashboardPanelAnswers();

private:
    HttpAnswer get(const QUrl &url);
    /// The result vector of an instant query; nullopt when Prometheus refused the query.
    std::optional<QJsonArray> query(const QString &promql, QString *error = nullptr);
    bool startExporter(const QStringList &nodes);
    bool startPrometheus();
    void makeLoad();
    QString describeChildren() const;

    std::optional<sandbox::LocalCluster> m_cluster;
    QNetworkAccessManager m_http;
    std::unique_ptr<QProcess> m_exporter;
    std::unique_ptr<QProcess> m_prometheus;
    QByteArray m_exporterErr;
    QByteArray m_prometheusErr;
    QTemporaryDir m_dir;
    quint16 m_exporterPort = 0;
    quint16 m_prometheusPort = 0;
    QString m_primaryServer; ///< the primary's server label ("127.0.0.1:PORT")
    QString m_replicaServer;
};

void TestPrometheus::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        TUSK_SKIP_WITHOUT_FIXTURE();
    if (!QFile::exists(QStringLiteral(TUSK_PROMETHEUS)))
        QSKIP("no " TUSK_PROMETHEUS " (Debian package prometheus; packaging/install-deps.sh)");
    QVERIFY(m_dir.isValid());
    m_http.setProxy(QNetworkProxy::NoProxy); // an http_proxy of the environment is not for loopback
    const sandbox::SandboxNode primary = m_cluster->node(QStringLiteral("primary"));
    const sandbox::SandboxNode replica = m_cluster->node(QStringLiteral("replica1"));
    m_primaryServer = QStringLiteral("127.0.0.1:%1").arg(primary.port);
    m_replicaServer = QStringLiteral("127.0.0.1:%1").arg(replica.port);
    // The URIs name the sandbox's passfile: no password on a command line.
    QVERIFY2(startExporter(QStringList{primary.uri, replica.uri}), qPrintable(describeChildren()));
    QVERIFY2(startPrometheus(), qPrintable(describeChildren()));
    makeLoad();
}

void TestPrometheus::cleanupTestCase()
{
    stop(m_prometheus);
    stop(m_exporter);
}

QString TestPrometheus::describeChildren() const
{
    return QStringLiteral("tusk-cli stderr:\n%1\nprometheus stderr (end):\n%2")
        .arg(QString::fromUtf8(m_exporterErr), QString::fromUtf8(m_prometheusErr.right(4000)));
}

HttpAnswer TestPrometheus::get(const QUrl &url)
{
    std::unique_ptr<QNetworkReply> reply(m_http.get(QNetworkRequest(url)));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 20000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray()};
}

std::optional<QJsonArray> TestPrometheus::query(const QString &promql, QString *error)
{
    const QUrl url = QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(m_prometheusPort) +
                                       "/api/v1/query?query=" + QUrl::toPercentEncoding(promql));
    const HttpAnswer a = get(url);
    const QJsonObject o = QJsonDocument::fromJson(a.body).object();
    if (a.status != 200 || o.value(QStringLiteral("status")).toString() != QLatin1String("success")) {
        if (error)
            *error = QStringLiteral("HTTP %1: %2").arg(a.status).arg(QString::fromUtf8(a.body));
        return std::nullopt;
    }
    const QJsonObject data = o.value(QStringLiteral("data")).toObject();
    if (data.value(QStringLiteral("resultType")).toString() == QLatin1String("scalar"))
        return QJsonArray{data.value(QStringLiteral("result"))};
    return data.value(QStringLiteral("result")).toArray();
}

bool TestPrometheus::startExporter(const QStringList &nodes)
{
    m_exporter = std::make_unique<QProcess>();
    guardChild(*m_exporter, std::nullopt);
    connect(m_exporter.get(), &QProcess::readyReadStandardError, this,
            [this] { m_exporterErr += m_exporter->readAllStandardError(); });
    // Port 0: the exporter picks a free one and says which; no race with other tests.
    m_exporter->start(
        QStringLiteral(TUSK_CLI),
        QStringList{QStringLiteral("monitor"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} +
            nodes);
    static const QRegularExpression serving(QStringLiteral(R"(serving http://127\.0\.0\.1:(\d+)/metrics)"));
    QRegularExpressionMatch m;
    (void)QTest::qWaitFor(
        [&] {
            m = serving.match(QString::fromUtf8(m_exporterErr));
            return m.hasMatch() || m_exporter->state() == QProcess::NotRunning;
        },
        kReadyMs);
    if (!m.hasMatch())
        return false;
    m_exporterPort = quint16(m.captured(1).toUInt());
    return true;
}

bool TestPrometheus::startPrometheus()
{
    // Prometheus needs no root: as root, it runs as the prometheus (or nobody) user, which
    // must own its directory.
    std::optional<tools::OsUser> user;
    if (tools::OsUser::weAreRoot()) {
        user = tools::OsUser::find(QStringLiteral("prometheus"));
        if (!user)
            user = tools::OsUser::find(QStringLiteral("nobody"));
        if (!user || ::chown(QFile::encodeName(m_dir.path()).constData(), user->uid, user->gid) != 0)
            return false;
    }
    m_prometheusPort = freePort();
    QFile config(m_dir.filePath(QStringLiteral("prometheus.yml")));
    if (!config.open(QIODevice::WriteOnly))
        return false;
    config.write(QStringLiteral("global:\n"
                                "  scrape_interval: 1s\n"
                                "  scrape_timeout: 1s\n"
                                "scrape_configs:\n"
                                "  - job_name: tusk\n"
                                "    static_configs:\n"
                                "      - targets: ['127.0.0.1:%1']\n")
                     .arg(m_exporterPort)
                     .toUtf8());
    config.close();
    m_prometheus = std::make_unique<QProcess>();
    guardChild(*m_prometheus, user);
    m_prometheus->setWorkingDirectory(m_dir.path());
    connect(m_prometheus.get(), &QProcess::readyReadStandardError, this,
            [this] { m_prometheusErr += m_prometheus->readAllStandardError(); });
    m_prometheus->start(QStringLiteral(TUSK_PROMETHEUS),
                        {QStringLiteral("--config.file=") + config.fileName(),
                         QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
                         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_prometheusPort)});
    if (!m_prometheus->waitForStarted(10000))
        return false;
    // Ready once the target has been scraped and was up: polled, not slept.
    QElapsedTimer started;
    started.start();
    const bool up = QTest::qWaitFor(
        [&] {
            if (m_prometheus->state() == QProcess::NotRunning)
                return true;
            const auto r = query(QStringLiteral("up{job=\"tusk\"} == 1"));
            return r && !r->isEmpty();
        },
        kReadyMs);
    qInfo("Prometheus scraped tusk-cli successfully %lld ms after its start", qlonglong(started.elapsed()));
    return up && m_prometheus->state() == QProcess::Running;
}

void TestPrometheus::makeLoad()
{
    // A few transactions, commits and rollbacks, so rate() panels have something to rate.
    pg::Session s(QStringLiteral("tusk-test"));
    s.connectTo(test::paramsFor(m_cluster->node(QStringLiteral("primary")).uri));
    if (!QTest::qWaitFor([&] { return s.state() == pg::Session::State::Connected; }, 20000))
        return;
    int answered = 0;
    const QStringList sql{QStringLiteral("CREATE TEMP TABLE tusk_prometheus_load (id int)"),
                          QStringLiteral("INSERT INTO tusk_prometheus_load SELECT generate_series(1, 1000)"),
                          QStringLiteral("UPDATE tusk_prometheus_load SET id = id + 1"),
                          QStringLiteral("SELECT count(*) FROM tusk_prometheus_load"),
                          QStringLiteral("DELETE FROM tusk_prometheus_load WHERE id < 100"),
                          QStringLiteral("SELECT 1/0")}; // a rollback
    for (const QString &q : sql)
        s.query(q, {}, this, [&answered](const pg::QueryOutcome &) { ++answered; });
    (void)QTest::qWaitFor([&] { return answered == int(sql.size()); }, 20000);
}

void TestPrometheus::theEndpointSpeaksHttp()
{
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_exporterPort);
    const HttpAnswer metrics = get(QUrl(base + QStringLiteral("/metrics")));
    QCOMPARE(metrics.status, 200);
    QCOMPARE(metrics.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QVERIFY(metrics.body.contains("pg_up{server=\"" + m_primaryServer.toUtf8() + "\"} 1\n"));
    QCOMPARE(get(QUrl(base + QStringLiteral("/"))).status, 404);
    QCOMPARE(get(QUrl(base + QStringLiteral("/metrics/x"))).status, 404);
    // Not HTTP at all: 400, and the connection is closed.
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_exporterPort);
    QVERIFY(raw.waitForConnected(5000));
    raw.write("hello\r\n\r\n");
    QByteArray answer;
    (void)QTest::qWaitFor(
        [&] {
            answer += raw.readAll();
            return raw.state() == QAbstractSocket::UnconnectedState || answer.contains("\r\n\r\n");
        },
        10000);
    QVERIFY2(answer.startsWith("HTTP/1.1 400 "), answer.constData());
}

void TestPrometheus::prometheusScrapesBothServers()
{
    const auto up = query(QStringLiteral("pg_up{job=\"tusk\"}"));
    QVERIFY(up);
    QStringList servers;
    for (const QJsonValue &v : *up) {
        const QJsonObject o = v.toObject();
        servers << o.value(QStringLiteral("metric")).toObject().value(QStringLiteral("server")).toString();
        QCOMPARE(o.value(QStringLiteral("value")).toArray().at(1).toString(), QStringLiteral("1"));
    }
    servers.sort();
    QStringList expected{m_primaryServer, m_replicaServer};
    expected.sort();
    QCOMPARE(servers, expected);
    const auto recovery = query(QStringLiteral("pg_wal_in_recovery{server=\"%1\"}").arg(m_replicaServer));
    QVERIFY(recovery && recovery->size() == 1);
    QCOMPARE(recovery->at(0).toObject().value(QStringLiteral("value")).toArray().at(1).toString(),
             QStringLiteral("1"));
}

void TestPrometheus::everyServedMetricIsQueryable()
{
    const HttpAnswer metrics = get(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_exporterPort)));
    QCOMPARE(metrics.status, 200);
    QStringList names;
    static const QRegularExpression type(QStringLiteral(R"(^# TYPE (\S+) (gauge|counter)$)"),
                                         QRegularExpression::MultilineOption);
    for (auto it = type.globalMatch(QString::fromUtf8(metrics.body)); it.hasNext();)
        names << it.next().captured(1);
    qInfo("%lld metric names, %lld lines per scrape", qlonglong(names.size()),
          qlonglong(metrics.body.count('\n')));
    // Every probe family is among them (pg_stat_wal from 14 on).
    for (const char *family : {"pg_up", "pg_stat_database_", "pg_stat_activity_", "pg_stat_bgwriter_",
                               "pg_locks_", "pg_database_size_", "pg_wal_", "pg_stat_replication_",
                               "pg_stat_statements_", "pg_database_wraparound_", "pg_scrape_collector_"}) {
        QVERIFY2(std::any_of(names.cbegin(), names.cend(),
                             [family](const QString &n) { return n.startsWith(QLatin1String(family)); }),
                 family);
    }
    QStringList missing = names;
    (void)QTest::qWaitFor(
        [&] {
            missing.removeIf([this](const QString &name) {
                const auto r = query(name + QStringLiteral("{job=\"tusk\"}"));
                return r && !r->isEmpty();
            });
            return missing.isEmpty();
        },
        kReadyMs);
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("Prometheus has nothing for: ") + missing.join(u' ')));
}

void TestPrometheus::everyDashboardPanelAnswers()
{
    const QStringList dashboards{QStringLiteral("overview.json"), QStringLiteral("statements.json"),
                                 QStringLiteral("replication.json")};
    struct Expr
    {
        QString where; ///< dashboard: panel
        QString promql;
    };
    QList<Expr> exprs;
    for (const QString &file : dashboards) {
        QFile f(QStringLiteral(TUSK_GRAFANA_DIR "/") + file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        QJsonParseError parseError;
        const QJsonObject d = QJsonDocument::fromJson(f.readAll(), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError,
                 qPrintable(file + u' ' + parseError.errorString()));
        // Each variable as Grafana has it with "All" chosen: its allValue, a regex.
        QList<Expr> variableExprs;
        QList<std::pair<QString, QString>> vars{{QStringLiteral("__rate_interval"), QStringLiteral("1m")}};
        for (const QJsonValue &v :
             d.value(QStringLiteral("templating")).toObject().value(QStringLiteral("list")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("type")).toString() != QLatin1String("query"))
                continue;
            vars.append(
                {o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("allValue")).toString()});
            // Variables list values from a metric: that metric must be there too.
            static const QRegularExpression labelValues(QStringLiteral(R"(^label_values\((.+),\s*\w+\)$)"));
            const QRegularExpressionMatch m = labelValues.match(o.value(QStringLiteral("query")).toString());
            QVERIFY2(m.hasMatch(), qPrintable(file + QStringLiteral(": variable ") +
                                              o.value(QStringLiteral("name")).toString()));
            variableExprs.append(
                {file + QStringLiteral(": variable ") + o.value(QStringLiteral("name")).toString(),
                 m.captured(1)});
        }
        // Longest names first: $server must not eat the start of a longer name.
        std::sort(vars.begin(), vars.end(),
                  [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
        const auto substituted = [&vars](QString expr) {
            for (const auto &[name, value] : std::as_const(vars))
                expr.replace(QStringLiteral("${") + name + u'}', value).replace(u'$' + name, value);
            return expr;
        };
        for (const Expr &e : std::as_const(variableExprs))
            exprs.append({e.where, substituted(e.promql)});
        const QJsonArray panels = d.value(QStringLiteral("panels")).toArray();
        QVERIFY(!panels.isEmpty());
        for (const QJsonValue &p : panels) {
            const QJsonObject panel = p.toObject();
            const QString title = panel.value(QStringLiteral("title")).toString();
            QVERIFY2(!panel.value(QStringLiteral("fieldConfig"))
                          .toObject()
                          .value(QStringLiteral("defaults"))
                          .toObject()
                          .value(QStringLiteral("unit"))
                          .toString()
                          .isEmpty(),
                     qPrintable(file + QStringLiteral(": no unit on ") + title));
            for (const QJsonValue &t : panel.value(QStringLiteral("targets")).toArray()) {
                const QString raw = t.toObject().value(QStringLiteral("expr")).toString();
                QVERIFY2(!raw.isEmpty(),
                         qPrintable(file + QStringLiteral(": a target without expr in ") + title));
                const QString expr = substituted(raw);
                QVERIFY2(!expr.contains(u'$'), qPrintable(file + u' ' + title + QStringLiteral(": ") + expr));
                exprs.append({file + QStringLiteral(": ") + title, expr});
            }
        }
    }
    qInfo("%lld panel and variable queries", qlonglong(exprs.size()));
    // rate() needs two scrapes in its window, pg_stat_statements is read every 10 s: poll.
    QStringList failures;
    (void)QTest::qWaitFor(
        [&] {
            failures.clear();
            exprs.removeIf([&](const Expr &e) {
                QString error;
                const auto r = query(e.promql, &error);
                if (!r)
                    failures << e.where + QStringLiteral(": ") + e.promql + QStringLiteral(" → ") + error;
                return r && !r->isEmpty();
            });
            return exprs.isEmpty() || !failures.isEmpty(); // a refused query will not get better
        },
        kReadyMs);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    QStringList empty;
    for (const Expr &e : std::as_const(exprs))
        empty << e.where + QStringLiteral(": ") + e.promql;
    QVERIFY2(empty.isEmpty(), qPrintable(QStringLiteral("no answer for:\n") + empty.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
