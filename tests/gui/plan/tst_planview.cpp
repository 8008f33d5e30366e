// PlanView offscreen: fixtures, a 482-node corpus plan and a generated 10,000-node plan;
// selection sync between graph, grid and details, search, folding, zoom, export, and
// screenshots in the light and dark palettes.

#include "../../common/corpusmissing.h"
#include "../../common/explainfixture.h"
#include "../../common/guitest.h"
#include "../../common/stallwatchdog.h"
#include "../../common/synthplan.h"
#include "common/palettes.h"
#include "explain/jsonplanparser.h"
#include "plan/plandetailspanel.h"
#include "plan/plangraphscene.h"
#include "plan/plangraphview.h"
#include "plan/planminimap.h"
#include "plan/plansearchbar.h"
#include "plan/plantreegrid.h"
#include "plan/plantreemodel.h"
#include "plan/planview.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk;
using tusk::widgets::PlanView;

namespace {

const QString kCorpus = QStringLiteral(TUSK_SOURCE_DIR "/../shared/corpus/explain/");

// A file the view wrote, or the empty string.
QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// The generated plan of about `nodes` nodes with its text.
test::FixtureResult<test::PlanText> synthPlan(int nodes)
{
    return test::planTextOf(test::SynthPlan::json(nodes), QStringLiteral("SynthPlan::json(%1)").arg(nodes));
}

// Clicks (or double-clicks) the centre of the card that shows a node.
void clickNode(widgets::PlanGraphView *graph, int nodeId, bool twice = false)
{
    const QPoint p = graph->mapFromScene(graph->cardRectOfNode(nodeId).center());
    if (twice)
        QTest::mouseDClick(graph->viewport(), Qt::LeftButton, {}, p);
    else
        QTest::mouseClick(graph->viewport(), Qt::LeftButton, {}, p);
}

void setTheme(widgets::Theme theme)
{
    widgets::applyTheme(theme);
    QApplication::processEvents();
}

// What of a grab is not background: pixels off `background` by more than a shade, and the
// rows (top to bottom) they span.
struct Ink
{
    int pixels = 0;
    int top = -1;
    int bottom = -1;
    int rows = 0; ///< Rows with at least `minPerRow` such pixels.
    double share(const QImage &image) const { return double(pixels) / (image.width() * image.height()); }
};

Ink inkOf(const QImage &image, const QColor &background, int minPerRow = 1)
{
    Ink ink;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        int inRow = 0;
        for (int x = 0; x < img.width(); ++x) {
            const QRgb p = line[x];
            if (std::abs(qRed(p) - background.red()) + std::abs(qGreen(p) - background.green()) +
                    std::abs(qBlue(p) - background.blue()) >
                24)
                ++inRow;
        }
        ink.pixels += inRow;
        if (inRow >= minPerRow) {
            ++ink.rows;
            if (ink.top < 0)
                ink.top = y;
            ink.bottom = y;
        }
    }
    return ink;
}

QImage grabViewport(widgets::PlanGraphView *graph)
{
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    return graph->viewport()->grab().toImage();
}

// Cards whose rectangle the view shows, at least in part.
QVector<int> visibleCards(widgets::PlanGraphView *graph)
{
    const QRectF shown = graph->mapToScene(graph->viewport()->rect()).boundingRect();
    QVector<int> cards;
    for (int i = 0; i < graph->cardCount(); ++i) {
        if (shown.intersects(graph->planScene()->card(i).rect))
            cards << i;
    }
    return cards;
}

} // namespace

class TestPlanView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsASmallPlan();
    void syncsSelectionBetweenGraphAndGrid();
    void searchFindsARelation();
    void walksTheTreeWithArrowKeys();
    void foldsAndUnfoldsPartitions();
    void zoomsAndFits();
    void exportsPngSvgAndJson();
    void showsWorkersAndWarningsInDetails();
    void showsALargeCorpusPlan();
    void handlesTenThousandNodes();
    void fitsTheTenThousandNodePlanFolded();
    void unfoldsTheBigFoldAndStillShowsIt();
    void treeModelPassesTheModelTester();
    void opensEveryCorpusPlanAndAnEmptyOne();

