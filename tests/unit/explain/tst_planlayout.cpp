// The tidy-tree layout and the folding of identical subtrees (core/explain): geometry rules on
// fixtures, the corpus and generated plans, and the time a 10,000-node plan takes.

#include "../../common/corpusmissing.h"
#include "../../common/cputimer.h"
#include "../../common/explainfixture.h"
#include "../../common/synthplan.h"
#include "explain/jsonplanparser.h"
#include "explain/planfolding.h"
#include "explain/planlayout.h"
#include "explain/plansearch.h"
#include "explain/tidytree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace tusk::explain;
namespace test = tusk::test;

namespace {

// Widths that vary with the node's text, as a view's would.
QVector<QSizeF> sizesFor(const Plan &plan)
{
    QVector<QSizeF> sizes;
    for (const PlanNode &n : plan.nodes)
        sizes << QSizeF(80 + 4 * (n.nodeType.size() + n.relationName.size()), 40 + 10 * (n.id % 3));
    return sizes;
}

QVector<QSizeF> groupSizesFor(const PlanFolding &folding)
{
    return QVector<QSizeF>(folding.groups().size(), QSizeF(150, 60));
}

/// A plan with the given shape: `parents[i]` is node i's parent (pre-order ids).
Plan treeOf(const QVector<int> &parents)
{
    Plan plan;
    for (int i = 0; i < parents.size(); ++i) {
        PlanNode n;
        n.id = i;
        n.parentId = parents.at(i);
        n.nodeType = QStringLiteral("Node");
        if (n.parentId >= 0)
            plan.nodes[n.parentId].children << i;
        plan.nodes << n;
    }
    return plan;
}

/// A random tree of n nodes in pre-order (each node's parent is on the path to the last node).
Plan randomTree(int n, quint32 seed)
{
    QVector<int> parents{-1};
    QVector<int> path{0};
    for (int i = 1; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        path.resize(1 + int((seed >> 8) % path.size()));
        parents << path.last();
        path << i;
    }
    return treeOf(parents);
}

QString overlapBetween(const PlanLayout &layout)
{
    // Sweep by level: cards of one depth are on one row, sorted by x they must not touch.
    QMap<int, QVector<QRectF>> rows;
    for (const LayoutCard &c : layout.cards())
        rows[c.depth] << c.rect;
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        auto &r = it.value();
        std::sort(r.begin(), r.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
        for (int i = 1; i < r.size(); ++i) {
            if (r.at(i).left() < r.at(i - 1).right() + 1e-6)
                return QStringLiteral("depth %1: %2 overlaps %3")
                    .arg(it.key())
                    .arg(r.at(i - 1).right())
                    .arg(r.at(i).left());
        }
    }
    // Levels do not overlap vertically either.
    for (const LayoutCard &c : layout.cards()) {
        if (c.parent >= 0 && c.rect.top() <= layout.cards().at(c.parent).rect.bottom())
            return QStringLiteral("card below its parent's bottom");
    }
    return {};
}

} // namespace

class TestPlanLayout : public QObject
{
    Q_OBJECT
private slots:
    void placesEveryNodeWithoutOverlap_data();
    void placesEveryNodeWithoutOverlap();
    void centresParentsOverChildren();
    void keepsChildrenInPlanOrder();
    void isDeterministic();
    void drawsIdenticalSubtreesIdentically();
    void keepsGapsBetweenSiblings();
    void laysOutTenThousandNodesQuickly();
    void survivesAVeryDeepChain();
    void foldsAnAppendOverPartitions();
    void foldsTheCorpusPartitionPlan();
    void keepsDifferentSiblingsApart();
    void unfoldingShowsMembers();
    void findsNodesByRelationIndexAndType();
};

void TestPlanLayout::placesEveryNodeWithoutOverlap_data()
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 20; ++seed)
        QTest::addRow("random-%u", seed) << int(5 + seed * 37) << seed;
}

