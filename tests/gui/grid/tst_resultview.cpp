// ResultView offscreen: column widths, selection and copy (keyboard, context menu, background),
// header sorting, and screenshots in the light and dark palettes.

#include "../../common/guitest.h"
#include "common/palettes.h"
#include "grid/resultmodel.h"
#include "grid/resultview.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace tusk;
using tusk::widgets::ResultModel;
using tusk::widgets::ResultView;

namespace {

enum Col { Id, Customer, Amount, Ratio, Created, Status, Note, Attrs, Active, ColumnCount };

pg::Columns accountColumns()
{
    auto cols = std::make_shared<QVector<pg::Column>>();
    const std::tuple<const char *, quint32, int> defs[] = {
        {"id", 23, -1},     {"customer", 25, -1},     {"amount", 1700, (12 << 16 | 2) + 4},
        {"ratio", 701, -1}, {"created_at", 1184, -1}, {"status", 1043, 24},
        {"note", 25, -1},   {"attrs", 3802, -1},      {"active", 16, -1}};
    for (const auto &[name, oid, typmod] : defs) {
        pg::Column c;
        c.name = QString::fromUtf8(name);
        c.typeOid = oid;
        c.typeModifier = typmod;
        cols->append(c);
    }
    return cols;
}

void addRow(pg::ResultChunk &chunk, std::initializer_list<const char *> cells)
{
    for (const char *cell : cells) {
        if (cell)
            chunk.appendCell(cell, int(qstrlen(cell)));
        else
            chunk.appendNull();
    }
    chunk.finishRow();
}

/// What a query on the demo CRM returns: ints, money-like numerics, floats, timestamps, NULLs,
/// a long text, line breaks and jsonb.
pg::ResultChunk accountRows()
{
    pg::ResultChunk chunk(ColumnCount);
    const QByteArray lorem =
        QByteArray("Customer asked for a refund of the annual plan after the migration; ").repeated(30);
    addRow(chunk, {"1", "Acme Corporation", "1250.00", "0.125", "2024-03-01 09:15:22.123+01", "active",
                   "First order", "{\"tier\": \"gold\", \"seats\": 25}", "t"});
    addRow(chunk, {"2", "Globex", "87.50", "1.5", "2024-03-02 14:03:00+01", nullptr, "",
                   "{\"tier\": \"free\"}", "f"});
    addRow(chunk, {"3", "Initech", nullptr, nullptr, "2024-03-03 08:00:00+01", "suspended", lorem.constData(),
                   nullptr, "t"});
    addRow(chunk, {"4", "Umbrella — Zürich", "-42.10", "-0.333333333333333", "2024-03-04 17:45:09.5+01",
                   "active", "two\nlines", "{\"tags\": [\"a\", \"b\"]}", nullptr});
    for (int i = 5; i <= 40; ++i) {
        const QByteArray id = QByteArray::number(i);
        const QByteArray name = "Customer " + QByteArray::number(i * 37 % 101);
        const QByteArray amount = QByteArray::number(i * 123.45, 'f', 2);
        const QByteArray ratio = QByteArray::number(1.0 / i);
        const QByteArray created =
            "2024-03-" + QByteArray::number(10 + i % 19) + " 1" + QByteArray::number(i % 10) + ":00:00+01";
        const QByteArray attrs = "{\"tier\": \"" + QByteArray(i % 3 ? "silver" : "gold") + "\"}";
        addRow(chunk,
               {id.constData(), name.constData(), amount.constData(), ratio.constData(), created.constData(),
                i % 4 ? "active" : nullptr, i % 5 ? "" : "call back", attrs.constData(), i % 2 ? "t" : "f"});
    }
    return chunk;
}

void fill(ResultView &view)
{
    view.resultModel()->setColumns(accountColumns());
    view.resultModel()->appendChunk(accountRows());
}

QPoint cellCenter(const ResultView &view, int row, int column)
{
    return view.visualRect(view.model()->index(row, column)).center();
}

void selectRange(ResultView &view, int top, int left, int bottom, int right)
{
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, cellCenter(view, top, left));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, cellCenter(view, bottom, right));
}

