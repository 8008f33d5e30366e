#include "whatifrunner.h"

#include "explain/jsonplanparser.h"
#include "pg/quoting.h"
#include "pg/session.h"
#include "sql/explainstatement.h"

#include <QSet>

namespace tusk::advisor {

namespace {

bool usesIndex(const explain::Plan &plan, const QString &name)
{
    for (const explain::PlanNode &n : plan.nodes) {
        if (n.indexName == name)
            return true;
    }
    return false;
}

// `(customer_id)` of `CREATE INDEX ON t USING btree (customer_id)`, to compare pg_qualstats'
// advice with ours.
QString keyPart(const explain::IndexCandidate &c)
{
    const QString d = c.definition();
    return d.mid(d.indexOf(QLatin1Char('(')));
}

} // namespace

WhatIfRunner::WhatIfRunner(pg::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(session, &pg::Session::rowsArrived, this,
            [this](quint64 gen, int set, const pg::ResultChunk &chunk) { onRows(gen, set, chunk); });
    connect(session, &pg::Session::finished, this, [this](quint64 gen) { onFinished(gen); });
    connect(session, &pg::Session::failed, this, &WhatIfRunner::onFailed);
}

WhatIfRunner::~WhatIfRunner()
{
    // Closing the dialog mid-way: the session lives on (it is the query tab's), so the
    // hypothetical indexes would stay in its backend and change the tab's own EXPLAINs.
    if (m_session && (m_hypopgDirty || m_current))
        resetHypotheticalIndexes();
}

QString WhatIfRunner::hypopg(const char *function) const
{
    return (m_status.schema.isEmpty() ? QString() : m_status.schema + QLatin1Char('.')) +
           QLatin1String(function);
}

void WhatIfRunner::resetHypotheticalIndexes()
{
    if (!m_session || m_status.state != HypoPgStatus::State::Installed)
        return;
    // Fire and forget: its answer has no generation we wait for.
    m_session->execute(QStringLiteral("SELECT %1()").arg(hypopg("hypopg_reset")));
    m_hypopgDirty = false;
}

void WhatIfRunner::probe()
{
    push({QStringLiteral(
              "SELECT (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'hypopg'),\n"
              "       (SELECT default_version FROM pg_catalog.pg_available_extensions WHERE name = "
              "'hypopg'),\n"
              "       (SELECT e.extnamespace::pg_catalog.regnamespace::text FROM pg_catalog.pg_extension e\n"
              "         WHERE e.extname = 'hypopg'),\n"
              "       EXISTS (SELECT FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_proc p\n"
              "                 ON p.pronamespace = e.extnamespace\n"
              "               WHERE e.extname = 'pg_qualstats' AND p.proname = "
              "'pg_qualstats_index_advisor'),\n"
              "       pg_catalog.current_setting('server_version_num')"),
          {},
          [this](const Rows &rows) {
              const QStringList r = rows.value(0);
              m_status = {};
              m_status.version = r.value(0);
              m_status.availableVersion = r.value(1);
              m_status.schema = r.value(2);
              m_status.qualstatsAdvisor = r.value(3) == QLatin1String("t");
              m_status.serverVersion = r.value(4).toInt();
              m_status.state = !m_status.version.isEmpty()            ? HypoPgStatus::State::Installed
                               : !m_status.availableVersion.isEmpty() ? HypoPgStatus::State::Available
                                                                      : HypoPgStatus::State::NotAvailable;
              emit probed(m_status);
          },
          {}});
}

void WhatIfRunner::createExtension()
{
    push({createExtensionSql(), {}, [this](const Rows &) { probe(); }, {}});
}

QString WhatIfRunner::installInstructions(int serverVersionNum)
{
    const int major = serverVersionNum / 10000;
    const QString v = major > 0 ? QString::number(major) : tr("<major version>");
    return tr("HypoPG is not installed on this server. Install the package for PostgreSQL %1 on the "
              "database server, then create the extension in this database (no restart needed):\n\n"
              "  Debian, Ubuntu (PGDG):   sudo apt install postgresql-%1-hypopg\n"
              "  RHEL, Rocky, Fedora:     sudo dnf install hypopg_%1\n"
              "  From source:             https://github.com/HypoPG/hypopg\n\n"
              "  CREATE EXTENSION hypopg;\n\n"
              "Managed services (RDS, Cloud SQL, Azure …): where the provider offers hypopg, only the "
              "CREATE EXTENSION is needed.")
        .arg(v);
}

void WhatIfRunner::prepare(const QVector<explain::IndexCandidate> &candidates)
{
    m_prepared = candidates;
    // One lookup per table the plan named without a schema: the planner found it on the
    // search_path, and so does to_regclass() in the same session.
    QSet<QString> tables;
    for (const explain::IndexCandidate &c : candidates) {
        if (c.schema.isEmpty())
            tables.insert(c.table);
    }
    for (const QString &table : tables) {
        push({QStringLiteral("SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                             "ON n.oid = c.relnamespace WHERE c.oid = pg_catalog.to_regclass($1)"),
              {pg::quoteIdentifier(table)},
              [this, table](const Rows &rows) {
                  for (explain::IndexCandidate &c : m_prepared) {
                      if (c.schema.isEmpty() && c.table == table)
                          c.schema = rows.value(0).value(0);
                  }
              },
              {}});
    }
    if (m_status.qualstatsAdvisor) {
        push({QStringLiteral("SELECT pg_qualstats_index_advisor()::text"),
              {},
              [this](const Rows &rows) {
                  for (const explain::IndexCandidate &q :
                       explain::candidatesFromQualstats(rows.value(0).value(0))) {
                      // Only the tables of this plan, and only what the plan did not suggest already.
                      bool sameTable = false;
                      bool duplicate = false;
                      for (const explain::IndexCandidate &c : std::as_const(m_prepared)) {
                          const bool table =
                              c.table == q.table && (q.schema.isEmpty() || c.schema == q.schema);
                          sameTable = sameTable || table;
                          duplicate = duplicate || (table && keyPart(c) == keyPart(q));
                      }
                      if (sameTable && !duplicate)
                          m_prepared << q;
                  }
              },
              // Old pg_qualstats, no rights, no data: the plan's candidates are enough.
              [](const pg::Error &) {}});
    }
    push({QStringLiteral("SELECT 1"), {}, [this](const Rows &) { emit candidatesReady(m_prepared); }, {}});
}

void WhatIfRunner::run(const QString &statement, const QVector<explain::IndexCandidate> &candidates)
{
    if (!m_session || m_busy)
        return;
    sql::ExplainOptions options;
    options.buffers = false; // BUFFERS without ANALYZE needs 13 and says nothing here
    const auto prepared = sql::explainStatement(statement, options, m_session->serverInfo().versionNumber);
    if (!prepared) {
        emit failed(prepared.error());
        return;
    }
    m_explain = prepared->sql;
    m_candidates = candidates;
    m_results.clear();
    m_baselineCost = 0;
    m_hypopgDirty = true;
    // A clean start: hypothetical indexes left by an earlier run or by the user's own calls
    // would change the baseline.
    push({QStringLiteral("SELECT %1()").arg(hypopg("hypopg_reset")), {}, {}, {}});
    push({m_explain,
          {},
          [this](const Rows &rows) {
              QString json;
              for (const QStringList &r : rows)
                  json += r.value(0);
              const auto plan = explain::JsonPlanParser::parse(json);
              if (!plan || plan->isEmpty()) {
                  fail(tr("The server's plan could not be read."));
                  return;
              }
              m_baselineCost = plan->root().totalCost;
              emit baselineReady(*plan, m_baselineCost);
              planCandidate(0);
          },
          {}});
}

void WhatIfRunner::planCandidate(int i)
{
    if (i >= m_candidates.size()) {
        push({QStringLiteral("SELECT %1()").arg(hypopg("hypopg_reset")),
              {},
              [this](const Rows &) {
                  m_hypopgDirty = false;
                  emit finished(m_results, winner(m_results));
              },
              {}});
        return;
    }
    m_results << WhatIfResult{};
    m_results.last().candidate = i;
    m_results.last().costBefore = m_baselineCost;
    // Create, plan and reset go as one request: the session runs requests in order, so an
    // EXPLAIN the user starts in the tab meanwhile cannot land between them and see the
    // hypothetical index. hypopg wants a plain CREATE INDEX (no CONCURRENTLY, no name). The
    // line break keeps a trailing `-- comment` of the statement from swallowing the reset.
    const QString sql =
        QStringLiteral("SELECT indexname FROM %1(%2);\n%3\n;\nSELECT %4()")
            .arg(hypopg("hypopg_create_index"), pg::quoteLiteral(m_candidates[i].definition()), m_explain,
                 hypopg("hypopg_reset"));
    push({sql,
          {},
          [this, i](const Rows &) {
              WhatIfResult &r = m_results[i];
              r.hypotheticalName = m_sets.value(0).value(0).value(0);
              for (const QStringList &row : m_sets.value(1))
                  r.json += row.value(0);
              const auto plan = explain::JsonPlanParser::parse(r.json);
              if (!plan || plan->isEmpty()) {
                  r.error = tr("The server's plan could not be read.");
              } else {
                  r.planAfter = *plan;
                  r.costAfter = plan->root().totalCost;
                  r.used = !r.hypotheticalName.isEmpty() && usesIndex(*plan, r.hypotheticalName);
              }
              emit candidateFinished(r);
              planCandidate(i + 1);
          },
          [this, i](const pg::Error &e) {
              // A failed statement stops the rest of the request, the reset included.
              m_results[i].error = e.message;
              emit candidateFinished(m_results[i]);
              push({QStringLiteral("SELECT %1()").arg(hypopg("hypopg_reset")),
                    {},
                    [this, i](const Rows &) { planCandidate(i + 1); },
                    {}});
          }});
}

int WhatIfRunner::winner(const QVector<WhatIfResult> &results)
{
    int best = -1;
    for (int i = 0; i < results.size(); ++i) {
        const WhatIfResult &r = results[i];
        if (!r.error.isEmpty() || !r.used || r.costAfter >= r.costBefore)
            continue;
        if (best < 0 || r.costAfter < results[best].costAfter)
            best = i;
    }
    return best;
}

void WhatIfRunner::cancel()
{
    // Also from a handler of candidateFinished() or baselineReady(): the step that emitted it has
    // ended (not busy for a moment), and the step it is about to push must not run.
    if ((!m_busy && !m_inHandler) || m_cancelling)
        return;
    // No PQcancel: every step is short (planning only), and a cancel that arrives late would
    // hit the hypopg_reset() queued after it. The step in flight ends, its answer is dropped.
    m_queue.clear();
    if (m_current) {
        m_current->done = {};
        m_current->onError = [](const pg::Error &) {};
    }
    m_cancelling = true;
    const bool reset = m_status.state == HypoPgStatus::State::Installed;
    Step step{reset ? QStringLiteral("SELECT %1()").arg(hypopg("hypopg_reset")) : QStringLiteral("SELECT 1"),
              {},
              [this](const Rows &) {
                  m_hypopgDirty = false;
                  m_cancelling = false;
                  emit cancelled();
              },
              [this](const pg::Error &) {
                  m_cancelling = false;
                  emit cancelled();
              },
              true};
    push(std::move(step));
}

void WhatIfRunner::push(Step step)
{
    if (m_cancelling && !step.cancelStep)
        return; // a handler going on with a run that was cancelled meanwhile
    m_queue << std::move(step);
    if (!m_current)
        next();
}

void WhatIfRunner::next()
{
    if (m_queue.isEmpty() || !m_session) {
        m_busy = false;
        return;
    }
    m_busy = true;
    m_current = m_queue.takeFirst();
    m_sets.clear();
    m_generation = m_current->params.isEmpty() ? m_session->execute(m_current->sql)
                                               : m_session->execute(m_current->sql, m_current->params);
}

void WhatIfRunner::onRows(quint64 gen, int resultIndex, const pg::ResultChunk &chunk)
{
    if (!m_current || gen != m_generation || resultIndex < 0)
        return;
    if (m_sets.size() <= resultIndex)
        m_sets.resize(resultIndex + 1);
    Rows &rows = m_sets[resultIndex];
    for (int r = 0; r < chunk.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < chunk.columnCount(); ++c)
            row << (chunk.isNull(r, c) ? QString() : chunk.text(r, c));
        rows << row;
    }
}

void WhatIfRunner::onFinished(quint64 gen)
{
    if (!m_current || gen != m_generation)
        return;
    const Step step = *std::exchange(m_current, std::nullopt);
    // Idle while the handler runs unless more is queued: a finished() emitted from it must see
    // the runner idle; a step it pushes makes it busy again.
    m_busy = !m_queue.isEmpty();
    if (step.done) {
        m_inHandler = true;
        step.done(m_sets.value(0));
        m_inHandler = false;
    }
    if (!m_current)
        next();
}

void WhatIfRunner::onFailed(quint64 gen, const pg::Error &error)
{
    if (!m_current || gen != m_generation)
        return;
    const Step step = *std::exchange(m_current, std::nullopt);
    m_busy = !m_queue.isEmpty();
    if (step.onError) {
        m_inHandler = true;
        step.onError(error);
        m_inHandler = false;
        if (!m_current)
            next();
        return;
    }
    fail(error.message);
}

void WhatIfRunner::fail(const QString &message)
{
    m_queue.clear();
    m_current.reset();
    m_busy = false;
    if (m_hypopgDirty)
        resetHypotheticalIndexes();
    emit failed(message);
}

} // namespace tusk::advisor
