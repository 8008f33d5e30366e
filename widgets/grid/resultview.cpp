#include "grid/resultview.h"

#include "grid/copyjob.h"
#include "grid/nullawaredelegate.h"
#include "grid/resultmodel.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>

#include <algorithm>

namespace tusk::widgets {

namespace {

constexpr int kSampleRows = 200;
constexpr int kMaxFittedWidth = 400;
constexpr int kMinFittedWidth = 48;
// Enough characters to reach kMaxFittedWidth in any font: measuring more is wasted work.
constexpr int kMeasuredChars = 120;

/// The selection as whole rows and columns: the view rows any range covers (merged, in view
/// order) and the columns any range covers, in the header's visual order.
struct Block
{
    std::vector<std::pair<int, int>> rowSpans; // [first, last] view rows, disjoint, ascending
    std::vector<int> columns;
    qint64 rowCount = 0;
    qint64 cellCount() const { return rowCount * qint64(columns.size()); }
};

Block selectedBlock(const QTableView &view)
{
    Block block;
    const QItemSelection selection = view.selectionModel()->selection();
    std::vector<std::pair<int, int>> spans;
    std::vector<char> marked(size_t(view.model()->columnCount()), 0);
    for (const QItemSelectionRange &range : selection) {
        spans.emplace_back(range.top(), range.bottom());
        for (int c = range.left(); c <= range.right(); ++c)
            marked[size_t(c)] = 1;
    }
    std::sort(spans.begin(), spans.end());
    for (const auto &span : spans) {
        if (!block.rowSpans.empty() && span.first <= block.rowSpans.back().second + 1)
            block.rowSpans.back().second = std::max(block.rowSpans.back().second, span.second);
        else
            block.rowSpans.push_back(span);
    }
    for (const auto &[first, last] : block.rowSpans)
        block.rowCount += last - first + 1;
    const QHeaderView *header = view.horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (marked[size_t(logical)] && !view.isColumnHidden(logical))
            block.columns.push_back(logical);
    }
    return block;
}

} // namespace

ResultView::ResultView(QWidget *parent)
    : QTableView(parent)
    , m_model(new ResultModel(this))
{
    setModel(m_model);
    setItemDelegate(new NullAwareDelegate(this));
    setEditTriggers(NoEditTriggers);
    setSelectionBehavior(SelectItems);
    setSelectionMode(ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false); // paintGrid() draws it in a colour that works in dark palettes too
    setTextElideMode(Qt::ElideRight);
    // Per-pixel vertical scrolling would make the scroll range rows x height, which overflows int
    // for tens of millions of rows; per-item keeps it at the row count.
    setHorizontalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerItem);

    QHeaderView *columns = horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setHighlightSections(false);
    columns->setSectionsMovable(true);
    columns->setSortIndicatorClearable(true);
    columns->setSortIndicator(-1, Qt::AscendingOrder);
    setSortingEnabled(true);

    // Uniform row heights: Fixed sections keep the vertical header O(1) per inserted chunk.
    QHeaderView *rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    rows->setHighlightSections(false);
    applyRowHeight();

    connect(m_model, &QAbstractItemModel::modelReset, this, &ResultView::onModelReset);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ResultView::onRowsInserted);
}

ResultView::~ResultView() = default;

void ResultView::setInsertTarget(const QString &schema, const QString &table)
{
    m_insertSchema = schema;
    m_insertTable = table;
}

void ResultView::setCopyLimits(qint64 backgroundCells, qint64 maxCells)
{
    m_backgroundCopyCells = backgroundCells;
    m_maxCopyCells = maxCells;
}

void ResultView::applyRowHeight()
{
    const int height = fontMetrics().height() + 6;
    verticalHeader()->setMinimumSectionSize(height);
    verticalHeader()->setDefaultSectionSize(height);
}

void ResultView::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyRowHeight();
}

void ResultView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    paintGrid();
}

void ResultView::paintGrid()
{
    // Fusion's grid colour is the window colour darkened, invisible on a dark base; a hairline
    // mixed from the base and text colours reads the same in light and dark palettes.
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    constexpr float kInk = 0.15f;
    const QColor line = QColor::fromRgbF(base.redF() + (text.redF() - base.redF()) * kInk,
                                         base.greenF() + (text.greenF() - base.greenF()) * kInk,
                                         base.blueF() + (text.blueF() - base.blueF()) * kInk);
    const QHeaderView *columns = horizontalHeader();
    const int firstRow = rowAt(0);
    if (firstRow < 0 || columns->count() == 0)
        return;
    int lastRow = rowAt(viewport()->height() - 1);
    if (lastRow < 0)
        lastRow = model()->rowCount() - 1;
    const int firstVisual = std::max(0, columns->visualIndexAt(0));
    int lastVisual = columns->visualIndexAt(viewport()->width() - 1);
    if (lastVisual < 0)
        lastVisual = columns->count() - 1;
    const int bottom = rowViewportPosition(lastRow) + rowHeight(lastRow) - 1;
    const int right = columns->sectionViewportPosition(columns->logicalIndex(lastVisual)) +
                      columns->sectionSize(columns->logicalIndex(lastVisual)) - 1;

    QPainter painter(viewport());
    painter.setPen(line);
    for (int visual = firstVisual; visual <= lastVisual; ++visual) {
        const int logical = columns->logicalIndex(visual);
        if (columns->isSectionHidden(logical))
            continue;
        const int x = columnViewportPosition(logical) + columnWidth(logical) - 1;
        painter.drawLine(x, 0, x, bottom);
    }
    for (int row = firstRow; row <= lastRow; ++row) {
        const int y = rowViewportPosition(row) + rowHeight(row) - 1;
        painter.drawLine(0, y, right, y);
    }
}

