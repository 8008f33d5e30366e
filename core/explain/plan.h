#pragma once

#include "explain/plannode.h"

#include <QString>
#include <QVariantMap>
#include <QVector>

#include <optional>

namespace tusk::explain {

/// One trigger's run time, from EXPLAIN ANALYZE of a data-modifying statement.
struct TriggerTiming
{
    QString name;
    QString relation;
    double timeMs = 0;
    double calls = 0;
};

/// A parsed EXPLAIN: the node tree in pre-order (nodes[0] is the root; each node lists its
/// children's indices) and the statement-level figures.
struct Plan
{
    QVector<PlanNode> nodes;
    QString queryText;                     ///< auto_explain's "Query Text", when present.
    std::optional<double> planningTimeMs;  ///< "Planning Time" (9.4+; "Planning" is buffers).
    std::optional<double> executionTimeMs; ///< "Execution Time", or "Total Runtime" (≤ 9.3).
    QVector<TriggerTiming> triggers;
    QVariantMap jit;      ///< "JIT" object as is (functions, options, timing).
    QVariantMap settings; ///< "Settings" (EXPLAIN (SETTINGS), 12+).
    /// The input was regression-test output with numbers masked as N: they read as 0 here.
    bool numbersMasked = false;
    QVariantMap extra; ///< Other statement-level properties ("Planning" buffers, "Serialization", …).

    bool isEmpty() const { return nodes.isEmpty(); }
    const PlanNode &root() const { return nodes.first(); }
};

} // namespace tusk::explain
