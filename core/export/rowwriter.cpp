#include "export/rowwriter.h"

namespace tusk::exporting {

namespace {
constexpr qsizetype kFlushAt = 1 << 20;
} // namespace

RowWriter::RowWriter(RowFormat format, Sink sink)
    : m_format(format)
    , m_sink(std::move(sink))
{
    m_buffer.reserve(kFlushAt + 64 * 1024);
}

RowWriter::~RowWriter()
{
    flush();
}

bool RowWriter::parseFormat(const QString &name, RowFormat *format)
{
    if (name == QLatin1String("csv"))
        *format = RowFormat::Csv;
    else if (name == QLatin1String("tsv"))
        *format = RowFormat::Tsv;
    else if (name == QLatin1String("json"))
        *format = RowFormat::Json;
    else
        return false;
    return true;
}

void RowWriter::flush()
{
    if (!m_buffer.isEmpty()) {
        m_sink(m_buffer.constData(), m_buffer.size());
        m_buffer.clear();
    }
}

void RowWriter::beginResult(const pg::Columns &columns)
{
    m_columns = columns;
    m_rowsInResult = 0;
    const int n = int(columns->size());
    switch (m_format) {
    case RowFormat::Csv:
    case RowFormat::Tsv: {
        if (m_resultsWritten > 0)
            m_buffer += m_format == RowFormat::Csv ? "\r\n" : "\n";
        for (int c = 0; c < n; ++c) {
            if (c > 0)
                m_buffer += m_format == RowFormat::Csv ? ',' : '\t';
            const QByteArray name = columns->at(c).name.toUtf8();
            if (m_format == RowFormat::Csv)
                appendCsvField(m_buffer, name);
            else
                writeTsvField(name);
        }
        m_buffer += m_format == RowFormat::Csv ? "\r\n" : "\n";
        break;
    }
    case RowFormat::Json:
        m_jsonKeys.clear();
        m_jsonKinds.clear();
        for (int c = 0; c < n; ++c) {
            QByteArray key;
            appendJsonString(key, columns->at(c).name.toUtf8());
            m_jsonKeys << key + ':';
            m_jsonKinds << jsonKindOf(columns->at(c));
        }
        m_buffer += m_resultsWritten > 0 ? ",\n[" : "[";
        break;
    }
}

void RowWriter::writeChunk(const pg::ResultChunk &chunk)
{
    const int cols = chunk.columnCount();
    for (int r = 0; r < chunk.rowCount(); ++r) {
        switch (m_format) {
        case RowFormat::Csv:
            for (int c = 0; c < cols; ++c) {
                if (c > 0)
                    m_buffer += ',';
                if (!chunk.isNull(r, c))
                    appendCsvField(m_buffer, chunk.bytes(r, c));
            }
            m_buffer += "\r\n";
            break;
        case RowFormat::Tsv:
            for (int c = 0; c < cols; ++c) {
                if (c > 0)
                    m_buffer += '\t';
                if (chunk.isNull(r, c))
                    m_buffer += "\\N";
                else
                    writeTsvField(chunk.bytes(r, c));
            }
            m_buffer += '\n';
            break;
        case RowFormat::Json:
            m_buffer += m_rowsInResult > 0 ? ",\n{" : "\n{";
            for (int c = 0; c < cols; ++c) {
                if (c > 0)
                    m_buffer += ',';
                m_buffer += m_jsonKeys[c];
                if (chunk.isNull(r, c))
                    m_buffer += "null";
                else
                    appendJsonValue(m_buffer, m_jsonKinds[c], chunk.bytes(r, c));
            }
            m_buffer += '}';
            break;
        }
        ++m_rowsInResult;
        if (m_buffer.size() >= kFlushAt)
            flush();
    }
}

void RowWriter::endResult()
{
    if (m_format == RowFormat::Json)
        m_buffer += m_rowsInResult > 0 ? "\n]\n" : "]\n";
    ++m_resultsWritten;
    flush();
}

void RowWriter::writeTsvField(QByteArrayView v)
{
    for (char c : v) {
        switch (c) {
        case '\\':
            m_buffer += "\\\\";
            break;
        case '\t':
            m_buffer += "\\t";
            break;
        case '\n':
            m_buffer += "\\n";
            break;
        case '\r':
            m_buffer += "\\r";
            break;
        default:
            m_buffer += c;
        }
    }
}

} // namespace tusk::exporting
