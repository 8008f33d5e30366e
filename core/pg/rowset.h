#pragma once

#include "pg/resultchunk.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace tusk::pg {

/// The complete rows of one small result — what Session::query() and queryBatch() deliver, and
/// what catalog queries are read from — by column name or position. Keeps the session's compact
/// chunks and makes a QString only for a cell that is read. A statement without rows (UPDATE,
/// SET, …) gives a RowSet without columns whose commandTag() and rowsAffected() say what it did.
class RowSet
{
public:
    void setColumns(const Columns &columns) { m_columns = columns; }
    void append(const ResultChunk &chunk);
    void setCommand(const QString &commandTag, qint64 rowsAffected);

    int rowCount() const { return m_rows; }
    int columnCount() const { return m_columns ? int(m_columns->size()) : 0; }
    const Columns &columns() const { return m_columns; }
    /// The column's position, or -1 when the query has no such column.
    int column(QStringView name) const;
    /// "SELECT 3", "UPDATE 2", "SET".
    QString commandTag() const { return m_commandTag; }
    /// Rows an INSERT/UPDATE/DELETE/MERGE/COPY touched; -1 for other statements.
    qint64 rowsAffected() const { return m_rowsAffected; }
    /// In a queryBatch(): microseconds from the end of the statement before (or from sending,
    /// for the first) to the end of this one — in a pipeline, close to what this statement cost
    /// the server. -1 when not measured.
    qint64 elapsedMicros() const { return m_elapsedMicros; }
    void setElapsedMicros(qint64 micros) { m_elapsedMicros = micros; }

    /// The cell's text; a null QString for NULL or an unknown column.
    QString text(int row, QStringView column) const;
    QString text(int row, int column) const;
    bool isNull(int row, QStringView column) const;
    bool isNull(int row, int column) const;
    /// The cell as an integer, or fallback for NULL and non-numbers (float text is rounded).
    qint64 number(int row, QStringView column, qint64 fallback = -1) const;
    /// PostgreSQL's boolean text ("t"/"f").
    bool flag(int row, QStringView column) const;
    /// A text[] cell, e.g. `{a,"b c"}`, as a list (NULL elements become null QStrings).
    QStringList array(int row, QStringView column) const;

private:
    /// The chunk holding row and the row's index inside it.
    std::pair<const ResultChunk *, int> locate(int row) const;

    Columns m_columns;
    QList<ResultChunk> m_chunks;
    QList<int> m_starts; // first row of each chunk
    int m_rows = 0;
    QString m_commandTag;
    qint64 m_rowsAffected = -1;
    qint64 m_elapsedMicros = -1;
};

} // namespace tusk::pg

Q_DECLARE_METATYPE(tusk::pg::RowSet)
