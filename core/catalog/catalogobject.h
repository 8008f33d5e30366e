#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace tusk::catalog {

Q_NAMESPACE

/// What a node of the object tree is. Folder nodes group children of one kind (their contentKind).
enum class ObjectKind {
    Server, ///< the invisible root: one per connection
    Database,
    Schema,
    Folder,
    Table,
    PartitionedTable,
    Partition,
    View,
    MaterializedView,
    ForeignTable,
    Index,
    Sequence,
    Function,
    Procedure,
    Aggregate,
    Type,
    Role,
    Tablespace,
    Extension,
    Column,
};
Q_ENUM_NS(ObjectKind)

/// One database object as the catalog describes it: a plain value, cheap to copy.
///
/// Which fields are filled depends on the kind: size and rowEstimate for relations, extra for
/// details that identify or describe the object (a partition's bound, a function's identity
/// arguments, an index's definition, a column's type). Unknown numbers are -1.
struct CatalogObject
{
    ObjectKind kind = ObjectKind::Server;
    ObjectKind contentKind = ObjectKind::Server; ///< for folders: the kind of their children
    quint32 oid = 0;                             ///< for columns: the table's oid
    quint32 parentOid = 0; ///< schema of a schema folder, relation of a Columns/Indexes folder
    int subId = 0;         ///< for columns: the attribute number
    QString database;      ///< the database the object lives in; empty for server-wide objects
    QString schema;        ///< namespace of schema-level objects (and of folders inside a schema)
    QString name;
    QString owner;
    QString comment;
    QString extra;              ///< partition bound, function arguments, index definition, column type…
    qint64 sizeBytes = -1;      ///< on-disk size including TOAST and indexes where that applies
    qint64 rowEstimate = -1;    ///< the planner's estimate (pg_class.reltuples), -1 when never analysed
    int childCount = -1;        ///< for folders: how many objects they hold
    bool isCurrent = false;     ///< for databases: the one the main session is connected to
    bool isPartitioned = false; ///< for partitions: itself partitioned (sub-partitions below)

    /// `schema.name` quoted as needed (through pg/quoting.h); just the name for global objects.
    QString qualifiedName() const;
    /// The text a tree shows: the name, a function with its arguments, a folder with its count.
    QString displayName() const;
    /// True for kinds that have columns (tables, partitions, views, matviews, foreign tables).
    bool isRelation() const;
    bool isFolder() const { return kind == ObjectKind::Folder; }

    friend bool operator==(const CatalogObject &, const CatalogObject &) = default;
};

/// A stable lower-case code for a kind ("table", "partitioned_table", …), used in catalog queries.
QString kindCode(ObjectKind kind);
/// The inverse of kindCode(); Server for an unknown code.
ObjectKind kindFromCode(QStringView code);
/// The singular, human name of a kind ("materialized view").
QString kindName(ObjectKind kind);
/// The title of a folder holding objects of this kind ("Materialized Views").
QString folderTitle(ObjectKind contentKind);

} // namespace tusk::catalog

Q_DECLARE_METATYPE(tusk::catalog::CatalogObject)