void ResultView::onModelReset()
{
    // A reset is either a new result (fit the columns again) or a sort/filter (keep the widths
    // the user may have dragged, keep the header's indicator in step with the model).
    const void *columns = m_model->rows().columns().get();
    if (columns != m_fittedColumns) {
        m_fittedColumns = columns;
        m_fittedToRows = false;
        fitColumns();
    }
    if (horizontalHeader()->sortIndicatorSection() != m_model->sortColumn())
        horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

void ResultView::onRowsInserted()
{
    if (!m_fittedToRows)
        fitColumns();
}

void ResultView::fitColumns()
{
    const QFontMetrics cellMetrics(font());
    const QFontMetrics headerMetrics(horizontalHeader()->font());
    const QStyle *s = style();
    // Room for the header's margins and sort arrow, and for the item's text margins.
    const int headerPadding = 2 * s->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this) +
                              s->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, this) + 12;
    const int cellPadding = 2 * (s->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1) + 12;
    const int sample = std::min(m_model->rowCount(), kSampleRows);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const QString name = m_model->headerData(c, Qt::Horizontal).toString();
        int width = headerMetrics.horizontalAdvance(name) + headerPadding;
        for (int r = 0; r < sample && width < kMaxFittedWidth; ++r) {
            const QString text = m_model->index(r, c).data().toString().left(kMeasuredChars);
            width = std::max(width, cellMetrics.horizontalAdvance(text) + cellPadding);
        }
        setColumnWidth(c, std::clamp(width, kMinFittedWidth, kMaxFittedWidth));
    }
    m_fittedToRows = sample > 0;
}

void ResultView::copySelection(exporting::CopyFormat format, bool headers)
{
    Block block = selectedBlock(*this);
    if (block.rowCount == 0 || block.columns.empty())
        return;
    const qint64 cells = block.cellCount();
    if (cells > m_maxCopyCells) {
        const QString message = tr("The selection has %L1 cells; Tusk copies at most %L2 to the clipboard. "
                                   "Select fewer rows or export the result to a file.")
                                    .arg(cells)
                                    .arg(m_maxCopyCells);
        auto *box = new QMessageBox(QMessageBox::Information, tr("Copy"), message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // window-modal, never a nested event loop
        emit copyRefused(message);
        return;
    }
    std::vector<qint64> rows;
    rows.reserve(size_t(block.rowCount));
    for (const auto &[first, last] : block.rowSpans) {
        for (int r = first; r <= last; ++r)
            rows.push_back(m_model->sourceRow(r));
    }
    exporting::CopyOptions options{.headers = headers, .schema = m_insertSchema, .table = m_insertTable};
    if (cells <= m_backgroundCopyCells) {
        QGuiApplication::clipboard()->setText(
            exporting::formatCells(m_model->rows(), rows, block.columns, format, options));
        emit copied(cells);
        return;
    }
    if (m_copyJob)
        m_copyJob->cancel();
    m_copyJob =
        new CopyJob({m_model->rows(), std::move(rows), std::move(block.columns), format, options}, this);
    connect(m_copyJob, &CopyJob::finished, this, [this, cells](bool done) {
        if (done)
            emit copied(cells);
    });
    m_copyJob->start();
}

QModelIndex ResultView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    if (action == MoveEnd && (modifiers & Qt::ControlModifier))
        m_model->showRows(m_model->matchingRowCount());
    return QTableView::moveCursor(action, modifiers);
}

void ResultView::selectAll()
{
    m_model->showRows(m_model->matchingRowCount());
    QTableView::selectAll();
}

void ResultView::keyPressEvent(QKeyEvent *event)
{
    // Before QAbstractItemView's own Ctrl+C, which copies only the current cell's display text.
    if (event->matches(QKeySequence::Copy)) {
        copySelection(exporting::CopyFormat::Tsv);
        event->accept();
        return;
    }
    if (event->keyCombination() == QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_C)) {
        copySelection(exporting::CopyFormat::Tsv, true);
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void ResultView::contextMenuEvent(QContextMenuEvent *event)
{
    // A right click outside the selection acts on the clicked cell, as in a spreadsheet.
    const QModelIndex clicked = indexAt(event->pos());
    if (clicked.isValid() && !selectionModel()->isSelected(clicked))
        setCurrentIndex(clicked);
    const bool any = selectionModel()->hasSelection();

    QMenu menu(this);
    const auto add = [this, any](QMenu *to, const QString &text, exporting::CopyFormat format, bool headers,
                                 const QKeySequence &shortcut = {}) {
        QAction *action = to->addAction(text);
        action->setShortcut(shortcut);
        action->setEnabled(any);
        connect(action, &QAction::triggered, this,
                [this, format, headers] { copySelection(format, headers); });
    };
    using exporting::CopyFormat;
    add(&menu, tr("Copy"), CopyFormat::Tsv, false, QKeySequence::Copy);
    add(&menu, tr("Copy with Headers"), CopyFormat::Tsv, true,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QMenu *as = menu.addMenu(tr("Copy As"));
    as->setEnabled(any);
    add(as, tr("TSV"), CopyFormat::Tsv, false);
    add(as, tr("CSV"), CopyFormat::Csv, true); // a CSV file is expected to start with its header
    add(as, tr("JSON"), CopyFormat::Json, false);
    add(as, tr("Markdown"), CopyFormat::Markdown, false);
    add(as, tr("SQL INSERT"), CopyFormat::SqlInsert, false);
    menu.exec(event->globalPos());
}

} // namespace tusk::widgets