private:
    void load(const test::PlanText &plan);
    PlanView *m_view = nullptr;
};

void TestPlanView::initTestCase()
{
    test::setUpGuiTest();
}

void TestPlanView::init()
{
    setTheme(widgets::Theme::Light);
    m_view = new PlanView;
    m_view->resize(1400, 900);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestPlanView::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

void TestPlanView::load(const test::PlanText &plan)
{
    m_view->setPlan(plan.plan, plan.text);
    QApplication::processEvents();
}

void TestPlanView::showsASmallPlan()
{
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, test::readPlanText(QStringLiteral("nested-loop.json")));
    load(plan);
    const auto *doc = m_view->document().get();
    QCOMPARE(m_view->graph()->cardCount(), doc->plan.nodes.size());
    QVERIFY(m_view->header()->text().contains(QStringLiteral("Execution")));
    // A small plan is shown at 100%, not blown up.
    QCOMPARE(m_view->graph()->zoom(), 1.0);
    m_view->selectNode(1);
    test::saveScreenshot(m_view, QStringLiteral("plan-small-light"));
    setTheme(widgets::Theme::Dark);
    test::saveScreenshot(m_view, QStringLiteral("plan-small-dark"));
}

void TestPlanView::syncsSelectionBetweenGraphAndGrid()
{
    TUSK_PARSE_OR_FAIL(const test::PlanText plan,
                       test::readPlanText(QStringLiteral("initplan-subplan.json")));
    load(plan);
    const int last = int(m_view->document()->plan.nodes.size()) - 1;
    clickNode(m_view->graph(), last);
    QCOMPARE(m_view->graph()->selectedNode(), last);
    QCOMPARE(m_view->grid()->selectedNode(), last);
    QCOMPARE(m_view->details()->shownNode(), last);
    QVERIFY(m_view->details()->toPlainText().contains(m_view->document()->plan.nodes.at(last).nodeType));

    // Grid -> graph: click the root's row.
    auto *grid = m_view->grid();
    const QModelIndex root = grid->planModel()->indexOfNode(0);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(root).center());
    QCOMPARE(m_view->selectedNode(), 0);
    QCOMPARE(m_view->graph()->selectedNode(), 0);
    QCOMPARE(m_view->details()->shownNode(), 0);
    test::saveScreenshot(m_view, QStringLiteral("plan-grid-details-light"));
}

void TestPlanView::searchFindsARelation()
{
    const QString path = kCorpus + QStringLiteral("pg15gen-union-all-120-joins-json.json");
    if (!QFile::exists(path))
        TUSK_CORPUS_MISSING("corpus not next to the checkout");
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, test::readPlanText(path));
    load(plan);
    QTest::keyClicks(m_view->searchBar()->lineEdit(), QStringLiteral("CUSTOMERS"));
    QVERIFY(!m_view->matches().isEmpty());
    for (int id : m_view->matches())
        QCOMPARE(m_view->document()->plan.nodes.at(id).relationName, QStringLiteral("customers"));
    QTest::keyClick(m_view->searchBar()->lineEdit(), Qt::Key_Return);
    QCOMPARE(m_view->selectedNode(), m_view->matches().first());
    QTest::keyClick(m_view->searchBar()->lineEdit(), Qt::Key_Return);
    QCOMPARE(m_view->selectedNode(), m_view->matches().at(1));
    // The match inside a folded group lights up the group's card.
    const int card = m_view->graph()->planScene()->cardOfNode(m_view->matches().at(1));
    QVERIFY(m_view->graph()->planScene()->card(card).matched);
    QVERIFY(m_view->grid()
                ->planModel()
                ->indexOfNode(m_view->matches().at(1))
                .data(widgets::PlanTreeModel::MatchRole)
                .toBool());
    QVERIFY(!m_view->grid()->planModel()->indexOfNode(0).data(widgets::PlanTreeModel::MatchRole).toBool());
    test::saveScreenshot(m_view, QStringLiteral("plan-search-light"));
}

