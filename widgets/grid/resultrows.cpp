#include "grid/resultrows.h"

#include <algorithm>

namespace tusk::widgets {

ResultRows::ResultRows()
    : m_columns(std::make_shared<const QVector<pg::Column>>())
{}

ResultRows::ResultRows(pg::Columns columns)
    : m_columns(columns ? std::move(columns) : std::make_shared<const QVector<pg::Column>>())
{}

void ResultRows::append(const pg::ResultChunk &chunk)
{
    // An empty chunk would give two chunks the same start and break the binary search.
    if (chunk.isEmpty())
        return;
    m_chunks.push_back(chunk);
    m_starts.push_back(m_rowCount);
    m_rowCount += chunk.rowCount();
    m_textSize += chunk.textSize();
}

ResultRows::Location ResultRows::locate(qint64 row) const
{
    // The last chunk whose first row is <= row.
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), row);
    const auto i = size_t(it - m_starts.begin()) - 1;
    return {&m_chunks[i], int(row - m_starts[i])};
}

bool ResultRows::isNull(qint64 row, int column) const
{
    const Location at = locate(row);
    return at.chunk->isNull(at.row, column);
}

QByteArrayView ResultRows::bytes(qint64 row, int column) const
{
    const Location at = locate(row);
    return at.chunk->bytes(at.row, column);
}

QString ResultRows::text(qint64 row, int column) const
{
    const Location at = locate(row);
    return at.chunk->text(at.row, column);
}

} // namespace tusk::widgets
