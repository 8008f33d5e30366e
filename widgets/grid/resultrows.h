#pragma once

#include "export/copyformats.h"
#include "pg/resultchunk.h"

#include <vector>

namespace tusk::widgets {

/// The fetched rows of one result: its columns and the chunks that brought the rows, numbered
/// 0..rowCount()-1 across chunks (a row is found by binary search over the chunks' first rows).
/// Copying is cheap — chunks are implicitly shared and immutable once handed over — so a copy is
/// a snapshot a worker thread may read (to sort, filter or copy) while the original keeps growing
/// on the UI thread.
class ResultRows final : public exporting::CellSource
{
public:
    ResultRows();
    explicit ResultRows(pg::Columns columns);

    const pg::Columns &columns() const { return m_columns; }
    int columnCount() const override { return int(m_columns->size()); }
    const pg::Column &column(int column) const override { return m_columns->at(column); }

    qint64 rowCount() const { return m_rowCount; }
    /// Bytes of cell text held, for memory accounting.
    qint64 textSize() const { return m_textSize; }
    /// Adds a chunk's rows at the end; empty chunks are dropped.
    void append(const pg::ResultChunk &chunk);

    /// Where a row lives: its chunk and its index inside that chunk.
    struct Location
    {
        const pg::ResultChunk *chunk = nullptr;
        int row = 0;
    };
    Location locate(qint64 row) const;

    bool isNull(qint64 row, int column) const override;
    QByteArrayView bytes(qint64 row, int column) const override;
    /// The cell as a QString; a null QString for NULL.
    QString text(qint64 row, int column) const;

    int chunkCount() const { return int(m_chunks.size()); }
    const pg::ResultChunk &chunk(int i) const { return m_chunks[size_t(i)]; }
    qint64 chunkStart(int i) const { return m_starts[size_t(i)]; }

private:
    pg::Columns m_columns;
    std::vector<pg::ResultChunk> m_chunks;
    std::vector<qint64> m_starts; // number of each chunk's first row; strictly increasing
    qint64 m_rowCount = 0;
    qint64 m_textSize = 0;
};

} // namespace tusk::widgets
