#include "sandboxcommand.h"

#include "sandbox/localcluster.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace tusk::cli {

using namespace tusk::sandbox;
using tusk::tools::PostgresBinaries;

namespace {
void printJson(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
}
} // namespace

int runSandbox(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Start, inspect and stop throwaway local clusters."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("dir"), QStringLiteral("The sandbox's directory."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("replicas"), QStringLiteral("Streaming replicas (up)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Load the CRM demo schema, ~1M rows (up).")});
    parser.addOption({QStringLiteral("workload"), QStringLiteral("Run a light background workload (up).")});
    parser.addOption({QStringLiteral("node"), QStringLiteral("Node name for uri (default: primary)."),
                      QStringLiteral("NAME"), QStringLiteral("primary")});
    parser.addOption({QStringLiteral("postgres"),
                      QStringLiteral("PostgreSQL major to run (up; default: the newest of Debian's). Exit "
                                     "status 3 when it is not installed."),
                      QStringLiteral("MAJOR")});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("No progress messages on stderr.")});
    parser.addPositionalArgument(QStringLiteral("ACTION"),
                                 QStringLiteral("up, status, uri, down or versions"));
    if (!parser.parse(QStringList{QStringLiteral("tusk-cli sandbox")} + args)) {
        std::fprintf(stderr, "tusk-cli sandbox: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1) {
        std::fprintf(stderr,
                     "tusk-cli sandbox: expected one of up, status, uri, down, versions (see --help)\n");
        return 2;
    }
    const QString action = pos.first();
    const QString dir = parser.value(QStringLiteral("dir"));
    const bool quiet = parser.isSet(QStringLiteral("quiet"));

    if (action == QLatin1String("versions")) {
        QJsonArray list;
        for (const PostgresBinaries &b : PostgresBinaries::available()) {
            list.append(QJsonObject{{QStringLiteral("major"), b.majorVersion},
                                    {QStringLiteral("version"), b.version},
                                    {QStringLiteral("bin_dir"), b.binDir},
                                    {QStringLiteral("origin"), b.origin == PostgresBinaries::Origin::NpmCache
                                                                   ? QStringLiteral("npm")
                                                                   : QStringLiteral("system")},
                                    {QStringLiteral("client_bin_dir"), b.clientBinDir}});
        }
        printJson(QJsonObject{{QStringLiteral("cache"), PostgresBinaries::cacheDir()},
                              {QStringLiteral("installations"), list}});
        return 0;
    }

    if (action == QLatin1String("up")) {
        bool ok = false;
        SandboxOptions options;
        options.dir = dir;
        options.replicas = parser.value(QStringLiteral("replicas")).toInt(&ok);
        if (!ok) {
            std::fprintf(stderr, "tusk-cli sandbox: --replicas needs a number\n");
            return 2;
        }
        if (parser.isSet(QStringLiteral("postgres"))) {
            options.postgresMajor = parser.value(QStringLiteral("postgres")).toInt(&ok);
            if (!ok || options.postgresMajor <= 0) {
                std::fprintf(stderr, "tusk-cli sandbox: --postgres needs a major version, e.g. 17\n");
                return 2;
            }
            if (auto b = PostgresBinaries::find(options.postgresMajor); !b) {
                std::fprintf(stderr, "tusk-cli sandbox up: %s\n", b.error().toUtf8().constData());
                return 3;
            }
        }
        options.demo = parser.isSet(QStringLiteral("demo"));
        options.workload = parser.isSet(QStringLiteral("workload"));
        if (options.workload && !options.demo) {
            std::fprintf(stderr, "tusk-cli sandbox: --workload needs --demo (it works on the demo schema)\n");
            return 2;
        }
        auto cluster = LocalCluster::up(options, [quiet](const QString &step) {
            if (!quiet)
                std::fprintf(stderr, "sandbox: %s\n", step.toUtf8().constData());
        });
        if (!cluster) {
            std::fprintf(stderr, "tusk-cli sandbox up: %s\n", cluster.error().toUtf8().constData());
            return 1;
        }
        printJson(cluster->toJson());
        return 0;
    }
    if (action != QLatin1String("status") && action != QLatin1String("down") &&
        action != QLatin1String("uri")) {
        std::fprintf(stderr, "tusk-cli sandbox: unknown action '%s' (up, status, uri, down)\n",
                     qPrintable(action));
        return 2;
    }
    if (dir.isEmpty()) {
        std::fprintf(stderr, "tusk-cli sandbox %s: --dir DIR is required\n", qPrintable(action));
        return 2;
    }
    auto cluster = LocalCluster::open(dir);
    if (!cluster) {
        std::fprintf(stderr, "tusk-cli sandbox %s: %s\n", qPrintable(action),
                     cluster.error().toUtf8().constData());
        return action == QLatin1String("down") && !LocalCluster::exists(dir) ? 0 : 1;
    }
    if (action == QLatin1String("uri")) {
        const QString name = parser.value(QStringLiteral("node"));
        const QString uri = cluster->node(name).uri;
        if (uri.isEmpty()) {
            std::fprintf(stderr, "tusk-cli sandbox uri: no node '%s'\n", qPrintable(name));
            return 1;
        }
        std::printf("%s\n", uri.toUtf8().constData());
        return 0;
    }
    if (action == QLatin1String("status")) {
        const QJsonObject status = cluster->status();
        printJson(status);
        return status.value(QStringLiteral("running")).toBool() ? 0 : 1;
    }
    if (auto s = cluster->down(); !s) {
        std::fprintf(stderr, "tusk-cli sandbox down: %s\n", s.error().toUtf8().constData());
        return 1;
    }
    return 0;
}

} // namespace tusk::cli
