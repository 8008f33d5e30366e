#pragma once

// Private to core/catalog: the queries behind each "Script as …" and the SQL built from their rows.
// One function per object family; ScriptGenerator picks the recipe and runs it.

#include "catalog/catalogobject.h"
#include "catalog/queryrunner.h"
#include "pg/error.h"
#include "result.h"

#include <functional>

namespace tusk::catalog::scripts {

using Script = Result<QString, pg::Error>;
using Builder = std::function<Script(const QList<RowSet> &)>;

/// The queries one script needs (all run before build) and how to turn their rows into SQL.
struct Recipe
{
    QList<CatalogQuery> queries;
    Builder build;
};

// Shared pieces.
pg::Error notFound(const CatalogObject &object);
pg::Error notScriptable(const QString &why);
/// `COMMENT ON <what> <target> IS '…';` and a newline; empty when there is no comment.
QString commentOn(const QString &what, const QString &target, const QString &comment);
/// `ALTER <what> <target> OWNER TO <role>;` and a newline; empty without an owner.
QString ownerTo(const QString &what, const QString &target, const QString &owner);
/// reloptions-style `key=value` entries as `key=value, key2='odd value'`.
QString optionList(const QStringList &keyValues);
/// FDW-style `key=value` entries as `key 'value', key2 'value'`.
QString fdwOptionList(const QStringList &keyValues);
/// A relation's indexes that are not created by a constraint or by a parent's partitioned index.
CatalogQuery indexQuery(quint32 relationOid);
/// `CREATE INDEX …;` lines (with comments) from indexQuery() rows.
QString indexStatements(const RowSet &indexes);
/// pg_get_indexdef() of a partitioned index says `ON ONLY`, which would leave the partitions
/// without it: a script wants the cascading form.
QString cascadingIndexDef(const QString &definition, const QString &quotedName);

// Recipes, by family (tablescript.cpp, relationscripts.cpp, routinescripts.cpp, typescripts.cpp,
// globalscripts.cpp).
Recipe table(const CatalogObject &object, int version); // tables, partitions, foreign tables
Recipe view(const CatalogObject &object);
Recipe materializedView(const CatalogObject &object, int version);
Recipe index(const CatalogObject &object);
Recipe sequence(const CatalogObject &object, int version);
Recipe routine(const CatalogObject &object, int version); // functions and procedures
Recipe aggregate(const CatalogObject &object);
Recipe type(const CatalogObject &object, int version);
Recipe schema(const CatalogObject &object);
Recipe database(const CatalogObject &object, int version);
Recipe role(const CatalogObject &object, int version);
Recipe tablespace(const CatalogObject &object);
Recipe extension(const CatalogObject &object);
Recipe select(const CatalogObject &object);

} // namespace tusk::catalog::scripts
