#include "catalog/catalogqueries.h"

namespace tusk::catalog {

namespace {

// The columns every listing returns, in this order (objects() reads them by name).
//   kind, oid, parent_oid, sub_id, schema, name, owner, comment, size_bytes, row_estimate, extra,
//   child_count, flag

QString systemSchemaFilter(const QString &column)
{
    return column + QStringLiteral(" !~ '^pg_(toast|temp)' AND ") + column +
           QStringLiteral(" NOT IN ('pg_catalog', 'information_schema')");
}

QString boolParam(bool value)
{
    return value ? QStringLiteral("t") : QStringLiteral("f");
}

/// `relispartition` exists since PG 10; before that nothing is a partition.
QString isPartition(int version, const QString &alias)
{
    return version >= 100000 ? alias + QStringLiteral(".relispartition") : QStringLiteral("false");
}

/// pg_proc.prokind exists since PG 11; older servers flag aggregates and window functions.
QString procKind(int version)
{
    return version >= 110000
               ? QStringLiteral("p.prokind")
               : QStringLiteral("CASE WHEN p.proisagg THEN 'a' WHEN p.proiswindow THEN 'w' ELSE 'f' END");
}

/// Size of a relation with TOAST and indexes; a partitioned table or index has no storage of its
/// own, so it is the sum over its leaves (pg_partition_tree: PG 12).
QString relationSize(int version)
{
    if (version < 120000)
        return QStringLiteral("CASE WHEN c.relkind IN ('p', 'I', 'v') THEN NULL "
                              "WHEN c.relkind = 'i' THEN pg_relation_size(c.oid) "
                              "ELSE pg_total_relation_size(c.oid) END");
    return QStringLiteral(
        "CASE WHEN c.relkind IN ('p', 'I') THEN (SELECT sum(pg_total_relation_size(t.relid))::int8 "
        "FROM pg_partition_tree(c.oid) t WHERE t.isleaf) "
        "WHEN c.relkind = 'v' THEN NULL "
        "WHEN c.relkind = 'i' THEN pg_relation_size(c.oid) "
        "ELSE pg_total_relation_size(c.oid) END");
}

/// Whether relation `alias` has a row estimate at all. reltuples is -1 until the first VACUUM or
/// ANALYZE since PG 14; before, it is 0 then as for an empty table, which has been vacuumed or
/// analysed (the statistics counters say so) or has pages.
QString hasEstimate(int version, const QString &alias)
{
    if (version >= 140000)
        return alias + QStringLiteral(".reltuples >= 0");
    return QStringLiteral("(%1.reltuples > 0 OR %1.relpages > 0 OR %1.relkind NOT IN ('r', 'm', 't', 'f') OR "
                          "pg_stat_get_analyze_count(%1.oid) + pg_stat_get_autoanalyze_count(%1.oid) + "
                          "pg_stat_get_vacuum_count(%1.oid) + pg_stat_get_autovacuum_count(%1.oid) > 0)")
        .arg(alias);
}

/// The planner's row estimate, NULL when there is none yet (see hasEstimate()); a partitioned
/// table's estimate is the sum over its leaves that have one.
QString rowEstimate(int version)
{
    const QString own = QStringLiteral("CASE WHEN ") + hasEstimate(version, QStringLiteral("c")) +
                        QStringLiteral(" THEN c.reltuples END");
    if (version < 120000)
        return QStringLiteral("CASE WHEN c.relkind IN ('p', 'I', 'v') THEN NULL ELSE ") + own +
               QStringLiteral(" END");
    return QStringLiteral("CASE WHEN c.relkind IN ('p', 'I') THEN (SELECT sum(l.reltuples) FILTER (WHERE ") +
           hasEstimate(version, QStringLiteral("l")) +
           QStringLiteral(") FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = "
                          "t.relid WHERE t.isleaf) WHEN c.relkind = 'v' THEN NULL ELSE ") +
           own + QStringLiteral(" END");
}

/// A listing of pg_class rows; kind, extra, flag, where and order are SQL fragments.
QString relationListing(int version, const QString &kind, const QString &extra, const QString &flag,
                        const QString &from, const QString &where, const QString &orderBy)
{
    return QStringLiteral("SELECT %1 AS kind, c.oid, c.relnamespace AS parent_oid, 0 AS sub_id, "
                          "n.nspname::text AS schema, c.relname::text AS name, "
                          "pg_get_userbyid(c.relowner)::text AS owner, obj_description(c.oid, 'pg_class') AS "
                          "comment, ")
               .arg(kind) +
           relationSize(version) + QStringLiteral(" AS size_bytes, ") + rowEstimate(version) +
           QStringLiteral(" AS row_estimate, ") + extra +
           QStringLiteral(" AS extra, NULL::int AS child_count, ") + flag + QStringLiteral(" AS flag FROM ") +
           from + QStringLiteral(" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ") + where +
           QStringLiteral(" ORDER BY ") + orderBy;
}

/// Folders with their counts; rows is a VALUES list of (code, position, count expression).
QString folderListing(const QString &from, const QString &parentOid, const QString &rows,
                      const QString &where)
{
    return QStringLiteral("SELECT 'folder' AS kind, 0::oid AS oid, %1 AS parent_oid, 0 AS sub_id, "
                          "n.nspname::text AS schema, f.code AS name, NULL::text AS owner, NULL::text AS "
                          "comment, NULL::int8 AS size_bytes, NULL::float8 AS row_estimate, NULL::text AS "
                          "extra, f.count::int AS child_count, false AS flag FROM %2, LATERAL (VALUES %3) AS "
                          "f(code, ord, count) WHERE %4 AND f.count > 0 ORDER BY f.ord")
        .arg(parentOid, from, rows, where);
}

CatalogQuery serverChildren(const CatalogQueries::Options &o)
{
    return {
        QStringLiteral(
            "SELECT 'database' AS kind, d.oid, 0::oid AS parent_oid, 0 AS sub_id, NULL::text AS schema, "
            "d.datname::text AS name, pg_get_userbyid(d.datdba)::text AS owner, "
            "shobj_description(d.oid, 'pg_database') AS comment, "
            // pg_database_size() wants CONNECT on the database: ask only where it is granted.
            "CASE WHEN has_database_privilege(d.oid, 'CONNECT') THEN pg_database_size(d.oid) END AS "
            "size_bytes, NULL::float8 AS row_estimate, pg_encoding_to_char(d.encoding)::text AS extra, "
            "NULL::int AS child_count, d.datname = current_database() AS flag, 1 AS sort_key "
            "FROM pg_database d WHERE d.datallowconn AND (NOT d.datistemplate OR $1::boolean) "
            "UNION ALL SELECT 'folder', 0::oid, 0::oid, 0, NULL, 'role', NULL, NULL, NULL, NULL, NULL, "
            "(SELECT count(*) FROM pg_roles r WHERE $1::boolean OR r.rolname !~ '^pg_')::int, false, 2 "
            "UNION ALL SELECT 'folder', 0::oid, 0::oid, 0, NULL, 'tablespace', NULL, NULL, NULL, NULL, NULL, "
            "(SELECT count(*) FROM pg_tablespace)::int, false, 3 "
            "ORDER BY sort_key, name"),
        {boolParam(o.showSystemObjects)}};
}

CatalogQuery databaseChildren(const CatalogQueries::Options &o)
{
    return {
        QStringLiteral("SELECT 'schema' AS kind, n.oid, 0::oid AS parent_oid, 0 AS sub_id, "
                       "n.nspname::text AS schema, n.nspname::text AS name, "
                       "pg_get_userbyid(n.nspowner)::text AS owner, obj_description(n.oid, 'pg_namespace') "
                       "AS comment, (SELECT sum(pg_total_relation_size(c.oid))::int8 FROM pg_class c WHERE "
                       "c.relnamespace = n.oid AND c.relkind IN ('r', 'm')) AS size_bytes, NULL::float8 AS "
                       "row_estimate, NULL::text AS extra, NULL::int AS child_count, false AS flag, "
                       "1 AS sort_key FROM pg_namespace n WHERE $1::boolean OR (") +
            systemSchemaFilter(QStringLiteral("n.nspname")) +
            QStringLiteral(
                ") UNION ALL SELECT 'folder', 0::oid, 0::oid, 0, NULL, 'extension', NULL, NULL, NULL, "
                "NULL, NULL, (SELECT count(*) FROM pg_extension)::int, false, 2 "
                "ORDER BY sort_key, name"),
        {boolParam(o.showSystemObjects)}};
}

CatalogQuery schemaChildren(const CatalogObject &schema, int v)
{
    const QString rel =
        QStringLiteral("(SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND %1)");
    const QString proc = QStringLiteral("(SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid AND ") +
                         procKind(v) + QStringLiteral(" IN (%1))");
    QStringList rows = {
        QStringLiteral("('table', 1, ") +
            rel.arg(QStringLiteral("c.relkind IN ('r', 'p') AND NOT ") +
                    isPartition(v, QStringLiteral("c"))) +
            u')',
        QStringLiteral("('view', 2, ") + rel.arg(QStringLiteral("c.relkind = 'v'")) + u')',
        QStringLiteral("('matview', 3, ") + rel.arg(QStringLiteral("c.relkind = 'm'")) + u')',
        QStringLiteral("('foreign_table', 4, ") +
            rel.arg(QStringLiteral("c.relkind = 'f' AND NOT ") + isPartition(v, QStringLiteral("c"))) + u')',
        QStringLiteral("('sequence', 5, ") + rel.arg(QStringLiteral("c.relkind = 'S'")) + u')',
        QStringLiteral("('function', 6, ") + proc.arg(QStringLiteral("'f', 'w'")) + u')',
        QStringLiteral("('aggregate', 8, ") + proc.arg(QStringLiteral("'a'")) + u')',
        QStringLiteral("('type', 9, (SELECT count(*) FROM pg_type t WHERE t.typnamespace = n.oid AND ") +
            QStringLiteral(
                "t.typtype IN ('b', 'c', 'd', 'e', 'r') AND (t.typtype <> 'c' OR (SELECT r.relkind "
                "FROM pg_class r WHERE r.oid = t.typrelid) = 'c') AND NOT EXISTS (SELECT 1 FROM "
                "pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid)))"),
    };
    if (v >= 110000) // procedures exist since PG 11
        rows << QStringLiteral("('procedure', 7, ") + proc.arg(QStringLiteral("'p'")) + u')';
    return {folderListing(QStringLiteral("pg_namespace n"), QStringLiteral("n.oid"), rows.join(u", "),
                          QStringLiteral("n.oid = $1::oid")),
            {QString::number(schema.oid)}};
}

CatalogQuery relationChildren(const CatalogObject &relation)
{
    // Columns and indexes of one relation, as two folders (empty ones left out).
    const QString rows = QStringLiteral(
        "('column', 1, (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND "
        "NOT a.attisdropped)), ('index', 2, (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid))");
    return {folderListing(QStringLiteral("pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"),
                          QStringLiteral("c.oid"), rows, QStringLiteral("c.oid = $1::oid")),
            {QString::number(relation.oid)}};
}

CatalogQuery partitions(const CatalogObject &parent, int v)
{
    // Default partitions last, as they catch what the others do not.
    return {relationListing(
                v, QStringLiteral("'partition'"), QStringLiteral("pg_get_expr(c.relpartbound, c.oid)"),
                QStringLiteral("c.relkind = 'p'"),
                QStringLiteral("pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"),
                QStringLiteral("i.inhparent = $1::oid AND ") + isPartition(v, QStringLiteral("c")),
                QStringLiteral("pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.relname")),
            {QString::number(parent.oid)}};
}

CatalogQuery relationsOfSchema(const CatalogObject &folder, int v)
{
    const QString notPartition = QStringLiteral(" AND NOT ") + isPartition(v, QStringLiteral("c"));
    QString kind, extra = QStringLiteral("NULL::text"), where;
    switch (folder.contentKind) {
    case ObjectKind::View:
        kind = QStringLiteral("'view'");
        where = QStringLiteral("c.relkind = 'v'");
        break;
    case ObjectKind::MaterializedView:
        kind = QStringLiteral("'matview'");
        extra = QStringLiteral("CASE WHEN c.relispopulated THEN NULL ELSE 'not populated' END");
        where = QStringLiteral("c.relkind = 'm'");
        break;
    case ObjectKind::ForeignTable:
        kind = QStringLiteral("'foreign_table'");
        extra = QStringLiteral("(SELECT s.srvname::text FROM pg_foreign_table ft JOIN pg_foreign_server s ON "
                               "s.oid = ft.ftserver WHERE ft.ftrelid = c.oid)");
        where = QStringLiteral("c.relkind = 'f'") + notPartition;
        break;
    case ObjectKind::Sequence:
        kind = QStringLiteral("'sequence'");
        if (v >= 100000) // pg_sequence: PG 10
            extra =
                QStringLiteral("(SELECT format_type(s.seqtypid, NULL) FROM pg_sequence s WHERE s.seqrelid = "
                               "c.oid)");
        where = QStringLiteral("c.relkind = 'S'");
        break;
    default: // tables
        kind = QStringLiteral("CASE c.relkind WHEN 'p' THEN 'partitioned_table' ELSE 'table' END");
        extra = v >= 100000 ? QStringLiteral("CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END")
                            : QStringLiteral("NULL::text");
        where = QStringLiteral("c.relkind IN ('r', 'p')") + notPartition;
        break;
    }
    return {relationListing(v, kind, extra, QStringLiteral("false"), QStringLiteral("pg_class c"),
                            QStringLiteral("c.relnamespace = $1::oid AND ") + where,
                            QStringLiteral("c.relname")),
            {QString::number(folder.parentOid)}};
}

CatalogQuery indexes(const CatalogObject &folder, int v)
{
    // The primary key first, then by name.
    return {relationListing(v, QStringLiteral("'index'"), QStringLiteral("pg_get_indexdef(c.oid)"),
                            QStringLiteral("x.indisprimary"),
                            QStringLiteral("pg_index x JOIN pg_class c ON c.oid = x.indexrelid"),
                            QStringLiteral("x.indrelid = $1::oid"),
                            QStringLiteral("x.indisprimary DESC, c.relname")),
            {QString::number(folder.parentOid)}};
}

CatalogQuery columns(const CatalogObject &folder)
{
    return {
        QStringLiteral("SELECT 'column' AS kind, a.attrelid AS oid, a.attrelid AS parent_oid, a.attnum AS "
                       "sub_id, n.nspname::text AS schema, a.attname::text AS name, NULL::text AS owner, "
                       "col_description(a.attrelid, a.attnum) AS comment, NULL::int8 AS size_bytes, "
                       "NULL::float8 AS row_estimate, format_type(a.atttypid, a.atttypmod) || CASE WHEN "
                       "a.attnotnull THEN ' NOT NULL' ELSE '' END AS extra, NULL::int AS child_count, "
                       "a.attnotnull AS flag FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attrelid = $1::oid AND "
                       "a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"),
        {QString::number(folder.parentOid)}};
}

CatalogQuery routines(const CatalogObject &folder, int v)
{
    QString kinds;
    switch (folder.contentKind) {
    case ObjectKind::Procedure:
        kinds = QStringLiteral("'p'");
        break;
    case ObjectKind::Aggregate:
        kinds = QStringLiteral("'a'");
        break;
    default: // window functions are listed with the functions
        kinds = QStringLiteral("'f', 'w'");
        break;
    }
    return {QStringLiteral("SELECT CASE ") + procKind(v) +
                QStringLiteral(
                    " WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind, "
                    "p.oid, p.pronamespace AS parent_oid, 0 AS sub_id, n.nspname::text AS schema, "
                    "p.proname::text AS name, pg_get_userbyid(p.proowner)::text AS owner, "
                    "obj_description(p.oid, 'pg_proc') AS comment, NULL::int8 AS size_bytes, "
                    "NULL::float8 AS row_estimate, pg_get_function_identity_arguments(p.oid) AS extra, "
                    "NULL::int AS child_count, false AS flag FROM pg_proc p JOIN pg_namespace n ON "
                    "n.oid = p.pronamespace WHERE p.pronamespace = $1::oid AND ") +
                procKind(v) + QStringLiteral(" IN (") + kinds + QStringLiteral(") ORDER BY p.proname, extra"),
            {QString::number(folder.parentOid)}};
}

CatalogQuery types(const CatalogObject &folder)
{
    // Enums, composites, domains, ranges and base types; not the row types of tables nor arrays.
    return {
        QStringLiteral(
            "SELECT 'type' AS kind, t.oid, t.typnamespace AS parent_oid, 0 AS sub_id, n.nspname::text AS "
            "schema, t.typname::text AS name, pg_get_userbyid(t.typowner)::text AS owner, "
            "obj_description(t.oid, 'pg_type') AS comment, NULL::int8 AS size_bytes, NULL::float8 AS "
            "row_estimate, CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'c' THEN 'composite' WHEN 'd' THEN "
            "'domain over ' || format_type(t.typbasetype, t.typtypmod) WHEN 'r' THEN 'range' ELSE 'base' END "
            "AS extra, NULL::int AS child_count, false AS flag FROM pg_type t JOIN pg_namespace n ON n.oid = "
            "t.typnamespace WHERE t.typnamespace = $1::oid AND t.typtype IN ('b', 'c', 'd', 'e', 'r') AND "
            "(t.typtype <> 'c' OR (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c') AND NOT "
            "EXISTS (SELECT 1 FROM pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid) "
            "ORDER BY t.typname"),
        {QString::number(folder.parentOid)}};
}

CatalogQuery extensions()
{
    return {QStringLiteral(
                "SELECT 'extension' AS kind, e.oid, e.extnamespace AS parent_oid, 0 AS sub_id, "
                "n.nspname::text AS schema, e.extname::text AS name, pg_get_userbyid(e.extowner)::text "
                "AS owner, obj_description(e.oid, 'pg_extension') AS comment, NULL::int8 AS "
                "size_bytes, NULL::float8 AS row_estimate, e.extversion AS extra, NULL::int AS "
                "child_count, false AS flag FROM pg_extension e JOIN pg_namespace n ON n.oid = "
                "e.extnamespace ORDER BY e.extname"),
            {}};
}

CatalogQuery roles(const CatalogQueries::Options &o)
{
    return {
        QStringLiteral(
            "SELECT 'role' AS kind, r.oid, 0::oid AS parent_oid, 0 AS sub_id, NULL::text AS schema, "
            "r.rolname::text AS name, NULL::text AS owner, shobj_description(r.oid, 'pg_authid') AS comment, "
            "NULL::int8 AS size_bytes, NULL::float8 AS row_estimate, concat_ws(', ', CASE WHEN r.rolsuper "
            "THEN 'superuser' END, CASE WHEN r.rolcanlogin THEN 'login' END, CASE WHEN r.rolreplication THEN "
            "'replication' END, CASE WHEN r.rolcreatedb THEN 'create database' END, CASE WHEN "
            "r.rolcreaterole THEN 'create role' END) AS extra, NULL::int AS child_count, r.rolcanlogin AS "
            "flag FROM pg_roles r WHERE $1::boolean OR r.rolname !~ '^pg_' ORDER BY r.rolname"),
        {boolParam(o.showSystemObjects)}};
}

CatalogQuery tablespaces()
{
    // pg_tablespace_size() wants CREATE on the tablespace or pg_read_all_stats, except for the
    // database's default tablespace: ask only where it will answer.
    return {
        QStringLiteral(
            "SELECT 'tablespace' AS kind, t.oid, 0::oid AS parent_oid, 0 AS sub_id, NULL::text AS schema, "
            "t.spcname::text AS name, pg_get_userbyid(t.spcowner)::text AS owner, shobj_description(t.oid, "
            "'pg_tablespace') AS comment, CASE WHEN has_tablespace_privilege(t.oid, 'CREATE') OR "
            "pg_has_role('pg_read_all_stats', 'USAGE') OR t.oid = (SELECT d.dattablespace FROM pg_database d "
            "WHERE d.datname = current_database()) THEN pg_tablespace_size(t.oid) END AS size_bytes, "
            "NULL::float8 AS row_estimate, pg_tablespace_location(t.oid) AS extra, NULL::int AS child_count, "
            "false AS flag FROM pg_tablespace t ORDER BY t.spcname"),
        {}};
}

std::optional<CatalogQuery> folderChildren(const CatalogObject &folder, const CatalogQueries::Options &o)
{
    const int v = o.serverVersion;
    switch (folder.contentKind) {
    case ObjectKind::Table:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::ForeignTable:
    case ObjectKind::Sequence:
        return relationsOfSchema(folder, v);
    case ObjectKind::Function:
    case ObjectKind::Procedure:
    case ObjectKind::Aggregate:
        return routines(folder, v);
    case ObjectKind::Type:
        return types(folder);
    case ObjectKind::Index:
        return indexes(folder, v);
    case ObjectKind::Column:
        return columns(folder);
    case ObjectKind::Extension:
        return extensions();
    case ObjectKind::Role:
        return roles(o);
    case ObjectKind::Tablespace:
        return tablespaces();
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<CatalogQuery> CatalogQueries::children(const CatalogObject &parent, const Options &options)
{
    if (!canHaveChildren(parent))
        return std::nullopt;
    switch (parent.kind) {
    case ObjectKind::Server:
        return serverChildren(options);
    case ObjectKind::Database:
        return databaseChildren(options);
    case ObjectKind::Schema:
        return schemaChildren(parent, options.serverVersion);
    case ObjectKind::Folder:
        return folderChildren(parent, options);
    case ObjectKind::PartitionedTable:
        return partitions(parent, options.serverVersion);
    case ObjectKind::Partition:
        return parent.isPartitioned ? partitions(parent, options.serverVersion) : relationChildren(parent);
    case ObjectKind::Table:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::ForeignTable:
        return relationChildren(parent);
    default:
        return std::nullopt;
    }
}

bool CatalogQueries::canHaveChildren(const CatalogObject &object)
{
    if (object.isRelation())
        return true; // columns, indexes, partitions
    switch (object.kind) {
    case ObjectKind::Server:
    case ObjectKind::Schema:
        return true;
    case ObjectKind::Database:
        return true; // other databases than the session's are read through their own sessions
    case ObjectKind::Folder:
        return object.childCount != 0;
    default:
        return false;
    }
}

QList<CatalogObject> CatalogQueries::objects(const RowSet &rows)
{
    QList<CatalogObject> out;
    out.reserve(rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        CatalogObject o;
        o.kind = kindFromCode(rows.text(r, u"kind"));
        o.oid = quint32(rows.number(r, u"oid", 0));
        o.parentOid = quint32(rows.number(r, u"parent_oid", 0));
        o.subId = int(rows.number(r, u"sub_id", 0));
        o.schema = rows.text(r, u"schema");
        o.name = rows.text(r, u"name");
        o.owner = rows.text(r, u"owner");
        o.comment = rows.text(r, u"comment");
        o.extra = rows.text(r, u"extra");
        o.sizeBytes = rows.number(r, u"size_bytes");
        o.rowEstimate = rows.number(r, u"row_estimate");
        o.childCount = int(rows.number(r, u"child_count"));
        const bool flag = rows.flag(r, u"flag");
        if (o.kind == ObjectKind::Folder) {
            // A folder row names the kind of its content; its title comes from that kind.
            o.contentKind = kindFromCode(o.name);
            o.name = folderTitle(o.contentKind);
        }
        o.isCurrent = o.kind == ObjectKind::Database && flag;
        o.isPartitioned = o.kind == ObjectKind::Partition && flag;
        out << o;
    }
    return out;
}

} // namespace tusk::catalog
