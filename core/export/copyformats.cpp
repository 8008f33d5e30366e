#include "export/copyformats.h"

#include "export/escaping.h"
#include "pg/quoting.h"

#include <QByteArray>
#include <QVector>

namespace tusk::exporting {

namespace {

constexpr qint64 kProgressEvery = 4096;
constexpr qint64 kRowsPerInsert = 1000;

/// One formatting run: the output buffer, the selection and the progress hook.
class CellWriter
{
public:
    CellWriter(const CellSource &source, std::span<const qint64> rows, std::span<const int> columns,
               const CopyOptions &options)
        : m_source(source)
        , m_rows(rows)
        , m_columns(columns)
        , m_options(options)
    {
        // A guess that avoids most regrowth: ~10 bytes per cell.
        m_out.reserve(qsizetype(
            std::min<qint64>(qint64(rows.size()) * qint64(columns.size()) * 10 + 256, qint64(64) << 20)));
    }

    bool writeTsv();
    bool writeCsv();
    bool writeJson();
    bool writeMarkdown();
    bool writeInsert();
    const QByteArray &output() const { return m_out; }

private:
    QByteArray name(int column) const { return m_source.column(column).name.toUtf8(); }
    /// Reports progress after row `i`; false when the caller asked to stop.
    bool rowDone(qint64 i) const
    {
        return !m_options.progress || (i + 1) % kProgressEvery != 0 || m_options.progress(i + 1);
    }
    void appendTsvField(QByteArrayView v);
    void appendMarkdownCell(QByteArrayView v);
    void appendSqlValue(const pg::Column &column, QByteArrayView v);

    const CellSource &m_source;
    std::span<const qint64> m_rows;
    std::span<const int> m_columns;
    const CopyOptions &m_options;
    QByteArray m_out;
};

void CellWriter::appendTsvField(QByteArrayView v)
{
    // What Excel does on copy: a cell with a tab or line break is quoted with inner quotes
    // doubled; so is one starting with a quote, which a spreadsheet would otherwise take for
    // an opening quote on paste. Any other quote is plain text.
    bool quote = !v.isEmpty() && v.front() == '"';
    for (char c : v) {
        if (c == '\t' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        m_out.append(v.data(), v.size());
        return;
    }
    m_out += '"';
    for (char c : v) {
        if (c == '"')
            m_out += '"';
        m_out += c;
    }
    m_out += '"';
}

bool CellWriter::writeTsv()
{
    if (m_options.headers) {
        for (size_t c = 0; c < m_columns.size(); ++c) {
            if (c > 0)
                m_out += '\t';
            appendTsvField(name(m_columns[c]));
        }
    }
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (i > 0 || m_options.headers)
            m_out += '\n';
        for (size_t c = 0; c < m_columns.size(); ++c) {
            if (c > 0)
                m_out += '\t';
            // NULL is an empty cell: "\N" or "NULL" would paste as text into a spreadsheet.
            if (!m_source.isNull(m_rows[i], m_columns[c]))
                appendTsvField(m_source.bytes(m_rows[i], m_columns[c]));
        }
        if (!rowDone(qint64(i)))
            return false;
    }
    return true;
}

bool CellWriter::writeCsv()
{
    if (m_options.headers) {
        for (size_t c = 0; c < m_columns.size(); ++c) {
            if (c > 0)
                m_out += ',';
            appendCsvField(m_out, name(m_columns[c]));
        }
    }
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (i > 0 || m_options.headers)
            m_out += "\r\n";
        for (size_t c = 0; c < m_columns.size(); ++c) {
            if (c > 0)
                m_out += ',';
            if (!m_source.isNull(m_rows[i], m_columns[c]))
                appendCsvField(m_out, m_source.bytes(m_rows[i], m_columns[c]));
        }
        if (!rowDone(qint64(i)))
            return false;
    }
    return true;
}

bool CellWriter::writeJson()
{
    QVector<QByteArray> keys;
    QVector<JsonKind> kinds;
    for (int column : m_columns) {
        QByteArray key;
        appendJsonString(key, name(column));
        keys << key + ':';
        kinds << jsonKindOf(m_source.column(column));
    }
    m_out += '[';
    for (size_t i = 0; i < m_rows.size(); ++i) {
        m_out += i > 0 ? ",\n{" : "\n{";
        for (size_t c = 0; c < m_columns.size(); ++c) {
            if (c > 0)
                m_out += ',';
            m_out += keys[qsizetype(c)];
            if (m_source.isNull(m_rows[i], m_columns[c]))
                m_out += "null";
            else
                appendJsonValue(m_out, kinds[qsizetype(c)], m_source.bytes(m_rows[i], m_columns[c]));
        }
        m_out += '}';
        if (!rowDone(qint64(i)))
            return false;
    }
    m_out += m_rows.empty() ? "]" : "\n]";
    return true;
}

void CellWriter::appendMarkdownCell(QByteArrayView v)
{
    // A table row is one line: line breaks become <br>, and `|` would end the cell.
    for (qsizetype i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '|')
            m_out += "\\|";
        else if (c == '\n')
            m_out += "<br>";
        else if (c == '\r')
            m_out += (i + 1 < v.size() && v[i + 1] == '\n') ? "" : "<br>";
        else
            m_out += c;
    }
}

