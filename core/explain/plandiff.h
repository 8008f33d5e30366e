#pragma once

#include "explain/plan.h"
#include "explain/plananalysis.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tusk::explain {

/// What a node of one plan did, as far as a diff compares it (one side of a NodeChange).
struct NodeFigures
{
    double exclusiveMs = 0;
    double inclusiveMs = 0;
    double actualRows = 0; ///< Per loop, as EXPLAIN prints it.
    double rowsOut = 0;    ///< Over all loops (see rowsOut()); the planned rows without ANALYZE.
    double planRows = 0;   ///< Per loop.
    double loops = 0;
    double totalCost = 0;
    double exclusiveCost = 0;
    double misestimate = 1; ///< actual / planned rows per loop (PlanAnalysis).
    Buffers exclusiveBuffers;
    double blocks = 0; ///< Exclusive blocks touched (PlanAnalysis::blocksTouched()).
};

/// One line of a plan diff: a node matched in both plans, or one found in only one of them.
struct NodeChange
{
    enum class Kind { Matched, Removed, Added };
    /// What differs between the two nodes of a matched pair besides the numbers.
    enum Flag {
        TypeChanged = 0x1, ///< Seq Scan → Index Scan, Hash Join → Nested Loop, → Parallel, → Partial, …
        RelationChanged = 0x2, ///< A scan of another table, or a join over other tables.
        JoinTypeChanged = 0x4, ///< Inner → Left, Semi → Inner, …
        IndexChanged = 0x8,    ///< Another index, or an index where there was none.
        StrategyChanged = 0x10 ///< Aggregate Hashed → Sorted, …
    };

    Kind kind = Kind::Matched;
    int before = -1; ///< Node id in the "before" plan, -1 when added.
    int after = -1;  ///< Node id in the "after" plan, -1 when removed.
    int flags = 0;
    NodeFigures was; ///< Zeros when added.
    NodeFigures now; ///< Zeros when removed.
    /// How much this change matters, for the ranking (see PlanDiff); 0 for no change at all.
    /// For a change standing for a run (see `run`), the run's.
    double score = 0;
    /// The same for this node alone (views colour a node by it).
    double nodeScore = 0;
    /// "Seq Scan on orders became Index Scan using orders_customer_idx on orders: 812 ms → 3.1 ms,
    /// shared read 90,112 → 42 blocks".
    QString sentence;
    /// A ranked change standing for siblings removed or added alike (pruned partitions): the
    /// changes of all of them and of what hangs below them, itself first; empty otherwise.
    /// Its score and sentence are the run's.
    QVector<int> run;

    bool has(Flag f) const { return (flags & f) != 0; }
    double deltaExclusiveMs() const { return now.exclusiveMs - was.exclusiveMs; }
    double deltaInclusiveMs() const { return now.inclusiveMs - was.inclusiveMs; }
    double deltaBlocks() const { return now.blocks - was.blocks; }
    double deltaRowsOut() const { return now.rowsOut - was.rowsOut; }
};

/// Statement-level figures of both plans.
struct StatementDelta
{
    std::optional<double> planningMs[2]; ///< [0] before, [1] after.
    std::optional<double> executionMs[2];
    double totalMs[2] = {0, 0}; ///< PlanAnalysis::totalMs(): execution time or the root's time.
    Buffers buffers[2];         ///< Sum of the nodes' exclusive buffers.
    double blocks[2] = {0, 0};
    double jitMs[2] = {0, 0}; ///< JIT "Timing" → "Total", 0 without JIT.
    int nodes[2] = {0, 0};
    int matched = 0;
    int removed = 0;
    int added = 0;
};

