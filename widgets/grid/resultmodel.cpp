#include "grid/resultmodel.h"

#include "grid/rowfilter.h"
#include "pg/typenames.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrentRun>

#include <algorithm>

namespace tusk::widgets {

ResultModel::ResultModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_watcher(std::make_unique<QFutureWatcher<Order>>())
{
    connect(m_watcher.get(), &QFutureWatcher<Order>::finished, this, [this] {
        QFuture<Order> future = m_watcher->future();
        // A cancelled job (superseded, or the result was cleared) has nothing to apply.
        if (m_pendingGeneration == 0 || future.isCanceled() || future.resultCount() == 0)
            return;
        m_pendingGeneration = 0;
        applyOrder(future.takeResult(), m_pendingCovered);
        emit orderingFinished();
    });
}

ResultModel::~ResultModel()
{
    // The job holds its own snapshot of the rows; cancelling only saves its CPU time.
    cancelOrdering();
}

void ResultModel::setColumns(const pg::Columns &columns)
{
    cancelOrdering();
    beginResetModel();
    m_rows = ResultRows(columns);
    m_order.reset();
    m_spec = {};
    m_exposed = kFirstViewRows;
    endResetModel();
}

void ResultModel::clear()
{
    setColumns({});
}

void ResultModel::appendChunk(const pg::ResultChunk &chunk)
{
    appendChunks({chunk});
}

void ResultModel::appendChunks(const QList<pg::ResultChunk> &chunks)
{
    QList<pg::ResultChunk> accepted;
    accepted.reserve(chunks.size());
    for (const pg::ResultChunk &chunk : chunks) {
        if (chunk.isEmpty())
            continue;
        if (chunk.columnCount() != m_rows.columnCount()) {
            qWarning("ResultModel: dropped a chunk of %d columns for a result of %d", chunk.columnCount(),
                     m_rows.columnCount());
            continue;
        }
        accepted << chunk;
    }
    if (accepted.isEmpty())
        return;
    const qint64 before = viewRowCount();
    const qint64 first = m_rows.rowCount();
    qint64 added = 0;
    for (const pg::ResultChunk &chunk : std::as_const(accepted))
        added += chunk.rowCount();
    const qint64 limit = std::min(kMaxViewRows, m_exposed);
    if (!m_order) {
        // Server order: the chunks' rows are the view's next rows, one insert for all of them
        // (none once the view shows all it exposes: the rest waits for fetchMore()).
        const qint64 after = std::min(first + added, limit);
        if (after == before) {
            for (const pg::ResultChunk &chunk : std::as_const(accepted))
                m_rows.append(chunk);
            return;
        }
        beginInsertRows({}, int(before), int(after - 1));
        for (const pg::ResultChunk &chunk : std::as_const(accepted))
            m_rows.append(chunk);
        endInsertRows();
        return;
    }
    // Sorted or filtered: m_order alone decides what is shown, so the chunks can join m_rows
    // first. Their rows that pass the filter go at the end, unsorted, until the next sort.
    for (const pg::ResultChunk &chunk : std::as_const(accepted))
        m_rows.append(chunk);
    Order passing;
    RowFilter(m_spec.filter).collect(m_rows, first, m_rows.rowCount(), passing);
    const qint64 after = std::min(qint64(m_order->size() + passing.size()), limit);
    if (after == before) {
        m_order->insert(m_order->end(), passing.begin(), passing.end());
        return;
    }
    beginInsertRows({}, int(before), int(after - 1));
    m_order->insert(m_order->end(), passing.begin(), passing.end());
    endInsertRows();
}

qint64 ResultModel::matchingRowCount() const
{
    return std::min(m_order ? qint64(m_order->size()) : m_rows.rowCount(), kMaxViewRows);
}

qint64 ResultModel::viewRowCount() const
{
    return std::min(matchingRowCount(), m_exposed);
}

bool ResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && viewRowCount() < matchingRowCount();
}

void ResultModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    // Growing steps: scrolling to row 5M takes a dozen of them, not fifty.
    showRows(std::max(m_exposed + kFirstViewRows, m_exposed + m_exposed / 2));
}

void ResultModel::showRows(qint64 count)
{
    const qint64 before = viewRowCount();
    const qint64 after = std::min(matchingRowCount(), std::max(m_exposed, count));
    if (after <= before) {
        m_exposed = std::max(m_exposed, count);
        return;
    }
    beginInsertRows({}, int(before), int(after - 1));
    m_exposed = std::max(m_exposed, count);
    endInsertRows();
}

void ResultModel::sort(int column, Qt::SortOrder order)
{
    if (column >= m_rows.columnCount())
        column = -1;
    if (column == m_spec.sortColumn && (column < 0 || order == m_spec.order))
        return;
    m_spec.sortColumn = column;
    m_spec.order = order;
    startOrdering();
}