QString clipboardText()
{
    return QGuiApplication::clipboard()->text();
}

} // namespace

class TestResultView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fitsColumnsToHeaderAndFirstRows();
    void copiesTheSelectedRangeWithCtrlC();
    void copiesWithHeadersAndAsSqlInsert();
    void contextMenuCopiesAsJson();
    void sortsByHeaderClick();
    void copiesLargeSelectionsInTheBackground();
    void refusesHugeSelections();
    void appendsAMillionRowsToAShownView();
    void givesItselfMoreRowsAsItScrollsToTheEnd();
    void screenshotsInLightAndDark();
};

void TestResultView::initTestCase()
{
    test::setUpGuiTest();
}

void TestResultView::fitsColumnsToHeaderAndFirstRows()
{
    ResultView view;
    fill(view);
    const QFontMetrics fm(view.font());
    QCOMPARE(view.columnWidth(Note), 400); // the long text is capped
    QVERIFY(view.columnWidth(Id) < 80);
    QVERIFY(view.columnWidth(Amount) > fm.horizontalAdvance(QStringLiteral("1250.00")));
    QVERIFY(view.columnWidth(Created) > fm.horizontalAdvance(QStringLiteral("2024-03-01 09:15:22.123+01")));
    QVERIFY(view.columnWidth(Customer) > fm.horizontalAdvance(QStringLiteral("Acme Corporation")));
    // Every row has the same height.
    QCOMPARE(view.rowHeight(3), view.rowHeight(0));
}

void TestResultView::copiesTheSelectedRangeWithCtrlC()
{
    ResultView view;
    view.resize(900, 400);
    fill(view);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy copied(&view, &ResultView::copied);
    selectRange(view, 1, Customer, 3, Ratio);
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), QString::fromUtf8("Globex\t87.50\t1.5\n"
                                                "Initech\t\t\n"
                                                "Umbrella — Zürich\t-42.10\t-0.333333333333333"));
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.at(0).at(0).toLongLong(), 9);
}

void TestResultView::copiesWithHeadersAndAsSqlInsert()
{
    ResultView view;
    view.resize(900, 400);
    fill(view);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    selectRange(view, 2, Id, 3, Amount);
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(clipboardText(),
             QString::fromUtf8("id\tcustomer\tamount\n3\tInitech\t\n4\tUmbrella — Zürich\t-42.10"));

    view.setInsertTarget(QStringLiteral("crm"), QStringLiteral("Accounts"));
    selectRange(view, 1, Status, 3, Status);
    view.copySelection(exporting::CopyFormat::SqlInsert);
    QCOMPARE(clipboardText(),
             QStringLiteral("INSERT INTO crm.\"Accounts\" (status) VALUES\n(NULL),\n('suspended'),\n"
                            "('active');"));
    view.copySelection(exporting::CopyFormat::Markdown);
    QCOMPARE(clipboardText(), QStringLiteral("| status |\n| --- |\n| NULL |\n| suspended |\n| active |"));
}

void TestResultView::contextMenuCopiesAsJson()
{
    ResultView view;
    view.resize(900, 400);
    fill(view);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStringList seen;
    // The menu runs its own event loop: pick "Copy As ▸ JSON" from inside it.
    QTimer::singleShot(50, this, [&seen] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *action : menu->actions()) {
            seen << action->text();
            if (action->menu()) {
                for (QAction *format : action->menu()->actions()) {
                    seen << format->text();
                    if (format->text() == QLatin1String("JSON"))
                        format->trigger();
                }
            }
        }
        menu->close();
    });
    // Right-click on an unselected cell selects it first.
    const QPoint at = cellCenter(view, 0, Attrs);
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view.viewport()->mapToGlobal(at));
    QApplication::sendEvent(view.viewport(), &event);
    QCOMPARE(seen,
             (QStringList{QStringLiteral("Copy"), QStringLiteral("Copy with Headers"),
                          QStringLiteral("Copy As"), QStringLiteral("TSV"), QStringLiteral("CSV"),
                          QStringLiteral("JSON"), QStringLiteral("Markdown"), QStringLiteral("SQL INSERT")}));
    QCOMPARE(clipboardText(), QStringLiteral("[\n{\"attrs\":{\"tier\": \"gold\", \"seats\": 25}}\n]"));
}