void TestPlanLayout::placesEveryNodeWithoutOverlap()
{
    QFETCH(int, nodes);
    QFETCH(quint32, seed);
    const Plan plan = randomTree(nodes, seed);
    QVector<QSizeF> sizes;
    for (int i = 0; i < nodes; ++i)
        sizes << QSizeF(30 + (i * 7919 % 90), 20 + i % 4 * 10);
    const PlanLayout layout(plan, sizes);
    QCOMPARE(layout.cards().size(), nodes);
    for (int i = 0; i < nodes; ++i) {
        QCOMPARE(layout.cardOfNode(i), i);
        QCOMPARE(layout.cards().at(i).rect.size(), sizes.at(i));
    }
    const QString overlap = overlapBetween(layout);
    QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
    // Everything inside the bounding size, touching its left and top edges.
    double left = 1e9, top = 1e9;
    for (const LayoutCard &c : layout.cards()) {
        QVERIFY(QRectF(QPointF(0, 0), layout.size()).adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(c.rect));
        left = std::min(left, c.rect.left());
        top = std::min(top, c.rect.top());
    }
    QCOMPARE(left, 0.0);
    QCOMPARE(top, 0.0);
}

void TestPlanLayout::centresParentsOverChildren()
{
    for (const char *name : {"nested-loop.json", "cte.json", "initplan-subplan.json", "parallel.json"}) {
        TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QString::fromLatin1(name)));
        const PlanLayout layout(plan, sizesFor(plan));
        for (const LayoutCard &c : layout.cards()) {
            const QVector<int> &kids = plan.nodes.at(c.nodeId).children;
            if (kids.isEmpty())
                continue;
            const double mid = (layout.cards().at(layout.cardOfNode(kids.first())).rect.center().x() +
                                layout.cards().at(layout.cardOfNode(kids.last())).rect.center().x()) /
                               2;
            QVERIFY2(qAbs(c.rect.center().x() - mid) < 1e-6, name);
        }
        QVERIFY2(overlapBetween(layout).isEmpty(), name);
    }
}

void TestPlanLayout::keepsChildrenInPlanOrder()
{
    const Plan plan = randomTree(400, 7);
    const PlanLayout layout(plan, sizesFor(plan));
    for (const PlanNode &n : plan.nodes) {
        for (int i = 1; i < n.children.size(); ++i) {
            const QRectF a = layout.cards().at(layout.cardOfNode(n.children.at(i - 1))).rect;
            const QRectF b = layout.cards().at(layout.cardOfNode(n.children.at(i))).rect;
            QVERIFY(a.right() < b.left());
            QCOMPARE(a.top(), b.top());
        }
        // Children one level down.
        if (n.parentId >= 0)
            QCOMPARE(layout.cards().at(n.id).depth, layout.cards().at(n.parentId).depth + 1);
    }
}

void TestPlanLayout::isDeterministic()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(tusk::test::SynthPlan::json(2000)));
    const PlanFolding folding(plan);
    const PlanLayout a(plan, sizesFor(plan), &folding, groupSizesFor(folding), {0});
    const PlanLayout b(plan, sizesFor(plan), &folding, groupSizesFor(folding), {0});
    QCOMPARE(a.cards().size(), b.cards().size());
    for (int i = 0; i < a.cards().size(); ++i)
        QCOMPARE(a.cards().at(i).rect, b.cards().at(i).rect);
    QCOMPARE(a.size(), b.size());
}

void TestPlanLayout::drawsIdenticalSubtreesIdentically()
{
    // Root with three copies of the same three-node subtree, between leaves.
    const Plan plan = treeOf({-1, 0, 1, 1, 0, 0, 5, 5, 0, 0, 9, 9});
    QVector<QSizeF> sizes(plan.nodes.size(), QSizeF(50, 30));
    const PlanLayout layout(plan, sizes);
    const auto offset = [&](int parent, int child) {
        return layout.cards().at(child).rect.left() - layout.cards().at(parent).rect.left();
    };
    QCOMPARE(offset(1, 2), offset(5, 6));
    QCOMPARE(offset(1, 3), offset(9, 11));
}

void TestPlanLayout::keepsGapsBetweenSiblings()
{
    const Plan plan = treeOf({-1, 0, 0, 0});
    const QVector<QSizeF> sizes{{100, 30}, {40, 30}, {120, 30}, {60, 30}};
    LayoutOptions options;
    options.siblingGap = 15;
    options.levelGap = 70;
    const PlanLayout layout(plan, sizes, nullptr, {}, {}, options);
    const auto &c = layout.cards();
    QCOMPARE(c.at(2).rect.left() - c.at(1).rect.right(), 15.0);
    QCOMPARE(c.at(3).rect.left() - c.at(2).rect.right(), 15.0);
    QCOMPARE(c.at(1).rect.top() - c.at(0).rect.bottom(), 70.0);
    QCOMPARE(layout.size(), QSizeF(40 + 15 + 120 + 15 + 60, 30 + 70 + 30));
}

