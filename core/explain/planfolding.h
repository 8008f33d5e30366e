#pragma once

#include "explain/plan.h"

#include <QString>
#include <QVector>

namespace tusk::explain {

class PlanAnalysis;

/// Sibling subtrees of one shape (e.g. an Append's 1,000 partition scans, or its 3,300 nested
/// loops over orders_p0 … orders_p3299), shown as one card until the user unfolds it.
struct FoldGroup
{
    int id = -1;          ///< Index in PlanFolding::groups().
    int parentId = -1;    ///< The node whose children were folded.
    QVector<int> members; ///< Root node ids of the folded subtrees, in plan order (not always adjacent).
    QString nodeType;     ///< The members' root node type ("Seq Scan").
    /// The partitioned parent ("events" for events_p0…), or the relation all members read; empty
    /// when the members' names are unrelated.
    QString relationStem;
    int nodeCount = 0;         ///< Nodes in all member subtrees together.
    bool sameRelation = false; ///< Every member root reads the same relation (UNION ALL branches).
    /// The members' names look alike (they differ in digits only, or name partitions of one
    /// parent); false when the members were folded by shape alone.
    bool namesAlike = true;
    /// Where in a member's subtree (pre-order offset, 0 = the member itself) the first relation
    /// whose name differs between members is, or -1 when every member reads the same tables.
    int nameOffset = -1;
    QString firstName; ///< That relation's name in the first member ("orders_p0"), or empty.
    QString lastName;  ///< …and in the last one ("orders_p3299").

    int count() const { return int(members.size()); }
    /// "orders_p0 … orders_p3299" (one name when they agree), empty when no name differs.
    QString namesRange() const;
};

/// Aggregate figures of a folded group's members, for its card and details.
struct FoldSummary
{
    bool analyzed = false; ///< EXPLAIN ANALYZE figures (else rows are the planner's).
    double totalMs = 0;    ///< Σ of the members' inclusive times.
    double minMs = 0;      ///< The fastest member (inclusive).
    double maxMs = 0;      ///< The slowest member (inclusive).
    double share = 0;      ///< totalMs / the statement's time (0..1).
    double totalRows = 0;  ///< Σ of the rows the members handed up (rowsOut()).
    double minRows = 0;
    double maxRows = 0;
};

/// Sums, minima and maxima over the members of `group` (their subtrees are timed by their
/// roots' inclusive times).
FoldSummary summarizeFold(const Plan &plan, const PlanAnalysis &analysis, const FoldGroup &group);

/// Finds sibling subtrees of the same shape (PlanShapes: same node types and structure all the
/// way down, numbers ignored) and folds each set into one group:
/// - from `minRun` members when their names look alike — relation, alias and index names that
///   differ only in digits (`events_p7`, `orders_2024_01`, PostgreSQL's `events_12` aliases), or
///   scans of partitions of one parent, which PostgreSQL (12+) aliases `parent_N`;
/// - from 2 × `minRun` members whatever the tables are called (`orders_eu`, `orders_us`, … of a
///   PostgreSQL 11 plan; a UNION ALL over many tables), so four scans of unrelated tables stay
///   four cards but 3,300 nested loops over unrelated partitions become one.
/// Members need not be adjacent: the Append of 2,000 nested loops with a hash join every 40th
/// member folds into two groups, not a hundred. A group's card stands where its first member
/// is. O(n) with hashing.
/// @code
/// PlanFolding folding(plan);
/// for (const FoldGroup &g : folding.groups()) qDebug() << g.count() << "×" << g.nodeType << g.namesRange();
/// @endcode
class PlanFolding
{
public:
    /// Sets of fewer than `minRun` look-alike siblings stay unfolded.
    explicit PlanFolding(const Plan &plan, int minRun = 4);

    const QVector<FoldGroup> &groups() const { return m_groups; }
    /// The outermost group whose member subtrees contain `nodeId` (at any depth), or -1.
    int groupContaining(int nodeId) const { return m_containing.value(nodeId, -1); }
    /// The group of which `nodeId` is a member root, or -1.
    int groupOfMember(int nodeId) const { return m_memberOf.value(nodeId, -1); }

    /// "events_p12" -> "events_p#": what stays of a name when partition numbers are ignored.
    static QString digitsMasked(const QString &name);

private:
    void addGroup(const Plan &plan, int parentId, const QVector<int> &members, bool namesAlike,
                  const QVector<int> &size);

    QVector<FoldGroup> m_groups;
    QVector<int> m_containing;
    QVector<int> m_memberOf;
};

} // namespace tusk::explain