void TestPlanView::walksTheTreeWithArrowKeys()
{
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, test::readPlanText(QStringLiteral("nested-loop.json")));
    load(plan);
    auto *graph = m_view->graph();
    const auto &root = m_view->document()->plan.nodes.at(0);
    QVERIFY(root.children.size() == 2);
    clickNode(graph, 0);
    QTest::keyClick(graph, Qt::Key_Down);
    QCOMPARE(m_view->selectedNode(), root.children.at(0));
    QTest::keyClick(graph, Qt::Key_Right);
    QCOMPARE(m_view->selectedNode(), root.children.at(1));
    QTest::keyClick(graph, Qt::Key_Right); // no further sibling: stays
    QCOMPARE(m_view->selectedNode(), root.children.at(1));
    QTest::keyClick(graph, Qt::Key_Left);
    QCOMPARE(m_view->selectedNode(), root.children.at(0));
    QTest::keyClick(graph, Qt::Key_Up);
    QCOMPARE(m_view->selectedNode(), 0);
    QCOMPARE(m_view->grid()->selectedNode(), 0);
}

void TestPlanView::foldsAndUnfoldsPartitions()
{
    const QString path = kCorpus + QStringLiteral("pg15gen-append-400-partitions-parallel-json.json");
    if (!QFile::exists(path))
        TUSK_CORPUS_MISSING("corpus not next to the checkout");
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, test::readPlanText(path));
    load(plan);
    auto *graph = m_view->graph();
    const int nodes = int(m_view->document()->plan.nodes.size());
    QCOMPARE(graph->cardCount(), nodes - 400 + 1);
    const int member = m_view->document()->folding.groups().first().members.at(5);
    graph->setZoom(1.0);
    graph->centerOn(graph->cardRectOfNode(member).center());
    clickNode(graph, member, true);
    QCOMPARE(graph->cardCount(), nodes);
    QCOMPARE(graph->unfoldedGroups().size(), 1);
    graph->centerOn(graph->cardRectOfNode(member).center());
    clickNode(graph, member, true);
    QCOMPARE(graph->cardCount(), nodes - 400 + 1);
    QCOMPARE(graph->selectedGroup(), 0);
}

void TestPlanView::zoomsAndFits()
{
    // A large real plan when the corpus is next to the checkout, a generated one otherwise.
    const QString path = kCorpus + QStringLiteral("pev2-sample-very-large-plan.json");
    TUSK_PARSE_OR_FAIL(const test::PlanText plan,
                       QFile::exists(path) ? test::readPlanText(path) : synthPlan(1000));
    load(plan);
    auto *graph = m_view->graph();
    graph->fitToView();
    QApplication::processEvents(); // scroll bars go away
    const double fitted = graph->zoom();
    QVERIFY(graph->mapToScene(graph->viewport()->rect())
                .boundingRect()
                .contains(graph->planScene()->sceneRect().adjusted(2, 2, -2, -2)));
    QTest::keyClick(graph, Qt::Key_Plus);
    QVERIFY(graph->zoom() > fitted);
    QTest::keyClick(graph, Qt::Key_Minus);
    QTest::keyClick(graph, Qt::Key_Minus);
    QVERIFY(graph->zoom() < fitted);
    QTest::keyClick(graph, Qt::Key_0);
    QCOMPARE(graph->zoom(), fitted);
}

void TestPlanView::exportsPngSvgAndJson()
{
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, test::readPlanText(QStringLiteral("parallel.json")));
    load(plan);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("plan.png"));
    const QString svg = dir.filePath(QStringLiteral("plan.svg"));
    const QString json = dir.filePath(QStringLiteral("plan.json"));
    QVERIFY(m_view->graph()->exportPng(png));
    QVERIFY(m_view->graph()->exportSvg(svg));
    QVERIFY(m_view->exportOriginal(json));
    QVERIFY(QFileInfo(png).size() > 1000);
    QVERIFY(QImage(png).width() > 100);
    QVERIFY(readText(svg).contains(QStringLiteral("<svg")));
    QCOMPARE(readText(json), plan.text);
}

