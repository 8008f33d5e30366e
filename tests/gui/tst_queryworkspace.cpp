// The query tab driven like a user would: type, run, watch rows arrive, cancel, see errors
// marked, complete a column, find it again in the history. Offscreen, with screenshots.

#include "../common/fixture.h"
#include "../common/guitest.h"
#include "../common/stallwatchdog.h"
#include "editor/sqleditor.h"
#include "grid/resultview.h"
#include "historypanel.h"
#include "pg/connectionregistry.h"
#include "queryworkspace.h"
#include "resultpane.h"
#include "state/editortabstore.h"
#include "state/queryhistorystore.h"
#include "state/statedatabase.h"

#include <QAction>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace tusk;

namespace {
// The most UI-thread CPU time any single stall may take in these tests (StallWatchdog). Measured
// on the CI kind (2 shared cores, ci preset, the other core busy): see each test's qInfo line;
// the bounds are at least 5x the worst seen so a loaded machine cannot fail them, while work of
// hundreds of ms on the UI thread still does. The speed goals live in tests/bench.
// Measured 2-4 ms streaming 1M rows and stopping 10M at the 5M cap, since the view is given
// rows as it scrolls (ResultModel::kFirstViewRows; before: 13-21 ms and 30-93 ms, QHeaderView
// redoing per-row state for every row it had been told of). Issue 14's goal is <= 30 ms.
constexpr qint64 kStallCpuBoundMs = 50;
} // namespace

class TestQueryWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void typesAndRunsTheStatementAtTheCursor();
    void rowsAppearWhileTheQueryRuns();
    void cancelsARunningStatement();
    void marksTheErrorPositionAndStopsTheScript();
    void completesAColumnOfAnAliasedTable();
    void historyReopensAQuery();
    void explicitTransactionNeedsCommitOrRollback();
    void asksBeforeADestructiveStatement();
    void handlesSixteenHundredColumns();
    void handlesA100MegabyteCell();
    void reportsNonUtf8TextFromASqlAsciiDatabase();
    void droppedConnectionSaysTheTransactionIsLostAndKeepsTheText();
    void fetchesAMillionRowsWithoutStallingTheUi();
    void stopsATenMillionRowResultAtTheCap();
    void unsavedTextSurvivesACrash();
    void exportsWholeResultsAndCancelsCleanly();
    void opensA100MegabyteFileQuickly();
    void reportsInvalidUtf8InAFile();
    void screenshots();

private:
    QueryWorkspace *workspace();
    ResultPane *lastPane(QueryWorkspace *w);

    QString m_uri;
    std::optional<sandbox::LocalCluster> m_cluster;
    QTemporaryDir m_stateDir;
    std::unique_ptr<state::StateDatabase> m_state; // declared first: outlives the store
    std::unique_ptr<state::QueryHistoryStore> m_history;
    pg::ConnectionRegistry m_registry; // declared first: outlives the workspace
    std::unique_ptr<QueryWorkspace> m_workspace;
};

void TestQueryWorkspace::initTestCase()
{
    test::setUpGuiTest();
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
    auto r = m_cluster->psql(
        QStringLiteral("primary"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS gui_accounts (id int, account_name text, "
                       "balance numeric(12,2)); TRUNCATE gui_accounts; INSERT INTO gui_accounts "
                       "SELECT g, 'Account ' || g, g * 10.5 FROM generate_series(1, 50) g;"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error()));
    m_state = std::make_unique<state::StateDatabase>(m_stateDir.filePath(QStringLiteral("state.sqlite")));
    m_history = std::make_unique<state::QueryHistoryStore>(m_state.get());
}

void TestQueryWorkspace::init()
{
    m_workspace = std::make_unique<QueryWorkspace>(&m_registry, test::paramsFor(m_uri), m_history.get());
    m_workspace->resize(1000, 700);
    m_workspace->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_workspace.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->session()->state() == pg::Session::State::Connected, 10000);
}

void TestQueryWorkspace::cleanup()
{
    m_workspace.reset();
}

QueryWorkspace *TestQueryWorkspace::workspace()
{
    return m_workspace.get();
}

ResultPane *TestQueryWorkspace::lastPane(QueryWorkspace *w)
{
    return qobject_cast<ResultPane *>(w->results()->widget(w->results()->count() - 1));
}