void TestPlanLayout::laysOutTenThousandNodesQuickly()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(tusk::test::SynthPlan::json(10000)));
    QVERIFY(plan.nodes.size() >= 9900);
    const QVector<QSizeF> sizes = sizesFor(plan);
    // Unfolded: every node a card — the worst case for the layout itself.
    tusk::test::CpuTimer clock; // this thread's CPU time: other processes' load does not count
    const PlanLayout layout(plan, sizes);
    const qint64 unfoldedUs = clock.elapsedMicros();
    QCOMPARE(layout.cards().size(), plan.nodes.size());
    QVERIFY(overlapBetween(layout).isEmpty());
    clock.start();
    const PlanFolding folding(plan);
    const qint64 foldingUs = clock.elapsedMicros();
    clock.start();
    const PlanLayout folded(plan, sizes, &folding, groupSizesFor(folding));
    const qint64 foldedUs = clock.elapsedMicros();
    qInfo("%lld nodes: layout %.2f ms unfolded (%lld cards), folding %.2f ms, layout %.2f ms folded "
          "(%lld cards)",
          qint64(plan.nodes.size()), unfoldedUs / 1000.0, qint64(layout.cards().size()), foldingUs / 1000.0,
          foldedUs / 1000.0, qint64(folded.cards().size()));
    QVERIFY(folded.cards().size() < 300);
    // CPU time; measured 31-45 ms under the asan preset. 250 ms
    // is over 5x that and still catches anything quadratic.
    QVERIFY2(
        unfoldedUs < 250000,
        qPrintable(QStringLiteral("layout of 10,000 nodes took %1 ms of CPU time").arg(unfoldedUs / 1000)));
}

void TestPlanLayout::survivesAVeryDeepChain()
{
    QVector<int> parents{-1};
    for (int i = 1; i < 20000; ++i)
        parents << i - 1;
    const Plan plan = treeOf(parents);
    const PlanLayout layout(plan, QVector<QSizeF>(plan.nodes.size(), QSizeF(100, 20)));
    QCOMPARE(layout.cards().last().rect.left(), 0.0);
    QCOMPARE(layout.size().width(), 100.0);
}

void TestPlanLayout::foldsAnAppendOverPartitions()
{
    // Append over 1,000 partition scans, then a different node (not part of the run).
    QByteArray json = R"([{"Plan": {"Node Type": "Append", "Plans": [)";
    for (int i = 0; i < 1000; ++i)
        json += QStringLiteral(R"({"Node Type": "Seq Scan", "Parent Relationship": "Member", )"
                               R"("Relation Name": "measurement_y2024m%1", "Alias": "measurement_%2"},)")
                    .arg(i % 12 + 1, 2, 10, QLatin1Char('0'))
                    .arg(i + 1)
                    .toUtf8();
    json += R"({"Node Type": "Result", "Parent Relationship": "Member"}]}}])";
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(json));
    const PlanFolding folding(plan);
    QCOMPARE(folding.groups().size(), 1);
    const FoldGroup &g = folding.groups().first();
    QCOMPARE(g.count(), 1000);
    QCOMPARE(g.parentId, 0);
    QCOMPARE(g.nodeType, QStringLiteral("Seq Scan"));
    QCOMPARE(g.relationStem, QStringLiteral("measurement"));
    QCOMPARE(g.members.first(), 1);
    QCOMPARE(g.members.last(), 1000);
    QCOMPARE(folding.groupOfMember(500), 0);
    QCOMPARE(folding.groupOfMember(1001), -1);

    const PlanLayout layout(plan, sizesFor(plan), &folding, groupSizesFor(folding));
    QCOMPARE(layout.cards().size(), 3); // Append, "×1000", Result
    QCOMPARE(layout.cards().at(1).groupId, 0);
    QCOMPARE(layout.cardOfNode(777), 1);
    QCOMPARE(layout.cardOfGroup(0), 1);
    QCOMPARE(layout.cards().at(2).nodeId, 1001);
}

