// Plan view benchmark (issue 4): generated EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plans of
// ~100, ~1,000 and ~10,000 nodes (tests/common/synthplan.h: Append over partition scans and
// nested joins), timed stage by stage:
//   parse     JsonPlanParser::parse of the text
//   analysis  PlanAnalysis (times, misestimates, warnings)
//   folding   PlanFolding (runs of identical sibling subtrees)
//   layout    card texts measured + tidy-tree layout (folded, as the view opens)
//   unfolded  the same with every group open (every node a card: the layout's worst case)
//   view      PlanView::setPlan + first paint offscreen (grab), which redoes analysis,
//             folding and layout, builds the scene, grid and details
//   total     parse + view: from text to a painted view
//   view-all  then every group unfolded, fitted and painted again (every node a card)
// Median of --rounds runs (default 5); peak RSS growth over the whole size (getrusage).
// Target: 10,000 nodes from text to painted in < 0.3 s with < 100 MB extra memory.
//
// Usage: bench_plan [--rounds N]   (QT_QPA_PLATFORM defaults to offscreen)

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

#include <QApplication>
#include <QElapsedTimer>
#include <QFont>
#include <QJsonDocument>
#include <QStyleFactory>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>
#include <vector>

using namespace tusk;

namespace {

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0; // kB on Linux
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.at(v.size() / 2);
}

struct Times
{
    std::vector<double> parse, analysis, folding, layout, unfolded, view, total, viewUnfolded;
};

double ms(QElapsedTimer &clock)
{
    const double t = clock.nsecsElapsed() / 1e6;
    clock.restart();
    return t;
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

    std::printf("%7s %7s %8s %9s %8s %8s %9s %8s %8s %10s %9s %8s\n", "nodes", "cards", "parse", "analysis",
                "folding", "layout", "unfolded", "view", "total", "view-all", "RSS +MB", "JSON MB");
    for (const int size : {100, 1000, 10000}) {
        // Indented, as EXPLAIN prints it (and as large as it then is).
        const QByteArray json =
            QJsonDocument::fromJson(test::SynthPlan::json(size)).toJson(QJsonDocument::Indented);
        const QString text = QString::fromUtf8(json);
        const double rssBefore = peakRssMb();
        Times t;
        int nodes = 0, cards = 0;
        for (int r = 0; r < rounds; ++r) {
            QElapsedTimer clock;
            clock.start();
            auto parsed = explain::JsonPlanParser::parse(text);
            if (!parsed) {
                std::fprintf(stderr, "parse error: %s\n", qPrintable(parsed.error().toString()));
                return 1;
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
        const double rssDelta = peakRssMb() - rssBefore;
        std::printf("%7d %7d %8.1f %9.1f %8.1f %8.1f %9.1f %8.1f %8.1f %10.1f %9.1f %8.2f\n", nodes, cards,
                    median(t.parse), median(t.analysis), median(t.folding), median(t.layout),
                    median(t.unfolded), median(t.view), median(t.total), median(t.viewUnfolded), rssDelta,
                    json.size() / 1e6);
        std::fflush(stdout);
    }
    std::printf(
        "times in ms (median of %d rounds); view = setPlan + first paint (includes analysis, folding, "
        "layout); total = parse + view; view-all = every group unfolded, fitted, painted\n",
        rounds);
    return 0;
}