void TestPlanView::showsWorkersAndWarningsInDetails()
{
    const QString path = kCorpus + QStringLiteral("pg15gen-parallel-verbose-jit-json.json");
    if (!QFile::exists(path))
        TUSK_CORPUS_MISSING("corpus not next to the checkout");
    TUSK_PARSE_OR_FAIL(const test::PlanText parallel, test::readPlanText(path));
    load(parallel);
    const auto &plan = m_view->document()->plan;
    int withWorkers = -1;
    for (const explain::PlanNode &n : plan.nodes) {
        if (!n.workers.isEmpty()) {
            withWorkers = n.id;
            break;
        }
    }
    QVERIFY(withWorkers >= 0);
    m_view->selectNode(withWorkers);
    const QString details = m_view->details()->toPlainText();
    QVERIFY(details.contains(QStringLiteral("Workers")));
    QVERIFY(details.contains(QStringLiteral("Other properties")));
    test::saveScreenshot(m_view, QStringLiteral("plan-details-workers-light"));

    TUSK_PARSE_OR_FAIL(
        const test::PlanText spills,
        test::readPlanText(kCorpus + QStringLiteral("pg15gen-hash-batches-temp-sort-disk-json.json")));
    load(spills);
    const auto warnings = m_view->document()->analysis.warnings();
    QVERIFY(!warnings.isEmpty());
    m_view->selectNode(warnings.first().nodeId);
    QVERIFY(m_view->details()->toPlainText().contains(warnings.first().suggestion));
    setTheme(widgets::Theme::Dark);
    test::saveScreenshot(m_view, QStringLiteral("plan-details-warnings-dark"));
}

void TestPlanView::showsALargeCorpusPlan()
{
    const QString path = kCorpus + QStringLiteral("pg15gen-union-all-120-joins-json.json");
    if (!QFile::exists(path))
        TUSK_CORPUS_MISSING("corpus not next to the checkout");
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, test::readPlanText(path));
    load(plan);
    auto *graph = m_view->graph();
    // As it opens: the 120 identical UNION ALL branches folded into one card.
    QCOMPARE(graph->cardCount(), m_view->document()->plan.nodes.size() - 480 + 1);
    graph->fitToView();
    test::saveScreenshot(m_view, QStringLiteral("plan-large-fit-light"));
    test::StallWatchdog watchdog;
    // Unfold everything: 482 cards.
    for (int g = 0; g < m_view->document()->folding.groups().size(); ++g)
        graph->setGroupUnfolded(g, true);
    QCOMPARE(graph->cardCount(), m_view->document()->plan.nodes.size());
    graph->fitToView();
    QApplication::processEvents();
    test::saveScreenshot(m_view, QStringLiteral("plan-large-unfolded-fit-light"));
    graph->setZoom(0.8);
    graph->centerOn(graph->cardRectOfNode(0).center());
    m_view->selectNode(m_view->document()->plan.nodes.at(0).children.first());
    QVERIFY(graph->minimap()->isVisible());
    test::saveScreenshot(m_view, QStringLiteral("plan-large-zoomed-light"));
    // A click on the minimap moves the view there.
    auto *minimap = graph->minimap();
    const QPoint spot(minimap->width() - 12, minimap->height() / 2);
    const QPointF target = minimap->toScene(spot);
    QTest::mouseClick(minimap, Qt::LeftButton, {}, spot);
    const QPointF centre = graph->mapToScene(graph->viewport()->rect().center());
    QVERIFY2(qAbs(centre.x() - target.x()) < 50 ||
                 graph->horizontalScrollBar()->value() == graph->horizontalScrollBar()->maximum(),
             "the minimap did not move the view");
    QVERIFY(minimap->visibleSceneRect().contains(target) ||
            graph->horizontalScrollBar()->value() == graph->horizontalScrollBar()->maximum());
    // Metric switch: rows colour the cards differently from cost.
    const double costHeat = graph->planScene()->card(1).heat;
    m_view->setMetric(explain::HeatMetric::Rows);
    QVERIFY(graph->planScene()->card(1).heat != costHeat);
    watchdog.tick();
    qInfo("482 nodes: worst UI stall while unfolding, fitting, zooming: %s", qPrintable(watchdog.summary()));
    setTheme(widgets::Theme::Dark);
    test::saveScreenshot(m_view, QStringLiteral("plan-large-zoomed-dark"));
    graph->planScene()->setUnfoldedGroups({});
    graph->fitToView();
    test::saveScreenshot(m_view, QStringLiteral("plan-large-fit-dark"));
}