void TestQueryWorkspace::typesAndRunsTheStatementAtTheCursor()
{
    QueryWorkspace *w = workspace();
    w->editor()->setFocus();
    // Escape closes any completion list that popped up while typing, as a user would.
    QTest::keyClicks(w->editor(), QStringLiteral("SELECT 1 AS first;"));
    QTest::keyClick(w->editor(), Qt::Key_Escape);
    QTest::keyClick(w->editor(), Qt::Key_Return);
    QTest::keyClicks(w->editor(),
                     QStringLiteral("SELECT g, 'row ' || g AS label FROM generate_series(1, 5) g;"));
    QTest::keyClick(w->editor(), Qt::Key_Escape);
    QCOMPARE(
        w->editor()->text(),
        QStringLiteral("SELECT 1 AS first;\nSELECT g, 'row ' || g AS label FROM generate_series(1, 5) g;"));
    QTest::keyClick(w->editor(), Qt::Key_Return, Qt::ControlModifier); // the cursor is in the 2nd statement
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning() && w->results()->count() == 2, 10000);
    ResultPane *pane = lastPane(w);
    QVERIFY(pane);
    QCOMPARE(pane->rowCount(), qint64(5));
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("SELECT 5")));
    QVERIFY(w->results()->tabText(1).contains(QLatin1String("(5)")));
}

void TestQueryWorkspace::rowsAppearWhileTheQueryRuns()
{
    QueryWorkspace *w = workspace();
    w->editor()->setText(QStringLiteral("SELECT g, pg_sleep(0.001) FROM generate_series(1, 2000) g"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(lastPane(w) && lastPane(w)->rowCount() > 0, 10000);
    QVERIFY(w->isRunning()); // rows on screen before the statement ends
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 20000);
    QCOMPARE(lastPane(w)->rowCount(), qint64(2000));
}

void TestQueryWorkspace::cancelsARunningStatement()
{
    QueryWorkspace *w = workspace();
    w->editor()->setText(QStringLiteral("SELECT pg_sleep(30)"));
    w->runStatementAtCursor();
    QTRY_VERIFY(w->isRunning());
    QTest::qWait(300);
    QElapsedTimer t;
    t.start();
    w->cancel();
    // pg_sleep(30) ends long before 30 s only if the cancel reached the server.
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 20000);
    QVERIFY2(t.elapsed() < 20000, "the statement ran to its end: the cancel was lost");
    qInfo("cancelled after %lld ms", t.elapsed());
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("Cancelled")));
}

void TestQueryWorkspace::marksTheErrorPositionAndStopsTheScript()
{
    QueryWorkspace *w = workspace();
    w->editor()->setText(QStringLiteral("SELECT 1;\nSELECT nosuchcolumn FROM pg_class;\nSELECT 3;"));
    const int tabsBefore = w->results()->count();
    w->runScript();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning() && w->editor()->hasErrorMark(), 10000);
    QCOMPARE(w->editor()->errorLine(), 1);
    const QString messages = w->messages()->toPlainText();
    QVERIFY(messages.contains(QLatin1String("42703")));
    QVERIFY(messages.contains(QLatin1String("were not run")));
    QCOMPARE(w->results()->count(), tabsBefore + 1); // SELECT 1 ran, SELECT 3 did not
    QCOMPARE(w->results()->currentWidget(), w->messages());
}

void TestQueryWorkspace::completesAColumnOfAnAliasedTable()
{
    QueryWorkspace *w = workspace();
    widgets::SqlEditor *e = w->editor();
    e->setText(QStringLiteral("SELECT a. FROM gui_accounts a"));
    e->setCursorPosition(0, 9);
    // The catalog loads in the background; typing works meanwhile and completion appears once loaded.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            e->complete();
            return e->isListActive();
        }(),
        10000);
    QTest::keyClicks(e, QStringLiteral("acc"));
    QTest::keyClick(e, Qt::Key_Return);
    QCOMPARE(e->text(), QStringLiteral("SELECT a.account_name FROM gui_accounts a"));
}

void TestQueryWorkspace::historyReopensAQuery()
{
    HistoryPanel panel(m_history.get());
    QueryWorkspace *w = workspace();
    const QString marker =
        QStringLiteral("SELECT 'history marker %1'").arg(QDateTime::currentMSecsSinceEpoch());
    w->editor()->setText(marker);
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    panel.filter()->setText(QStringLiteral("history marker"));
    // The filter applies after a short debounce; wait for the filtered answer.
    QTRY_VERIFY_WITH_TIMEOUT(panel.list()->topLevelItemCount() == 1 &&
                                 panel.list()->topLevelItem(0)->data(1, Qt::UserRole).toString() == marker,
                             5000);
    QSignalSpy open(&panel, &HistoryPanel::openRequested);
    QTreeWidgetItem *item = panel.list()->topLevelItem(0);
    emit panel.list()->itemDoubleClicked(item, 1);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toString(), marker);
}

