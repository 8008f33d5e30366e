// Plan view benchmark (issue 4): EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plans of ~100, ~1,000
// and ~10,000 nodes, timed stage by stage. Two sources, in one run:
//   real   plans from a sandbox cluster this bench starts: count(*) over hash-partitioned tables
//          of 100 and 1,000 partitions (Append over partition scans) and a UNION ALL of 2,500
//          joins (~10,000 nodes)
//   synth  generated plans of the same sizes (tests/common/synthplan.h), without a server
// Stages:
//   parse     JsonPlanParser::parse of the text
//   analysis  PlanAnalysis (times, misestimates, warnings)
//   folding   PlanFolding (runs of identical sibling subtrees)
//   layout    card texts measured + tidy-tree layout (folded, as the view opens)
//   unfolded  the same with every group open (every node a card: the layout's worst case)
//   view      PlanView::setPlan + first paint offscreen (grab), which redoes analysis,
//             folding and layout, builds the scene, grid and details
//   total     parse + view: from text to a painted view
//   view-all  then every group unfolded, fitted and painted again (every node a card)
// Median of --rounds runs (default 5); RSS +MB: the peak RSS while measuring a size (reset
// before each) minus the RSS before it.
// Baseline measured in the same run: QJsonDocument::fromJson of the same text (a JSON parse
// that builds no plan), printed as the parse's ratio to it.
// Target: 10,000 nodes from text to painted in < 0.3 s with < 100 MB extra memory.
//
// Usage: bench_plan [--rounds N] [--no-sandbox]   (QT_QPA_PLATFORM defaults to offscreen)

#include "../../common/synthplan.h"
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"
#include "explain/planfolding.h"
#include "explain/planlayout.h"
#include "plan/plancards.h"
#include "plan/plandocument.h"
#include "plan/plangraphscene.h"
#include "plan/plangraphview.h"
#include "plan/planview.h"
#include "sandbox/localcluster.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFont>
#include <QJsonDocument>
#include <QStyleFactory>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>
#include <vector>

using namespace tusk;

namespace {

/// VmRSS or VmHWM (the peak since the last resetPeakRss()) from /proc/self/status, in MB.
double statusMb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(std::strlen(field))).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

/// Linux: writing 5 to clear_refs resets the peak RSS, so each size's peak is its own (and not
/// that of the sandbox output read before, or of a larger plan measured earlier).
void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.at(v.size() / 2);
}

struct Times
{
    std::vector<double> json, parse, analysis, folding, layout, unfolded, view, total, viewUnfolded;
};

double ms(QElapsedTimer &clock)
{
    const double t = clock.nsecsElapsed() / 1e6;
    clock.restart();
    return t;
}

// Measures one plan text; prints a row of the table. False when the text does not parse.
bool measure(const char *source, const QString &text, int rounds)
{
    const QByteArray json = text.toUtf8();
    resetPeakRss();
    const double rssBefore = statusMb("VmRSS:");
    Times t;
    int nodes = 0, cards = 0;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer clock;
        clock.start();
        // The baseline's document is freed before the plan is parsed, so the two do not add up.
        if (QJsonDocument::fromJson(json).isNull())
            return false;
        t.json.push_back(ms(clock));
        auto parsed = explain::JsonPlanParser::parse(text);
        if (!parsed) {
            std::fprintf(stderr, "parse error: %s\n", qPrintable(parsed.error().toString()));
            return false;
        }
        const explain::Plan &plan = *parsed;
        t.parse.push_back(ms(clock));
        const explain::PlanAnalysis analysis(plan);
        t.analysis.push_back(ms(clock));
        const explain::PlanFolding folding(plan);
        t.folding.push_back(ms(clock));
        const widgets::PlanDocument doc(plan, QString());
        clock.restart(); // the document redoes analysis and folding: not counted here
        const widgets::CardMetrics metrics(QApplication::font());
        const widgets::CardTexts texts(&doc, metrics);
        const auto sizeOf = [&texts](int nodeId, int groupId) {
            return nodeId >= 0 ? texts.node(nodeId).size : texts.group(groupId).size;
        };
        const explain::PlanLayout layout(plan, sizeOf, &doc.folding);
        t.layout.push_back(ms(clock));
        QSet<int> all;
        for (int g = 0; g < doc.folding.groups().size(); ++g)
            all << g;
        const explain::PlanLayout open(plan, sizeOf, &doc.folding, all);
        t.unfolded.push_back(ms(clock) + t.layout.back());
        nodes = int(plan.nodes.size());
        cards = int(layout.cards().size());

        clock.restart();
        widgets::PlanView view;
        view.resize(1400, 900);
        view.setPlan(plan, text);
        view.show();
        view.grab(); // first paint, offscreen
        t.view.push_back(ms(clock));
        t.total.push_back(t.parse.back() + t.view.back());
        clock.restart();
        view.graph()->planScene()->setUnfoldedGroups(all);
        view.graph()->fitToView();
        view.grab();
        t.viewUnfolded.push_back(ms(clock));
    }
    const double rssDelta = statusMb("VmHWM:") - rssBefore;
    std::printf("%-6s %7d %7d %8.1f %5.1fx %9.1f %8.1f %8.1f %9.1f %8.1f %8.1f %10.1f %9.1f %8.2f\n", source,
                nodes, cards, median(t.parse), median(t.parse) / std::max(0.001, median(t.json)),
                median(t.analysis), median(t.folding), median(t.layout), median(t.unfolded), median(t.view),
                median(t.total), median(t.viewUnfolded), rssDelta, json.size() / 1e6);
    std::fflush(stdout);
    return true;
}

