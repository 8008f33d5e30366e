#include "pg/resultchunk.h"

#include <QTest>

using namespace tusk::pg;

class TestResultChunk : public QObject
{
    Q_OBJECT
private slots:
    void keepsCellsAndNulls();
    void emptyStringIsNotNull();
    void copiesAreCheap();
    void overheadIsTwoBytesPerCellAndFourPerRow();
    void rowsLongerThan32KiBSwitchToWideOffsets();
};

void TestResultChunk::keepsCellsAndNulls()
{
    ResultChunk c(3);
    c.appendCell("1", 1);
    c.appendNull();
    c.appendCell("héllo", 6);
    c.finishRow();
    c.appendNull();
    c.appendCell("22", 2);
    c.appendNull();
    c.finishRow();
    QCOMPARE(c.rowCount(), 2);
    QCOMPARE(c.columnCount(), 3);
    QCOMPARE(c.text(0, 0), QStringLiteral("1"));
    QVERIFY(c.isNull(0, 1));
    QVERIFY(c.text(0, 1).isNull());
    QCOMPARE(c.text(0, 2), QString::fromUtf8("héllo"));
    QCOMPARE(c.bytes(0, 2).size(), 6);
    QVERIFY(c.isNull(1, 0));
    QCOMPARE(c.text(1, 1), QStringLiteral("22"));
    QVERIFY(c.isNull(1, 2));
    QVERIFY(!c.isNull(1, 1));
}

void TestResultChunk::emptyStringIsNotNull()
{
    ResultChunk c(1);
    c.appendCell("", 0);
    c.finishRow();
    QVERIFY(!c.isNull(0, 0));
    QVERIFY(!c.text(0, 0).isNull());
    QVERIFY(c.text(0, 0).isEmpty());
}

void TestResultChunk::copiesAreCheap()
{
    ResultChunk c(1);
    c.appendCell("abc", 3);
    c.finishRow();
    const ResultChunk copy = c;
    QCOMPARE(copy.bytes(0, 0).data(), c.bytes(0, 0).data()); // same storage
}

void TestResultChunk::overheadIsTwoBytesPerCellAndFourPerRow()
{
    ResultChunk c(10);
    const QByteArray cell(16, 'x');
    for (int r = 0; r < 1000; ++r) {
        for (int col = 0; col < 10; ++col)
            c.appendCell(cell.constData(), cell.size());
        c.finishRow();
    }
    QCOMPARE(c.textSize(), qint64(1000 * 10 * 16));
    QCOMPARE(c.byteSize(), qint64(1000 * 10 * 16 + 1000 * 10 * 2 + 1000 * 4));
}

void TestResultChunk::rowsLongerThan32KiBSwitchToWideOffsets()
{
    // Short rows, then a row whose cells cross 32 KiB in the middle, then short rows again:
    // every cell reads back the same, NULLs included, before and after the switch.
    ResultChunk c(3);
    const auto add = [&c](const QByteArray &a, const QByteArray &b, bool nullC) {
        c.appendCell(a.constData(), int(a.size()));
        c.appendCell(b.constData(), int(b.size()));
        if (nullC)
            c.appendNull();
        else
            c.appendCell("z", 1);
        c.finishRow();
    };
    add("a0", "b0", true);
    add(QByteArray(20000, 'x'), QByteArray(), false);
    const QByteArray big(20000, 'y');
    add(QByteArray(20000, 'p'), big, true); // 40,000 bytes: the second cell crosses the limit
    add("a3", QByteArray(100000, 'q'), false);
    add("a4", "b4", true);
    QCOMPARE(c.rowCount(), 5);
    QCOMPARE(c.bytes(0, 0), QByteArrayView("a0"));
    QVERIFY(c.isNull(0, 2));
    QCOMPARE(c.bytes(1, 0).size(), 20000);
    QVERIFY(c.bytes(1, 1).isEmpty());
    QVERIFY(!c.isNull(1, 1));
    QCOMPARE(c.bytes(1, 2), QByteArrayView("z"));
    QCOMPARE(c.bytes(2, 0), QByteArrayView(QByteArray(20000, 'p')));
    QCOMPARE(c.bytes(2, 1), QByteArrayView(big));
    QVERIFY(c.isNull(2, 2));
    QCOMPARE(c.bytes(3, 1).size(), 100000);
    QCOMPARE(c.bytes(4, 1), QByteArrayView("b4"));
    QVERIFY(c.isNull(4, 2));
    QVERIFY(!c.isNull(4, 1));
    // Wide from the switch on: four bytes a cell.
    QCOMPARE(c.byteSize(), c.textSize() + 15 * 4);
}

QTEST_APPLESS_MAIN(TestResultChunk)
#include "tst_resultchunk.moc"
