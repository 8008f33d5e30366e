// The completion index on a small hand-made catalog (what is offered, in which order) and on a
// million names (a keystroke stays far below a frame).
#include "../../common/cputimer.h"
#include "sql/completionindex.h"

#include <QElapsedTimer>
#include <QTest>

using tusk::sql::CompletionIndex;

class TestCompletionIndex : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void offersKeywordsFirstThenObjects();
    void matchesWithoutRegardToCase();
    void offersAnyNameOnce();
    void completesAfterASchema();
    void completesColumnsThroughAnAlias();
    void offersOtherSchemasFunctionsOnlyQualified();
    void answersAKeystrokeQuicklyWithAMillionNames();

private:
    CompletionIndex m_index;
};

void TestCompletionIndex::initTestCase()
{
    for (const char *k : {"select", "selective", "from", "set", "order"})
        m_index.addRow(u'k', {}, QString::fromLatin1(k), {});
    for (const char *s : {"public", "crm", "Sales"})
        m_index.addRow(u's', QString::fromLatin1(s), {}, {});
    m_index.addRow(u'r', QStringLiteral("crm"), QStringLiteral("accounts"), {});
    m_index.addRow(u'r', QStringLiteral("crm"), QStringLiteral("Selections"), {});
    m_index.addRow(u'r', QStringLiteral("public"), QStringLiteral("accounts"), {});
    for (const char *c : {"id", "account_name", "order", "selected_at"})
        m_index.addRow(u'c', QStringLiteral("crm"), QStringLiteral("accounts"), QString::fromLatin1(c));
    m_index.addRow(u'c', QStringLiteral("public"), QStringLiteral("accounts"), QStringLiteral("legacy_id"));
    m_index.addRow(u'f', QStringLiteral("pg_catalog"), QStringLiteral("set_config"), {});
    m_index.addRow(u'f', QStringLiteral("crm"), QStringLiteral("score"), {});
    m_index.addRow(u'f', QStringLiteral("crm"), QStringLiteral("score"), {}); // an overload
    m_index.finalize();
}

void TestCompletionIndex::offersKeywordsFirstThenObjects()
{
    QCOMPARE(m_index.complete(QStringLiteral("sel"), {}),
             QStringList({QStringLiteral("select"), QStringLiteral("selective"), QStringLiteral("Selections"),
                          QStringLiteral("selected_at")}));
    QCOMPARE(m_index.complete(QStringLiteral("se"), {}).first(), QStringLiteral("select"));
    QVERIFY(m_index.complete(QStringLiteral("se"), {}).contains(QStringLiteral("set_config")));
    QVERIFY(m_index.complete(QString(), {}).isEmpty());
    QVERIFY(m_index.complete(QStringLiteral("zzz"), {}).isEmpty());
}

void TestCompletionIndex::matchesWithoutRegardToCase()
{
    QCOMPARE(m_index.complete(QStringLiteral("SAL"), {}), QStringList{QStringLiteral("Sales")});
    QCOMPARE(m_index.complete(QStringLiteral("Acc"), {}),
             QStringList({QStringLiteral("accounts"), QStringLiteral("account_name")}));
}

void TestCompletionIndex::offersAnyNameOnce()
{
    // "accounts" is a relation in two schemas; "order" is a keyword and a column.
    QCOMPARE(m_index.complete(QStringLiteral("accounts"), {}), QStringList{QStringLiteral("accounts")});
    QCOMPARE(m_index.complete(QStringLiteral("ord"), {}), QStringList{QStringLiteral("order")});
}

void TestCompletionIndex::completesAfterASchema()
{
    QCOMPARE(
        m_index.complete(QString(), QStringLiteral("crm")),
        QStringList({QStringLiteral("accounts"), QStringLiteral("Selections"), QStringLiteral("score")}));
    QCOMPARE(m_index.complete(QStringLiteral("s"), QStringLiteral("crm")),
             QStringList({QStringLiteral("Selections"), QStringLiteral("score")}));
}

void TestCompletionIndex::completesColumnsThroughAnAlias()
{
    const QString sql = QStringLiteral("SELECT a. FROM crm.accounts a");
    QCOMPARE(m_index.complete(QString(), QStringLiteral("a"), sql),
             QStringList({QStringLiteral("id"), QStringLiteral("account_name"), QStringLiteral("order"),
                          QStringLiteral("selected_at")}));
    QCOMPARE(m_index.complete(QStringLiteral("leg"), QStringLiteral("p"),
                              QStringLiteral("SELECT p.leg FROM public.accounts AS p")),
             QStringList{QStringLiteral("legacy_id")});
    // Unqualified relation name: the columns of every schema's table of that name.
    QCOMPARE(m_index.complete(QString(), QStringLiteral("accounts")).size(), 5);
}

void TestCompletionIndex::offersOtherSchemasFunctionsOnlyQualified()
{
    QVERIFY(m_index.complete(QStringLiteral("sco"), {}).isEmpty());
    QCOMPARE(m_index.complete(QStringLiteral("sco"), QStringLiteral("crm")),
             QStringList{QStringLiteral("score")});
}

void TestCompletionIndex::answersAKeystrokeQuicklyWithAMillionNames()
{
    CompletionIndex big;
    QElapsedTimer build;
    build.start();
    for (int t = 0; t < 50000; ++t) {
        const QString table = QStringLiteral("table_%1").arg(t);
        big.addRow(u'r', QStringLiteral("s%1").arg(t % 50), table, {});
        for (int c = 0; c < 20; ++c)
            big.addRow(u'c', QStringLiteral("s%1").arg(t % 50), table,
                       QStringLiteral("col_%1_%2").arg(t).arg(c));
    }
    big.finalize();
    const qint64 buildMs = build.elapsed();
    QCOMPARE(big.nameCount(), 50000 + 50000 * 20);
    tusk::test::CpuTimer t;
    int offered = 0;
    const int keystrokes = 200;
    for (int i = 0; i < keystrokes; ++i)
        offered += int(big.complete(QStringLiteral("col_%1").arg(i * 97), {}).size());
    const double perKeystrokeMs = double(t.elapsedMicros()) / 1e3 / keystrokes;
    // "c" matches a million names: the answer is capped, and still quick.
    t.start();
    const QStringList broad = big.complete(QStringLiteral("c"), {});
    const qint64 broadMs = t.elapsedMs();
    qInfo("1.05M names: built in %lld ms (off the UI thread); %.3f ms per keystroke; 'c' in %lld ms", buildMs,
          perKeystrokeMs, broadMs);
    QVERIFY(offered > keystrokes); // col_97 matches col_97_0 …, col_970_… etc.
    QCOMPARE(broad.size(), 500);
    // CPU time of this thread; measured 0.021 ms a keystroke and 0 ms for "c" (ci preset). The
    // bounds are 5x what the asan build can be expected to need and still catch a linear scan.
    QVERIFY2(perKeystrokeMs < 5, qPrintable(QString::number(perKeystrokeMs)));
    QVERIFY2(broadMs < 50, qPrintable(QString::number(broadMs)));
}

QTEST_APPLESS_MAIN(TestCompletionIndex)
#include "tst_completionindex.moc"
