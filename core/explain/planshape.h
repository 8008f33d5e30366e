#pragma once

#include "explain/plan.h"

#include <QString>
#include <QVector>

namespace tusk::explain {

/// How much of the names a subtree shape keeps (PlanShapes).
enum class ShapeNames {
    /// Node types and structure only: relation, alias and index names and every number are
    /// ignored ("Nested Loop over orders_p7" has the shape of "Nested Loop over archive_2019").
    Ignored,
    /// Names that differ only in their digits count as equal (`events_p7`, `orders_2024_01`,
    /// PostgreSQL's `events_12` aliases; index names alike).
    DigitsMasked,
    /// As DigitsMasked, but a scan PostgreSQL (12+) aliases `parent_N` stands for "a partition of
    /// parent", whatever the partition is called (`orders_eu` aliased `orders_1`).
    PartitionParent,
};

/// Subtree shapes of a plan, three ways (ShapeNames): two nodes get the same shape id exactly
/// when their subtrees have the same node types (as EXPLAIN names them: "Parallel Seq Scan",
/// "Hash Left Join", "Partial HashAggregate"), join types, strategies, operations, subplan kinds
/// and parent relationships, with the same children in the same order, all the way down.
/// Times, rows, costs, buffers and conditions never count. Linear in the plan (ints hashed
/// bottom-up).
/// @code
/// const PlanShapes shapes(plan);
/// if (shapes.shape(a) == shapes.shape(b)) … // same shape, whatever the tables are called
/// @endcode
class PlanShapes
{
public:
    explicit PlanShapes(const Plan &plan);

    int shape(int nodeId, ShapeNames names = ShapeNames::Ignored) const
    {
        return m_shapes[int(names)].at(nodeId);
    }
    bool sameShape(int a, int b, ShapeNames names = ShapeNames::Ignored) const
    {
        return shape(a, names) == shape(b, names);
    }

    /// What one node contributes to its subtree's shape (its children's shapes aside).
    static QString ownKey(const PlanNode &n, ShapeNames names);

private:
    QVector<int> m_shapes[3];
};

/// "events_p12" -> "events_p#": what stays of a name when partition numbers are ignored.
QString digitsMasked(const QString &name);

/// The alias without PostgreSQL's "_N" partition suffix ("events_12" -> "events", "o_3" -> "o");
/// `matched` tells whether there was one.
QString aliasStem(const QString &alias, bool *matched = nullptr);

} // namespace tusk::explain