/// Real plans from a sandbox: ~100 and ~1,000 partition scans, ~10,000 nodes of UNION ALL joins.
std::vector<QString> sandboxPlans()
{
    QTemporaryDir tmp;
    std::fprintf(stderr, "starting a sandbox and creating 1,100 partitions ...\n");
    auto cluster = sandbox::LocalCluster::up({.dir = tmp.filePath(QStringLiteral("sb"))});
    if (!cluster) {
        std::fprintf(stderr, "no sandbox: %s\n", qPrintable(cluster.error()));
        return {};
    }
    QString setup;
    for (const int parts : {100, 1000}) {
        setup += QStringLiteral("CREATE TABLE p%1 (id int, v int) PARTITION BY HASH (id);\n").arg(parts);
        setup +=
            QStringLiteral("SELECT format('CREATE TABLE p%1_%s PARTITION OF p%1 FOR VALUES WITH (MODULUS %1, "
                           "REMAINDER %s)', g, g) FROM generate_series(0, %2) g \\gexec\n")
                .arg(parts)
                .arg(parts - 1);
        setup += QStringLiteral("INSERT INTO p%1 SELECT g, g % 100 FROM generate_series(1, 100000) g;\n")
                     .arg(parts);
    }
    setup += QStringLiteral("CREATE TABLE small (id int PRIMARY KEY, v int);\n"
                            "INSERT INTO small SELECT g, g FROM generate_series(1, 5000) g;\nANALYZE;\n");
    std::vector<QString> plans;
    if (auto r = cluster->psql(QStringLiteral("primary"), setup); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error()));
    } else {
        QStringList branches;
        for (int i = 1; i <= 2500; ++i)
            branches << QStringLiteral("SELECT a.v FROM small a JOIN small b ON b.id = a.v WHERE a.id = %1")
                            .arg(i);
        const QStringList queries = {
            QStringLiteral("SELECT count(*) FROM p100 WHERE v < 50"),
            QStringLiteral("SELECT count(*) FROM p1000 WHERE v < 50"),
            QStringLiteral("SELECT count(*) FROM (") + branches.join(QStringLiteral(" UNION ALL ")) +
                QStringLiteral(") s"),
        };
        for (const QString &q : queries) {
            auto r = cluster->psql(QStringLiteral("primary"),
                                   QStringLiteral("SET max_parallel_workers_per_gather = 0;\n"
                                                  "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ") +
                                       q + u';');
            if (!r) {
                std::fprintf(stderr, "%s\n", qPrintable(r.error()));
                break;
            }
            plans.push_back(*r);
        }
    }
    cluster->down();
    return plans;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
    int rounds = 5;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--rounds") == 0)
            rounds = std::max(1, std::atoi(argv[i + 1]));
    }

    bool withSandbox = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-sandbox") == 0)
            withSandbox = false;
    }
    std::vector<QString> real;
    if (withSandbox)
        real = sandboxPlans();
    std::printf("%-6s %7s %7s %8s %6s %9s %8s %8s %9s %8s %8s %10s %9s %8s\n", "source", "nodes", "cards",
                "parse", "x json", "analysis", "folding", "layout", "unfolded", "view", "total", "view-all",
                "RSS +MB", "JSON MB");
    for (const QString &text : real) {
        if (!measure("real", text, rounds))
            return 1;
    }
    for (const int size : {100, 1000, 10000}) {
        // Indented, as EXPLAIN prints it (and as large as it then is).
        const QByteArray json =
            QJsonDocument::fromJson(test::SynthPlan::json(size)).toJson(QJsonDocument::Indented);
        if (!measure("synth", QString::fromUtf8(json), rounds))
            return 1;
    }
    std::printf("times in ms (median of %d rounds); x json = parse / QJsonDocument::fromJson of the same "
                "text; view = setPlan + first paint (includes analysis, folding, "
                "layout); total = parse + view; view-all = every group unfolded, fitted, painted\n",
                rounds);
    return 0;
}