void TestResultView::sortsByHeaderClick()
{
    ResultView view;
    view.resize(900, 400);
    fill(view);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QHeaderView *header = view.horizontalHeader();
    const QPoint amountHeader(header->sectionViewportPosition(Amount) + header->sectionSize(Amount) / 2,
                              header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, amountHeader);
    ResultModel *model = view.resultModel();
    QCOMPARE(model->sortColumn(), int(Amount));
    QCOMPARE(view.model()->index(0, Amount).data().toString(), QStringLiteral("-42.10"));
    QCOMPARE(view.model()->index(1, Amount).data().toString(), QStringLiteral("87.50"));
    QVERIFY(view.model()->index(39, Amount).data(ResultModel::IsNull).toBool());
    // Copies follow what is on screen.
    selectRange(view, 0, Id, 1, Amount);
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), QString::fromUtf8("4\tUmbrella — Zürich\t-42.10\n2\tGlobex\t87.50"));
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, amountHeader);
    QCOMPARE(view.model()->index(0, Amount).data().toString(), QStringLiteral("4938.00"));
    QVERIFY(view.model()->index(39, Amount).data(ResultModel::IsNull).toBool());
    // Third click: back to the server's order.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, amountHeader);
    QCOMPARE(model->sortColumn(), -1);
    QCOMPARE(view.model()->index(0, Id).data().toString(), QStringLiteral("1"));
}

void TestResultView::copiesLargeSelectionsInTheBackground()
{
    ResultView view;
    view.resize(900, 400);
    fill(view);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setCopyLimits(100, 1000); // 360 cells: above the background threshold
    QSignalSpy copied(&view, &ResultView::copied);
    QGuiApplication::clipboard()->clear();
    view.selectAll();
    view.copySelection(exporting::CopyFormat::Csv, true);
    QTRY_COMPARE(copied.size(), 1);
    QCOMPARE(copied.at(0).at(0).toLongLong(), 360);
    const QString csv = clipboardText();
    QVERIFY(csv.startsWith(
        QStringLiteral("id,customer,amount,ratio,created_at,status,note,attrs,active\r\n"
                       "1,Acme Corporation,1250.00,0.125,2024-03-01 09:15:22.123+01,active,")));
    QCOMPARE(csv.count(QStringLiteral("\r\n")), 40);
}

void TestResultView::refusesHugeSelections()
{
    ResultView view;
    view.resize(900, 400);
    fill(view);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setCopyLimits(100, 300);
    QSignalSpy refused(&view, &ResultView::copyRefused);
    QSignalSpy copied(&view, &ResultView::copied);
    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    view.selectAll();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(refused.size(), 1);
    QVERIFY(refused.at(0).at(0).toString().contains(QStringLiteral("360 cells")));
    QCOMPARE(copied.size(), 0);
    QCOMPARE(clipboardText(), QStringLiteral("before"));
    auto *box = view.findChild<QMessageBox *>();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    box->close();
}

