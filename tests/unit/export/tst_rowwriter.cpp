#include "export/rowwriter.h"

#include "../../common/chunks.h"

#include <QTest>

using namespace tusk;
using namespace tusk::exporting;

namespace {
using test::chunk;
using test::columns;

QByteArray write(RowFormat format, const pg::Columns &cols, const pg::ResultChunk &rows)
{
    QByteArray out;
    {
        RowWriter w(format, [&](const char *d, qsizetype n) { out.append(d, n); });
        w.beginResult(cols);
        w.writeChunk(rows);
        w.endResult();
    }
    return out;
}
} // namespace

class TestRowWriter : public QObject
{
    Q_OBJECT
private slots:
    void writesRfc4180Csv();
    void writesCopyStyleTsv();
    void writesJsonWithTypedValues();
    void writesEmptyJsonResult();
};

void TestRowWriter::writesRfc4180Csv()
{
    const QByteArray csv = write(RowFormat::Csv, columns({{"id", 23}, {"note", 25}, {"a,b", 25}}),
                                 chunk(3, {{"1", "plain", nullptr},
                                           {"2", "", "say \"hi\""},
                                           {"3", "line1\nline2", "x,y"},
                                           {"4", "cr\r", " spaced "}}));
    QCOMPARE(csv, QByteArray("id,note,\"a,b\"\r\n"
                             "1,plain,\r\n"
                             "2,\"\",\"say \"\"hi\"\"\"\r\n"
                             "3,\"line1\nline2\",\"x,y\"\r\n"
                             "4,\"cr\r\", spaced \r\n"));
}

void TestRowWriter::writesCopyStyleTsv()
{
    const QByteArray tsv = write(RowFormat::Tsv, columns({{"a", 25}, {"b", 25}}),
                                 chunk(2, {{"x\ty", nullptr}, {"back\\slash", "nl\n"}}));
    QCOMPARE(tsv, QByteArray("a\tb\nx\\ty\t\\N\nback\\\\slash\tnl\\n\n"));
}

void TestRowWriter::writesJsonWithTypedValues()
{
    const QByteArray json =
        write(RowFormat::Json, columns({{"n", 1700}, {"ok", 16}, {"doc", 3802}, {"s", 25}, {"f", 701}}),
              chunk(5, {{"12.50", "t", "{\"a\": [1, 2]}", "quote\" and \\ \x01", "NaN"},
                        {nullptr, "f", nullptr, "", "-1e+10"}}));
    QCOMPARE(
        json,
        QByteArray("[\n{\"n\":12.50,\"ok\":true,\"doc\":{\"a\": [1, 2]},\"s\":\"quote\\\" and \\\\ \\u0001\","
                   "\"f\":\"NaN\"},\n"
                   "{\"n\":null,\"ok\":false,\"doc\":null,\"s\":\"\",\"f\":-1e+10}\n]\n"));
}

void TestRowWriter::writesEmptyJsonResult()
{
    QCOMPARE(write(RowFormat::Json, columns({{"a", 23}}), pg::ResultChunk(1)), QByteArray("[]\n"));
}

QTEST_APPLESS_MAIN(TestRowWriter)
#include "tst_rowwriter.moc"
