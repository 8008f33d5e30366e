#include "pg/quoting.h"

#include <QByteArray>

#include <algorithm>
#include <array>
#include <string_view>

namespace tusk::pg {

namespace {

// Keywords that are not UNRESERVED in PostgreSQL 15's kwlist.h, plus the ones later releases
// added (quoting one word too many is harmless, one too few is a syntax error). Sorted.
constexpr std::array<std::string_view, 164> kQuotedKeywords = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
};

bool isSafeBareIdentifier(QStringView name)
{
    if (name.isEmpty())
        return false;
    const QChar first = name.front();
    if (!((first >= u'a' && first <= u'z') || first == u'_'))
        return false;
    for (QChar c : name) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    }
    return true;
}

} // namespace

bool isNonUnreservedKeyword(QStringView lowerCaseWord)
{
    if (lowerCaseWord.size() > 32)
        return false;
    const QByteArray latin = lowerCaseWord.toLatin1();
    const std::string_view word(latin.constData(), size_t(latin.size()));
    return std::binary_search(kQuotedKeywords.begin(), kQuotedKeywords.end(), word);
}

QString quoteIdentifier(QStringView name)
{
    QString out;
    out.reserve(name.size() + 2);
    out += u'"';
    for (QChar c : name) {
        if (c == u'"')
            out += u'"';
        out += c;
    }
    out += u'"';
    return out;
}

QString quoteIdentifierIfNeeded(QStringView name)
{
    if (isSafeBareIdentifier(name) && !isNonUnreservedKeyword(name))
        return name.toString();
    return quoteIdentifier(name);
}

QString qualifiedName(QStringView schema, QStringView name)
{
    if (schema.isEmpty())
        return quoteIdentifierIfNeeded(name);
    return quoteIdentifierIfNeeded(schema) + u'.' + quoteIdentifierIfNeeded(name);
}

QString quoteLiteral(QStringView value)
{
    const bool hasBackslash = value.contains(u'\\');
    QString out;
    out.reserve(value.size() + 3);
    // Like PQescapeLiteral: the E'' form doubles backslashes, so the literal means the same
    // with standard_conforming_strings on or off.
    if (hasBackslash)
        out += u'E';
    out += u'\'';
    for (QChar c : value) {
        if (c == u'\'' || (hasBackslash && c == u'\\'))
            out += c;
        out += c;
    }
    out += u'\'';
    return out;
}

QString quoteNullableLiteral(const QString &value)
{
    return value.isNull() ? QStringLiteral("NULL") : quoteLiteral(value);
}

bool containsNul(QStringView value)
{
    return value.contains(QChar(0));
}

bool isIdentifierTooLong(QStringView name)
{
    return name.toUtf8().size() > kMaxIdentifierBytes;
}

QString truncatedIdentifier(QStringView name)
{
    const QByteArray utf8 = name.toUtf8();
    if (utf8.size() <= kMaxIdentifierBytes)
        return name.toString();
    int cut = kMaxIdentifierBytes;
    // Step back over continuation bytes so no character is split (the server's pg_mbcliplen).
    while (cut > 0 && (uchar(utf8[cut]) & 0xC0) == 0x80)
        --cut;
    return QString::fromUtf8(utf8.constData(), cut);
}

} // namespace tusk::pg
