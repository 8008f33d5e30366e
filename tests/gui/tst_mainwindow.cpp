// The shell window against the fixture's cluster, offscreen, with screenshots in both palettes.

#include "../common/fixture.h"
#include "../common/guitest.h"
#include "browser/objectbrowser.h"
#include "catalog/objecttreemodel.h"
#include "common/commandpalette.h"
#include "common/palettes.h"
#include "mainwindow.h"
#include "pg/session.h"
#include "state/statedatabase.h"

#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
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
