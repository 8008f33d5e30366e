// The warnings of PlanAnalysis: one function per finding, each saying what it saw and what to
// try, with the table, columns and settings of this plan where the plan names them.
#include "explain/filtercolumns.h"
#include "explain/plananalysis.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace tusk::explain {

namespace {

// Filters that throw away most of what a node reads matter only when the node reads a lot.
constexpr double kBigNodeRows = 10000;
// A Seq Scan reading this many rows to keep under a tenth of them is an index candidate.
constexpr double kBigScanRows = 100000;
// A Nested Loop's inner side run this often, taking a real part of the time, is worth a look.
constexpr double kManyLoops = 1000;
constexpr double kLoopShare = 0.1;
// in-memory sort space is larger than what the same rows take on disk (tuple headers, pointers).
constexpr double kSortMemoryPerDiskKb = 2;
// tidbitmap.c: one PagetableEntry (48 bytes) and two pointers per exact heap page.
constexpr double kBitmapBytesPerPage = 64;

struct Context
{
    const Plan &plan;
    const QVector<NodeTiming> &timings;
    double totalMs;
    QVector<PlanWarning> *out;

    void add(WarningKind kind, Severity severity, int node, const QString &message, const QString &suggestion)
    {
        out->append(PlanWarning{kind, severity, node, message, suggestion});
    }
    // " (now 4MB)" when the plan's Settings (EXPLAIN (SETTINGS), 12+) list the setting.
    QString now(const char *setting) const
    {
        const QString value = plan.settings.value(QLatin1String(setting)).toString();
        return value.isEmpty() ? QString()
                               : QCoreApplication::translate("tusk::explain", " (now %1)").arg(value);
    }
};

QString number(double v)
{
    return QString::number(v, 'f', v == std::floor(v) ? 0 : 1);
}

QString factorText(double f)
{
    return f >= 1 ? QCoreApplication::translate("tusk::explain", "%1× more rows than estimated")
                        .arg(f, 0, 'f', 0)
                  : QCoreApplication::translate("tusk::explain", "%1× fewer rows than estimated")
                        .arg(1 / f, 0, 'f', 0);
}

// "public.orders" with EXPLAIN VERBOSE, "orders" otherwise.
QString tableName(const PlanNode &n)
{
    return n.schema.isEmpty() ? n.relationName : n.schema + QLatin1Char('.') + n.relationName;
}

// A work_mem value of at least `kb`, as SET accepts it: whole kB below 1 MB, whole MB above.
QString memoryValue(double kb)
{
    if (kb < 1024)
        return QStringLiteral("%1kB").arg(std::max(64.0, std::ceil(kb)));
    return QStringLiteral("%1MB").arg(std::ceil(kb / 1024));
}

double extraNumber(const PlanNode &n, const char *key)
{
    return n.extra.value(QLatin1String(key)).toDouble();
}

bool isScan(const PlanNode &n)
{
    static const QStringList scans = {QStringLiteral("Seq Scan"), QStringLiteral("Index Scan"),
                                      QStringLiteral("Index Only Scan"), QStringLiteral("Bitmap Heap Scan")};
    return !n.relationName.isEmpty() && scans.contains(n.nodeType);
}

// Nodes that may stop reading before the end (LIMIT, EXISTS, semi and anti joins, merge joins):
// their children's actual rows are not the rows there are.
bool mayStopEarly(const Plan &plan, int nodeId)
{
    for (int p = plan.nodes.at(nodeId).parentId; p >= 0; p = plan.nodes.at(p).parentId) {
        const PlanNode &a = plan.nodes.at(p);
        if (a.nodeType == QLatin1String("Limit") || a.nodeType == QLatin1String("Merge Join") ||
            a.joinType == QLatin1String("Semi") || a.joinType == QLatin1String("Anti") ||
            a.parentRelationship == ParentRelationship::SubPlan ||
            a.parentRelationship == ParentRelationship::InitPlan)
            return true;
    }
    return false;
}

void workersNotLaunched(Context &c, const PlanNode &n)
{
    if (n.workersPlanned <= 0 || n.workersLaunched < 0 || n.workersLaunched >= n.workersPlanned)
        return;
    c.add(WarningKind::WorkersNotLaunched, Severity::Warning, n.id,
          QCoreApplication::translate("tusk::explain", "%1 of %2 planned workers were launched")
              .arg(n.workersLaunched)
              .arg(n.workersPlanned),
          QCoreApplication::translate(
              "tusk::explain",
              "The worker pool was exhausted: other queries held the workers, or the pool is "
              "too small — raise max_parallel_workers%1 (at most max_worker_processes%2, which "
              "needs a restart), or run fewer parallel queries at once.")
              .arg(c.now("max_parallel_workers"), c.now("max_worker_processes")));
}

void misestimate(Context &c, const PlanNode &n)
{
    const double f = c.timings.at(n.id).misestimate;
    const double off = std::max(f, 1 / f);
    if (off < 10)
        return;
    const Severity s = off >= 1000 ? Severity::Critical : off >= 100 ? Severity::Warning : Severity::Info;
    c.add(WarningKind::Misestimate, s, n.id,
          QCoreApplication::translate("tusk::explain", "%1 (estimated %2, got %3 per loop)")
              .arg(factorText(f))
              .arg(n.planRows)
              .arg(n.actualRows),
          QCoreApplication::translate(
              "tusk::explain", "ANALYZE the tables involved; for correlated columns try CREATE STATISTICS; "
                               "raise the column's statistics target if values are skewed."));
}

void sortOnDisk(Context &c, const PlanNode &n)
{
    double diskKb = n.sortSpaceType == QLatin1String("Disk") ? double(n.sortSpaceUsedKb) : 0;
    // Incremental Sort reports its groups' sorts per kind of group.
    for (const char *groups : {"Full-sort Groups", "Pre-sorted Groups"}) {
        const QVariantMap disk =
            n.extra.value(QLatin1String(groups)).toMap().value(QStringLiteral("Sort Space Disk")).toMap();
        diskKb = std::max(diskKb, disk.value(QStringLiteral("Peak Sort Space Used")).toDouble());
    }
    if (diskKb <= 0)
        return;
    const QString key =
        n.sortKey.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(n.sortKey.join(QStringLiteral(", ")));
    c.add(WarningKind::SortOnDisk, Severity::Warning, n.id,
          QCoreApplication::translate("tusk::explain", "Sort spilled to disk: %1 kB written (%2)")
              .arg(number(diskKb), n.sortMethod.isEmpty()
                                       ? QCoreApplication::translate("tusk::explain", "external sort")
                                       : n.sortMethod),
          QCoreApplication::translate(
              "tusk::explain",
              "Sorting in memory takes about %1× the space written to disk: try SET LOCAL work_mem "
              "= '%2'%3 for this query, or sort fewer or narrower rows; an index on the sort "
              "key%4 can avoid the sort.")
              .arg(kSortMemoryPerDiskKb)
              .arg(memoryValue(diskKb * kSortMemoryPerDiskKb), c.now("work_mem"), key));
}

void hashBatches(Context &c, const PlanNode &n)
{
    if (n.hashBatches <= 1)
        return;
    const double peakKb = extraNumber(n, "Peak Memory Usage");
    const QString planned = n.originalHashBatches > 0 && n.originalHashBatches < n.hashBatches
                                ? QCoreApplication::translate(
                                      "tusk::explain", ", planned %1: the hash table outgrew its estimate")
                                      .arg(n.originalHashBatches)
                                : QString();
    const QString size =
        peakKb > 0 ? QCoreApplication::translate("tusk::explain", "about '%1' (%2 kB per batch × %3 batches)")
                         .arg(memoryValue(peakKb * n.hashBatches), number(peakKb))
                         .arg(n.hashBatches)
                   : QCoreApplication::translate("tusk::explain", "more");
    c.add(WarningKind::HashBatches, Severity::Warning, n.id,
          QCoreApplication::translate("tusk::explain", "Hash used %1 batches%2: it spilled to disk")
              .arg(n.hashBatches)
              .arg(planned),
          QCoreApplication::translate(
              "tusk::explain",
              "The hash table fits in memory with work_mem × hash_mem_multiplier of %1: SET LOCAL "
              "work_mem%2 or hash_mem_multiplier%3 for this query, or hash the smaller input.")
              .arg(size, c.now("work_mem"), c.now("hash_mem_multiplier")));
}

void hashAggSpill(Context &c, const PlanNode &n)
{
    const double batches = extraNumber(n, "HashAgg Batches");
    const double diskKb = extraNumber(n, "Disk Usage");
    if (batches <= 1 && diskKb <= 0)
        return;
    const double peakKb = extraNumber(n, "Peak Memory Usage");
    c.add(WarningKind::HashAggSpill, Severity::Warning, n.id,
          QCoreApplication::translate(
              "tusk::explain", "HashAggregate spilled to disk: %1 batches, %2 kB written (peak memory %3 kB)")
              .arg(number(batches), number(diskKb), number(peakKb)),
          QCoreApplication::translate(
              "tusk::explain",
              "The groups fit in memory with work_mem × hash_mem_multiplier of about '%1': SET "
              "LOCAL work_mem%2 or hash_mem_multiplier%3 for this query; fewer groups (a better "
              "estimate of them: ANALYZE) also help.")
              .arg(memoryValue(peakKb + diskKb), c.now("work_mem"), c.now("hash_mem_multiplier")));
}

void lossyBitmap(Context &c, const PlanNode &n)
{
    const double lossy = extraNumber(n, "Lossy Heap Blocks");
    if (lossy <= 0)
        return;
    const double exact = extraNumber(n, "Exact Heap Blocks");
    const double pages = lossy + exact;
    c.add(
        WarningKind::LossyBitmap, lossy >= exact ? Severity::Warning : Severity::Info, n.id,
        QCoreApplication::translate(
            "tusk::explain", "Bitmap went lossy on %1 of %2 heap pages: every row on them was rechecked (%3 "
                             "removed by the recheck)")
            .arg(number(lossy), number(pages), number(n.rowsRemovedByIndexRecheck * n.actualLoops)),
        QCoreApplication::translate(
            "tusk::explain", "The bitmap did not fit in work_mem%1; an exact bitmap needs about %2 bytes per "
                             "heap page: SET LOCAL work_mem = '%3' for this query.")
            .arg(c.now("work_mem"))
            .arg(kBitmapBytesPerPage)
            .arg(memoryValue(pages * kBitmapBytesPerPage / 1024)));
}

bool seqScanSelective(Context &c, const PlanNode &n)
{
    if (n.nodeType != QLatin1String("Seq Scan") || n.filter.isEmpty())
        return false;
    const double removed = n.rowsRemovedByFilter * n.actualLoops;
    const double kept = n.actualRows * n.actualLoops;
    const double read = removed + kept;
    if (read < kBigScanRows || removed / read < 0.9)
        return false;
    const double share = c.timings.at(n.id).share;
    const QStringList columns = columnsInCondition(n.filter);
    const QString index =
        columns.isEmpty()
            ? QCoreApplication::translate("tusk::explain", "an index matching the filter")
            : QStringLiteral("CREATE INDEX ON %1 (%2)").arg(tableName(n), columns.join(QStringLiteral(", ")));
    const QString like =
        n.filter.contains(QLatin1String("~~"))
            ? QCoreApplication::translate("tusk::explain",
                                          " For LIKE 'prefix%' the index needs text_pattern_ops (or the C "
                                          "collation).")
            : QString();
    c.add(WarningKind::SeqScanSelective, share >= 0.5 ? Severity::Critical : Severity::Warning, n.id,
          QCoreApplication::translate("tusk::explain",
                                      "Seq Scan on %1 read %2 rows to keep %3 (%4% removed by the filter)")
              .arg(tableName(n), number(read), number(kept))
              .arg(100 * removed / read, 0, 'f', removed / read > 0.999 ? 2 : 1),
          QCoreApplication::translate(
              "tusk::explain", "%1 lets PostgreSQL read only the rows it keeps (filter: %2); a partial index "
                               "(… WHERE <the constant part>) fits when the filter is always the same.%3")
              .arg(index, n.filter, like));
    return true;
}

void filterRemovesMost(Context &c, const PlanNode &n)
{
    const double removed = n.rowsRemovedByFilter;
    const double read = removed + n.actualRows;
    if (removed <= 0 || removed / read <= 0.9 || removed * n.actualLoops < kBigNodeRows)
        return;
    c.add(WarningKind::FilterRemovesMost, Severity::Warning, n.id,
          QCoreApplication::translate("tusk::explain",
                                      "Filter removed %1% of the rows read (%2 of %3 per loop)")
              .arg(100 * removed / read, 0, 'f', 1)
              .arg(removed)
              .arg(read),
          QCoreApplication::translate(
              "tusk::explain", "An index on the filtered columns (or a partial index matching the filter) "
                               "lets PostgreSQL read only the rows it keeps."));
}

void staleStatistics(Context &c, const PlanNode &n)
{
    // Without a condition the estimate is the table's row count from its statistics; a scan that
    // may stop early (under a LIMIT, EXISTS, a semi join) proves nothing about that count.
    if (!isScan(n) || !n.filter.isEmpty() || !n.indexCond.isEmpty() || !n.recheckCond.isEmpty() ||
        !n.joinFilter.isEmpty() || mayStopEarly(c.plan, n.id))
        return;
    const double f = c.timings.at(n.id).misestimate;
    const double off = std::max(f, 1 / f);
    if (off < 10)
        return;
    c.add(WarningKind::StaleStatistics, off >= 100 ? Severity::Warning : Severity::Info, n.id,
          QCoreApplication::translate(
              "tusk::explain",
              "%1 on %2 with no condition to misjudge: estimated %3 rows, got %4 — the table's "
              "statistics are out of date")
              .arg(n.nodeType, tableName(n), number(n.planRows), number(n.actualRows)),
          QCoreApplication::translate(
              "tusk::explain",
              "Run ANALYZE %1; if this recurs, autovacuum does not analyze it often enough: lower "
              "its autovacuum_analyze_scale_factor (ALTER TABLE %1 SET "
              "(autovacuum_analyze_scale_factor = 0.02)) and watch n_mod_since_analyze in "
              "pg_stat_user_tables.")
              .arg(tableName(n)));
}

void nestedLoopManyLoops(Context &c, const PlanNode &n)
{
    if (n.nodeType != QLatin1String("Nested Loop") || n.children.size() < 2 || c.totalMs <= 0)
        return;
    const PlanNode &outer = c.plan.nodes.at(n.children.at(0));
    const PlanNode &inner = c.plan.nodes.at(n.children.at(1));
    const double innerMs = c.timings.at(inner.id).inclusiveMs;
    const double share = innerMs / c.totalMs;
    if (inner.actualLoops < kManyLoops || share < kLoopShare)
        return;
    const QString what = inner.relationName.isEmpty()
                             ? inner.nodeType
                             : QStringLiteral("%1 on %2").arg(inner.nodeType, tableName(inner));
    QString advice;
    if (!inner.indexCond.isEmpty()) {
        advice =
            QCoreApplication::translate("tusk::explain", "Each loop is an index lookup (Index Cond: %1). ")
                .arg(inner.indexCond);
    } else {
        const QStringList columns = columnsInCondition(n.joinFilter.isEmpty() ? inner.filter : n.joinFilter);
        advice = inner.relationName.isEmpty() || columns.isEmpty()
                     ? QCoreApplication::translate("tusk::explain",
                                                   "Each loop re-reads the inner side without an index. ")
                     : QCoreApplication::translate(
                           "tusk::explain",
                           "Each loop re-reads the inner side: CREATE INDEX ON %1 (%2) turns it into "
                           "a lookup. ")
                           .arg(tableName(inner), columns.join(QStringLiteral(", ")));
    }
    const double outerOff =
        std::max(c.timings.at(outer.id).misestimate, 1 / c.timings.at(outer.id).misestimate);
    advice +=
        outerOff >= 10
            ? QCoreApplication::translate(
                  "tusk::explain",
                  "The outer side returned %1 rows where %2 were estimated: with a right "
                  "estimate (ANALYZE, CREATE STATISTICS) the planner would likely pick a hash "
                  "or merge join.")
                  .arg(number(outer.actualRows * outer.actualLoops), number(outer.planRows))
            : QCoreApplication::translate(
                  "tusk::explain", "A hash or merge join reads the inner side once: check enable_hashjoin%1 "
                                   "and enable_mergejoin%2, and that work_mem%3 fits the hash table.")
                  .arg(c.now("enable_hashjoin"), c.now("enable_mergejoin"), c.now("work_mem"));
    c.add(WarningKind::NestedLoopManyLoops, share >= 0.5 ? Severity::Critical : Severity::Warning, n.id,
          QCoreApplication::translate("tusk::explain",
                                      "Nested Loop ran its inner side (%1) %2 times: %3 ms, %4% of the time")
              .arg(what, number(inner.actualLoops), number(innerMs))
              .arg(100 * share, 0, 'f', 0),
          advice);
}

void jitDominates(Context &c)
{
    const QVariantMap timing = c.plan.jit.value(QStringLiteral("Timing")).toMap();
    // 17+ nests {"Total", "Deform"} under "Generation"; a plain number before.
    auto ms = [&](const char *key) {
        const QVariant v = timing.value(QLatin1String(key));
        return v.typeId() == QMetaType::QVariantMap ? v.toMap().value(QStringLiteral("Total")).toDouble()
                                                    : v.toDouble();
    };
    const double jitMs = ms("Total");
    const double execMs = c.plan.executionTimeMs.value_or(0);
    if (jitMs <= 0 || execMs <= 0 || jitMs / execMs < 0.1)
        return;
    const double ratio = jitMs / execMs;
    const double rootCost = c.plan.isEmpty() ? 0 : c.plan.root().totalCost;
    c.add(WarningKind::JitDominates, ratio >= 0.5 ? Severity::Critical : Severity::Warning, -1,
          QCoreApplication::translate(
              "tusk::explain",
              "JIT compilation took %1 ms of the %2 ms execution (%3%): %4 ms inlining, %5 ms "
              "optimization, %6 ms emission")
              .arg(number(jitMs), number(execMs))
              .arg(100 * std::min(ratio, 1.0), 0, 'f', 0)
              .arg(number(ms("Inlining")), number(ms("Optimization")), number(ms("Emission"))),
          QCoreApplication::translate(
              "tusk::explain",
              "JIT costs more than it saves here: SET jit = off for this query (or ALTER ROLE / "
              "DATABASE … SET jit = off), or raise jit_above_cost%1 above the plan's cost of %2; "
              "raising jit_inline_above_cost%3 and jit_optimize_above_cost%4 keeps JIT without "
              "its most expensive steps.")
              .arg(c.now("jit_above_cost"), number(rootCost), c.now("jit_inline_above_cost"),
                   c.now("jit_optimize_above_cost")));
}

} // namespace

void PlanAnalysis::collectWarnings(const Plan &plan)
{
    Context c{plan, m_timings, m_totalMs, &m_warnings};
    for (const PlanNode &n : plan.nodes) {
        workersNotLaunched(c, n);
        if (!n.hasActuals || n.neverExecuted)
            continue;
        misestimate(c, n);
        staleStatistics(c, n);
        sortOnDisk(c, n);
        hashBatches(c, n);
        hashAggSpill(c, n);
        lossyBitmap(c, n);
        nestedLoopManyLoops(c, n);
        if (!seqScanSelective(c, n))
            filterRemovesMost(c, n);
    }
    jitDominates(c);
}

} // namespace tusk::explain
