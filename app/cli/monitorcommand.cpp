#include "monitorcommand.h"

#include "monitor/metricsendpoint.h"
#include "monitor/samplejson.h"
#include "monitor/sampler.h"
#include "monitor/scraper.h"
#include "pg/connectionregistry.h"
#include "pg/session.h"
#include "rowoptions.h"
#include "stderrlines.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace tusk::cli {

namespace {

/// --listen: serve every node to Prometheus until interrupted.
int serveMetrics(const monitor::ListenAddress &address, const QList<pg::ConnectionParams> &nodes)
{
    QList<monitor::Scraper::Node> scraped;
    QStringList labels;
    QStringList conninfos;
    for (const pg::ConnectionParams &params : nodes) {
        if (conninfos.contains(params.toConninfo())) {
            printLine(QStringLiteral("tusk-cli monitor: %1 is given twice").arg(params.redacted()));
            return 2;
        }
        conninfos << params.toConninfo();
        if (params.contains(QStringLiteral("password")))
            printLine(QStringLiteral("tusk-cli monitor: warning: a password in CONNINFO can be read by every "
                                     "user of this machine (ps); use ~/.pgpass or PGPASSFILE"));
        QString label = monitor::Scraper::serverLabel(params);
        // Two databases (or users) of one server: tell them apart.
        for (const char *key : {"dbname", "user"}) {
            if (labels.contains(label))
                label += u'/' + params.value(QLatin1String(key));
        }
        if (labels.contains(label)) {
            printLine(
                QStringLiteral("tusk-cli monitor: two CONNINFOs would both be server=\"%1\"").arg(label));
            return 2;
        }
        labels << label;
        scraped.append({label, params});
    }
    pg::ConnectionRegistry registry;
    monitor::Scraper scraper(&registry, scraped);
    // Once per outage and once when it ends: a scrape every second must not repeat it.
    QObject::connect(
        &scraper, &monitor::Scraper::nodeDown, &scraper, [](const QString &server, const QString &why) {
            printLine(QStringLiteral("tusk-cli monitor: %1 is down (pg_up 0): %2").arg(server, why));
        });
    QObject::connect(&scraper, &monitor::Scraper::nodeUp, &scraper, [](const QString &server) {
        printLine(QStringLiteral("tusk-cli monitor: %1 is up again").arg(server));
    });
    monitor::MetricsEndpoint endpoint(&scraper);
    if (const auto listening = endpoint.listen(address); !listening) {
        printLine(QStringLiteral("tusk-cli monitor: ") + listening.error());
        return 2;
    }
    const QString host = address.host.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.host.toString() + u']'
                             : address.host.toString();
    printLine(QStringLiteral("tusk-cli monitor: serving http://%1:%2/metrics for %3")
                  .arg(host)
                  .arg(endpoint.port())
                  .arg(labels.join(QStringLiteral(", "))));
    QCoreApplication::exec();
    return 0;
}

} // namespace

int runMonitor(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sample a PostgreSQL server's statistics."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("once"), QStringLiteral("Print one sample and exit.")});
    parser.addOption(
        {QStringLiteral("count"), QStringLiteral("Print N samples and exit."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("interval"), QStringLiteral("Milliseconds between samples (500-60000)."),
                      QStringLiteral("MS"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per sample and line.")});
    parser.addOption({QStringLiteral("listen"),
                      QStringLiteral("Serve GET /metrics (Prometheus text) on HOST:PORT, sampling every "
                                     "CONNINFO when scraped. :PORT is loopback only."),
                      QStringLiteral("HOST:PORT")});
    parser.addPositionalArgument(
        QStringLiteral("CONNINFO"),
        QStringLiteral("URI, key=value string or service=NAME (several with --listen). "
                       "No password here: use ~/.pgpass or PGPASSFILE."),
        QStringLiteral("CONNINFO..."));
    if (const auto exit = parseCommandLine(parser, "monitor", args, -1, "CONNINFO"))
        return *exit;
    QList<pg::ConnectionParams> nodes;
    for (const QString &conninfo : parser.positionalArguments()) {
        auto params = pg::ConnectionParams::parse(conninfo);
        if (!params) {
            printLine(params.error().toString());
            return 2;
        }
        nodes.append(*params);
    }
    if (parser.isSet(QStringLiteral("listen"))) {
        for (const char *option : {"json", "once", "count", "interval"}) {
            if (parser.isSet(QLatin1String(option))) {
                printLine(QStringLiteral("tusk-cli monitor: --%1 does not go with --listen (Prometheus "
                                         "decides when to sample, by scraping)")
                              .arg(QLatin1String(option)));
                return 2;
            }
        }
        const auto address = monitor::ListenAddress::parse(parser.value(QStringLiteral("listen")));
        if (!address) {
            printLine(QStringLiteral("tusk-cli monitor: --listen ") + address.error());
            return 2;
        }
        return serveMetrics(*address, nodes);
    }
    if (!parser.isSet(QStringLiteral("json"))) {
        printLine(QStringLiteral("tusk-cli monitor: say --json (samples as JSON lines) or --listen HOST:PORT "
                                 "(a Prometheus endpoint)"));
        return 2;
    }
    if (nodes.size() != 1) {
        printLine(QStringLiteral("tusk-cli monitor: --json samples one CONNINFO; several need --listen"));
        return 2;
    }
    int count = parser.isSet(QStringLiteral("once")) ? 1 : 0;
    if (parser.isSet(QStringLiteral("count"))) {
        bool ok = false;
        count = parser.value(QStringLiteral("count")).toInt(&ok);
        if (!ok || count <= 0) {
            printLine(QStringLiteral("tusk-cli monitor: --count needs a positive number"));
            return 2;
        }
    }
    bool intervalOk = false;
    const int interval = parser.value(QStringLiteral("interval")).toInt(&intervalOk);
    if (!intervalOk || interval < 500 || interval > 60'000) {
        printLine(QStringLiteral("tusk-cli monitor: --interval must be 500 to 60000 ms"));
        return 2;
    }
    pg::ConnectionRegistry registry;
    monitor::Sampler sampler(&registry, nodes.first());
    sampler.setTickInterval(interval);
    int printed = 0;
    int exitCode = 0;
    bool seenConnected = false;
    QObject::connect(&sampler, &monitor::Sampler::sampled, &sampler, [&](const monitor::Sample &s) {
        if (!s.connected && !seenConnected) {
            printLine(s.error);
            exitCode = 2;
            QCoreApplication::quit();
            return;
        }
        seenConnected = seenConnected || s.connected;
        std::fputs(QJsonDocument(monitor::sampleToJson(s)).toJson(QJsonDocument::Compact).constData(),
                   stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
        if (count > 0 && ++printed >= count)
            QCoreApplication::quit();
    });
    // The first sample as soon as the session is up, then one per interval (a later gap, while
    // the sampler reconnects, is printed as one).
    QObject::connect(sampler.session(), &pg::Session::connected, &sampler, [&sampler] { sampler.start(); });
    QObject::connect(sampler.session(), &pg::Session::connectionFailed, &sampler, [&](const pg::Error &e) {
        if (seenConnected)
            return; // the sampler reconnects by itself
        printLine(e.toString());
        exitCode = 2;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace tusk::cli
