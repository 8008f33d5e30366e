// ResultModel: roles, header, sorting, filtering and the cost of appending chunks.

#include "grid/chunkbatcher.h"
#include "grid/resultmodel.h"

#include "../../common/chunks.h"
#include "../../common/cputimer.h"
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <QTest>

using namespace tusk;
using tusk::widgets::ChunkBatcher;
using tusk::widgets::ResultModel;

namespace {

using test::chunk;
using test::columns;

std::vector<qint64> viewOrder(const ResultModel &model)
{
    std::vector<qint64> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.push_back(model.sourceRow(r));
    return rows;
}

QString display(const ResultModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

/// `rows` rows of (id int4 = start + i, label text = "row <i>"); every 7th label NULL.
pg::ResultChunk numberedChunk(int columns, qint64 start, int rows)
{
    pg::ResultChunk c(columns);
    c.reserve(rows, qsizetype(rows) * columns * 8);
    for (int i = 0; i < rows; ++i) {
        const QByteArray id = QByteArray::number(start + i);
        c.appendCell(id.constData(), int(id.size()));
        for (int col = 1; col < columns; ++col) {
            if ((start + i) % 7 == 0) {
                c.appendNull();
            } else {
                const QByteArray label = "row " + QByteArray::number((start + i) * 31 % 1000003);
                c.appendCell(label.constData(), int(label.size()));
            }
        }
        c.finishRow();
    }
    return c;
}

} // namespace

class TestResultModel : public QObject
{
    Q_OBJECT
private slots:
    void servesTextNullsAndRawBytes();
    void truncatesLongCellsForDisplayOnly();
    void alignsNumbersAndNamesTypesInHeaderToolTips();
    void insertsOnceForEachChunk();
    void batchesStreamingChunksIntoFewInsertions();
    void sortsNumbersByValueAndTextByBytesWithNullsLast();
    void sortsInt8BeyondDoublePrecision();
    void filtersCaseInsensitivelyAcrossColumns();
    void keepsRowsArrivingWhileSortedOrFiltered();
    void startsAfreshOnNewColumns();
    void appendsAMillionRowsQuickly();
    void sortsAMillionRowsOffTheUiThread();
};

void TestResultModel::servesTextNullsAndRawBytes()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"id", 23, -1}, {"name", 25, -1}, {"note", 25, -1}}));
    model.appendChunk(chunk(3, {{"1", "alice", nullptr}, {"2", "", "two\nlines"}, {"3", "NULL", "ünï ✓"}}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(display(model, 0, 1), QStringLiteral("alice"));
    // NULL and the empty string and the text 'NULL' are three different things.
    QCOMPARE(display(model, 0, 2), QStringLiteral("NULL"));
    QCOMPARE(model.index(0, 2).data(ResultModel::IsNull).toBool(), true);
    QVERIFY(model.index(0, 2).data(ResultModel::Raw).toByteArray().isNull());
    QVERIFY(model.index(0, 2).data(ResultModel::FullText).toString().isNull());
    QCOMPARE(display(model, 1, 1), QString());
    QCOMPARE(model.index(1, 1).data(ResultModel::IsNull).toBool(), false);
    QVERIFY(!model.index(1, 1).data(ResultModel::Raw).toByteArray().isNull());
    QVERIFY(!model.index(1, 1).data(ResultModel::FullText).toString().isNull());
    QCOMPARE(model.index(2, 1).data(ResultModel::IsNull).toBool(), false);
    // One line per row on screen, the real text in FullText.
    QCOMPARE(display(model, 1, 2), QStringLiteral("two\u21b5lines"));
    QCOMPARE(model.index(1, 2).data(ResultModel::FullText).toString(), QStringLiteral("two\nlines"));
    QCOMPARE(display(model, 2, 2), QString::fromUtf8("ünï ✓"));
    QCOMPARE(model.index(2, 2).data(ResultModel::Raw).toByteArray(), QByteArray("ünï ✓"));
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("note"));
}

void TestResultModel::truncatesLongCellsForDisplayOnly()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"doc", 25, -1}}));
    const QByteArray longText = QByteArray(4999, 'x') + "!";
    const QByteArray longAccents = QString(3000, QChar(u'é')).toUtf8();
    // 'a' then elephants: the cut falls between the two halves of a surrogate pair.
    const QByteArray longEmoji = "a" + QByteArray("🐘").repeated(1500);
    model.appendChunk(chunk(1, {{longText.constData()}, {longAccents.constData()}, {longEmoji.constData()}}));
    const QString shown = display(model, 0, 0);
    QCOMPARE(shown.size(), ResultModel::kDisplayChars + 1);
    QVERIFY(shown.endsWith(u'\u2026'));
    QCOMPARE(model.index(0, 0).data(ResultModel::FullText).toString().size(), 5000);
    QCOMPARE(display(model, 1, 0).size(), ResultModel::kDisplayChars + 1);
    QCOMPARE(model.index(1, 0).data(ResultModel::FullText).toString().size(), 3000);
    const QString emoji = display(model, 2, 0);
    QCOMPARE(emoji.size(), ResultModel::kDisplayChars);
    QVERIFY(QStringView(emoji).chopped(1).isValidUtf16());
}