void TestPlanLayout::foldsTheCorpusPartitionPlan()
{
    const QString path = QStringLiteral(
        TUSK_SOURCE_DIR "/../shared/corpus/explain/pg15gen-append-400-partitions-parallel-json.json");
    if (!QFile::exists(path))
        TUSK_CORPUS_MISSING("corpus not next to the checkout");
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(path));
    const PlanFolding folding(plan);
    QCOMPARE(folding.groups().size(), 1);
    QCOMPARE(folding.groups().first().count(), 400);
    QCOMPARE(folding.groups().first().relationStem, QStringLiteral("events"));
    const PlanLayout layout(plan, sizesFor(plan), &folding, groupSizesFor(folding));
    QCOMPARE(layout.cards().size(), plan.nodes.size() - 400 + 1);

    // UNION ALL of one join over the same tables: aliases o, o_1, o_2, … fold as one run.
    TUSK_PARSE_OR_FAIL(const Plan unions, test::parseFixture(QFileInfo(path).dir().filePath(
                                              QStringLiteral("pg15gen-union-all-120-joins-json.json"))));
    const PlanFolding unionFolding(unions);
    QCOMPARE(unionFolding.groups().size(), 1);
    QCOMPARE(unionFolding.groups().first().count(), 120);
    QCOMPARE(unionFolding.groups().first().nodeCount, 480);
}

void TestPlanLayout::keepsDifferentSiblingsApart()
{
    // Four scans of unrelated tables, then four of one table whose neighbours differ in shape.
    QByteArray json = R"([{"Plan": {"Node Type": "Append", "Plans": [)";
    for (const char *rel : {"orders", "customers", "invoices", "payments"})
        json += QByteArray(R"({"Node Type": "Seq Scan", "Relation Name": ")") + rel + R"(", "Alias": ")" +
                rel + R"("},)";
    for (int i = 0; i < 4; ++i)
        json +=
            QByteArray(R"({"Node Type": "Bitmap Heap Scan", "Relation Name": "t", "Plans": [)") +
            QByteArray(R"({"Node Type": "Bitmap Index Scan", "Index Name": "t_idx"},)").repeated(i % 3 + 1) +
            R"({"Node Type": "Result"}]},)";
    json.chop(1);
    json += "]}}]";
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(json));
    QVERIFY(PlanFolding(plan).groups().isEmpty());
    QCOMPARE(PlanFolding::digitsMasked(QStringLiteral("orders_2024_01")), QStringLiteral("orders_#_#"));
}

void TestPlanLayout::unfoldingShowsMembers()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, JsonPlanParser::parse(tusk::test::SynthPlan::json(1000)));
    const PlanFolding folding(plan);
    QVERIFY(folding.groups().size() >= 2);
    const PlanLayout folded(plan, sizesFor(plan), &folding, groupSizesFor(folding));
    const FoldGroup &g = folding.groups().first();
    const PlanLayout unfolded(plan, sizesFor(plan), &folding, groupSizesFor(folding), {g.id});
    QCOMPARE(unfolded.cards().size(), folded.cards().size() - 1 + g.nodeCount);
    QCOMPARE(unfolded.cardOfGroup(g.id), -1);
    QCOMPARE(unfolded.cards().at(unfolded.cardOfNode(g.members.at(3))).nodeId, g.members.at(3));
    QVERIFY(overlapBetween(unfolded).isEmpty());
}

void TestPlanLayout::findsNodesByRelationIndexAndType()
{
    TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("nested-loop.json")));
    QVERIFY(!findNodes(plan, QStringLiteral("nested")).isEmpty());
    QVERIFY(findNodes(plan, QStringLiteral("  ")).isEmpty());
    QVERIFY(findNodes(plan, QStringLiteral("no-such-thing")).isEmpty());
    for (const PlanNode &n : plan.nodes) {
        if (!n.relationName.isEmpty())
            QVERIFY(findNodes(plan, n.relationName.toUpper()).contains(n.id));
        if (!n.indexName.isEmpty())
            QVERIFY(findNodes(plan, n.indexName).contains(n.id));
    }
}

QTEST_GUILESS_MAIN(TestPlanLayout)
#include "tst_planlayout.moc"
