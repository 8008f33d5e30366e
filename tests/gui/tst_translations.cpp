// The translation pipeline end to end: translations/tusk_de.ts, compiled into the app as
// :/i18n/tusk_de.qm, installed for the system locale as main() does, shown by the window and by
// core's texts. Run by ctest with LANG=de_DE.UTF-8 (and as tst_translations_c in English).

#include "../common/guitest.h"
#include "mainwindow.h"
#include "pg/error.h"
#include "translations.h"

#include <QMenu>
#include <QMenuBar>
#include <QTest>

using namespace tusk;

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void theSystemLocaleChoosesTheCatalogue();
    void windowAndCoreSpeakTheLanguage();

private:
    bool m_german = false;
};

void TestTranslations::initTestCase()
{
    test::setUpGuiTest();
    m_german = QLocale().language() == QLocale::German;
    qInfo("system locale %s, ui languages %s", qPrintable(QLocale().name()),
          qPrintable(QLocale().uiLanguages().join(u',')));
}

void TestTranslations::theSystemLocaleChoosesTheCatalogue()
{
    // Nothing for English: the source texts are English.
    QVERIFY(!installTranslators(QLocale(QLocale::English, QLocale::UnitedStates))
                 .contains(QStringLiteral(":/i18n/tusk_en.qm")));
    const QStringList loaded = installTranslators();
    qInfo("loaded: %s", qPrintable(loaded.join(QStringLiteral(", "))));
    QCOMPARE(loaded.contains(QStringLiteral(":/i18n/tusk_de.qm")), m_german);
}

void TestTranslations::windowAndCoreSpeakTheLanguage()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QList<QAction *> menus = w.menuBar()->actions();
    QVERIFY(menus.size() >= 3);
    const pg::ConnectionAdvice wrongPassword = pg::ConnectionAdvice::WrongPassword;
    pg::Error e;
    e.message = QStringLiteral("password authentication failed for user \"x\""); // the server's: as sent
    e.suggestion = pg::connectionAdviceText(wrongPassword);
    if (m_german) {
        QCOMPARE(menus.at(0)->text(), QStringLiteral("&Datei"));
        QCOMPARE(menus.at(1)->text(), QStringLiteral("&Bearbeiten"));
        QCOMPARE(menus.at(2)->text(), QStringLiteral("&Abfrage"));
        QCOMPARE(
            pg::connectionAdviceText(wrongPassword),
            QStringLiteral("Prüfen Sie Benutzername und Passwort (Schlüsselbund des Systems oder Eintrag in "
                           ".pgpass) dieser Verbindung."));
        QVERIFY2(e.toString().contains(QStringLiteral("VORSCHLAG:  Prüfen Sie")), qPrintable(e.toString()));
        // Not translated yet: the English source shows.
        QCOMPARE(menus.at(0)->menu()->actions().first()->text(), QStringLiteral("&Connect…"));
    } else {
        QCOMPARE(menus.at(0)->text(), QStringLiteral("&File"));
        QVERIFY(pg::connectionAdviceText(wrongPassword).startsWith(QLatin1String("Check the user name")));
        QVERIFY(e.toString().contains(QLatin1String("TRY:  Check")));
    }
    QVERIFY(e.toString().contains(e.message));
    test::saveScreenshot(&w, m_german ? QStringLiteral("mainwindow-de") : QStringLiteral("mainwindow-c"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
