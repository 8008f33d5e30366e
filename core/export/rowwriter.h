#pragma once

#include "export/escaping.h"
#include "pg/resultchunk.h"

#include <QByteArray>

#include <functional>

namespace tusk::exporting {

enum class RowFormat { Csv, Tsv, Json };

/// Streams result rows as CSV (RFC 4180: CRLF, header row, NULL as an empty unquoted field and
/// the empty string as ""), TSV (PostgreSQL COPY text: \N for NULL, backslash escapes) or JSON
/// (an array of objects; numbers, booleans and json/jsonb kept as JSON values).
/// Cell text is written exactly as the server sent it. Output goes to `sink` in ~1 MB blocks.
class RowWriter
{
public:
    using Sink = std::function<void(const char *data, qsizetype size)>;

    RowWriter(RowFormat format, Sink sink);
    ~RowWriter();

    /// Starts a result set (writes the header). Several result sets may follow each other.
    void beginResult(const pg::Columns &columns);
    void writeChunk(const pg::ResultChunk &chunk);
    void endResult();
    /// Flushes what is buffered to the sink.
    void flush();

    static bool parseFormat(const QString &name, RowFormat *format);

private:
    void writeTsvField(QByteArrayView v);

    RowFormat m_format;
    Sink m_sink;
    QByteArray m_buffer;
    pg::Columns m_columns;
    QVector<QByteArray> m_jsonKeys;
    QVector<JsonKind> m_jsonKinds;
    int m_resultsWritten = 0;
    qint64 m_rowsInResult = 0;
};

} // namespace tusk::exporting