void TestResultModel::alignsNumbersAndNamesTypesInHeaderToolTips()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"amount", 1700, (12 << 16 | 2) + 4},
                              {"created", 1184, -1},
                              {"doc", 3802, -1},
                              {"n", 20, -1},
                              {"thing", 99999, -1}}));
    model.appendChunk(chunk(5, {{"12.50", "2024-01-02 03:04:05+00", "{}", "7", "?"}}));
    const int right = int(Qt::AlignRight | Qt::AlignVCenter);
    const int left = int(Qt::AlignLeft | Qt::AlignVCenter);
    QCOMPARE(model.index(0, 0).data(Qt::TextAlignmentRole).toInt(), right);
    QCOMPARE(model.index(0, 1).data(Qt::TextAlignmentRole).toInt(), left);
    QCOMPARE(model.index(0, 2).data(Qt::TextAlignmentRole).toInt(), left);
    QCOMPARE(model.index(0, 3).data(Qt::TextAlignmentRole).toInt(), right);
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("amount\nnumeric(12,2)"));
    QCOMPARE(model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("created\ntimestamptz"));
    QCOMPARE(model.headerData(2, Qt::Horizontal, Qt::ToolTipRole).toString(), QStringLiteral("doc\njsonb"));
    QCOMPARE(model.headerData(3, Qt::Horizontal, Qt::ToolTipRole).toString(), QStringLiteral("n\nint8"));
    QCOMPARE(model.headerData(4, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("thing\noid 99999"));
}

void TestResultModel::insertsOnceForEachChunk()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"id", 23, -1}, {"label", 25, -1}}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendChunk(numberedChunk(2, 0, 100));
    model.appendChunk(pg::ResultChunk(2)); // empty: nothing to announce
    model.appendChunk(numberedChunk(2, 100, 250));
    model.appendChunk(numberedChunk(2, 350, 1));
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(inserted.at(1).at(1).toInt(), 100);
    QCOMPARE(inserted.at(1).at(2).toInt(), 349);
    QCOMPARE(model.rowCount(), 351);
    // Row lookup across chunk boundaries.
    QCOMPARE(display(model, 99, 0), QStringLiteral("99"));
    QCOMPARE(display(model, 100, 0), QStringLiteral("100"));
    QCOMPARE(display(model, 350, 0), QStringLiteral("350"));
}

void TestResultModel::batchesStreamingChunksIntoFewInsertions()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"id", 23, -1}, {"label", 25, -1}}));
    ChunkBatcher batcher(&model);
    batcher.setInterval(100);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy appended(&batcher, &ChunkBatcher::appended);
    // The first chunk is shown at once; those right after it wait for the interval.
    batcher.push(numberedChunk(2, 0, 100));
    QCOMPARE(model.rowCount(), 100);
    batcher.push(numberedChunk(2, 100, 50));
    batcher.push(pg::ResultChunk(2));
    batcher.push(numberedChunk(2, 150, 50));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(batcher.pendingRows(), 100);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 200, 2000); // by the timer, in one insertion
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 100);
    QCOMPARE(inserted.at(1).at(2).toInt(), 199);
    // flush() at the end of a result shows the rest without waiting.
    batcher.push(numberedChunk(2, 200, 10));
    batcher.push(numberedChunk(2, 210, 10));
    batcher.flush();
    QCOMPARE(model.rowCount(), 220);
    QCOMPARE(display(model, 219, 0), QStringLiteral("219"));
    QCOMPARE(batcher.pendingRows(), 0);
    QCOMPARE(appended.size(), inserted.size());
    // Many chunks arriving quickly: far fewer insertions than chunks.
    inserted.clear();
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 40; ++i) {
        batcher.push(numberedChunk(2, 220 + qint64(i) * 10, 10));
        QTest::qWait(10);
    }
    batcher.flush();
    QCOMPARE(model.rowCount(), 620);
    QVERIFY2(inserted.size() <= 2 + clock.elapsed() / 100, qPrintable(QString::number(inserted.size())));
}

