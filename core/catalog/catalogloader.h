#pragma once

#include "catalog/catalogobject.h"
#include "pg/error.h"

#include <QList>
#include <QObject>

namespace tusk::pg {
class Session;
}

namespace tusk::catalog {

class DatabaseRunners;

/// Loads the object tree's nodes from a connected Session, one level at a time, without ever
/// blocking: each loadChildren() call returns a request id at once, and exactly one of
/// childrenLoaded() or loadFailed() follows with that id.
///
/// The levels: server → databases, Roles, Tablespaces →
/// schemas, Extensions → folders (Tables, Views, …, hidden when empty) → objects; a partitioned
/// table's children are its partitions (recursively); a table's are its Columns and Indexes.
/// The session may be shared with a user's queries, but a session of its own keeps the tree
/// working while the user holds a transaction open (or a failed one). Objects of other
/// databases are read through sessions of their own (DatabaseRunners); every loaded object
/// carries its database's name.
/// @code
/// auto *loader = new CatalogLoader(session, this);
/// connect(loader, &CatalogLoader::childrenLoaded, this, [](quint64 id, const QList<CatalogObject> &c) { …
/// }); connect(loader, &CatalogLoader::loadFailed, this, [](quint64 id, const pg::Error &e) { … }); quint64
/// id = loader->loadChildren(CatalogObject()); // the server's top level
/// @endcode
class CatalogLoader : public QObject
{
    Q_OBJECT
public:
    explicit CatalogLoader(pg::Session *session, QObject *parent = nullptr);
    /// Shares runners (and so the extra databases' sessions) with others, e.g. a ScriptGenerator.
    explicit CatalogLoader(DatabaseRunners *runners, QObject *parent = nullptr);
    ~CatalogLoader() override;

    pg::Session *session() const;

    /// Also list pg_catalog, information_schema, pg_toast*, pg_temp*, template databases and pg_* roles.
    void setShowSystemObjects(bool show) { m_showSystemObjects = show; }
    bool showSystemObjects() const { return m_showSystemObjects; }

    /// Whether expanding the node may show children (without asking the server).
    static bool canHaveChildren(const CatalogObject &object);

    /// Starts loading parent's children (a default CatalogObject is the server itself).
    quint64 loadChildren(const CatalogObject &parent);

signals:
    void childrenLoaded(quint64 requestId, const QList<tusk::catalog::CatalogObject> &children);
    void loadFailed(quint64 requestId, const tusk::pg::Error &error);

private:
    DatabaseRunners *m_runners;
    bool m_showSystemObjects = false;
    quint64 m_nextId = 1;
};

} // namespace tusk::catalog