/// Two plans of (usually) the same statement compared node by node: which nodes correspond,
/// how their time, rows, loops, buffers and cost changed, and the changes ranked biggest first.
///
/// Matching (the shapes may differ: an index turns a Seq Scan into a Bitmap Heap Scan with a
/// Bitmap Index Scan below, a Hash Join becomes a Nested Loop, partitions are pruned, the join
/// order changes) runs in passes, each on what the earlier ones left (plandiffmatch.cpp):
/// 1. identical subtrees (node types, relations, aliases, indexes, join types — not numbers)
///    that occur once on each side, largest first;
/// 2. scans of the same relation and alias (then the same relation, then the same index), even
///    when the scan type changed, when that key is unique on both sides;
/// 3. nodes over the same set of relations (a join whose inputs swapped), in tree order, the
///    same type preferred over the same family (any join for a join);
/// 4. bottom-up: a node whose matched descendants meet in one node of the other plan is
///    matched to that node (or an ancestor close above it) when they are of the same family;
///    top-down: the unmatched children of a matched pair by identical subtree, by same node,
///    then by family in order. Repeated until nothing changes.
/// All passes are hash lookups or short walks: 10,000-node plans diff in milliseconds.
///
/// Ranking: score = |Δ exclusive time| / the slower statement's time + 0.1 × |Δ exclusive
/// blocks| / the larger plan's blocks; a tenfold change of rows or of the misestimate adds
/// 0.05% each (tie-breakers), a structural change (added, removed, other type/index/join) 0.1%. Without
/// ANALYZE, exclusive cost takes the place of time. ranked() lists the changes with a score of at least 0.5%
/// and every structural change, biggest first.
/// @code
/// const PlanDiff diff = PlanDiff::compare(before, after);
/// for (int i : diff.ranked()) qDebug() << diff.changes().at(i).sentence;
/// @endcode
class PlanDiff
{
public:
    static PlanDiff compare(const Plan &before, const Plan &after);
    /// The same with analyses already computed (the views have them).
    static PlanDiff compare(const Plan &before, const PlanAnalysis &beforeAnalysis, const Plan &after,
                            const PlanAnalysis &afterAnalysis);

    /// Matched pairs and removed nodes in the before plan's order, then added nodes in the
    /// after plan's order.
    const QVector<NodeChange> &changes() const { return m_changes; }
    /// Indices into changes(), biggest change first; only changes worth reading.
    const QVector<int> &ranked() const { return m_ranked; }
    const StatementDelta &statement() const { return m_statement; }

    /// The after node matched to a before node, -1 when it was removed (and the reverse).
    int afterOf(int beforeId) const { return m_afterOf.value(beforeId, -1); }
    int beforeOf(int afterId) const { return m_beforeOf.value(afterId, -1); }
    /// Index into changes() of a node of either plan, -1 for an unknown id.
    int changeOfBefore(int beforeId) const { return m_changeOfBefore.value(beforeId, -1); }
    int changeOfAfter(int afterId) const { return m_changeOfAfter.value(afterId, -1); }

    /// A change with its figures summed over its run (NodeChange::run) — what a view shows for
    /// a ranked line; the change itself when it stands for no run.
    NodeChange combined(int changeIndex) const;

    /// "Execution 812 ms → 3.9 ms (−99.5%)", "shared read 90,112 → 42 blocks", … for a header.
    QStringList statementSummary() const;

private:
    /// Added to the score of a structural change (added, removed, other type): once per line,
    /// also for a run of 1,000 alike.
    static constexpr double kStructuralBonus = 0.001;

    void collapseRuns(const Plan &before, const Plan &after);
    QString describeRun(const NodeChange &head, const Plan &before, const Plan &after) const;

    QVector<NodeChange> m_changes;
    QVector<int> m_ranked;
    StatementDelta m_statement;
    QVector<int> m_afterOf;
    QVector<int> m_beforeOf;
    QVector<int> m_changeOfBefore;
    QVector<int> m_changeOfAfter;
};

/// Whether a diff of these plans compares times: both have EXPLAIN ANALYZE figures (an empty
/// plan counts as either). Otherwise it compares costs — time against no time says nothing.
bool comparesTimes(const Plan &before, const Plan &after);

} // namespace tusk::explain
