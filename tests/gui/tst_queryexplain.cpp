// Explain and Explain Analyze in the query tab against the fixture's primary: the plan opens in
// the Plan pane, the tab keeps a plan history, DML under ANALYZE is rolled back after the user
// saw the exact SQL, errors are marked in the editor, and plans open from files. Screenshots.

#include "../common/fixture.h"
#include "../common/guitest.h"
#include "common/palettes.h"
#include "editor/sqleditor.h"
#include "explain/explainrunner.h"
#include "pg/connectionregistry.h"
#include "plan/planview.h"
#include "planimport.h"
#include "planpane.h"
#include "queryworkspace.h"

#include <QComboBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTest>

using namespace tusk;

class TestQueryExplain : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void explainsTheStatementAtTheCursor();
    void explainAnalyzeKeepsAPlanHistory();
    void explainAnalyzeOfADeleteIsRolledBack();
    void explainAnalyzeInsideAnOpenTransactionUsesASavepoint();
    void decliningRunsNothing();
    void anErrorIsMarkedInTheStatement();
    void opensPlansFromFilesOfEveryFormat();
    void screenshots();

private:
    QueryWorkspace *workspace() { return m_workspace.get(); }
    /// Runs explain(analyze) on sql and waits until the tab is idle again.
    bool explain(const QString &sql, bool analyze);
    QString psql(const QString &sql);

    QString m_uri;
    std::optional<sandbox::LocalCluster> m_cluster;
    pg::ConnectionRegistry m_registry; // declared first: outlives the workspace
    std::unique_ptr<QueryWorkspace> m_workspace;
    QStringList m_asked;
    bool m_answer = true;
};

void TestQueryExplain::initTestCase()
{
    test::setUpGuiTest();
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
    QCOMPARE(psql(QStringLiteral(
                 "DROP TABLE IF EXISTS explain_orders; CREATE TABLE explain_orders (id int PRIMARY "
                 "KEY, customer int, total numeric); INSERT INTO explain_orders SELECT g, g % 100, "
                 "g * 1.5 FROM generate_series(1, 20000) g; ANALYZE explain_orders; SELECT 'ok';")),
             QStringLiteral("ok"));
}

void TestQueryExplain::init()
{
    m_workspace = std::make_unique<QueryWorkspace>(&m_registry, test::paramsFor(m_uri), nullptr);
    m_workspace->resize(1200, 800);
    m_asked.clear();
    m_answer = true;
    m_workspace->setConfirmHandler([this](const QString &sql, const QString &reason) {
        m_asked << sql + QStringLiteral(" | ") + reason;
        return m_answer;
    });
    m_workspace->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_workspace.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->session()->state() == pg::Session::State::Connected, 10000);
}

void TestQueryExplain::cleanup()
{
    m_workspace.reset();
}

bool TestQueryExplain::explain(const QString &sql, bool analyze)
{
    workspace()->editor()->setText(sql);
    workspace()->editor()->setCursorPosition(0, 0);
    workspace()->explain(analyze);
    return QTest::qWaitFor([this] { return !workspace()->isRunning(); }, 20000);
}

QString TestQueryExplain::psql(const QString &sql)
{
    auto r = m_cluster->psql(QStringLiteral("primary"), sql);
    return r ? r->trimmed() : QStringLiteral("<psql failed: %1>").arg(r.error());
}

void TestQueryExplain::explainsTheStatementAtTheCursor()
{
    QueryWorkspace *w = workspace();
    w->editor()->setFocus();
    w->editor()->setText(QStringLiteral(
        "SELECT 1;\nSELECT customer, sum(total) FROM explain_orders WHERE id < 500 GROUP BY customer;"));
    w->editor()->setCursorPosition(1, 5);
    QTest::keyClick(w->editor(), Qt::Key_F7);
    QTRY_VERIFY_WITH_TIMEOUT(w->planPane() && !w->isRunning(), 10000);
    QCOMPARE(w->results()->currentWidget(), w->planPane());
    const explain::Plan &plan = w->planPane()->history().first().plan;
    QVERIFY(plan.nodes.size() >= 2);
    QVERIFY(!plan.root().hasActuals); // not run
    bool scansOrders = false;
    for (const explain::PlanNode &n : plan.nodes)
        scansOrders = scansOrders || n.relationName == QLatin1String("explain_orders");
    QVERIFY(scansOrders);
    QVERIFY(w->planPane()->history().first().title.startsWith(
        QLatin1String("EXPLAIN (FORMAT JSON, BUFFERS) SELECT")));
    QVERIFY(m_asked.isEmpty());
}

