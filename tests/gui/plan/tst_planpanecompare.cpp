// The query tab's Plan pane: "Compare…" with an earlier plan of the tab's history shows the plan
// diff in place of the plan view; Back, Swap sides, a new plan ends the comparison.

#include "../../common/explainfixture.h"
#include "../../common/guitest.h"
#include "explain/planreader.h"
#include "plan/plandiffview.h"
#include "plan/plangraphview.h"
#include "planpane.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace tusk;

namespace {

// A fixture as a tab's history keeps it, run at `at`.
test::FixtureResult<PlanPane::Entry> entry(const QString &name, const QTime &at)
{
    const auto plan = test::readPlanText(name);
    if (!plan)
        return plan.error();
    return PlanPane::Entry{plan->plan, plan->text,
                           QStringLiteral("EXPLAIN ANALYZE select c.name, o.qty … (%1)").arg(name),
                           QDateTime(QDate(2026, 11, 25), at)};
}

} // namespace

class TestPlanPaneCompare : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { test::setUpGuiTest(); }
    void comparesWithAnEarlierPlan();
};

void TestPlanPaneCompare::comparesWithAnEarlierPlan()
{
    PlanPane pane;
    pane.resize(1400, 900);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    TUSK_PARSE_OR_FAIL(const PlanPane::Entry indexBefore,
                       entry(QStringLiteral("diff-index-before.json"), QTime(10, 2, 3)));
    TUSK_PARSE_OR_FAIL(const PlanPane::Entry indexAfter,
                       entry(QStringLiteral("diff-index-after.json"), QTime(10, 5, 40)));
    TUSK_PARSE_OR_FAIL(const PlanPane::Entry rerunBefore,
                       entry(QStringLiteral("diff-rerun-before.json"), QTime(10, 9, 0)));
    TUSK_PARSE_OR_FAIL(const PlanPane::Entry rerunAfter,
                       entry(QStringLiteral("diff-rerun-after.json"), QTime(9, 0, 0)));
    pane.addPlan(indexBefore);
    pane.addPlan(indexAfter);
    QVERIFY(!pane.isComparing());

    // The menu offers the other plan of the history (not the one shown), a file, the clipboard.
    QMenu *menu = pane.compareButton()->menu();
    emit menu->aboutToShow();
    const QList<QAction *> actions = menu->actions();
    QVERIFY(actions.first()->text().startsWith(QStringLiteral("10:02:03")));
    QVERIFY(actions.last()->text().contains(QStringLiteral("clipboard")));
    actions.first()->trigger();

    // The older plan is "before", whichever one was shown.
    QVERIFY(pane.isComparing());
    const auto *diff = pane.diffView();
    QCOMPARE(*diff->diff().statement().executionMs[0], 38.823);
    QCOMPARE(*diff->diff().statement().executionMs[1], 3.659);
    QVERIFY(diff->changeList()->topLevelItem(0)->text(2).startsWith(
        QStringLiteral("Seq Scan on orders o became")));
    test::saveScreenshot(&pane, QStringLiteral("planpane-compare-light"));

    auto *swap = pane.findChild<QToolButton *>(QStringLiteral("planDiffSwap"));
    QTest::mouseClick(swap, Qt::LeftButton);
    QCOMPARE(*diff->diff().statement().executionMs[0], 3.659);

    auto *back = pane.findChild<QToolButton *>(QStringLiteral("planDiffBack"));
    QTest::mouseClick(back, Qt::LeftButton);
    QVERIFY(!pane.isComparing());

    // Comparing from the older entry gives the same sides; a new plan ends the comparison.
    pane.showEntry(1);
    pane.compareWithEntry(0);
    QCOMPARE(*diff->diff().statement().executionMs[0], 38.823);
    pane.addPlan(rerunBefore);
    QVERIFY(!pane.isComparing());
    // With a plan from elsewhere, that plan is "before".
    pane.compareWith(rerunAfter);
    QVERIFY(pane.isComparing());
    QCOMPARE(diff->diff().statement().matched, int(pane.history().first().plan.nodes.size()));

    // From the clipboard (any format PlanReader reads): that plan is "before".
    QGuiApplication::clipboard()->setText(indexBefore.originalText);
    pane.showPlanView();
    emit menu->aboutToShow();
    menu->actions().last()->trigger();
    QVERIFY(pane.isComparing());
    QCOMPARE(*diff->diff().statement().executionMs[0], 38.823);
}

QTEST_MAIN(TestPlanPaneCompare)
#include "tst_planpanecompare.moc"
