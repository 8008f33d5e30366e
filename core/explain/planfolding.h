#pragma once

#include "explain/plan.h"

#include <QString>
#include <QVector>

namespace tusk::explain {

/// A run of sibling subtrees that look the same (e.g. an Append's 1,000 partition scans),
/// shown as one card until the user unfolds it.
struct FoldGroup
{
    int id = -1;          ///< Index in PlanFolding::groups().
    int parentId = -1;    ///< The node whose children were folded.
    QVector<int> members; ///< Root node ids of the folded subtrees, in plan order.
    QString nodeType;     ///< The members' root node type ("Seq Scan").
    /// The partitioned parent ("events" for events_p0…), or the relation all members read; may be empty.
    QString relationStem;
    int nodeCount = 0;         ///< Nodes in all member subtrees together.
    bool sameRelation = false; ///< Every member root reads the same relation (UNION ALL branches).

    int count() const { return int(members.size()); }
};

/// Finds runs of identical sibling subtrees: same node types and shape all the way down, and
/// relation, alias and index names that differ only in their digits (partition suffixes such as
/// `events_p7`, `orders_2024_01`, PostgreSQL's `events_12` aliases) — or scans of partitions of
/// the same parent, which PostgreSQL (12+) aliases `parent_N` whatever the partitions are called.
/// Only consecutive siblings are folded, so plan order is kept. O(n) with hashing.
/// @code
/// PlanFolding folding(plan);
/// for (const FoldGroup &g : folding.groups()) qDebug() << g.nodeType << "×" << g.count();
/// @endcode
class PlanFolding
{
public:
    /// Runs shorter than `minRun` siblings stay unfolded.
    explicit PlanFolding(const Plan &plan, int minRun = 4);

    const QVector<FoldGroup> &groups() const { return m_groups; }
    /// The outermost group whose member subtrees contain `nodeId` (at any depth), or -1.
    int groupContaining(int nodeId) const { return m_containing.value(nodeId, -1); }
    /// The group of which `nodeId` is a member root, or -1.
    int groupOfMember(int nodeId) const { return m_memberOf.value(nodeId, -1); }

    /// "events_p12" -> "events_p#": what stays of a name when partition numbers are ignored.
    static QString digitsMasked(const QString &name);

private:
    QVector<FoldGroup> m_groups;
    QVector<int> m_containing;
    QVector<int> m_memberOf;
};

} // namespace tusk::explain