void TestQueryExplain::explainAnalyzeKeepsAPlanHistory()
{
    QueryWorkspace *w = workspace();
    QVERIFY(explain(QStringLiteral("SELECT * FROM explain_orders WHERE customer = 7"), false));
    QVERIFY(explain(QStringLiteral("SELECT * FROM explain_orders WHERE customer = 7"), true));
    PlanPane *pane = w->planPane();
    QVERIFY(pane);
    QCOMPARE(pane->history().size(), 2);
    const explain::Plan &analyzed = pane->history().first().plan;
    QVERIFY(analyzed.root().hasActuals);
    QCOMPARE(analyzed.root().actualRows, 200.0);
    QVERIFY(analyzed.executionTimeMs.has_value());
    QVERIFY(analyzed.root().buffers.sharedHit + analyzed.root().buffers.sharedRead > 0); // BUFFERS by default
    QCOMPARE(pane->historyBox()->count(), 2);
    QVERIFY(pane->historyBox()->itemText(0).contains(QLatin1String(" ms")));
    // Going back to the first plan shows it again.
    pane->showEntry(1);
    QVERIFY(!pane->view()->document()->plan.root().hasActuals);
    // Options reach the statement; the server's version decides what it gets.
    sql::ExplainOptions o = w->explainOptions();
    o.verbose = true;
    o.settings = true;
    w->setExplainOptions(o);
    QVERIFY(explain(QStringLiteral("SELECT * FROM explain_orders WHERE customer = 7"), true));
    QVERIFY(pane->history().first().title.contains(QLatin1String("VERBOSE, BUFFERS, SETTINGS")));
    QVERIFY(!pane->history().first().plan.root().output.isEmpty());
    o.verbose = false;
    o.settings = false;
    w->setExplainOptions(o);
}

void TestQueryExplain::explainAnalyzeOfADeleteIsRolledBack()
{
    QueryWorkspace *w = workspace();
    QVERIFY(explain(QStringLiteral("DELETE FROM explain_orders WHERE id <= 1000"), true));
    QCOMPARE(m_asked.size(), 1);
    QVERIFY2(
        m_asked[0].startsWith(QLatin1String("BEGIN;\nEXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) DELETE FROM "
                                            "explain_orders WHERE id <= 1000;\nROLLBACK; | changes data")),
        qPrintable(m_asked[0]));
    QVERIFY(w->planPane());
    const explain::Plan &plan = w->planPane()->history().first().plan;
    QCOMPARE(plan.root().nodeType, QStringLiteral("ModifyTable"));
    QCOMPARE(plan.nodes.at(plan.root().children.first()).actualRows, 1000.0);
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM explain_orders")), QStringLiteral("20000"));
    QCOMPARE(w->session()->transactionStatus(), pg::TransactionStatus::Idle);
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("rolled back afterwards")));
}