bool CellWriter::writeMarkdown()
{
    if (m_columns.empty())
        return true;
    m_out += '|';
    for (int column : m_columns) {
        m_out += ' ';
        appendMarkdownCell(name(column));
        m_out += " |";
    }
    m_out += "\n|";
    for (int column : m_columns)
        m_out += m_source.column(column).isNumeric() ? " ---: |" : " --- |";
    for (size_t i = 0; i < m_rows.size(); ++i) {
        m_out += "\n|";
        for (int column : m_columns) {
            m_out += ' ';
            if (m_source.isNull(m_rows[i], column))
                m_out += "NULL";
            else
                appendMarkdownCell(m_source.bytes(m_rows[i], column));
            m_out += " |";
        }
        if (!rowDone(qint64(i)))
            return false;
    }
    return true;
}

void CellWriter::appendSqlValue(const pg::Column &column, QByteArrayView v)
{
    switch (jsonKindOf(column)) {
    case JsonKind::Number:
        // The server's text of a number is a valid SQL numeric literal; NaN and Infinity are not
        // and go quoted ('NaN' casts back to the column's type).
        if (isJsonNumber(v)) {
            m_out.append(v.data(), v.size());
            return;
        }
        break;
    case JsonKind::Bool:
        m_out += v == "t" ? "true" : "false";
        return;
    case JsonKind::Raw:
    case JsonKind::String:
        break;
    }
    m_out += pg::quoteLiteral(QString::fromUtf8(v.data(), v.size())).toUtf8();
}

bool CellWriter::writeInsert()
{
    if (m_columns.empty() || m_rows.empty())
        return true;
    const QString table = m_options.table.isEmpty() ? QStringLiteral("table_name") : m_options.table;
    QByteArray head = "INSERT INTO " + pg::qualifiedName(m_options.schema, table).toUtf8() + " (";
    for (size_t c = 0; c < m_columns.size(); ++c) {
        if (c > 0)
            head += ", ";
        head += pg::quoteIdentifierIfNeeded(m_source.column(m_columns[c]).name).toUtf8();
    }
    head += ") VALUES\n";
    for (size_t i = 0; i < m_rows.size(); ++i) {
        // Statements of at most kRowsPerInsert rows: a million-row VALUES list is one huge
        // parse tree on the server and one huge error if a single row is rejected.
        if (qint64(i) % kRowsPerInsert == 0)
            m_out += i == 0 ? head : ";\n" + head;
        else
            m_out += ",\n";
        m_out += '(';
        for (size_t c = 0; c < m_columns.size(); ++c) {
            if (c > 0)
                m_out += ", ";
            if (m_source.isNull(m_rows[i], m_columns[c]))
                m_out += "NULL";
            else
                appendSqlValue(m_source.column(m_columns[c]), m_source.bytes(m_rows[i], m_columns[c]));
        }
        m_out += ')';
        if (!rowDone(qint64(i)))
            return false;
    }
    m_out += ';';
    return true;
}

} // namespace

QString formatCells(const CellSource &source, std::span<const qint64> rows, std::span<const int> columns,
                    CopyFormat format, const CopyOptions &options)
{
    CellWriter writer(source, rows, columns, options);
    bool completed = false;
    switch (format) {
    case CopyFormat::Tsv:
        completed = writer.writeTsv();
        break;
    case CopyFormat::Csv:
        completed = writer.writeCsv();
        break;
    case CopyFormat::Json:
        completed = writer.writeJson();
        break;
    case CopyFormat::Markdown:
        completed = writer.writeMarkdown();
        break;
    case CopyFormat::SqlInsert:
        completed = writer.writeInsert();
        break;
    }
    if (!completed)
        return {};
    // One conversion at the end: cells stay bytes until here.
    QString text = QString::fromUtf8(writer.output());
    if (text.isNull())
        text = QStringLiteral(""); // an empty selection is an empty text, not a cancelled copy
    return text;
}

} // namespace tusk::exporting
