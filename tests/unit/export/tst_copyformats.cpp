#include "../../common/cputimer.h"
#include "export/copyformats.h"

#include <QElapsedTimer>
#include <QTest>

#include <vector>

using namespace tusk;
using namespace tusk::exporting;

namespace {

/// A CellSource over one chunk, as the grid's rows would be for a one-chunk result.
class ChunkSource : public CellSource
{
public:
    ChunkSource(std::initializer_list<std::pair<const char *, quint32>> columns,
                std::initializer_list<std::initializer_list<const char *>> rows)
        : m_chunk(int(columns.size()))
    {
        auto cols = std::make_shared<QVector<pg::Column>>();
        for (const auto &[name, oid] : columns) {
            pg::Column c;
            c.name = QString::fromUtf8(name);
            c.typeOid = oid;
            cols->append(c);
        }
        m_columns = cols;
        for (const auto &row : rows) {
            for (const char *cell : row) {
                if (cell)
                    m_chunk.appendCell(cell, int(qstrlen(cell)));
                else
                    m_chunk.appendNull();
            }
            m_chunk.finishRow();
        }
    }
    ChunkSource(pg::Columns columns, pg::ResultChunk chunk)
        : m_columns(std::move(columns))
        , m_chunk(std::move(chunk))
    {}