void TestQueryExplain::explainAnalyzeInsideAnOpenTransactionUsesASavepoint()
{
    QueryWorkspace *w = workspace();
    w->setExplicitTransactionMode(true);
    w->editor()->setText(QStringLiteral("UPDATE explain_orders SET total = -1 WHERE id = 1"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(w->session()->transactionStatus(), pg::TransactionStatus::InTransaction);
    QVERIFY(explain(QStringLiteral("DELETE FROM explain_orders WHERE id = 1"), true));
    QCOMPARE(m_asked.size(), 1);
    QVERIFY2(m_asked[0].startsWith(QLatin1String("SAVEPOINT tusk_explain;")), qPrintable(m_asked[0]));
    // The user's own change survives the rollback to the savepoint; the DELETE does not.
    QCOMPARE(w->session()->transactionStatus(), pg::TransactionStatus::InTransaction);
    w->editor()->setText(QStringLiteral("SELECT total FROM explain_orders WHERE id = 1"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("SELECT 1 ")));
    // A failing EXPLAIN ANALYZE inside the transaction leaves it usable.
    QVERIFY(explain(QStringLiteral("DELETE FROM explain_orders WHERE nosuch = 1"), true));
    QCOMPARE(w->session()->transactionStatus(), pg::TransactionStatus::InTransaction);
    w->rollback();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(psql(QStringLiteral("SELECT total FROM explain_orders WHERE id = 1")), QStringLiteral("1.5"));
}

void TestQueryExplain::decliningRunsNothing()
{
    QueryWorkspace *w = workspace();
    m_answer = false;
    QVERIFY(explain(QStringLiteral("DELETE FROM explain_orders"), true));
    QCOMPARE(m_asked.size(), 1);
    QVERIFY(!w->planPane());
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("Not explained (you declined)")));
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM explain_orders")), QStringLiteral("20000"));
    // A plain EXPLAIN of the same statement runs nothing, so nobody is asked.
    m_answer = true;
    QVERIFY(explain(QStringLiteral("DELETE FROM explain_orders"), false));
    QCOMPARE(m_asked.size(), 1);
    QVERIFY(w->planPane());
}

void TestQueryExplain::anErrorIsMarkedInTheStatement()
{
    QueryWorkspace *w = workspace();
    QVERIFY(explain(QStringLiteral("SELECT 1,\n       nosuchcolumn FROM explain_orders;"), false));
    QVERIFY(w->editor()->hasErrorMark());
    QCOMPARE(w->editor()->errorLine(), 1);
    int line = -1, index = -1;
    w->editor()->getCursorPosition(&line, &index);
    QCOMPARE(index, 7); // on the unknown column itself, not shifted by "EXPLAIN (…) "
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("42703")));
    QVERIFY(explain(QStringLiteral("VACUUM explain_orders"), false));
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("this statement is VACUUM")));
    QVERIFY(!w->planPane());
}

void TestQueryExplain::opensPlansFromFilesOfEveryFormat()
{
    QueryWorkspace *w = workspace();
    const QString data = QStringLiteral(TUSK_SOURCE_DIR "/tests/data/explain/");
    int shown = 0;
    for (const char *name : {"nested-loop.json", "nested-loop-psql.txt", "text-parallel.txt"}) {
        QFile f(data + QLatin1String(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString error;
        QVERIFY2(planimport::show(w, f.readAll(), QLatin1String(name), &error), qPrintable(error));
        QCOMPARE(w->planPane()->history().size(), ++shown);
        QVERIFY(w->planPane()->view()->document()->plan.nodes.size() > 1);
    }
    QString error;
    QVERIFY(!planimport::show(w, "this is not a plan", QStringLiteral("junk"), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(w->planPane()->history().size(), shown);
}

void TestQueryExplain::screenshots()
{
    for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
        widgets::applyTheme(theme);
        init();
        QVERIFY(explain(QStringLiteral("SELECT o.customer, count(*), sum(o.total)\nFROM explain_orders o\n"
                                       "JOIN explain_orders p ON p.id = o.customer\nWHERE o.id < 5000\n"
                                       "GROUP BY o.customer ORDER BY 3 DESC"),
                        true));
        QVERIFY(workspace()->planPane());
        QTest::qWait(100);
        test::saveScreenshot(workspace(), theme == widgets::Theme::Dark
                                              ? QStringLiteral("query-explain-dark")
                                              : QStringLiteral("query-explain-light"));
        cleanup();
    }
    widgets::applyTheme(widgets::Theme::Light);
}

QTEST_MAIN(TestQueryExplain)
#include "tst_queryexplain.moc"
