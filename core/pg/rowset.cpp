#include "pg/rowset.h"

#include <algorithm>
#include <cmath>

namespace tusk::pg {

void RowSet::append(const ResultChunk &chunk)
{
    if (chunk.isEmpty())
        return;
    m_starts << m_rows;
    m_chunks << chunk;
    m_rows += chunk.rowCount();
}

void RowSet::setCommand(const QString &commandTag, qint64 rowsAffected)
{
    m_commandTag = commandTag;
    m_rowsAffected = rowsAffected;
}

int RowSet::column(QStringView name) const
{
    if (!m_columns)
        return -1;
    for (qsizetype i = 0; i < m_columns->size(); ++i) {
        if (m_columns->at(i).name == name)
            return int(i);
    }
    return -1;
}

std::pair<const ResultChunk *, int> RowSet::locate(int row) const
{
    if (row < 0 || row >= m_rows)
        return {nullptr, 0};
    // The last chunk that starts at or before row.
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), row) - 1;
    const qsizetype i = it - m_starts.cbegin();
    return {&m_chunks[i], row - *it};
}

QString RowSet::text(int row, QStringView columnName) const
{
    return text(row, column(columnName));
}

QString RowSet::text(int row, int c) const
{
    const auto [chunk, r] = locate(row);
    if (c < 0 || c >= columnCount() || !chunk)
        return {};
    return chunk->text(r, c);
}

bool RowSet::isNull(int row, QStringView columnName) const
{
    return isNull(row, column(columnName));
}

bool RowSet::isNull(int row, int c) const
{
    const auto [chunk, r] = locate(row);
    return c < 0 || c >= columnCount() || !chunk || chunk->isNull(r, c);
}

qint64 RowSet::number(int row, QStringView columnName, qint64 fallback) const
{
    const QString t = text(row, columnName);
    if (t.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 v = t.toLongLong(&ok);
    if (ok)
        return v;
    // reltuples is a float4 ("1.2e+06").
    const double d = t.toDouble(&ok);
    return ok && std::isfinite(d) ? qint64(std::llround(d)) : fallback;
}

bool RowSet::flag(int row, QStringView columnName) const
{
    return text(row, columnName) == u't';
}

QStringList RowSet::array(int row, QStringView columnName) const
{
    // PostgreSQL's array output: {a,"b c","d\"e",NULL}; one dimension is all the catalog uses.
    const QString t = text(row, columnName);
    QStringList out;
    if (t.size() < 2 || t.front() != u'{' || t.back() != u'}')
        return out;
    QString current;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 1; i < t.size() - 1; ++i) {
        const QChar c = t[i];
        if (quoted) {
            if (c == u'\\' && i + 1 < t.size() - 1)
                current += t[++i];
            else if (c == u'"')
                quoted = false;
            else
                current += c;
        } else if (c == u'"') {
            quoted = wasQuoted = true;
        } else if (c == u',') {
            out << (!wasQuoted && current == QLatin1String("NULL") ? QString() : current);
            current.clear();
            wasQuoted = false;
        } else {
            current += c;
        }
    }
    if (t.size() > 2)
        out << (!wasQuoted && current == QLatin1String("NULL") ? QString() : current);
    return out;
}

} // namespace tusk::pg
