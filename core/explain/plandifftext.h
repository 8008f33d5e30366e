#pragma once

#include "explain/plandiff.h"

#include <QString>

namespace tusk::explain {

/// "Seq Scan on orders", "Index Scan using orders_pkey on orders o", "Hash Left Join",
/// "HashAggregate": a node as EXPLAIN's text format would name it, for sentences.
QString describeNode(const PlanNode &n);
/// The same with what the plan around it says: a join's aliases ("Hash Join (o, c)"), a Bitmap
/// Heap Scan's index ("Bitmap Heap Scan using orders_customer_idx on orders o").
QString describeNode(const Plan &plan, int nodeId);

/// The sentence for a change (NodeChange::sentence is filled for the ranked ones only).
QString describeChange(const NodeChange &c, const Plan &before, const Plan &after);

/// Formatting shared by the diff's sentences and views: "812 ms", "3.1 ms", "1.2 s";
/// "90,112"; "−99.5%".
namespace difftext {
QString duration(double ms);
QString number(double n);
QString signedDuration(double ms);
QString percentChange(double before, double after);
} // namespace difftext

} // namespace tusk::explain
