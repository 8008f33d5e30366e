#pragma once

#include "catalog/catalogobject.h"
#include "pg/error.h"

#include <QObject>

namespace tusk::pg {
class Session;
}

namespace tusk::catalog {

class DatabaseRunners;

/// "Script as CREATE" and "Script as SELECT" for catalog objects, built from the server's own
/// deparsing functions (pg_get_viewdef, pg_get_functiondef, pg_get_indexdef,
/// pg_get_constraintdef, pg_get_partkeydef, pg_get_expr, format_type) so the SQL matches what
/// the server would dump. Every identifier is quoted through pg/quoting.h.
///
/// Asynchronous, like the loader: each call returns a request id at once and exactly one of
/// scriptReady() or scriptFailed() follows with that id.
/// @code
/// auto *generator = new ScriptGenerator(session, this);
/// connect(generator, &ScriptGenerator::scriptReady, this, [](quint64 id, const QString &sql) { … });
/// quint64 id = generator->scriptCreate(index.data(ObjectTreeModel::Role::Object).value<CatalogObject>());
/// @endcode
class ScriptGenerator : public QObject
{
    Q_OBJECT
public:
    explicit ScriptGenerator(pg::Session *session, QObject *parent = nullptr);
    /// Scripts objects of every database through runners shared with a CatalogLoader.
    explicit ScriptGenerator(DatabaseRunners *runners, QObject *parent = nullptr);
    ~ScriptGenerator() override;

    /// Tables (with partitions, identity, generated columns, constraints, indexes, triggers,
    /// comments), partitions, foreign tables, views, materialized views, indexes, sequences,
    /// functions, procedures, aggregates, types (enum, composite, domain, range), schemas,
    /// databases, roles, tablespaces and extensions.
    static bool canScriptCreate(const CatalogObject &object);
    /// Anything with columns: tables, partitions, views, materialized views, foreign tables.
    static bool canScriptSelect(const CatalogObject &object);

    quint64 scriptCreate(const CatalogObject &object);
    /// `SELECT <columns> FROM <relation> LIMIT 100;`
    quint64 scriptSelect(const CatalogObject &object);

signals:
    void scriptReady(quint64 requestId, const QString &sql);
    void scriptFailed(quint64 requestId, const tusk::pg::Error &error);

private:
    quint64 start(const CatalogObject &object, bool create);

    DatabaseRunners *m_runners;
    quint64 m_nextId = 1;
};

} // namespace tusk::catalog
