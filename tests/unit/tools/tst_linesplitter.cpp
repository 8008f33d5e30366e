#include "tools/linesplitter.h"

#include <QTest>

using tusk::tools::LineSplitter;

namespace {
QList<QByteArray> splitAt(const QByteArray &text, const QList<qsizetype> &cuts, qsizetype maxLine = 1 << 20)
{
    LineSplitter split(maxLine);
    QList<QByteArray> lines;
    const auto sink = [&](QByteArrayView line) {
        lines << line.toByteArray();
        return true;
    };
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        split.feed(QByteArrayView(text).sliced(from, cut - from), sink);
        from = cut;
    }
    split.feed(QByteArrayView(text).sliced(from), sink);
    split.finish(sink);
    return lines;
}
} // namespace

class TestLineSplitter : public QObject
{
    Q_OBJECT
private slots:
    void givesTheSameLinesWhereverTheReadsEnd()
    {
        const QByteArray text = "one\ntwo\r\n\nthree\rfour\r\nfive";
        const QList<QByteArray> expected{"one", "two", "", "three", "four", "five"};
        QCOMPARE(splitAt(text, {}), expected);
        for (qsizetype a = 0; a <= text.size(); ++a) {
            for (qsizetype b = a; b <= text.size(); ++b)
                QCOMPARE(splitAt(text, {a, b}), expected);
        }
    }

    void deliversALongLineInPiecesAndKeepsNoMore()
    {
        LineSplitter split(4);
        QList<QByteArray> lines;
        const auto sink = [&](QByteArrayView line) {
            lines << line.toByteArray();
            return true;
        };
        split.feed("abcdefghij", sink);
        QVERIFY(split.pendingBytes() <= 4);
        split.feed("\nxy\n", sink);
        QCOMPARE(lines, (QList<QByteArray>{"abcd", "efgh", "ij", "xy"}));
        lines.clear();
        split.feed("abcd\n", sink); // exactly the limit: one line, no empty one after it
        QCOMPARE(lines, QList<QByteArray>{"abcd"});
    }

    void stopsWhenTheSinkSaysSo()
    {
        LineSplitter split;
        int seen = 0;
        QVERIFY(!split.feed("a\nb\nc\n", [&](QByteArrayView) { return ++seen < 2; }));
        QCOMPARE(seen, 2);
    }
};

QTEST_GUILESS_MAIN(TestLineSplitter)
#include "tst_linesplitter.moc"