    int columnCount() const override { return int(m_columns->size()); }
    const pg::Column &column(int c) const override { return m_columns->at(c); }
    bool isNull(qint64 row, int c) const override { return m_chunk.isNull(int(row), c); }
    QByteArrayView bytes(qint64 row, int c) const override { return m_chunk.bytes(int(row), c); }
    std::vector<qint64> allRows() const
    {
        std::vector<qint64> rows(size_t(m_chunk.rowCount()));
        for (size_t i = 0; i < rows.size(); ++i)
            rows[i] = qint64(i);
        return rows;
    }

private:
    pg::Columns m_columns;
    pg::ResultChunk m_chunk;
};

// id int4, note text, price numeric, ok bool, doc jsonb; nullptr is NULL.
ChunkSource sample()
{
    return ChunkSource({{"id", 23}, {"note", 25}, {"price", 1700}, {"ok", 16}, {"doc", 3802}},
                       {{"1", "plain", "12.50", "t", "{\"a\": 1}"},
                        {"2", "", nullptr, "f", nullptr},
                        {"3", "tab\there", "-0.5", nullptr, "[1, 2]"},
                        {"4", "line1\nline2", "NaN", "t", "{}"},
                        {"5", "\"quoted\" start", "100", "t", "{}"},
                        {"6", "say \"hi\" | ünïcødé ✓ 🐘", "0", "f", "null"}});
}

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestCopyFormats : public QObject
{
    Q_OBJECT
private slots:
    void tsvQuotesTabsAndLineBreaksLikeExcel();
    void tsvFollowsTheSelectionOrderAndLeavesNullEmpty();
    void csvKeepsNullApartFromTheEmptyString();
    void jsonKeepsNumbersBooleansAndJson();
    void markdownEscapesPipesAndShowsNull();
    void insertQuotesHostileIdentifiersAndLiterals();
    void insertUsesAPlaceholderTableAndSplitsEvery1000Rows();
    void emptySelectionGivesEmptyText();
    void progressCanStopACopy();
    void copies100kCellsQuickly();
};

void TestCopyFormats::tsvQuotesTabsAndLineBreaksLikeExcel()
{
    const ChunkSource src = sample();
    const auto rows = src.allRows();
    const std::vector<int> cols{0, 1};
    QCOMPARE(formatCells(src, rows, cols, CopyFormat::Tsv, {.headers = true}),
             u8("id\tnote\n"
                "1\tplain\n"
                "2\t\n"
                "3\t\"tab\there\"\n"
                "4\t\"line1\nline2\"\n"
                "5\t\"\"\"quoted\"\" start\"\n"
                "6\tsay \"hi\" | ünïcødé ✓ 🐘"));
}

void TestCopyFormats::tsvFollowsTheSelectionOrderAndLeavesNullEmpty()
{
    const ChunkSource src = sample();
    const std::vector<qint64> rows{2, 0};
    const std::vector<int> cols{2, 0};
    QCOMPARE(formatCells(src, rows, cols, CopyFormat::Tsv), u8("-0.5\t3\n12.50\t1"));
    const std::vector<qint64> second{1};
    const std::vector<int> three{0, 1, 2};
    QCOMPARE(formatCells(src, second, three, CopyFormat::Tsv), u8("2\t\t"));
}

void TestCopyFormats::csvKeepsNullApartFromTheEmptyString()
{
    const ChunkSource src = sample();
    const auto rows = src.allRows();
    const std::vector<int> cols{0, 1, 2};
    QCOMPARE(formatCells(src, rows, cols, CopyFormat::Csv, {.headers = true}),
             u8("id,note,price\r\n"
                "1,plain,12.50\r\n"
                "2,\"\",\r\n"
                "3,tab\there,-0.5\r\n"
                "4,\"line1\nline2\",NaN\r\n"
                "5,\"\"\"quoted\"\" start\",100\r\n"
                "6,\"say \"\"hi\"\" | ünïcødé ✓ 🐘\",0"));
    const std::vector<qint64> one{1};
    QCOMPARE(formatCells(src, one, cols, CopyFormat::Csv), u8("2,\"\","));
}

void TestCopyFormats::jsonKeepsNumbersBooleansAndJson()
{
    const ChunkSource src = sample();
    const std::vector<qint64> rows{0, 1, 3, 5};
    const std::vector<int> cols{0, 1, 2, 3, 4};
    QCOMPARE(formatCells(src, rows, cols, CopyFormat::Json),
             u8("[\n"
                "{\"id\":1,\"note\":\"plain\",\"price\":12.50,\"ok\":true,\"doc\":{\"a\": 1}},\n"
                "{\"id\":2,\"note\":\"\",\"price\":null,\"ok\":false,\"doc\":null},\n"
                "{\"id\":4,\"note\":\"line1\\nline2\",\"price\":\"NaN\",\"ok\":true,\"doc\":{}},\n"
                "{\"id\":6,\"note\":\"say \\\"hi\\\" | ünïcødé ✓ 🐘\",\"price\":0,\"ok\":false,\"doc\":null}\n"
                "]"));
}

void TestCopyFormats::markdownEscapesPipesAndShowsNull()
{
    const ChunkSource src = sample();
    const std::vector<qint64> rows{0, 1, 3, 5};
    const std::vector<int> cols{0, 1, 2};
    QCOMPARE(formatCells(src, rows, cols, CopyFormat::Markdown),
             u8("| id | note | price |\n"
                "| ---: | --- | ---: |\n"
                "| 1 | plain | 12.50 |\n"
                "| 2 |  | NULL |\n"
                "| 4 | line1<br>line2 | NaN |\n"
                "| 6 | say \"hi\" \\| ünïcødé ✓ 🐘 | 0 |"));
    const ChunkSource odd({{"a|b", 25}}, {{"cr\r\nlf"}});
    const std::vector<qint64> first{0};
    const std::vector<int> only{0};
    QCOMPARE(formatCells(odd, first, only, CopyFormat::Markdown), u8("| a\\|b |\n| --- |\n| cr<br>lf |"));
}

void TestCopyFormats::insertQuotesHostileIdentifiersAndLiterals()
{
    const ChunkSource src({{"id", 20},
                           {"Order", 25},
                           {"a\"b", 25},
                           {"select", 16},
                           {"x y", 1700},
                           {"cost", 790},
                           {"doc", 3802}},
                          {{"1", "it's", "C:\\dir", "t", "NaN", "$1,000.00", "{\"k\": \"v\"}"},
                           {"-2", "", nullptr, "f", "-3.25", nullptr, nullptr},
                           {"3", "ünïcødé ✓ 🐘", "'); DROP TABLE x; --", "f", "0", "$0.00", "[]"}});
    const auto rows = src.allRows();
    const std::vector<int> cols{0, 1, 2, 3, 4, 5, 6};
    const CopyOptions options{.schema = u8("Sales Data"), .table = u8("order")};
    QCOMPARE(
        formatCells(src, rows, cols, CopyFormat::SqlInsert, options),
        u8("INSERT INTO \"Sales Data\".\"order\" (id, \"Order\", \"a\"\"b\", \"select\", \"x y\", cost, doc) "
           "VALUES\n"
           "(1, 'it''s', E'C:\\\\dir', true, 'NaN', '$1,000.00', '{\"k\": \"v\"}'),\n"
           "(-2, '', NULL, false, -3.25, NULL, NULL),\n"
           "(3, 'ünïcødé ✓ 🐘', '''); DROP TABLE x; --', false, 0, '$0.00', '[]');"));
}

void TestCopyFormats::insertUsesAPlaceholderTableAndSplitsEvery1000Rows()
{
    pg::ResultChunk chunk(1);
    for (int i = 1; i <= 1001; ++i) {
        const QByteArray n = QByteArray::number(i);
        chunk.appendCell(n.constData(), int(n.size()));
        chunk.finishRow();
    }
    auto cols = std::make_shared<QVector<pg::Column>>();
    cols->append(pg::Column{u8("n"), 23});
    const ChunkSource src(cols, chunk);
    const std::vector<int> only{0};
    const QString sql = formatCells(src, src.allRows(), only, CopyFormat::SqlInsert);
    QVERIFY(sql.startsWith(u8("INSERT INTO table_name (n) VALUES\n(1),\n(2),\n")));
    QCOMPARE(sql.count(u8("INSERT INTO")), 2);
    QVERIFY(sql.contains(u8("(1000);\nINSERT INTO table_name (n) VALUES\n(1001);")));
    QVERIFY(sql.endsWith(u8("(1001);")));
}

void TestCopyFormats::emptySelectionGivesEmptyText()
{
    const ChunkSource src = sample();
    const std::vector<qint64> none;
    const std::vector<int> cols{0};
    for (auto format : {CopyFormat::Tsv, CopyFormat::Csv, CopyFormat::SqlInsert}) {
        const QString text = formatCells(src, none, cols, format);
        QVERIFY(!text.isNull());
        QVERIFY(text.isEmpty());
    }
    QCOMPARE(formatCells(src, none, cols, CopyFormat::Json), u8("[]"));
    QCOMPARE(formatCells(src, none, cols, CopyFormat::Tsv, {.headers = true}), u8("id"));
}

void TestCopyFormats::progressCanStopACopy()
{
    pg::ResultChunk chunk(1);
    for (int i = 0; i < 10000; ++i) {
        chunk.appendCell("x", 1);
        chunk.finishRow();
    }
    auto cols = std::make_shared<QVector<pg::Column>>();
    cols->append(pg::Column{u8("x"), 25});
    const ChunkSource src(cols, chunk);
    const std::vector<int> only{0};
    qint64 seen = 0;
    CopyOptions options;
    options.progress = [&](qint64 done) {
        seen = done;
        return false;
    };
    QVERIFY(formatCells(src, src.allRows(), only, CopyFormat::Csv, options).isNull());
    QCOMPARE(seen, 4096);
}

void TestCopyFormats::copies100kCellsQuickly()
{
    // 10,000 rows x 10 columns shaped like a real result: ids, amounts, text, timestamps, NULLs.
    constexpr int kRows = 10000;
    auto cols = std::make_shared<QVector<pg::Column>>();
    const std::pair<const char *, quint32> defs[] = {
        {"id", 20},      {"account", 23},   {"amount", 1700}, {"ratio", 701}, {"name", 25},
        {"email", 1043}, {"created", 1184}, {"active", 16},   {"note", 25},   {"attrs", 3802}};
    for (const auto &[name, oid] : defs)
        cols->append(pg::Column{u8(name), oid});
    pg::ResultChunk chunk(int(cols->size()));
    for (int r = 0; r < kRows; ++r) {
        const QByteArray cells[] = {QByteArray::number(r + 1),
                                    QByteArray::number(r % 977),
                                    QByteArray::number(r * 3.25, 'f', 2),
                                    QByteArray::number(r / 7.0),
                                    "Customer " + QByteArray::number(r),
                                    "user" + QByteArray::number(r) + "@example.com",
                                    "2024-03-0" + QByteArray::number(1 + r % 9) + " 12:34:56.789+01",
                                    r % 2 ? "t" : "f",
                                    r % 5 ? "it's a \"note\", with\ttab" : QByteArray(),
                                    "{\"tier\": " + QByteArray::number(r % 4) + "}"};
        for (int c = 0; c < 10; ++c) {
            if (c == 8 && r % 5 == 0)
                chunk.appendNull();
            else
                chunk.appendCell(cells[c].constData(), int(cells[c].size()));
        }
        chunk.finishRow();
    }
    const ChunkSource src(cols, chunk);
    const auto rows = src.allRows();
    const std::vector<int> all{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const std::pair<CopyFormat, const char *> formats[] = {{CopyFormat::Tsv, "TSV"},
                                                           {CopyFormat::Csv, "CSV"},
                                                           {CopyFormat::Json, "JSON"},
                                                           {CopyFormat::Markdown, "Markdown"},
                                                           {CopyFormat::SqlInsert, "SQL INSERT"}};
    for (const auto &[format, name] : formats) {
        tusk::test::CpuTimer cpu;
        const QString text = formatCells(src, rows, all, format, {.headers = true});
        const qint64 ms = cpu.elapsedMs();
        qInfo("copy of 100,000 cells as %s: %lld ms (%lld characters)", name, ms, qint64(text.size()));
        QVERIFY(text.size() > 100000 * 5);
        // CPU time; measured 11-34 ms (ci preset). 5 s is 5x an asan build's ~30x slow-down of
        // the worst, and still fails a quadratic copy.
        QVERIFY2(ms < 5000, name);
    }
}

QTEST_APPLESS_MAIN(TestCopyFormats)
#include "tst_copyformats.moc"
