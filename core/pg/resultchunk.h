#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMetaType>
#include <QSharedData>
#include <QString>
#include <QVector>

#include <memory>

namespace tusk::pg {

/// One column of a result set, as described by the server.
struct Column
{
    QString name;
    quint32 typeOid = 0;
    int typeModifier = -1;
    quint32 tableOid = 0; ///< source table, 0 when computed
    int tableColumn = 0;  ///< attribute number in tableOid, 0 when computed
    /// True for types whose text should be right-aligned (int*, numeric, float*, oid, money).
    bool isNumeric() const;
};

using Columns = std::shared_ptr<const QVector<Column>>;

/// A block of rows kept compactly: one byte arena with the cells' text exactly as the server
/// sent it, and one 32-bit end offset per cell whose top bit marks NULL. About 4 bytes of
/// overhead per cell; a QString is made only when a cell is asked for as text.
/// Implicitly shared: copying a chunk (into a signal, a model) copies a pointer.
class ResultChunk
{
public:
    ResultChunk();
    explicit ResultChunk(int columnCount);

    int rowCount() const { return d->rows; }
    int columnCount() const { return d->columns; }
    bool isEmpty() const { return d->rows == 0; }
    /// Bytes held (arena + offsets), for memory accounting.
    qint64 byteSize() const
    {
        return d->arena.size() + qint64(d->ends.size()) * 4 + qint64(d->rowStarts.size()) * 4 +
               qint64(d->relEnds.size()) * 2;
    }
    /// Bytes of cell text alone.
    qint64 textSize() const { return d->arena.size(); }

    bool isNull(int row, int column) const
    {
        const qsizetype i = index(row, column);
        return d->wide ? (d->ends[i] & kNullBit) : (d->relEnds[i] & kRelNullBit);
    }
    /// The cell's bytes (UTF-8 text as sent by the server); empty for NULL.
    QByteArrayView bytes(int row, int column) const
    {
        const qsizetype i = index(row, column);
        if (!d->wide) {
            const quint32 base = d->rowStarts[size_t(row)];
            const quint32 begin = column == 0 ? 0 : (d->relEnds[i - 1] & ~kRelNullBit);
            const quint32 end = d->relEnds[i] & ~kRelNullBit;
            return QByteArrayView(d->arena.constData() + base + begin, end - begin);
        }
        const quint32 begin = i == 0 ? 0 : (d->ends[i - 1] & ~kNullBit);
        const quint32 end = d->ends[i] & ~kNullBit;
        return QByteArrayView(d->arena.constData() + begin, end - begin);
    }
    /// The cell as a QString; a null QString for NULL.
    QString text(int row, int column) const;

    // Building (used by the session worker, tests and tools).
    void reserve(qsizetype rows, qsizetype bytes);
    void appendCell(const char *data, int length) { appendCellImpl(data, length, false); }
    void appendNull() { appendCellImpl(nullptr, 0, true); }
    /// Call after the row's cells were appended.
    void finishRow()
    {
        ++d->rows;
        d->cellInRow = 0;
    }
    /// Frees the capacity reserved beyond what the cells use (once the chunk is complete).
    void squeeze();

private:
    static constexpr quint32 kNullBit = 0x80000000u;
    static constexpr quint16 kRelNullBit = 0x8000u;
    /// Longest row (in bytes) the compact layout can address.
    static constexpr quint32 kMaxCompactRow = 0x7fffu;
    qsizetype index(int row, int column) const { return qsizetype(row) * d->columns + column; }
    void appendCellImpl(const char *data, int length, bool null);
    /// Switches to 32-bit ends (a row longer than kMaxCompactRow arrived).
    void widen();

    // Two layouts of the cell boundaries. Compact (the usual case): where each row starts
    // (4 bytes a row) and each cell's end relative to its row (2 bytes a cell, top bit NULL),
    // so 1M rows x 10 columns cost 24 MB instead of 40. Wide, once any row is longer than
    // 32 KB: each cell's end in the arena (4 bytes a cell, top bit NULL).
    struct Data : QSharedData
    {
        QByteArray arena;
        std::vector<quint32> rowStarts;
        std::vector<quint16> relEnds;
        std::vector<quint32> ends;
        bool wide = false;
        int cellInRow = 0;
        int rows = 0;
        int columns = 0;
    };
    QExplicitlySharedDataPointer<Data> d;
};

/// Largest arena a chunk may hold before the builder starts a new one (the offsets are 31-bit).
inline constexpr qint64 kMaxChunkBytes = 256 * 1024 * 1024;

} // namespace tusk::pg

Q_DECLARE_METATYPE(tusk::pg::ResultChunk)
Q_DECLARE_METATYPE(tusk::pg::Columns)
