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
    if (d->wide) {
        d->ends.reserve(size_t(rows * d->columns));
    } else {
        d->rowStarts.reserve(size_t(rows));
        d->relEnds.reserve(size_t(rows * d->columns));
    }
    d->arena.reserve(bytes);
}

void ResultChunk::squeeze()
{
    // realloc() shrinks a large block in place, so the arena is not copied.
    d->arena.squeeze();
    const auto shrink = [](auto &v) {
        if (v.capacity() > v.size() + v.size() / 16)
            v.shrink_to_fit();
    };
    shrink(d->ends);
    shrink(d->rowStarts);
    shrink(d->relEnds);
}

void ResultChunk::widen()
{
    std::vector<quint32> ends;
    ends.reserve(d->relEnds.capacity());
    for (size_t i = 0; i < d->relEnds.size(); ++i) {
        const quint16 rel = d->relEnds[i];
        const quint32 end = d->rowStarts[i / size_t(d->columns)] + (rel & ~kRelNullBit);
        ends.push_back((rel & kRelNullBit) ? (end | kNullBit) : end);
    }
    d->ends = std::move(ends);
    d->rowStarts = {};
    d->relEnds = {};
    d->wide = true;
}

void ResultChunk::appendCellImpl(const char *data, int length, bool null)
{
    if (!d->wide && d->cellInRow == 0)
        d->rowStarts.push_back(quint32(d->arena.size()));
    if (length > 0)
        d->arena.append(data, length);
    ++d->cellInRow;
    const quint32 end = quint32(d->arena.size());
    if (!d->wide) {
        const quint32 rel = end - d->rowStarts.back();
        if (rel <= kMaxCompactRow) {
            d->relEnds.push_back(quint16(null ? (rel | kRelNullBit) : rel));
            return;
        }
        // This row is too long for 16 bits: the whole chunk takes the 32-bit layout. The cell
        // is not recorded yet, so widen() converts only complete cells.
        widen();
    }
    d->ends.push_back(null ? (end | kNullBit) : end);
}

} // namespace tusk::pg
