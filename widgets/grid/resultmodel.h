#pragma once

#include "grid/resultrows.h"
#include "grid/roworder.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <vector>

template<typename T> class QFutureWatcher;

namespace tusk::widgets {

/// A table model over a result's chunks as they stream in. Rows stay in the chunks (bytes as the
/// server sent them); a QString is made only in data(). Each appended chunk is one
/// beginInsertRows/endInsertRows. Sorting (header click) and the quick filter build a row
/// permutation — on a worker thread above kBackgroundOrderingRows — and apply it with a model
/// reset when ready; rows that arrive while sorted are appended at the end, filtered.
/// @code
/// auto *model = new ResultModel(view);
/// connect(session, &pg::Session::resultStarted, model, [model](quint64, int, const pg::Columns &c) {
///     model->setColumns(c);
/// });
/// connect(session, &pg::Session::rowsArrived, model, [model](quint64, int, const pg::ResultChunk &chunk) {
///     model->appendChunk(chunk);
/// });
/// @endcode
class ResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role : int {
        IsNull = Qt::UserRole + 1, ///< bool
        Raw,                       ///< QByteArray: the server's bytes (null QByteArray for NULL)
        FullText,                  ///< QString without display truncation (null QString for NULL)
    };
    /// Qt counts rows in int and a view's pixel extent too: beyond this many rows the view shows
    /// the first kMaxViewRows (all rows stay fetched for export). 50M rows x 40 px < INT_MAX.
    static constexpr qint64 kMaxViewRows = 50'000'000;
    /// Longer cells are cut for display (with an ellipsis); FullText has the whole value.
    static constexpr int kDisplayChars = 1000;
    /// The view is given this many rows at first and more as it scrolls to the end
    /// (canFetchMore/fetchMore), however many are fetched: QHeaderView keeps state per row and
    /// redoes it in O(rows) on every insert and paint, so a view told of all 5M rows of a
    /// runaway result spent 50–100 ms of UI thread per batch of rows (tst_queryworkspace).
    static constexpr qint64 kFirstViewRows = 100'000;
    /// Results larger than this are sorted and filtered on a worker thread.
    static constexpr qint64 kBackgroundOrderingRows = 200'000;

    explicit ResultModel(QObject *parent = nullptr);
    ~ResultModel() override;

    /// Starts a new result: drops rows, sort and filter.
    void setColumns(const pg::Columns &columns);
    void appendChunk(const pg::ResultChunk &chunk);
    /// Several chunks with one insertion (see ChunkBatcher for why that matters).
    void appendChunks(const QList<pg::ResultChunk> &chunks);
    void clear();

    /// Every fetched row in the server's order (sort and filter aside); copy it for a snapshot.
    const ResultRows &rows() const { return m_rows; }
    /// The row of rows() shown at `viewRow`.
    qint64 sourceRow(int viewRow) const { return m_order ? qint64((*m_order)[size_t(viewRow)]) : viewRow; }
    /// Rows that pass the filter (every fetched row without one), capped at kMaxViewRows.
    qint64 matchingRowCount() const;
    /// Rows the view has been given so far: the first kFirstViewRows of matchingRowCount(),
    /// more after each fetchMore() or showRows().
    qint64 viewRowCount() const;
    /// Gives the view at least `count` rows (as many as match, if fewer): "go to row N".
    void showRows(qint64 count);
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_spec.sortColumn; }
    Qt::SortOrder sortOrder() const { return m_spec.order; }
    void setFilterText(const QString &text);
    QString filterText() const { return m_spec.filter; }
    /// True while a sort or filter runs on a worker thread.
    bool isOrdering() const { return m_pendingGeneration != 0; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    /// A background sort or filter started / was applied (or given up for a newer one).
    void orderingStarted();
    void orderingFinished();

private:
    using Order = std::vector<quint32>;
    void startOrdering();
    void applyOrder(std::optional<Order> order, qint64 coveredRows);
    void cancelOrdering();
    QString displayText(qint64 row, int column) const;

    ResultRows m_rows;
    RowOrderSpec m_spec;
    std::optional<Order> m_order; // view row -> row of m_rows; none in the server's order
    std::unique_ptr<QFutureWatcher<Order>> m_watcher;
    quint64 m_generation = 0;
    quint64 m_pendingGeneration = 0;   // generation of the running background job, 0 when none
    qint64 m_pendingCovered = 0;       // rows the running job's snapshot holds
    qint64 m_exposed = kFirstViewRows; // viewRowCount() is at most this
};

} // namespace tusk::widgets
