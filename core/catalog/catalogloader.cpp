#include "catalog/catalogloader.h"

#include "catalog/catalogqueries.h"
#include "catalog/databaserunners.h"
#include "catalog/queryrunner.h"

namespace tusk::catalog {

CatalogLoader::CatalogLoader(pg::Session *session, QObject *parent)
    : CatalogLoader(new DatabaseRunners(session), parent)
{
    m_runners->setParent(this);
}

CatalogLoader::CatalogLoader(DatabaseRunners *runners, QObject *parent)
    : QObject(parent)
    , m_runners(runners)
{
    qRegisterMetaType<CatalogObject>();
    qRegisterMetaType<QList<CatalogObject>>();
}

CatalogLoader::~CatalogLoader() = default;

pg::Session *CatalogLoader::session() const
{
    return m_runners->session();
}

bool CatalogLoader::canHaveChildren(const CatalogObject &object)
{
    return CatalogQueries::canHaveChildren(object);
}

quint64 CatalogLoader::loadChildren(const CatalogObject &parent)
{
    const quint64 id = m_nextId++;
    const CatalogQueries::Options options{m_runners->serverVersion(), m_showSystemObjects};
    // A database's objects come from a connection to it; server-wide ones from the main session.
    const QString database = parent.kind == ObjectKind::Database ? parent.name : parent.database;
    const std::optional<CatalogQuery> query = CatalogQueries::children(parent, options);
    // A leaf goes through the runner too (with no query), so the answer is always asynchronous.
    const QList<CatalogQuery> queries = query ? QList<CatalogQuery>{*query} : QList<CatalogQuery>{};
    m_runners->runnerFor(database)->run(queries, [this, id, database](const QueryRunner::Outcome &outcome) {
        if (!outcome) {
            emit loadFailed(id, outcome.error());
            return;
        }
        QList<CatalogObject> children =
            outcome->isEmpty() ? QList<CatalogObject>() : CatalogQueries::objects(outcome->first());
        for (CatalogObject &child : children)
            child.database = child.kind == ObjectKind::Database ? child.name : database;
        emit childrenLoaded(id, children);
    });
    return id;
}

} // namespace tusk::catalog
