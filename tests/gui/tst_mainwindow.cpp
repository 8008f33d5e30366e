// The shell window against the fixture's cluster, offscreen, with screenshots in both palettes.

#include "../common/fixture.h"
#include "../common/guitest.h"
#include "browser/objectbrowser.h"
#include "catalog/objecttreemodel.h"
#include "common/commandpalette.h"
#include "common/palettes.h"
#include "mainwindow.h"
#include "pg/connectionregistry.h"
#include "pg/session.h"
#include "queryworkspace.h"
#include "state/statedatabase.h"

#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace tusk;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsTheConnectedServer();
    void explainsAFailedConnection();
    void commandPaletteRunsAnAction();
    void menusShowTheCurrentWorkspacesOwnActions();
    void tabsOnOneConnectionShareTheCatalogSession();
    void opensWithOneStateFileAndSaysWhenItIsFromANewerTusk();

private:
    QString m_uri;
};

void TestMainWindow::initTestCase()
{
    test::setUpGuiTest();
    auto cluster = test::fixtureCluster();
    if (!cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = cluster->node(QStringLiteral("primary")).uri;
}

void TestMainWindow::showsTheConnectedServer()
{
    for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
        widgets::applyTheme(theme);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.connectTo(test::paramsFor(m_uri));
        auto *server = w.findChild<QLabel *>(QStringLiteral("serverStatus"));
        QVERIFY(server);
        QTRY_VERIFY_WITH_TIMEOUT(server->text().startsWith(QLatin1String("PostgreSQL 1")), 10000);
        QVERIFY(server->text().contains(QLatin1String("primary")));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("tlsStatus"))->text(), QStringLiteral("no TLS"));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("transactionStatus"))->text(),
                 QStringLiteral("auto-commit"));
        QVERIFY(w.windowTitle().contains(QLatin1String("tusk@127.0.0.1")));
        // The object browser (its own session) lists the server's databases.
        auto *browser = w.findChild<widgets::ObjectBrowser *>();
        QVERIFY(browser);
        QTRY_VERIFY_WITH_TIMEOUT(
            browser->model()->rowCount() > 0 &&
                !browser->model()->index(0, 0).data().toString().startsWith(QLatin1String("Loading")),
            10000);
        const bool dark = theme == widgets::Theme::Dark;
        const QString path = test::saveScreenshot(&w, dark ? QStringLiteral("mainwindow-dark")
                                                           : QStringLiteral("mainwindow-light"));
        const QImage shot(path);
        QVERIFY(!shot.isNull());
        // The window really is painted in the chosen palette.
        QCOMPARE(shot.pixelColor(shot.width() / 2, shot.height() - 60).lightness() < 128, dark);
    }
    widgets::applyTheme(widgets::Theme::Light);
}

void TestMainWindow::explainsAFailedConnection()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();
    MainWindow w;
    w.show();
    w.connectTo(test::paramsFor(QStringLiteral("host=127.0.0.1 port=%1 user=dba dbname=crm").arg(port)));
    auto *server = w.findChild<QLabel *>(QStringLiteral("serverStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(server->text(), QStringLiteral("Disconnected"), 10000);
    auto *log = w.findChild<QPlainTextEdit *>(QStringLiteral("connectionLog"));
    QVERIFY(log);
    QVERIFY(log->toPlainText().contains(QLatin1String("refused")));
    QVERIFY(log->toPlainText().contains(QLatin1String("TRY:")));
    test::saveScreenshot(&w, QStringLiteral("mainwindow-connection-error-light"));
}

void TestMainWindow::commandPaletteRunsAnAction()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.connectTo(test::paramsFor(m_uri));
    // Run is offered once the tab can run (the palette lists enabled actions only).
    QTRY_VERIFY_WITH_TIMEOUT(w.currentWorkspace()->session()->state() == pg::Session::State::Connected,
                             10000);
    const int tabs = w.tabs()->count();
    QTest::keyClick(&w, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    auto *palette = w.findChild<widgets::CommandPalette *>();
    QVERIFY(palette);
    QVERIFY(palette->list()->count() > 10); // every menu action is listed
    // The Query menu shows the tab's keys; the palette lists them apart from the name.
    QTest::keyClicks(palette->filter(), QStringLiteral("run statement"));
    QCOMPARE(palette->list()->count(), 1);
    QCOMPARE(palette->list()->item(0)->text(), QStringLiteral("Query › Run statement at cursor"));
    QCOMPARE(palette->list()->item(0)->data(widgets::CommandPalette::ShortcutRole).toString(),
             QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText));
    QVERIFY(!palette->list()->item(0)->icon().isNull());
    palette->filter()->clear();
    test::saveScreenshot(palette, QStringLiteral("command-palette-all-light"));
    QTest::keyClicks(palette->filter(), QStringLiteral("query tab"));
    QCOMPARE(palette->list()->count(), 1);
    QVERIFY(palette->list()->item(0)->text().contains(QLatin1String("New query tab")));
    test::saveScreenshot(palette, QStringLiteral("command-palette-light"));
    QTest::keyClick(palette->filter(), Qt::Key_Return);
    QCOMPARE(w.tabs()->count(), tabs + 1);
}

