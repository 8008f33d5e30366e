#include "explain/plannode.h"

namespace tusk::explain {

ParentRelationship parentRelationshipFromString(const QString &text)
{
    if (text.isEmpty())
        return ParentRelationship::None;
    if (text == QLatin1String("Outer"))
        return ParentRelationship::Outer;
    if (text == QLatin1String("Inner"))
        return ParentRelationship::Inner;
    if (text == QLatin1String("Member"))
        return ParentRelationship::Member;
    if (text == QLatin1String("Subquery"))
        return ParentRelationship::Subquery;
    if (text == QLatin1String("InitPlan"))
        return ParentRelationship::InitPlan;
    if (text == QLatin1String("SubPlan"))
        return ParentRelationship::SubPlan;
    return ParentRelationship::Other;
}

QString textNodeName(const PlanNode &n)
{
    QString t = n.nodeType;
    // GroupAggregate, HashAggregate, MixedAggregate; HashSetOp …
    if (n.nodeType == QLatin1String("Aggregate")) {
        if (n.strategy == QLatin1String("Sorted"))
            t = QStringLiteral("GroupAggregate");
        else if (n.strategy == QLatin1String("Hashed"))
            t = QStringLiteral("HashAggregate");
        else if (n.strategy == QLatin1String("Mixed"))
            t = QStringLiteral("MixedAggregate");
    } else if (n.nodeType == QLatin1String("SetOp") && n.strategy == QLatin1String("Hashed")) {
        t = QStringLiteral("HashSetOp");
    }
    // … with "Partial" / "Finalize" for parallel aggregation …
    const QString partial = n.extra.value(QStringLiteral("Partial Mode")).toString();
    if (!partial.isEmpty() && partial != QLatin1String("Simple"))
        t.prepend(partial + u' ');
    if (n.parallelAware)
        t.prepend(QStringLiteral("Parallel "));
    // … and "Hash Left Join", "Nested Loop Anti Join"; inner joins say nothing.
    if (!n.joinType.isEmpty() && n.joinType != QLatin1String("Inner")) {
        if (t.endsWith(QLatin1String(" Join")))
            t.insert(t.size() - 5, u' ' + n.joinType);
        else
            t += u' ' + n.joinType + QStringLiteral(" Join");
    }
    return t;
}

} // namespace tusk::explain
