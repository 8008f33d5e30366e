#include "catalog/catalogobject.h"

#include "pg/quoting.h"

#include <QCoreApplication>

#include <array>

namespace tusk::catalog {

namespace {

struct KindInfo
{
    ObjectKind kind;
    const char *code;
    const char *name;   // singular, for tooltips and messages
    const char *folder; // title of a folder of such objects
};

// One row per kind, in enum order; the strings go through tr() at the call site.
constexpr std::array<KindInfo, 20> kKinds = {{
    {ObjectKind::Server, "server", QT_TRANSLATE_NOOP("tusk::catalog", "server"), ""},
    {ObjectKind::Database, "database", QT_TRANSLATE_NOOP("tusk::catalog", "database"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Databases")},
    {ObjectKind::Schema, "schema", QT_TRANSLATE_NOOP("tusk::catalog", "schema"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Schemas")},
    {ObjectKind::Folder, "folder", QT_TRANSLATE_NOOP("tusk::catalog", "folder"), ""},
    {ObjectKind::Table, "table", QT_TRANSLATE_NOOP("tusk::catalog", "table"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Tables")},
    {ObjectKind::PartitionedTable, "partitioned_table",
     QT_TRANSLATE_NOOP("tusk::catalog", "partitioned table"), QT_TRANSLATE_NOOP("tusk::catalog", "Tables")},
    {ObjectKind::Partition, "partition", QT_TRANSLATE_NOOP("tusk::catalog", "partition"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Partitions")},
    {ObjectKind::View, "view", QT_TRANSLATE_NOOP("tusk::catalog", "view"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Views")},
    {ObjectKind::MaterializedView, "matview", QT_TRANSLATE_NOOP("tusk::catalog", "materialized view"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Materialized Views")},
    {ObjectKind::ForeignTable, "foreign_table", QT_TRANSLATE_NOOP("tusk::catalog", "foreign table"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Foreign Tables")},
    {ObjectKind::Index, "index", QT_TRANSLATE_NOOP("tusk::catalog", "index"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Indexes")},
    {ObjectKind::Sequence, "sequence", QT_TRANSLATE_NOOP("tusk::catalog", "sequence"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Sequences")},
    {ObjectKind::Function, "function", QT_TRANSLATE_NOOP("tusk::catalog", "function"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Functions")},
    {ObjectKind::Procedure, "procedure", QT_TRANSLATE_NOOP("tusk::catalog", "procedure"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Procedures")},
    {ObjectKind::Aggregate, "aggregate", QT_TRANSLATE_NOOP("tusk::catalog", "aggregate"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Aggregates")},
    {ObjectKind::Type, "type", QT_TRANSLATE_NOOP("tusk::catalog", "type"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Types")},
    {ObjectKind::Role, "role", QT_TRANSLATE_NOOP("tusk::catalog", "role"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Roles")},
    {ObjectKind::Tablespace, "tablespace", QT_TRANSLATE_NOOP("tusk::catalog", "tablespace"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Tablespaces")},
    {ObjectKind::Extension, "extension", QT_TRANSLATE_NOOP("tusk::catalog", "extension"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Extensions")},
    {ObjectKind::Column, "column", QT_TRANSLATE_NOOP("tusk::catalog", "column"),
     QT_TRANSLATE_NOOP("tusk::catalog", "Columns")},
}};

const KindInfo &info(ObjectKind kind)
{
    return kKinds[size_t(kind)];
}

} // namespace

QString kindCode(ObjectKind kind)
{
    return QString::fromLatin1(info(kind).code);
}

ObjectKind kindFromCode(QStringView code)
{
    for (const KindInfo &k : kKinds) {
        if (code == QLatin1String(k.code))
            return k.kind;
    }
    return ObjectKind::Server;
}

QString kindName(ObjectKind kind)
{
    return QCoreApplication::translate("tusk::catalog", info(kind).name);
}

QString folderTitle(ObjectKind contentKind)
{
    return QCoreApplication::translate("tusk::catalog", info(contentKind).folder);
}

QString CatalogObject::qualifiedName() const
{
    switch (kind) {
    case ObjectKind::Server:
    case ObjectKind::Folder:
        return {};
    case ObjectKind::Database:
    case ObjectKind::Schema:
    case ObjectKind::Role:
    case ObjectKind::Tablespace:
    case ObjectKind::Extension:
    case ObjectKind::Column:
        // Global objects, schemas and extensions have no schema prefix; a column is named on its own.
        return pg::quoteIdentifierIfNeeded(name);
    default:
        return pg::qualifiedName(schema, name);
    }
}

QString CatalogObject::displayName() const
{
    switch (kind) {
    case ObjectKind::Folder:
        return childCount >= 0 ? QStringLiteral("%1 (%2)").arg(folderTitle(contentKind)).arg(childCount)
                               : folderTitle(contentKind);
    case ObjectKind::Function:
    case ObjectKind::Procedure:
    case ObjectKind::Aggregate:
        // Overloads differ only by their arguments: show them.
        return name + u'(' + extra + u')';
    default:
        return name;
    }
}

bool CatalogObject::isRelation() const
{
    switch (kind) {
    case ObjectKind::Table:
    case ObjectKind::PartitionedTable:
    case ObjectKind::Partition:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::ForeignTable:
        return true;
    default:
        return false;
    }
}

} // namespace tusk::catalog
