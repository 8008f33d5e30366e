#include "export/rowwriter.h"

#include <cstring>

namespace tusk::exporting {

namespace {
constexpr qsizetype kFlushAt = 1 << 20;

bool isJsonNumber(QByteArrayView v)
{
    // The server's numeric text is JSON-compatible except NaN / Infinity.
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+'))
            return false;
    }
    return true;
}
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
                writeCsvField(name);
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
            const QByteArray name = columns->at(c).name.toUtf8();
            std::swap(m_buffer, key);
            writeJsonString(name);
            std::swap(m_buffer, key);
            m_jsonKeys << key + ':';
            const quint32 oid = columns->at(c).typeOid;
            JsonKind kind = JsonKind::String;
            if (oid == 16)
                kind = JsonKind::Bool;
            else if (oid == 114 || oid == 3802)
                kind = JsonKind::Raw;
            else if (columns->at(c).isNumeric() && oid != 790)
                kind = JsonKind::Number;
            m_jsonKinds << kind;
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
                    writeCsvField(chunk.bytes(r, c));
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
                    writeJsonValue(c, chunk.bytes(r, c));
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

void RowWriter::writeCsvField(QByteArrayView v)
{
    bool quote = v.isEmpty(); // "" keeps the empty string apart from NULL
    for (char c : v) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        m_buffer.append(v.data(), v.size());
        return;
    }
    m_buffer += '"';
    const char *p = v.data();
    const char *end = p + v.size();
    while (p < end) {
        const char *q = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!q) {
            m_buffer.append(p, end - p);
            break;
        }
        m_buffer.append(p, q - p + 1);
        m_buffer += '"';
        p = q + 1;
    }
    m_buffer += '"';
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

void RowWriter::writeJsonString(QByteArrayView v)
{
    static const char hex[] = "0123456789abcdef";
    m_buffer += '"';
    for (char ch : v) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            m_buffer += '\\';
            m_buffer += char(c);
        } else if (c == '\n') {
            m_buffer += "\\n";
        } else if (c == '\r') {
            m_buffer += "\\r";
        } else if (c == '\t') {
            m_buffer += "\\t";
        } else if (c < 0x20) {
            m_buffer += "\\u00";
            m_buffer += hex[c >> 4];
            m_buffer += hex[c & 15];
        } else {
            m_buffer += char(c);
        }
    }
    m_buffer += '"';
}

void RowWriter::writeJsonValue(int column, QByteArrayView v)
{
    switch (m_jsonKinds[column]) {
    case JsonKind::Bool:
        m_buffer += (v == "t") ? "true" : "false";
        return;
    case JsonKind::Raw:
        m_buffer.append(v.data(), v.size());
        return;
    case JsonKind::Number:
        if (isJsonNumber(v)) {
            m_buffer.append(v.data(), v.size());
            return;
        }
        break;
    case JsonKind::String:
        break;
    }
    writeJsonString(v);
}

} // namespace tusk::exporting
