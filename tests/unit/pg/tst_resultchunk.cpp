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
    void overheadIsFourBytesPerCell();
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

void TestResultChunk::overheadIsFourBytesPerCell()
{
    ResultChunk c(10);
    const QByteArray cell(16, 'x');
    for (int r = 0; r < 1000; ++r) {
        for (int col = 0; col < 10; ++col)
            c.appendCell(cell.constData(), cell.size());
        c.finishRow();
    }
    QCOMPARE(c.textSize(), qint64(1000 * 10 * 16));
    QCOMPARE(c.byteSize(), qint64(1000 * 10 * 16 + 1000 * 10 * 4));
}

QTEST_APPLESS_MAIN(TestResultChunk)
#include "tst_resultchunk.moc"