void TestPlanView::handlesTenThousandNodes()
{
    const QString text = QString::fromUtf8(test::SynthPlan::json(10000));
    test::CpuTimer clock; // this thread's CPU: other tests on the two cores do not count
    TUSK_PARSE_OR_FAIL(const explain::Plan plan, explain::JsonPlanParser::parse(text));
    const qint64 parseMs = clock.restartMs();
    m_view->setPlan(plan, text);
    const qint64 setPlanMs = clock.restartMs();
    m_view->grab();
    const qint64 paintMs = clock.restartMs();
    auto *graph = m_view->graph();
    const int folded = graph->cardCount();
    QSet<int> all;
    for (int g = 0; g < m_view->document()->folding.groups().size(); ++g)
        all << g;
    graph->planScene()->setUnfoldedGroups(all);
    graph->fitToView();
    const qint64 unfoldMs = clock.restartMs();
    m_view->grab();
    const qint64 unfoldedPaintMs = clock.restartMs();
    graph->setZoom(1.0);
    graph->centerOn(graph->cardRectOfNode(5000).center());
    m_view->grab();
    const qint64 zoomedPaintMs = clock.restartMs();
    qInfo("10k nodes (UI-thread CPU): parse %lld ms, setPlan %lld ms (%d cards), first paint %lld ms; "
          "unfold all %lld ms (%d cards), paint %lld ms fitted, %lld ms at 100%%",
          parseMs, setPlanMs, folded, paintMs, unfoldMs, graph->cardCount(), unfoldedPaintMs, zoomedPaintMs);
    QCOMPARE(graph->cardCount(), m_view->document()->plan.nodes.size());
    QVERIFY(folded <= 12); // folded by shape: a handful of cards
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-zoomed-light"));
    graph->fitToView();
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-all-unfolded-fit-light"));
    // CPU time, far over 5x what it measures (ci preset); the speed goal is in tests/bench/plan.
    QVERIFY2(setPlanMs + paintMs < 5000, "10k nodes took over 5 s to show");
}

