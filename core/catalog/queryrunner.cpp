#include "catalog/queryrunner.h"

#include "pg/session.h"

#include <QTimer>

namespace tusk::catalog {

namespace {
constexpr int kNewestKnownVersion = 180000; // the newest the versions tests run
}

QueryRunner::QueryRunner(pg::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    using S = pg::Session;
    connect(session, &S::resultStarted, this, [this](quint64 gen, int, const pg::Columns &columns) {
        const auto it = m_pending.constFind(gen);
        if (it != m_pending.cend())
            it->batch->results[it->index].setColumns(columns);
    });
    connect(session, &S::rowsArrived, this, [this](quint64 gen, int, const pg::ResultChunk &chunk) {
        const auto it = m_pending.constFind(gen);
        if (it != m_pending.cend())
            it->batch->results[it->index].append(chunk);
    });
    connect(session, &S::finished, this,
            [this](quint64 gen, const pg::RequestSummary &) { onEnded(gen, std::nullopt); });
    connect(session, &S::failed, this, [this](quint64 gen, const pg::Error &e) { onEnded(gen, e); });
}

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
    auto batch = std::make_shared<Batch>();
    batch->results.resize(queries.size());
    batch->remaining = int(queries.size());
    batch->done = std::move(done);
    if (!m_session || queries.isEmpty()) {
        // Still asynchronous, so callers can rely on the result never arriving inside run().
        QTimer::singleShot(0, this, [batch, gone = !m_session] {
            if (gone)
                batch->done(pg::Error::usage(QStringLiteral("the session is gone")));
            else
                batch->done(QList<RowSet>());
        });
        return;
    }
    // Catalog results are small: fetch each in one piece rather than row by row.
    pg::QueryOptions options;
    options.singleRowMode = false;
    for (qsizetype i = 0; i < queries.size(); ++i) {
        const quint64 gen = m_session->execute(queries[i].sql, queries[i].params, options);
        m_pending.insert(gen, Pending{batch, int(i)});
    }
}

void QueryRunner::abandonAll(const pg::Error &error)
{
    QList<std::shared_ptr<Batch>> batches;
    for (const Pending &p : std::as_const(m_pending)) {
        if (!batches.contains(p.batch))
            batches.append(p.batch);
    }
    m_pending.clear();
    for (const std::shared_ptr<Batch> &b : batches)
        b->done(error);
}

void QueryRunner::onEnded(quint64 generation, const std::optional<pg::Error> &error)
{
    const auto it = m_pending.find(generation);
    if (it == m_pending.end())
        return;
    const std::shared_ptr<Batch> batch = it->batch;
    m_pending.erase(it);
    if (error && !batch->error)
        batch->error = error;
    if (--batch->remaining > 0)
        return;
    if (batch->error)
        batch->done(*batch->error);
    else
        batch->done(batch->results);
}

} // namespace tusk::catalog
