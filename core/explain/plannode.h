#pragma once

#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QVector>

namespace tusk::explain {

/// How a node hangs below its parent ("Parent Relationship" in EXPLAIN).
enum class ParentRelationship { None, Outer, Inner, Member, Subquery, InitPlan, SubPlan, Other };

/// Maps PostgreSQL's spelling ("Outer", "InitPlan", …) to the enum; unknown text gives Other.
ParentRelationship parentRelationshipFromString(const QString &text);

struct PlanNode;
/// The node's name as EXPLAIN's TEXT format prints it: "HashAggregate", "Finalize GroupAggregate",
/// "Parallel Seq Scan", "Hash Left Join", "Nested Loop Anti Join", "HashSetOp".
QString textNodeName(const PlanNode &n);

/// Buffer counters of a node or a worker (blocks of 8 kB, as EXPLAIN (BUFFERS) reports them).
struct Buffers
{
    qint64 sharedHit = 0;
    qint64 sharedRead = 0;
    qint64 sharedDirtied = 0;
    qint64 sharedWritten = 0;
    qint64 localHit = 0;
    qint64 localRead = 0;
    qint64 localDirtied = 0;
    qint64 localWritten = 0;
    qint64 tempRead = 0;
    qint64 tempWritten = 0;
    /// "I/O Read Time" (≤16) or "Shared I/O Read Time" (17+), in ms.
    double ioReadTimeMs = 0;
    double ioWriteTimeMs = 0;
};

/// What one parallel worker reported for a node ("Workers" array).
struct WorkerDetail
{
    int number = -1;
    double actualStartupTimeMs = 0;
    double actualTotalTimeMs = 0;
    double actualRows = 0;
    double actualLoops = 0;
    /// Every other property of the worker (sort method, buffers, JIT, …), unchanged.
    QVariantMap extra;
};

/// One node of an EXPLAIN plan as a plain value. Numbers are as PostgreSQL printed them:
/// actual times are per loop, rows are per loop. Properties without a field land in `extra`.
struct PlanNode
{
    int id = -1;       ///< Index in Plan::nodes (pre-order).
    int parentId = -1; ///< -1 for the root.
    QVector<int> children;
    QString nodeType;
    QString relationName;
    QString schema;
    QString alias;
    QString indexName;
    QString joinType;
    QString strategy;
    ParentRelationship parentRelationship = ParentRelationship::None;
    QString parentRelationshipText;
    QString subplanName;
    bool parallelAware = false;

    double startupCost = 0;
    double totalCost = 0;
    double planRows = 0;
    int planWidth = 0;

    bool hasActuals = false; ///< EXPLAIN ANALYZE numbers are present.
    double actualStartupTimeMs = 0;
    double actualTotalTimeMs = 0;
    double actualRows = 0;
    double actualLoops = 0;
    bool neverExecuted = false; ///< Analyzed, but "Actual Loops": 0.

    int workersPlanned = -1; ///< -1 when not reported.
    int workersLaunched = -1;
    QVector<WorkerDetail> workers;

    Buffers buffers;

    QString filter;
    QString indexCond;
    QString joinFilter;
    QString hashCond;
    QString mergeCond;
    QString recheckCond;
    double rowsRemovedByFilter = 0;
    double rowsRemovedByJoinFilter = 0;
    double rowsRemovedByIndexRecheck = 0;

    QString sortMethod;
    QString sortSpaceType; ///< "Memory" or "Disk".
    qint64 sortSpaceUsedKb = 0;
    QStringList sortKey;
    int hashBatches = 0;
    int originalHashBatches = 0;
    int hashBuckets = 0;
    QStringList output;

    /// Every property not listed above, keyed by PostgreSQL's name, so nothing is lost.
    QVariantMap extra;
};

} // namespace tusk::explain
