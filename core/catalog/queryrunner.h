#pragma once

#include "catalog/rowset.h"
#include "pg/error.h"
#include "pg/request.h"
#include "result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

namespace tusk::pg {
class Session;
}

namespace tusk::catalog {

/// One parameterised catalog statement ($1, $2… filled from params).
using CatalogQuery = pg::Statement;

/// Runs catalog queries on a Session that others may share, and hands back whole result sets.
///
/// A thin layer over Session::queryBatch(): a batch goes to the server in one round trip, queued
/// among the session's other requests (a user's queries may share it). Its callback runs once,
/// on the runner's thread, when every query of the batch has ended: with all their rows in order,
/// or with the first error. Callbacks die with the runner (make it a child of whoever the
/// callback captures).
/// @code
/// runner->run({{sql, {QString::number(oid)}}}, [this](const QueryRunner::Outcome &r) {
///     if (!r) report(r.error()); else use(r->first());
/// });
/// @endcode
class QueryRunner : public QObject
{
    Q_OBJECT
public:
    using Outcome = Result<QList<RowSet>, pg::Error>;
    using Callback = std::function<void(const Outcome &)>;

    explicit QueryRunner(pg::Session *session, QObject *parent = nullptr);

    pg::Session *session() const;
    /// The server's PG_VERSION_NUM; the newest known release while not connected yet (queries then
    /// fail with "not connected" anyway).
    int serverVersion() const;

    void run(const QList<CatalogQuery> &queries, Callback done);
    /// Ends every batch still waiting with error (their callbacks run now) and forgets them:
    /// for closing a session whose answers would otherwise never come.
    void abandonAll(const pg::Error &error);

private:
    /// A batch waiting for its answer; done is cleared once it was called (abandonAll()).
    struct Batch
    {
        Callback done;
        quint64 generation = 0;
    };

    QPointer<pg::Session> m_session;
    QHash<quint64, std::shared_ptr<Batch>> m_pending;
};

} // namespace tusk::catalog