void TestResultView::appendsAMillionRowsToAShownView()
{
    ResultView view;
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    std::vector<pg::ResultChunk> chunks;
    for (int c = 0; c < 50; ++c) {
        pg::ResultChunk chunk(ColumnCount);
        chunk.reserve(20000, 20000 * 60);
        for (int r = 0; r < 20000; ++r) {
            const QByteArray id = QByteArray::number(c * 20000 + r + 1);
            addRow(chunk, {id.constData(), "Customer", "12.50", "0.5", "2024-03-01 09:15:22+01", "active", "",
                           "{}", "t"});
        }
        chunks.push_back(chunk);
    }
    view.resultModel()->setColumns(accountColumns());
    QElapsedTimer timer;
    timer.start();
    qint64 worst = 0;
    for (const pg::ResultChunk &chunk : chunks) {
        QElapsedTimer one;
        one.start();
        view.resultModel()->appendChunk(chunk);
        QCoreApplication::processEvents(); // let the view lay out and paint, as between real chunks
        worst = std::max(worst, one.elapsed());
    }
    qInfo("appending 1,000,000 rows in 50 chunks to a shown ResultView: %lld ms, worst chunk %lld ms",
          timer.elapsed(), worst);
    // The view knows the first rows; Ctrl+End, as a user goes to the last row, gives it all.
    QCOMPARE(view.resultModel()->matchingRowCount(), 1000000);
    QCOMPARE(view.model()->rowCount(), int(ResultModel::kFirstViewRows));
    view.setFocus();
    view.setCurrentIndex(view.model()->index(0, Id)); // the user clicked the first cell
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.model()->rowCount(), 1000000);
    QCOMPARE(view.currentIndex().row(), 999999);
    QCOMPARE(view.model()->index(999999, Id).data().toString(), QStringLiteral("1000000"));
    QVERIFY(worst < 500);
}

void TestResultView::givesItselfMoreRowsAsItScrollsToTheEnd()
{
    ResultView view;
    view.resize(600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.resultModel()->setColumns(accountColumns());
    for (int c = 0; c < 15; ++c) {
        pg::ResultChunk chunk(ColumnCount);
        for (int r = 0; r < 20000; ++r) {
            const QByteArray id = QByteArray::number(c * 20000 + r + 1);
            addRow(chunk, {id.constData(), (r % 7 == 0) ? "Closed" : "Customer", "12.50", "0.5",
                           "2024-03-01 09:15:22+01", "active", "", "{}", "t"});
        }
        view.resultModel()->appendChunk(chunk);
    }
    ResultModel *model = view.resultModel();
    QCOMPARE(model->rowCount(), int(ResultModel::kFirstViewRows));
    // A user dragging the scroll bar to the end gets the next rows, as often as needed.
    QScrollBar *bar = view.verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0, 10000); // laid out
    bar->setValue(bar->maximum());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 200000, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(bar->value() < bar->maximum(), 10000); // the bar grew with the rows
    bar->setValue(bar->maximum());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 300000, 10000);
    QVERIFY(!model->canFetchMore({}));
    QCOMPARE(model->index(299999, Id).data().toString(), QStringLiteral("300000"));
    // A row arriving now waits, like the others, until the user scrolls to the end again.
    pg::ResultChunk late(ColumnCount);
    addRow(late, {"300001", "Customer", "1", "1", "2024-03-01 09:15:22+01", "active", "", "{}", "t"});
    model->appendChunk(late);
    QVERIFY(model->canFetchMore({}));
    view.scrollToBottom();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 300001, 10000);
    // A filter starts again from the top of what matches.
    model->setFilterText(QStringLiteral("Closed"));
    QTRY_VERIFY_WITH_TIMEOUT(!model->isOrdering(), 60000);
    QCOMPARE(model->matchingRowCount(), 15 * (20000 / 7 + 1));
    QCOMPARE(model->rowCount(), std::min<qint64>(ResultModel::kFirstViewRows, model->matchingRowCount()));
}

void TestResultView::screenshotsInLightAndDark()
{
    for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
        widgets::applyTheme(theme);
        ResultView view;
        view.resize(1000, 380);
        fill(view);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        selectRange(view, 1, Customer, 2, Ratio);
        const bool dark = theme == widgets::Theme::Dark;
        const QString path =
            test::saveScreenshot(&view, dark ? QStringLiteral("grid-dark") : QStringLiteral("grid-light"));
        const QImage shot(path);
        QVERIFY(!shot.isNull());
        // The cells really are painted in the chosen palette (the blank end of a customer cell).
        const QRect cell = view.visualRect(view.model()->index(6, Customer));
        const QPoint probe = view.viewport()->mapTo(&view, QPoint(cell.right() - 4, cell.center().y()));
        QCOMPARE(shot.pixelColor(probe).lightness() < 128, dark);
    }
    widgets::applyTheme(widgets::Theme::Light);
}

QTEST_MAIN(TestResultView)
#include "tst_resultview.moc"
