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

} // namespace tusk::explain