namespace {
QMenu *menuNamed(QMainWindow &w, const QString &title)
{
    for (QAction *a : w.menuBar()->actions()) {
        if (a->menu() && a->text().remove(u'&') == title)
            return a->menu();
    }
    return nullptr;
}
} // namespace

void TestMainWindow::menusShowTheCurrentWorkspacesOwnActions()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.connectTo(test::paramsFor(m_uri));
    QueryWorkspace *first = w.currentWorkspace();
    QVERIFY(first);
    QMenu *query = menuNamed(w, QStringLiteral("Query"));
    QMenu *file = menuNamed(w, QStringLiteral("File"));
    QVERIFY(query && file);
    // The menus hold the tab's own actions (not look-alikes): same object, same enabled state.
    for (QAction *a : first->menuActions(Workspace::Menu::Query))
        QVERIFY2(query->actions().contains(a), qPrintable(a->text()));
    for (QAction *a : first->menuActions(Workspace::Menu::File))
        QVERIFY2(file->actions().contains(a), qPrintable(a->text()));
    QAction *cancel = first->menuActions(Workspace::Menu::Query).at(2);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    QVERIFY(!cancel->isEnabled()); // nothing runs: the menu's Cancel is greyed out too

    QueryWorkspace *second = w.newQueryTab();
    QVERIFY(second && second != first);
    for (QAction *a : second->menuActions(Workspace::Menu::Query))
        QVERIFY(query->actions().contains(a));
    for (QAction *a : first->menuActions(Workspace::Menu::Query)) {
        if (!a->isSeparator())
            QVERIFY2(!query->actions().contains(a), "the hidden tab's actions left the menu");
    }
    // Back to the first tab, then close it: its actions go with it, the window's stay.
    w.tabs()->setCurrentWidget(first);
    QVERIFY(query->actions().contains(first->menuActions(Workspace::Menu::Query).first()));
    QTest::keyClick(&w, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(w.tabs()->count(), 1);
    QVERIFY(query->actions().contains(second->menuActions(Workspace::Menu::Query).first()));
    const auto texts = [](QMenu *m) {
        QStringList out;
        for (QAction *a : m->actions())
            out << a->text();
        return out;
    };
    QVERIFY(texts(query).contains(QStringLiteral("Paste plan")));
    QVERIFY(texts(file).contains(QStringLiteral("&Quit")));
    test::saveScreenshot(query, QStringLiteral("mainwindow-query-menu-light"));
}

void TestMainWindow::tabsOnOneConnectionShareTheCatalogSession()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.connectTo(test::paramsFor(m_uri));
    w.newQueryTab();
    w.newQueryTab();
    QCOMPARE(w.tabs()->count(), 3);
    // Three tabs of their own, plus one catalog session for the browser and all completion.
    const auto entries = w.registry()->entries();
    int query = 0;
    int catalog = 0;
    for (const auto &e : entries) {
        query += e.role == pg::SessionRole::Query;
        catalog += e.role == pg::SessionRole::Catalog;
    }
    QCOMPARE(query, 3);
    QCOMPARE(catalog, 1);
    QCOMPARE(w.registry()->connections().size(), 1);
    // Completion in the third tab works off the shared session.
    QTRY_VERIFY_WITH_TIMEOUT(w.currentWorkspace()->session()->state() == pg::Session::State::Connected,
                             10000);
    QTest::keyClick(&w, Qt::Key_W, Qt::ControlModifier);
    QTest::keyClick(&w, Qt::Key_W, Qt::ControlModifier);
    QTest::keyClick(&w, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(w.tabs()->count(), 0);
    // The browser still holds the catalog session; the tabs' own are gone.
    QTRY_COMPARE_WITH_TIMEOUT(w.registry()->sessionCount(), 1, 10000);
    QCOMPARE(w.registry()->entries().first().role, pg::SessionRole::Catalog);
}

void TestMainWindow::opensWithOneStateFileAndSaysWhenItIsFromANewerTusk()
{
    {
        MainWindow w; // a fresh state file: no problem shown, one worker for the three stores
        QCOMPARE(w.findChildren<QThread *>(QStringLiteral("sqlite-state")).size(), 1);
        auto *problem = w.findChild<QLabel *>(QStringLiteral("stateFileProblem"));
        QVERIFY(problem);
        QTest::qWait(200);
        QVERIFY(problem->isHidden());
    }
    const QString path = state::StateDatabase::defaultPath();
    QVERIFY(QFile::remove(path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 999")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    {
        MainWindow w; // still opens; the status bar says what is off and why
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *problem = w.findChild<QLabel *>(QStringLiteral("stateFileProblem"));
        QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), 5000);
        QCOMPARE(problem->text(), QStringLiteral("History and autosave are off"));
        QVERIFY2(problem->toolTip().contains(path) &&
                     problem->toolTip().contains(QLatin1String("newer Tusk")),
                 qPrintable(problem->toolTip()));
    }
    QVERIFY(QFile::remove(path));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