void TestQueryWorkspace::explicitTransactionNeedsCommitOrRollback()
{
    QueryWorkspace *w = workspace();
    w->setExplicitTransactionMode(true);
    w->editor()->setText(QStringLiteral("INSERT INTO gui_accounts VALUES (999, 'temp', 0)"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(w->session()->transactionStatus(), pg::TransactionStatus::InTransaction);
    w->rollback();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(w->session()->transactionStatus(), pg::TransactionStatus::Idle);
    auto count = m_cluster->psql(QStringLiteral("primary"),
                                 QStringLiteral("SELECT count(*) FROM gui_accounts WHERE id = 999"));
    QCOMPARE(count->trimmed(), QStringLiteral("0"));
}

void TestQueryWorkspace::asksBeforeADestructiveStatement()
{
    QueryWorkspace *w = workspace();
    w->setConfirmDestructive(true);
    QStringList asked;
    bool answer = false;
    bool insideTheUsersAction = false;
    bool askedFromASignalHandler = false;
    w->setConfirmHandler([&](const QString &sql, const QString &reason) {
        asked << sql + QStringLiteral(" | ") + reason;
        // The question comes while the user's Run is handled, before anything is queued: never
        // from a session signal (a modal dialog's nested event loop there re-enters the tab).
        askedFromASignalHandler |= !insideTheUsersAction;
        return answer;
    });
    w->editor()->setText(QStringLiteral("SELECT 1;\nDELETE FROM gui_accounts;\nSELECT 2;"));
    insideTheUsersAction = true;
    w->runScript();
    insideTheUsersAction = false;
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(asked.size(), 1);
    QVERIFY(!askedFromASignalHandler);
    QVERIFY(asked[0].startsWith(QLatin1String("DELETE FROM gui_accounts; | deletes every row")));
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("Not run (you declined)")));
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("Nothing of the 3 statement(s) was run")));
    auto count =
        m_cluster->psql(QStringLiteral("primary"), QStringLiteral("SELECT count(*) FROM gui_accounts"));
    QCOMPARE(count->trimmed(), QStringLiteral("50")); // nothing was deleted
    // Harmless statements do not ask.
    w->editor()->setText(QStringLiteral("DELETE FROM gui_accounts WHERE id = -1"));
    w->runScript();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(asked.size(), 1);
}

void TestQueryWorkspace::handlesSixteenHundredColumns()
{
    QStringList cols;
    for (int i = 1; i <= 1600; ++i)
        cols << QStringLiteral("%1 AS c%1").arg(i);
    QueryWorkspace *w = workspace();
    w->editor()->setText(QStringLiteral("SELECT ") + cols.join(QStringLiteral(", ")) +
                         QStringLiteral(" FROM generate_series(1, 100)"));
    test::StallWatchdog watchdog;
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 20000);
    ResultPane *pane = lastPane(w);
    QVERIFY(pane);
    QCOMPARE(pane->view()->model()->columnCount(), 1600);
    QCOMPARE(pane->rowCount(), qint64(100));
    QCOMPARE(pane->view()->model()->index(99, 1599).data().toString(), QStringLiteral("1600"));
    watchdog.tick();
    qInfo("1,600 columns: worst UI stall %s", qPrintable(watchdog.summary()));
}

