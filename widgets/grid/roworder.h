#pragma once

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace tusk::widgets {

class ResultRows;

/// How the grid shows a result's rows: a quick filter and one sort column.
struct RowOrderSpec
{
    QString filter;      ///< see RowFilter; empty keeps every row
    int sortColumn = -1; ///< -1 keeps the order the server sent
    Qt::SortOrder order = Qt::AscendingOrder;
    bool isNatural() const { return filter.isEmpty() && sortColumn < 0; }
};

/// Orders `subset` (row numbers of `rows`) by `column`, in place. Stable; NULLs last in either
/// direction; numeric types (Column::isNumeric()) compare by value — NaN above every number like
/// PostgreSQL, exact for int8 and numeric beyond a double's precision — and every other type
/// compares its text byte by byte (UTF-8 order, which is code point order, not a collation).
void sortRows(const ResultRows &rows, int column, Qt::SortOrder order, std::vector<quint32> &subset);

/// The rows of `rows` that pass the spec's filter, in the spec's order. Pure; runs on any thread.
/// Returns std::nullopt when `isCanceled` answered true (it is polled while filtering and between
/// phases; a sort itself runs to its end).
/// @code
/// auto order = computeRowOrder(snapshot, {.sortColumn = 2, .order = Qt::DescendingOrder});
/// @endcode
std::optional<std::vector<quint32>> computeRowOrder(const ResultRows &rows, const RowOrderSpec &spec,
                                                    const std::function<bool()> &isCanceled = {});

} // namespace tusk::widgets
