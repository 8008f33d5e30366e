#pragma once

#include "pg/resultchunk.h"

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <span>

namespace tusk::exporting {

/// Where a copy reads its cells from. The grid's rows implement it over their chunks; tests
/// implement it over a single chunk. Rows are whatever the source numbers them by (the grid
/// passes source rows, not view rows). Must be safe to read from a worker thread while the
/// copy runs — the grid hands a snapshot.
class CellSource
{
public:
    virtual ~CellSource() = default;
    virtual int columnCount() const = 0;
    virtual const pg::Column &column(int column) const = 0;
    virtual bool isNull(qint64 row, int column) const = 0;
    /// The cell's UTF-8 text exactly as the server sent it; empty for NULL.
    virtual QByteArrayView bytes(qint64 row, int column) const = 0;
};

/// Clipboard formats of a cell selection.
enum class CopyFormat {
    Tsv,      ///< spreadsheet paste: tab-separated, LF between rows, NULL as an empty cell
    Csv,      ///< RFC 4180: CRLF between records, NULL empty, the empty string as ""
    Json,     ///< array of objects, typed like RowWriter (numbers, booleans, json kept)
    Markdown, ///< GitHub table: `|` escaped, line breaks as <br>, NULL as NULL
    SqlInsert ///< INSERT statements of up to 1,000 rows each, quoted by core/pg/quoting.h
};

struct CopyOptions
{
    /// A first line of column names (TSV and CSV; the other formats always name columns).
    bool headers = false;
    /// Target of SQL INSERT; an empty table gives the placeholder `table_name`.
    QString schema;
    QString table;
    /// Called every few thousand rows with the number of rows written; returning false stops
    /// the copy and formatCells() returns a null QString. Called on the formatting thread.
    std::function<bool(qint64 rowsDone)> progress;
};

/// Formats the cells at `rows` × `columns` of `source` (in the given orders) as `format`.
/// No trailing line break: the text is meant to be pasted. Cell text is kept as the server sent
/// it — no locale formatting — so what is pasted is what PostgreSQL would read back.
/// Cost is linear in the cells (~100,000 cells in a few milliseconds); it may run on any thread.
/// @code
/// const QString tsv = formatCells(rows, {0, 1, 2}, {0, 2}, CopyFormat::Tsv, {.headers = true});
/// @endcode
QString formatCells(const CellSource &source, std::span<const qint64> rows, std::span<const int> columns,
                    CopyFormat format, const CopyOptions &options = {});

} // namespace tusk::exporting