void TestQueryWorkspace::handlesA100MegabyteCell()
{
    QueryWorkspace *w = workspace();
    w->editor()->setText(
        QStringLiteral("SELECT 1 AS id, repeat('x', 100 * 1024 * 1024) AS huge, 'after' AS tail"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 60000);
    ResultPane *pane = lastPane(w);
    QVERIFY(pane);
    QCOMPARE(pane->rowCount(), qint64(1));
    const QString shown = pane->view()->model()->index(0, 1).data().toString();
    QVERIFY2(shown.size() < 5000, qPrintable(QString::number(shown.size()))); // the grid shows a prefix
    QCOMPARE(pane->view()->model()->index(0, 2).data().toString(), QStringLiteral("after"));
    test::saveScreenshot(w, QStringLiteral("query-huge-cell-light"));
}

void TestQueryWorkspace::reportsNonUtf8TextFromASqlAsciiDatabase()
{
    // A SQL_ASCII database stores bytes unchecked, e.g. Latin-1 text.
    // WITH (FORCE): a catalog browser of another test may be connected to it (it lists every
    // database of the server).
    m_cluster->psql(QStringLiteral("primary"),
                    QStringLiteral("DROP DATABASE IF EXISTS tusk_ascii WITH (FORCE)"));
    auto created =
        m_cluster->psql(QStringLiteral("primary"),
                        QStringLiteral("CREATE DATABASE tusk_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' "
                                       "LC_CTYPE 'C' TEMPLATE template0"));
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error()));
    QString uri = m_uri;
    uri.replace(QStringLiteral("/postgres?"), QStringLiteral("/tusk_ascii?"));
    QueryWorkspace w(&m_registry, test::paramsFor(uri), nullptr);
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->state() == pg::Session::State::Connected, 10000);
    w.editor()->setText(QStringLiteral("SELECT E'caf\\xe9 \\xff\\xfe' AS latin1, 'ok' AS fine"));
    w.runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 10000);
    // The server refuses to send bytes that are not UTF-8 to a UTF-8 client (Tusk always asks
    // for UTF-8): the user gets that error, clearly, and the tab keeps working.
    QVERIFY2(w.messages()->toPlainText().contains(QLatin1String("22021")),
             qPrintable(w.messages()->toPlainText()));
    QVERIFY(w.messages()->toPlainText().contains(QLatin1String("invalid byte sequence")));
    w.editor()->setText(QStringLiteral("SELECT '\\xdeadbeef00'::bytea AS raw_bytes"));
    w.runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 10000);
    auto *pane = qobject_cast<ResultPane *>(w.results()->widget(w.results()->count() - 1));
    QVERIFY2(pane, qPrintable(w.messages()->toPlainText()));
    QCOMPARE(pane->view()->model()->index(0, 0).data().toString(),
             QStringLiteral("\\xdeadbeef00")); // binary as hex
}

void TestQueryWorkspace::droppedConnectionSaysTheTransactionIsLostAndKeepsTheText()
{
    QueryWorkspace *w = workspace();
    w->setExplicitTransactionMode(true);
    const QString text = QStringLiteral("INSERT INTO gui_accounts VALUES (777, 'doomed', 1)");
    w->editor()->setText(text);
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(w->session()->transactionStatus(), pg::TransactionStatus::InTransaction);
    test::StallWatchdog watchdog;
    m_cluster->psql(
        QStringLiteral("primary"),
        QStringLiteral("SELECT pg_terminate_backend(%1)").arg(w->session()->serverInfo().backendPid));
    watchdog.reset(); // psql ran on this thread above; measure the UI from here on
    w->editor()->setText(text + QStringLiteral(";\nSELECT 1"));
    w->runScript();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    const QString messages = w->messages()->toPlainText();
    QVERIFY2(messages.contains(QLatin1String("transaction was lost")) ||
                 messages.contains(QLatin1String("Connection lost")),
             qPrintable(messages));
    QVERIFY(w->editor()->text().startsWith(text)); // nothing the user typed is gone
    watchdog.tick();
    QVERIFY2(watchdog.worstStallCpuMs() < kStallCpuBoundMs, qPrintable(watchdog.summary()));
    auto count = m_cluster->psql(QStringLiteral("primary"),
                                 QStringLiteral("SELECT count(*) FROM gui_accounts WHERE id = 777"));
    QCOMPARE(count->trimmed(), QStringLiteral("0"));
}

void TestQueryWorkspace::fetchesAMillionRowsWithoutStallingTheUi()
{
    QueryWorkspace *w = workspace();
    w->editor()->setText(QStringLiteral(
        "SELECT g AS id, md5(g::text) AS hash, now() AS at FROM generate_series(1, 1000000) g"));
    test::StallWatchdog watchdog;
    QElapsedTimer t;
    t.start();
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(lastPane(w) && lastPane(w)->rowCount() > 0, 10000);
    const qint64 firstRowsMs = t.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 60000);
    QCOMPARE(lastPane(w)->rowCount(), qint64(1000000));
    watchdog.tick();
    qInfo("1M rows: first rows after %lld ms, all after %lld ms, worst UI stall %s", firstRowsMs, t.elapsed(),
          qPrintable(watchdog.summary()));
    QVERIFY2(watchdog.worstStallCpuMs() < kStallCpuBoundMs, qPrintable(watchdog.summary()));
}

