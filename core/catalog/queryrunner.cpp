#include "catalog/queryrunner.h"

#include "pg/session.h"

#include <QCoreApplication>
#include <QTimer>

#include <utility>

namespace tusk::catalog {

namespace {
constexpr int kNewestKnownVersion = 180000; // the newest the versions tests run
}

QueryRunner::QueryRunner(pg::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{}

pg::Session *QueryRunner::session() const
{
    return m_session.data();
}

int QueryRunner::serverVersion() const
{
    const int v = m_session ? m_session->serverInfo().versionNumber : 0;
    return v > 0 ? v : kNewestKnownVersion;
}

void QueryRunner::run(const QList<CatalogQuery> &queries, Callback done)
{
    if (!m_session || queries.isEmpty()) {
        // Still asynchronous, so callers can rely on the result never arriving inside run().
        QTimer::singleShot(0, this, [done = std::move(done), gone = !m_session] {
            if (gone)
                done(pg::Error::usage(QCoreApplication::translate("tusk::catalog", "the session is gone")));
            else
                done(QList<RowSet>());
        });
        return;
    }
    auto batch = std::make_shared<Batch>();
    batch->done = std::move(done);
    const quint64 gen =
        m_session->queryBatch(queries, this, [this, batch](const QList<pg::QueryOutcome> &outcomes) {
            if (!batch->done)
                return; // abandoned
            const Callback done = std::exchange(batch->done, {});
            m_pending.remove(batch->generation); // set below: the answer never comes inside run()
            QList<RowSet> rows;
            rows.reserve(outcomes.size());
            for (const pg::QueryOutcome &o : outcomes) {
                if (!o) {
                    done(o.error());
                    return;
                }
                rows.append(*o);
            }
            done(rows);
        });
    batch->generation = gen;
    m_pending.insert(gen, batch);
}

void QueryRunner::abandonAll(const pg::Error &error)
{
    const QList<std::shared_ptr<Batch>> batches = m_pending.values();
    m_pending.clear();
    for (const std::shared_ptr<Batch> &b : batches) {
        if (b->done)
            std::exchange(b->done, {})(error);
    }
}

} // namespace tusk::catalog
