#include "state/editortabstore.h"
#include "state/statedatabase.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tusk::state;

namespace {
QList<EditorTab> loadNow(EditorTabStore &store)
{
    QSignalSpy spy(&store, &EditorTabStore::loaded);
    store.loadAll();
    if (!spy.wait(5000))
        return {};
    return spy.first().first().value<QList<EditorTab>>();
}
} // namespace

class TestEditorTabStore : public QObject
{
    Q_OBJECT
private slots:
    void restoresTabsInOrderAfterReopening();
    void keepsLatestTextAndForgetsClosedTabs();
};

void TestEditorTabStore::restoresTabsInOrderAfterReopening()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.sqlite"));
    {
        StateDatabase db(path);
        EditorTabStore store(&db);
        EditorTab b{QStringLiteral("b"),
                    1,
                    QStringLiteral("Query 2"),
                    QStringLiteral("host=h dbname=d"),
                    {},
                    QStringLiteral("SELECT 'ünïcode ✓';"),
                    0,
                    5,
                    true,
                    {}};
        EditorTab a{QStringLiteral("a"),
                    0,
                    QStringLiteral("report.sql"),
                    QStringLiteral("service=prod"),
                    QStringLiteral("/tmp/report.sql"),
                    QStringLiteral("SELECT 1;\nSELECT 2;"),
                    1,
                    3,
                    false,
                    {}};
        store.save(b);
        store.save(a);
        // no flush: the destructor must not lose pending writes (a normal quit)
    }
    StateDatabase againDb(path);
    EditorTabStore again(&againDb);
    const QList<EditorTab> tabs = loadNow(again);
    QCOMPARE(tabs.size(), 2);
    QCOMPARE(tabs[0].id, QStringLiteral("a"));
    QCOMPARE(tabs[0].filePath, QStringLiteral("/tmp/report.sql"));
    QCOMPARE(tabs[0].cursorLine, 1);
    QVERIFY(!tabs[0].modified);
    QCOMPARE(tabs[1].text, QString::fromUtf8("SELECT 'ünïcode ✓';"));
    QCOMPARE(tabs[1].conninfo, QStringLiteral("host=h dbname=d"));
    QVERIFY(tabs[1].modified);
}

void TestEditorTabStore::keepsLatestTextAndForgetsClosedTabs()
{
    QTemporaryDir dir;
    StateDatabase db(dir.filePath(QStringLiteral("state.sqlite")));
    EditorTabStore store(&db);
    EditorTab t{
        QStringLiteral("x"), 0, QStringLiteral("Query 1"), {}, {}, QStringLiteral("SELECT"), 0, 0, true, {}};
    store.save(t);
    t.text = QStringLiteral("SELECT 42");
    store.save(t);
    EditorTab gone{
        QStringLiteral("y"), 1, QStringLiteral("Query 2"), {}, {}, QStringLiteral("x"), 0, 0, true, {}};
    store.save(gone);
    store.remove(QStringLiteral("y"));
    const QList<EditorTab> tabs = loadNow(store);
    QCOMPARE(tabs.size(), 1);
    QCOMPARE(tabs[0].text, QStringLiteral("SELECT 42"));
}

QTEST_GUILESS_MAIN(TestEditorTabStore)
#include "tst_editortabstore.moc"