void ResultModel::setFilterText(const QString &text)
{
    if (text == m_spec.filter)
        return;
    m_spec.filter = text;
    startOrdering();
}

void ResultModel::startOrdering()
{
    cancelOrdering();
    ++m_generation;
    if (m_spec.isNatural()) {
        applyOrder(std::nullopt, m_rows.rowCount());
        return;
    }
    if (m_rows.rowCount() <= kBackgroundOrderingRows) {
        // Small enough to do at once: 200k rows sort in well under 100 ms in a release build.
        applyOrder(computeRowOrder(m_rows, m_spec), m_rows.rowCount());
        return;
    }
    m_pendingGeneration = m_generation;
    m_pendingCovered = m_rows.rowCount();
    // The job gets a snapshot (a copy of the chunk list) and the spec by value: nothing it reads
    // changes under it while chunks keep arriving here.
    m_watcher->setFuture(QtConcurrent::run(
        [](QPromise<Order> &promise, const ResultRows &rows, const RowOrderSpec &spec) {
            std::optional<Order> order =
                computeRowOrder(rows, spec, [&promise] { return promise.isCanceled(); });
            if (order)
                promise.addResult(std::move(*order));
        },
        m_rows, m_spec));
    emit orderingStarted();
}

void ResultModel::cancelOrdering()
{
    if (m_pendingGeneration == 0)
        return;
    m_pendingGeneration = 0;
    m_watcher->future().cancel();
    emit orderingFinished();
}

void ResultModel::applyOrder(std::optional<Order> order, qint64 coveredRows)
{
    if (order && coveredRows < m_rows.rowCount()) {
        // Rows that arrived while a background job ran: after the ordered ones, filtered.
        RowFilter(m_spec.filter).collect(m_rows, coveredRows, m_rows.rowCount(), *order);
    }
    beginResetModel();
    m_order = std::move(order);
    m_exposed = kFirstViewRows; // the first rows of the new order; more as the view scrolls
    endResetModel();
}

int ResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(viewRowCount());
}

int ResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.columnCount();
}

Qt::ItemFlags ResultModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QString ResultModel::displayText(qint64 row, int column) const
{
    const ResultRows::Location at = m_rows.locate(row);
    if (at.chunk->isNull(at.row, column))
        return QStringLiteral("NULL");
    QByteArrayView bytes = at.chunk->bytes(at.row, column);
    // Decode no more than display needs: a 50 MB document must not become a 100 MB QString to
    // paint its first thousand characters (4 bytes per character at most, plus a split one).
    const qsizetype maxBytes = qsizetype(kDisplayChars) * 4 + 4;
    const bool longBytes = bytes.size() > maxBytes;
    if (longBytes)
        bytes = bytes.first(maxBytes);
    QString text = QString::fromUtf8(bytes.data(), bytes.size());
    if (longBytes || text.size() > kDisplayChars) {
        qsizetype cut = std::min<qsizetype>(text.size(), kDisplayChars);
        if (cut > 0 && text.at(cut - 1).isHighSurrogate())
            --cut;
        text.truncate(cut);
        text += u'\u2026';
    }
    // A grid row is one line: line breaks show as a return symbol.
    if (text.contains(u'\n') || text.contains(u'\r')) {
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        text.replace(u'\n', u'\u21b5');
        text.replace(u'\r', u'\u21b5');
    }
    return text;
}

QVariant ResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= viewRowCount() || index.column() >= m_rows.columnCount())
        return {};
    const qint64 row = sourceRow(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case Qt::TextAlignmentRole:
        return int((m_rows.column(column).isNumeric() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case IsNull:
        return m_rows.isNull(row, column);
    case Raw: {
        if (m_rows.isNull(row, column))
            return QByteArray();
        const QByteArrayView bytes = m_rows.bytes(row, column);
        return QByteArray(bytes.data(), bytes.size());
    }
    case FullText:
        return m_rows.text(row, column);
    default:
        return {};
    }
}

QVariant ResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        // Row numbers count shown rows (1 = first row in the current order), like a spreadsheet.
        if (role == Qt::DisplayRole)
            return section + 1;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (section < 0 || section >= m_rows.columnCount())
        return {};
    const pg::Column &column = m_rows.column(section);
    switch (role) {
    case Qt::DisplayRole:
        return column.name;
    case Qt::ToolTipRole:
        return column.name + u'\n' + pg::typeName(column.typeOid, column.typeModifier);
    case Qt::TextAlignmentRole:
        // Left even over numbers: right-aligned names run into the next column's name.
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

} // namespace tusk::widgets