void TestQueryWorkspace::stopsATenMillionRowResultAtTheCap()
{
    // The default cap (5M rows) stops a runaway SELECT: the rows so far stay, the message says
    // why and where to change it, the UI keeps answering and the session stays usable.
    QueryWorkspace *w = workspace();
    const QString sql = QStringLiteral("SELECT g FROM generate_series(1, 10000000) g");
    w->editor()->setText(sql);
    test::StallWatchdog watchdog;
    QElapsedTimer t;
    t.start();
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 120000);
    QCOMPARE(lastPane(w)->rowCount(), qint64(5000000));
    const QString messages = w->messages()->toPlainText();
    QVERIFY2(messages.contains(QLatin1String("grid/maxRows")), qPrintable(messages.right(500)));
    watchdog.tick();
    qInfo("10M-row SELECT stopped at 5M rows after %lld ms, worst UI stall %s", t.elapsed(),
          qPrintable(watchdog.summary()));
    QVERIFY2(watchdog.worstStallCpuMs() < kStallCpuBoundMs, qPrintable(watchdog.summary()));
    QCOMPARE(w->editor()->text(), sql);
    w->editor()->setText(QStringLiteral("SELECT 'still here'"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    QCOMPARE(lastPane(w)->rowCount(), qint64(1));
}

void TestQueryWorkspace::exportsWholeResultsAndCancelsCleanly()
{
    QueryWorkspace *w = workspace();
    w->editor()->setText(
        QStringLiteral("SELECT id, account_name, CASE WHEN id = 2 THEN NULL ELSE balance END AS b "
                       "FROM gui_accounts ORDER BY id"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
    ResultPane *pane = lastPane(w);
    QVERIFY(pane);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("accounts.csv"));
    QSignalSpy done(pane, &ResultPane::exportFinished);
    pane->filter()->setText(
        QStringLiteral("Account 1")); // the export writes every row, not the filtered view
    pane->exportTo(path, exporting::RowFormat::Csv, false);
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().at(2).toString(), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 52); // header, 50 rows, empty after the last CRLF
    QCOMPARE(lines[0], QByteArray("id,account_name,b\r"));
    QCOMPARE(lines[2], QByteArray("2,Account 2,\r")); // NULL is an empty unquoted field

    // A big export cancelled half-way leaves no file.
    w->editor()->setText(QStringLiteral("SELECT g, repeat('x', 200) FROM generate_series(1, 1000000) g"));
    w->runStatementAtCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 60000);
    ResultPane *big = lastPane(w);
    const QString bigPath = dir.filePath(QStringLiteral("big.csv"));
    QSignalSpy bigDone(big, &ResultPane::exportFinished);
    big->exportTo(bigPath, exporting::RowFormat::Csv, false);
    big->cancelExport();
    QVERIFY(bigDone.wait(20000));
    QVERIFY(bigDone.first().at(2).toString().contains(QLatin1String("cancelled")));
    QVERIFY(!QFileInfo::exists(bigPath));
}

void TestQueryWorkspace::unsavedTextSurvivesACrash()
{
    const QString path = m_stateDir.filePath(QStringLiteral("crash.sqlite"));
    const QString text =
        QStringLiteral("-- work in progress ✓\nSELECT * FROM gui_accounts WHERE balance > 100;");
    QString id;
    {
        state::StateDatabase db(path);
        state::EditorTabStore store(&db);
        auto w = std::make_unique<QueryWorkspace>(&m_registry, test::paramsFor(m_uri), nullptr, &store);
        w->setAutosaveInterval(100);
        w->editor()->setText(text);
        id = w->tabId();
        QTest::qWait(400); // the autosave timer fires while the user types
        // A crash: no close, no save, the objects just disappear.
        store.flush();
    }
    state::StateDatabase reopenedDb(path);
    state::EditorTabStore reopened(&reopenedDb);
    QSignalSpy loaded(&reopened, &state::EditorTabStore::loaded);
    reopened.loadAll();
    QVERIFY(loaded.wait(5000));
    const auto tabs = loaded.first().first().value<QList<state::EditorTab>>();
    QCOMPARE(tabs.size(), 1);
    QCOMPARE(tabs[0].id, id);
    QCOMPARE(tabs[0].text, text);
    QVERIFY(!tabs[0].conninfo.contains(QLatin1String("password")));
    QVERIFY(tabs[0].conninfo.contains(QLatin1String("127.0.0.1")));
    QueryWorkspace restored(&m_registry, test::paramsFor(m_uri), nullptr);
    restored.restore(tabs[0]);
    QCOMPARE(restored.editor()->text(), text);
}

