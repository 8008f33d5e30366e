#include "explain/plansearch.h"

namespace tusk::explain {

QVector<int> findNodes(const Plan &plan, const QString &text)
{
    QVector<int> out;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return out;
    const auto has = [&needle](const QString &s) { return s.contains(needle, Qt::CaseInsensitive); };
    for (const PlanNode &n : plan.nodes) {
        if (has(n.nodeType) || has(n.relationName) || has(n.alias) || has(n.indexName) ||
            has(n.subplanName) || has(n.extra.value(QStringLiteral("CTE Name")).toString()))
            out << n.id;
    }
    return out;
}

} // namespace tusk::explain