void TestResultModel::sortsNumbersByValueAndTextByBytesWithNullsLast()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"n", 1700, -1}, {"t", 25, -1}}));
    model.appendChunk(chunk(2, {{"10", "b"}, {"9", "B"}, {nullptr, "a"}, {"-1.5", nullptr}}));
    model.appendChunk(chunk(2, {{"NaN", "ä"}, {"100", "10"}, {"9.0", "9"}}));

    model.sort(0, Qt::AscendingOrder);
    // By value (not "10" < "9"); 9 and 9.0 are equal and keep their order; NaN above numbers.
    QCOMPARE(viewOrder(model), (std::vector<qint64>{3, 1, 6, 0, 5, 4, 2}));
    QCOMPARE(display(model, 0, 0), QStringLiteral("-1.5"));
    model.sort(0, Qt::DescendingOrder);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{4, 5, 0, 1, 6, 3, 2}));
    model.sort(1, Qt::AscendingOrder);
    // Bytes: digits < upper case < lower case < non-ASCII; NULL last.
    QCOMPARE(viewOrder(model), (std::vector<qint64>{5, 6, 1, 2, 0, 4, 3}));
    model.sort(1, Qt::DescendingOrder);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{4, 0, 2, 1, 6, 5, 3}));
    model.sort(-1);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{0, 1, 2, 3, 4, 5, 6}));
}

void TestResultModel::sortsInt8BeyondDoublePrecision()
{
    ResultModel model;
    model.setColumns(columns({{"big", 20, -1}, {"exact", 1700, -1}}));
    model.appendChunk(chunk(2, {{"9007199254740993", "0.30000000000000000001"},
                                {"9007199254740992", "0.3"},
                                {"-9007199254740993", "0.29999999999999999999"}}));
    model.sort(0, Qt::AscendingOrder);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{2, 1, 0}));
    model.sort(1, Qt::AscendingOrder);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{2, 1, 0}));
}

void TestResultModel::filtersCaseInsensitivelyAcrossColumns()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"name", 25, -1}, {"city", 25, -1}}));
    model.appendChunk(chunk(
        2, {{"Alice", "Paris"}, {"bob", "Malibu"}, {"carol", nullptr}, {"Äpfel", "Köln"}, {"dave", "null"}}));
    model.setFilterText(QStringLiteral("ALI"));
    QCOMPARE(viewOrder(model), (std::vector<qint64>{0, 1}));
    model.setFilterText(QStringLiteral("äPFEL"));
    QCOMPARE(viewOrder(model), (std::vector<qint64>{3}));
    // NULL is not the text "null".
    model.setFilterText(QStringLiteral("NULL"));
    QCOMPARE(viewOrder(model), (std::vector<qint64>{4}));
    model.setFilterText(QStringLiteral("zzz"));
    QCOMPARE(model.rowCount(), 0);
    // Filter and sort together.
    model.setFilterText(QStringLiteral("a"));
    model.sort(0, Qt::DescendingOrder);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{4, 2, 1, 0}));
    model.setFilterText(QStringLiteral("o")); // not "ö": ASCII text matches ASCII letters
    QCOMPARE(viewOrder(model), (std::vector<qint64>{2, 1}));
    model.setFilterText(QString());
    model.sort(-1);
    QCOMPARE(model.rowCount(), 5);
}

void TestResultModel::keepsRowsArrivingWhileSortedOrFiltered()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"id", 23, -1}, {"label", 25, -1}}));
    model.appendChunk(chunk(2, {{"3", "keep"}, {"1", "drop"}, {"2", "keep"}}));
    model.setFilterText(QStringLiteral("keep"));
    model.sort(0, Qt::AscendingOrder);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{2, 0}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendChunk(chunk(2, {{"0", "KEEP"}, {"9", "drop"}, {"4", "keeper"}}));
    // New rows that pass the filter go at the end (unsorted until the next sort), in one insert.
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(viewOrder(model), (std::vector<qint64>{2, 0, 3, 5}));
    model.appendChunk(chunk(2, {{"7", "drop"}}));
    QCOMPARE(inserted.size(), 1);
}

void TestResultModel::startsAfreshOnNewColumns()
{
    ResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns(columns({{"id", 23, -1}}));
    model.appendChunk(chunk(1, {{"2"}, {"1"}}));
    model.sort(0);
    model.setFilterText(QStringLiteral("1"));
    model.setColumns(columns({{"a", 25, -1}, {"b", 25, -1}}));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.sortColumn(), -1);
    QVERIFY(model.filterText().isEmpty());
    QTest::ignoreMessage(QtWarningMsg, "ResultModel: dropped a chunk of 1 columns for a result of 2");
    model.appendChunk(chunk(1, {{"wrong shape"}}));
    QCOMPARE(model.rowCount(), 0);
    model.clear();
    QCOMPARE(model.columnCount(), 0);
}

