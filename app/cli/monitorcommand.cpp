#include "monitorcommand.h"

#include "monitor/samplejson.h"
#include "monitor/sampler.h"
#include "pg/connectionregistry.h"
#include "pg/session.h"
#include "rowoptions.h"
#include "stderrlines.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace tusk::cli {

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
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("One JSON object per sample and line (the only format).")});
    parser.addPositionalArgument(QStringLiteral("CONNINFO"),
                                 QStringLiteral("URI, key=value string or service=NAME."));
    if (const auto exit = parseCommandLine(parser, "monitor", args, 1, "CONNINFO"))
        return *exit;
    if (!parser.isSet(QStringLiteral("json"))) {
        printLine(QStringLiteral(
            "tusk-cli monitor: --json is required (the Prometheus endpoint, --listen, comes next)"));
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
    auto params = pg::ConnectionParams::parse(parser.positionalArguments().at(0));
    if (!params) {
        printLine(params.error().toString());
        return 2;
    }
    pg::ConnectionRegistry registry;
    monitor::Sampler sampler(&registry, *params);
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