void TestPlanView::fitsTheTenThousandNodePlanFolded()
{
    // Issue 8: Fit left the 10k plan blank. Folded by shape it is a handful of cards.
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, synthPlan(10000));
    load(plan);
    auto *graph = m_view->graph();
    graph->fitToView();
    QApplication::processEvents(); // scroll bars go away
    QVERIFY2(graph->cardCount() <= 12, qPrintable(QString::number(graph->cardCount())));
    const QVector<int> shown = visibleCards(graph);
    QCOMPARE(shown.size(), graph->cardCount());
    // The 1,949 nested loops over orders_p0 … orders_p1997 are one card that says so.
    const auto *scene = graph->planScene();
    int loops = -1;
    for (int i : shown) {
        if (scene->card(i).groupId >= 0 && scene->card(i).text->title.contains(QStringLiteral("Nested Loop")))
            loops = i;
    }
    QVERIFY(loops >= 0);
    const widgets::CardText &text = *scene->card(loops).text;
    QCOMPARE(text.title, QStringLiteral("1,949 × Nested Loop"));
    QCOMPARE(text.subject, QStringLiteral("over orders_p0 … orders_p1997"));
    QVERIFY2(text.figures.startsWith(QStringLiteral("Σ ")), qPrintable(text.figures));
    QVERIFY2(text.spread.startsWith(QStringLiteral("each ")) &&
                 text.spread.contains(QStringLiteral("500 rows")),
             qPrintable(text.spread));
    // Readable: the cards show their text at this zoom.
    QVERIFY2(graph->zoom() >= 0.35, qPrintable(QString::number(graph->zoom())));
    const QImage image = grabViewport(graph);
    const Ink ink = inkOf(image, graph->palette().color(QPalette::Window));
    qInfo("10k folded, fitted: %lld cards, zoom %.2f, %.1f%% of the view drawn", qint64(shown.size()),
          graph->zoom(), 100 * ink.share(image));
    QVERIFY2(ink.share(image) > 0.05, "the fitted 10k plan is (nearly) empty");
    // The tool tip and the details say the same.
    m_view->selectNode(m_view->document()->folding.groups().at(scene->card(loops).groupId).members.at(7));
    QCOMPARE(graph->selectedGroup(), scene->card(loops).groupId);
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-fit-light"));
    clickNode(graph, m_view->document()->folding.groups().at(scene->card(loops).groupId).members.first());
    QVERIFY2(m_view->details()->toPlainText().contains(QStringLiteral("orders_p0 … orders_p1997")),
             qPrintable(m_view->details()->toPlainText().left(400)));
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-fit-details-light"));
    setTheme(widgets::Theme::Dark);
    const Ink dark = inkOf(grabViewport(graph), graph->palette().color(QPalette::Window));
    QVERIFY(dark.share(image) > 0.05);
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-fit-dark"));
}

void TestPlanView::unfoldsTheBigFoldAndStillShowsIt()
{
    TUSK_PARSE_OR_FAIL(const test::PlanText plan, synthPlan(10000));
    load(plan);
    auto *graph = m_view->graph();
    const auto &groups = m_view->document()->folding.groups();
    QCOMPARE(groups.first().count(), 1949);
    test::CpuTimer clock; // this thread's CPU
    graph->setGroupUnfolded(0, true);
    graph->fitToView();
    const QImage image = grabViewport(graph);
    const qint64 unfoldMs = clock.elapsedMs();
    QVERIFY(graph->cardCount() > 5000);
    // Every card is a block at this zoom; the fit stretches the flat plan to a readable height.
    const QColor background = graph->palette().color(QPalette::Window);
    const Ink ink = inkOf(image, background, 3);
    qInfo("unfolding 1,949 nested loops, fitting, painting: %lld ms (%d cards); zoom %.4f × %.3f, drawing "
          "spans %d of %d rows",
          unfoldMs, graph->cardCount(), graph->zoom(), graph->verticalZoom(), ink.rows, image.height());
    QVERIFY2(ink.pixels > image.width() * 20, "no heat blocks after unfolding and fitting");
    QVERIFY2(ink.bottom - ink.top > image.height() / 4, "the fitted plan is a flat line");
    QVERIFY(graph->mapToScene(graph->viewport()->rect())
                .boundingRect()
                .contains(graph->planScene()->sceneRect().adjusted(2, 2, -2, -2)));
    // UI-thread CPU: measured ~0.04-0.1 s on the ci build; the bound is far over 5x that.
    QVERIFY2(unfoldMs < 5000, "unfolding the big fold froze the view");
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-unfolded-fit-light"));

    // Zooming in keeps the height until the width catches up, then text comes back.
    graph->setZoom(0.05);
    QVERIFY(graph->verticalZoom() > graph->zoom());
    QVERIFY(inkOf(grabViewport(graph), background).pixels > 1000);
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-unfolded-zoom5-light"));
    graph->setZoom(0.28);
    QCOMPARE(graph->verticalZoom(), graph->zoom());
    graph->centerOn(graph->cardRectOfNode(groups.first().members.at(100)).center());
    QVERIFY(inkOf(grabViewport(graph), background).share(image) > 0.05);
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-unfolded-zoom28-light"));

    // The minimap of the unfolded plan is no flat line: its blocks span most of its height.
    graph->setZoom(1.0);
    graph->centerOn(graph->cardRectOfNode(groups.first().members.at(100)).center());
    QApplication::processEvents();
    auto *minimap = graph->minimap();
    QVERIFY(minimap->isVisible());
    QVERIFY(minimap->height() >= 60);
    // Its picture: rows holding a block, from the root's to the leaves'.
    const QImage thumb = minimap->thumbnail();
    int top = -1, bottom = -1, rows = 0;
    for (int y = 0; y < thumb.height(); ++y) {
        bool any = false;
        for (int x = 0; x < thumb.width() && !any; ++x)
            any = qAlpha(thumb.pixel(x, y)) > 0;
        if (any) {
            ++rows;
            bottom = y;
            if (top < 0)
                top = y;
        }
    }
    qInfo("minimap %dx%d, overview %dx%d: blocks from row %d to %d (%d rows)", minimap->width(),
          minimap->height(), thumb.width(), thumb.height(), top, bottom, rows);
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-unfolded-minimap-light"));
    QVERIFY2(thumb.height() >= 40 * thumb.devicePixelRatio(), "the minimap is a flat line");
    QVERIFY2(bottom - top > thumb.height() * 3 / 4, "the minimap's blocks are a flat line");
    QVERIFY2(rows > thumb.height() / 3, "the minimap's blocks are a flat line");
    setTheme(widgets::Theme::Dark);
    graph->fitToView();
    QVERIFY(inkOf(grabViewport(graph), graph->palette().color(QPalette::Window), 3).pixels >
            image.width() * 20);
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-unfolded-fit-dark"));
    graph->setZoom(1.0);
    graph->centerOn(graph->cardRectOfNode(groups.first().members.at(100)).center());
    test::saveScreenshot(m_view, QStringLiteral("plan-10k-unfolded-minimap-dark"));
}