void TestResultModel::appendsAMillionRowsQuickly()
{
    // No QAbstractItemModelTester here: it walks every row after each insert, which is what we
    // would be timing instead of the model.
    constexpr int kChunks = 50;
    constexpr int kRowsPerChunk = 20000;
    std::vector<pg::ResultChunk> chunks;
    for (int i = 0; i < kChunks; ++i)
        chunks.push_back(numberedChunk(10, qint64(i) * kRowsPerChunk, kRowsPerChunk));
    auto cols = std::make_shared<QVector<pg::Column>>();
    cols->append(pg::Column{QStringLiteral("id"), 20});
    for (int c = 1; c < 10; ++c)
        cols->append(pg::Column{QStringLiteral("label%1").arg(c), 25});

    ResultModel model;
    model.setColumns(cols);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    test::CpuTimer cpu;
    for (const pg::ResultChunk &c : chunks)
        model.appendChunk(c);
    const qint64 ms = cpu.elapsedMs();
    qInfo("appending 1,000,000 rows x 10 columns in %d chunks: %lld ms (%.1f MB of text)", kChunks, ms,
          double(model.rows().textSize()) / 1e6);
    // The view is told of the first kFirstViewRows (5 chunks' inserts), not of all of them.
    QCOMPARE(inserted.size(), int(ResultModel::kFirstViewRows / kRowsPerChunk));
    QCOMPARE(model.rowCount(), int(ResultModel::kFirstViewRows));
    QCOMPARE(model.matchingRowCount(), qint64(kChunks) * kRowsPerChunk);
    QVERIFY(model.canFetchMore({}));
    model.showRows(kChunks * kRowsPerChunk);
    QCOMPARE(inserted.size(), int(ResultModel::kFirstViewRows / kRowsPerChunk) + 1);
    QCOMPARE(model.rowCount(), kChunks * kRowsPerChunk);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(display(model, 999999, 0), QStringLiteral("999999"));
    QCOMPARE(display(model, 500001, 3), QStringLiteral("row %1").arg(500001LL * 31 % 1000003));
    // Measured 0-2 ms of CPU (ci preset): appending is O(chunks), not O(rows). 1 s is far above
    // that and far below a per-row copy of 82 MB.
    QVERIFY2(ms < 1000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
}

void TestResultModel::sortsAMillionRowsOffTheUiThread()
{
    ResultModel model;
    model.setColumns(columns({{"id", 23, -1}, {"label", 25, -1}}));
    for (int i = 0; i < 50; ++i)
        model.appendChunk(numberedChunk(2, qint64(i) * 20000, 20000));
    QSignalSpy finished(&model, &ResultModel::orderingFinished);
    QElapsedTimer timer;
    timer.start();
    model.sort(0, Qt::DescendingOrder);
    const qint64 blocked = timer.elapsed();
    QVERIFY(model.isOrdering());
    // Until the job is done the view keeps the old order, and new rows still come in.
    QCOMPARE(model.sourceRow(0), 0);
    model.appendChunk(chunk(2, {{"-1", "late"}}));
    QTRY_VERIFY_WITH_TIMEOUT(!model.isOrdering(), 60000);
    const qint64 total = timer.elapsed();
    qInfo("sorting 1,000,000 rows by an int4 column: %lld ms in the background, UI thread busy %lld ms",
          total, blocked);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(model.matchingRowCount(), 1000001);
    QCOMPARE(model.rowCount(), int(ResultModel::kFirstViewRows)); // a new order starts at its top
    model.showRows(model.matchingRowCount());
    QCOMPARE(model.rowCount(), 1000001);
    QCOMPARE(display(model, 0, 0), QStringLiteral("999999"));
    QCOMPARE(display(model, 999999, 0), QStringLiteral("0"));
    QCOMPARE(display(model, 1000000, 0), QStringLiteral("-1")); // arrived during the sort
    QVERIFY(blocked < 100);

    timer.restart();
    model.sort(1, Qt::AscendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isOrdering(), 60000);
    qInfo("sorting 1,000,001 rows by a text column with NULLs: %lld ms", timer.elapsed());
    model.showRows(model.matchingRowCount());
    QVERIFY(model.index(1000000, 1).data(ResultModel::IsNull).toBool());
    QVERIFY(display(model, 0, 1) <= display(model, 1, 1));
}

QTEST_GUILESS_MAIN(TestResultModel)
#include "tst_resultmodel.moc"
