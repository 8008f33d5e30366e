#pragma once

#include "catalog/catalogobject.h"
#include "catalog/queryrunner.h"

#include <QList>

#include <optional>

namespace tusk::catalog {

/// The version-aware SQL that lists a node's children, and the decoding of its rows.
///
/// Every listing returns the same columns (kind, oid, parent_oid, sub_id, schema, name, owner,
/// comment, size_bytes, row_estimate, extra, child_count, flag), so one decoder serves all.
/// Catalog differences handled: relkind 'p' and relispartition (PG 10), prokind (PG 11),
/// pg_partition_tree (PG 12), reltuples = -1 for never-analysed relations (PG 14).
class CatalogQueries
{
public:
    struct Options
    {
        int serverVersion = 0;          ///< PG_VERSION_NUM, e.g. 150004
        bool showSystemObjects = false; ///< pg_catalog, information_schema, pg_toast*, pg_temp*, pg_* roles
    };

    /// The query listing parent's children; nullopt for a node that has none.
    static std::optional<CatalogQuery> children(const CatalogObject &parent, const Options &options);
    /// True when expanding the node may show something (a folder knows its count).
    static bool canHaveChildren(const CatalogObject &object);
    /// Decodes a listing's rows.
    static QList<CatalogObject> objects(const RowSet &rows);
};

} // namespace tusk::catalog
