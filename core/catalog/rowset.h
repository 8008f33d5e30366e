#pragma once

#include "pg/resultchunk.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tusk::catalog {

/// The complete rows of one catalog query: the chunks a Session delivered, read by column name.
/// Catalog results are small; this keeps the session's compact chunks and makes a QString only
/// for a cell that is read.
class RowSet
{
public:
    void setColumns(const pg::Columns &columns) { m_columns = columns; }
    void append(const pg::ResultChunk &chunk);

    int rowCount() const { return m_rows; }
    /// The column's position, or -1 when the query has no such column.
    int column(QStringView name) const;

    /// The cell's text; a null QString for NULL or an unknown column.
    QString text(int row, QStringView column) const;
    bool isNull(int row, QStringView column) const;
    /// The cell as an integer, or fallback for NULL and non-numbers (float text is rounded).
    qint64 number(int row, QStringView column, qint64 fallback = -1) const;
    /// PostgreSQL's boolean text ("t"/"f").
    bool flag(int row, QStringView column) const;
    /// A text[] cell, e.g. `{a,"b c"}`, as a list (NULL elements become null QStrings).
    QStringList array(int row, QStringView column) const;

private:
    /// The chunk holding row and the row's index inside it.
    std::pair<const pg::ResultChunk *, int> locate(int row) const;

    pg::Columns m_columns;
    QList<pg::ResultChunk> m_chunks;
    QList<int> m_starts; // first row of each chunk
    int m_rows = 0;
};

} // namespace tusk::catalog
