#include "pg/typenames.h"

#include <QLatin1StringView>

#include <algorithm>
#include <array>

namespace tusk::pg {

namespace {

struct KnownType
{
    quint32 oid;
    const char *name; // array types carry "[]"
};

// Built-in OIDs are fixed by pg_type.dat and the same in every PostgreSQL release. Sorted by OID.
constexpr std::array<KnownType, 99> kTypes = {{
    {16, "bool"},          {17, "bytea"},         {18, "char"},
    {19, "name"},          {20, "int8"},          {21, "int2"},
    {22, "int2vector"},    {23, "int4"},          {24, "regproc"},
    {25, "text"},          {26, "oid"},           {27, "tid"},
    {28, "xid"},           {29, "cid"},           {30, "oidvector"},
    {114, "json"},         {142, "xml"},          {143, "xml[]"},
    {194, "pg_node_tree"}, {199, "json[]"},       {600, "point"},
    {601, "lseg"},         {602, "path"},         {603, "box"},
    {604, "polygon"},      {628, "line"},         {650, "cidr"},
    {651, "cidr[]"},       {700, "float4"},       {701, "float8"},
    {718, "circle"},       {774, "macaddr8"},     {790, "money"},
    {791, "money[]"},      {829, "macaddr"},      {869, "inet"},
    {1000, "bool[]"},      {1001, "bytea[]"},     {1002, "char[]"},
    {1003, "name[]"},      {1005, "int2[]"},      {1007, "int4[]"},
    {1009, "text[]"},      {1014, "bpchar[]"},    {1015, "varchar[]"},
    {1016, "int8[]"},      {1021, "float4[]"},    {1022, "float8[]"},
    {1028, "oid[]"},       {1033, "aclitem"},     {1034, "aclitem[]"},
    {1040, "macaddr[]"},   {1041, "inet[]"},      {1042, "bpchar"},
    {1043, "varchar"},     {1082, "date"},        {1083, "time"},
    {1114, "timestamp"},   {1115, "timestamp[]"}, {1182, "date[]"},
    {1183, "time[]"},      {1184, "timestamptz"}, {1185, "timestamptz[]"},
    {1186, "interval"},    {1187, "interval[]"},  {1231, "numeric[]"},
    {1266, "timetz"},      {1270, "timetz[]"},    {1560, "bit"},
    {1561, "bit[]"},       {1562, "varbit"},      {1563, "varbit[]"},
    {1700, "numeric"},     {2205, "regclass"},    {2206, "regtype"},
    {2210, "regclass[]"},  {2211, "regtype[]"},   {2249, "record"},
    {2275, "cstring"},     {2278, "void"},        {2950, "uuid"},
    {2951, "uuid[]"},      {3220, "pg_lsn"},      {3221, "pg_lsn[]"},
    {3614, "tsvector"},    {3615, "tsquery"},     {3802, "jsonb"},
    {3807, "jsonb[]"},     {3904, "int4range"},   {3906, "numrange"},
    {3908, "tsrange"},     {3910, "tstzrange"},   {3912, "daterange"},
    {3926, "int8range"},   {4072, "jsonpath"},    {4089, "regnamespace"},
    {4096, "regrole"},     {5038, "pg_snapshot"}, {5069, "xid8"},
}};

/// The modifier as the server's format_type() shows it, or empty.
QString modifierText(quint32 oid, int typmod)
{
    if (typmod < 0)
        return {};
    switch (oid) {
    case 1700: { // numeric: ((precision << 16) | scale) + VARHDRSZ; PG 15 allows a negative scale
        if (typmod < 4)
            return {};
        const int packed = typmod - 4;
        const int precision = (packed >> 16) & 0xffff;
        const int scale = ((packed & 0x7ff) ^ 1024) - 1024;
        return QStringLiteral("(%1,%2)").arg(precision).arg(scale);
    }
    case 1042: // bpchar, varchar: length + VARHDRSZ
    case 1043:
        return typmod >= 4 ? QStringLiteral("(%1)").arg(typmod - 4) : QString();
    case 1560: // bit, varbit, time, timestamp(tz): the modifier is the length or precision
    case 1562:
    case 1083:
    case 1114:
    case 1184:
    case 1266:
        return QStringLiteral("(%1)").arg(typmod);
    default:
        return {};
    }
}

} // namespace

QString typeName(quint32 oid, int typeModifier)
{
    const auto it = std::lower_bound(kTypes.begin(), kTypes.end(), oid,
                                     [](const KnownType &t, quint32 o) { return t.oid < o; });
    if (it == kTypes.end() || it->oid != oid)
        return QStringLiteral("oid %1").arg(oid);
    return QLatin1StringView(it->name) + modifierText(oid, typeModifier);
}

} // namespace tusk::pg