void TestPlanView::treeModelPassesTheModelTester()
{
    widgets::PlanTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const char *name : {"cte.json", "parallel.json", "initplan-subplan.json"}) {
        TUSK_PARSE_OR_FAIL(const test::PlanText fixture, test::readPlanText(QString::fromLatin1(name)));
        model.setDocument(std::make_shared<widgets::PlanDocument>(fixture.plan, fixture.text));
        QCOMPARE(model.rowCount(), 1);
        const auto &plan = model.document()->plan;
        for (const explain::PlanNode &n : plan.nodes) {
            const QModelIndex index = model.indexOfNode(n.id);
            QCOMPARE(widgets::PlanTreeModel::nodeOf(index), n.id);
            QCOMPARE(model.rowCount(index), n.children.size());
            QCOMPARE(widgets::PlanTreeModel::nodeOf(index.parent()), n.parentId);
        }
    }
    model.setDocument(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestPlanView::opensEveryCorpusPlanAndAnEmptyOne()
{
    m_view->setPlan(explain::Plan(), QString());
    QCOMPARE(m_view->graph()->cardCount(), 0);
    m_view->grab();

    const QStringList files = QDir(kCorpus).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        TUSK_CORPUS_MISSING("corpus not next to the checkout");
    int shown = 0;
    for (const QString &name : files) {
        const QString text = readText(kCorpus + name);
        const auto plan = explain::JsonPlanParser::parse(text);
        if (!plan)
            continue; // malformed on purpose
        m_view->setPlan(*plan, text);
        QVERIFY2(m_view->graph()->cardCount() > 0 || plan->isEmpty(), qPrintable(name));
        // Every node is reachable from the graph: its own card or its folded group's.
        for (int id = 0; id < plan->nodes.size(); ++id)
            QVERIFY2(m_view->graph()->planScene()->cardOfNode(id) >= 0, qPrintable(name));
        m_view->selectNode(int(plan->nodes.size()) - 1);
        m_view->grab();
        ++shown;
    }
    qInfo("%d corpus plans shown", shown);
    QVERIFY(shown > 20);
}

QTEST_MAIN(TestPlanView)
#include "tst_planview.moc"
