#include "catalog/catalogloader.h"

#include "catalog/catalogqueries.h"
#include "catalog/queryrunner.h"

namespace tusk::catalog {

CatalogLoader::CatalogLoader(pg::Session *session, QObject *parent)
    : QObject(parent)
    , m_runner(new QueryRunner(session, this))
{
    qRegisterMetaType<CatalogObject>();
    qRegisterMetaType<QList<CatalogObject>>();
}

CatalogLoader::~CatalogLoader() = default;

pg::Session *CatalogLoader::session() const
{
    return m_runner->session();
}

bool CatalogLoader::canHaveChildren(const CatalogObject &object)
{
    return CatalogQueries::canHaveChildren(object);
}

quint64 CatalogLoader::loadChildren(const CatalogObject &parent)
{
    const quint64 id = m_nextId++;
    const CatalogQueries::Options options{m_runner->serverVersion(), m_showSystemObjects};
    const std::optional<CatalogQuery> query = CatalogQueries::children(parent, options);
    // A leaf goes through the runner too (with no query), so the answer is always asynchronous.
    const QList<CatalogQuery> queries = query ? QList<CatalogQuery>{*query} : QList<CatalogQuery>{};
    m_runner->run(queries, [this, id](const QueryRunner::Outcome &outcome) {
        if (!outcome)
            emit loadFailed(id, outcome.error());
        else
            emit childrenLoaded(id, outcome->isEmpty() ? QList<CatalogObject>()
                                                       : CatalogQueries::objects(outcome->first()));
    });
    return id;
}

} // namespace tusk::catalog
