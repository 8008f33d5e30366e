#include "export/escaping.h"

#include <cstring>

namespace tusk::exporting {

JsonKind jsonKindOf(const pg::Column &column)
{
    switch (column.typeOid) {
    case 16: // bool
        return JsonKind::Bool;
    case 114:  // json
    case 3802: // jsonb
        return JsonKind::Raw;
    case 790: // money: its text carries a currency symbol and separators
        return JsonKind::String;
    default:
        return column.isNumeric() ? JsonKind::Number : JsonKind::String;
    }
}

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

void appendCsvField(QByteArray &out, QByteArrayView v)
{
    bool quote = v.isEmpty(); // "" keeps the empty string apart from NULL
    for (char c : v) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(v.data(), v.size());
        return;
    }
    out += '"';
    const char *p = v.data();
    const char *end = p + v.size();
    while (p < end) {
        const char *q = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!q) {
            out.append(p, end - p);
            break;
        }
        out.append(p, q - p + 1);
        out += '"';
        p = q + 1;
    }
    out += '"';
}

void appendJsonString(QByteArray &out, QByteArrayView v)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (char ch : v) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += char(c);
        }
    }
    out += '"';
}

void appendJsonValue(QByteArray &out, JsonKind kind, QByteArrayView v)
{
    switch (kind) {
    case JsonKind::Bool:
        out += (v == "t") ? "true" : "false";
        return;
    case JsonKind::Raw:
        out.append(v.data(), v.size());
        return;
    case JsonKind::Number:
        if (isJsonNumber(v)) {
            out.append(v.data(), v.size());
            return;
        }
        break;
    case JsonKind::String:
        break;
    }
    appendJsonString(out, v);
}

} // namespace tusk::exporting