void TestQueryWorkspace::opensA100MegabyteFileQuickly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.sql"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray line =
            "INSERT INTO crm.events (tenant_id, event_type, payload) VALUES (42, 'api_call', "
            "'{\"ms\": 12, \"ok\": true}');\n";
        QByteArray block;
        for (int i = 0; i < 10000; ++i)
            block += line;
        while (f.size() < 100 * 1024 * 1024)
            f.write(block);
    }
    QueryWorkspace *w = workspace();
    // CPU time of this (the UI) thread: the work of opening, unaffected by other processes
    // competing for the two cores while the suite runs in parallel. Wall time is reported too.
    QElapsedTimer wall;
    wall.start();
    test::CpuTimer cpu;
    QString error;
    QVERIFY2(w->openFile(path, &error), qPrintable(error));
    QCoreApplication::processEvents(); // first paint of the opened file
    const qint64 ms = cpu.elapsedMs();
    qInfo("100 MB file opened and shown: %lld ms CPU, %lld ms wall", ms, wall.elapsed());
    // Measured 0.84-0.96 s of CPU on the CI kind with the other core busy (ci preset), nearly
    // all of it the kernel handing Scintilla fresh pages for its text and style buffers. The
    // bound is 5x that; the speed goal and its ratio to a plain read are in tests/bench
    // (bench_openfile).
    QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
    QVERIFY(w->editor()->lines() > 900000);
    QCOMPARE(w->title(), QStringLiteral("big.sql"));
    // The unedited file is not copied into the state database: a restore reads the file again.
    state::StateDatabase db(m_stateDir.filePath(QStringLiteral("big.sqlite")));
    state::EditorTabStore store(&db);
    QueryWorkspace saved(&m_registry, test::paramsFor(m_uri), nullptr, &store);
    QVERIFY(saved.openFile(path, &error));
    saved.autosave();
    QSignalSpy loaded(&store, &state::EditorTabStore::loaded);
    store.loadAll();
    QVERIFY(loaded.wait(5000));
    const auto tabs = loaded.first().first().value<QList<state::EditorTab>>();
    QCOMPARE(tabs.size(), 1);
    QVERIFY(tabs[0].text.isEmpty());
    QCOMPARE(tabs[0].filePath, path);
    QueryWorkspace restored(&m_registry, test::paramsFor(m_uri), nullptr);
    restored.restore(tabs[0]);
    QVERIFY(restored.editor()->lines() > 900000);
}

void TestQueryWorkspace::reportsInvalidUtf8InAFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("latin1.sql"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("SELECT 'caf\xe9';\n"); // Latin-1 é: not UTF-8
    f.close();
    QueryWorkspace *w = workspace();
    QString error;
    QVERIFY(w->openFile(path, &error));
    QVERIFY(w->messages()->toPlainText().contains(QLatin1String("not valid UTF-8")));
    QVERIFY(w->editor()->text().startsWith(QLatin1String("SELECT 'caf")));
}

void TestQueryWorkspace::screenshots()
{
    for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
        widgets::applyTheme(theme);
        const QString suffix =
            theme == widgets::Theme::Dark ? QStringLiteral("-dark") : QStringLiteral("-light");
        QueryWorkspace *w = workspace();
        w->editor()->setText(
            QStringLiteral("-- accounts with their balance\nSELECT id, account_name, balance,\n"
                           "       CASE WHEN id % 4 = 0 THEN NULL ELSE now() END AS seen\n"
                           "FROM gui_accounts\nORDER BY id;\n"));
        w->runScript();
        QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning(), 10000);
        test::saveScreenshot(w, QStringLiteral("query-results") + suffix);
        w->editor()->setText(QStringLiteral("SELECT id, acount_name\nFROM gui_accounts;"));
        w->runScript();
        QTRY_VERIFY_WITH_TIMEOUT(!w->isRunning() && w->editor()->hasErrorMark(), 10000);
        test::saveScreenshot(w, QStringLiteral("query-error") + suffix);
    }
    widgets::applyTheme(widgets::Theme::Light);
}

QTEST_MAIN(TestQueryWorkspace)
#include "tst_queryworkspace.moc"
