#include "pg/resultchunk.h"

#include <cstring>

namespace tusk::pg {

bool Column::isNumeric() const
{
    switch (typeOid) {
    case 20:   // int8
    case 21:   // int2
    case 23:   // int4
    case 26:   // oid
    case 700:  // float4
    case 701:  // float8
    case 790:  // money
    case 1700: // numeric
        return true;
    default:
        return false;
    }
}

ResultChunk::ResultChunk()
    : ResultChunk(0)
{}

ResultChunk::ResultChunk(int columnCount)
    : d(new Data)
{
    d->columns = columnCount;
}

QString ResultChunk::text(int row, int column) const
{
    if (isNull(row, column))
        return {};
    const QByteArrayView b = bytes(row, column);
    QString s = QString::fromUtf8(b.data(), b.size());
    if (s.isNull())
        s = QStringLiteral(""); // empty text is not NULL
    return s;
}

void ResultChunk::reserve(qsizetype rows, qsizetype bytes)
{
    d->ends.reserve(size_t(rows * d->columns));
    d->arena.reserve(bytes);
}

void ResultChunk::squeeze()
{
    // realloc() shrinks a large block in place, so the arena is not copied.
    d->arena.squeeze();
    if (d->ends.capacity() > d->ends.size() + d->ends.size() / 16)
        d->ends.shrink_to_fit();
}

void ResultChunk::appendCellImpl(const char *data, int length, bool null)
{
    if (length > 0)
        d->arena.append(data, length);
    const quint32 end = quint32(d->arena.size());
    d->ends.push_back(null ? (end | kNullBit) : end);
}

} // namespace tusk::pg
