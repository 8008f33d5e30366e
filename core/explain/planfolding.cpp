#include "explain/planfolding.h"

#include "explain/plananalysis.h"
#include "explain/planmetrics.h"
#include "explain/planshape.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace tusk::explain {

namespace {

bool allSame(const QVector<int> &members, const PlanShapes &shapes, ShapeNames names)
{
    for (int m : members) {
        if (!shapes.sameShape(m, members.first(), names))
            return false;
    }
    return true;
}

// Siblings by shape, in the order their first member appears.
QVector<QVector<int>> bucketsByShape(const QVector<int> &kids, const PlanShapes &shapes, ShapeNames names)
{
    QVector<QVector<int>> buckets;
    QHash<int, int> bucketOf;
    for (int kid : kids) {
        auto it = bucketOf.constFind(shapes.shape(kid, names));
        if (it == bucketOf.cend())
            it = bucketOf.insert(shapes.shape(kid, names), int(buckets.size()));
        if (it.value() == buckets.size())
            buckets.append(QVector<int>());
        buckets[it.value()] << kid;
    }
    return buckets;
}

} // namespace

QString FoldGroup::namesRange() const
{
    if (firstName.isEmpty())
        return {};
    return firstName == lastName ? firstName : firstName + QStringLiteral(" … ") + lastName;
}

FoldSummary summarizeFold(const Plan &plan, const PlanAnalysis &analysis, const FoldGroup &group)
{
    FoldSummary s;
    if (group.members.isEmpty())
        return s;
    s.analyzed = plan.nodes.at(group.members.first()).hasActuals;
    s.minMs = s.minRows = std::numeric_limits<double>::max();
    s.maxMs = s.maxRows = std::numeric_limits<double>::lowest();
    for (int member : group.members) {
        const double ms = analysis.timing(member).inclusiveMs;
        const double rows = rowsOut(plan.nodes.at(member));
        s.totalMs += ms;
        s.minMs = std::min(s.minMs, ms);
        s.maxMs = std::max(s.maxMs, ms);
        s.totalRows += rows;
        s.minRows = std::min(s.minRows, rows);
        s.maxRows = std::max(s.maxRows, rows);
    }
    s.share = analysis.totalMs() > 0 ? s.totalMs / analysis.totalMs() : 0;
    return s;
}

QString PlanFolding::digitsMasked(const QString &name)
{
    return explain::digitsMasked(name);
}

PlanFolding::PlanFolding(const Plan &plan, int minRun)
{
    const int n = int(plan.nodes.size());
    m_containing.fill(-1, n);
    m_memberOf.fill(-1, n);
    QVector<int> size(n, 1);
    for (int id = n - 1; id > 0; --id)
        size[plan.nodes.at(id).parentId] += size.at(id);
    const PlanShapes shapes(plan);
    // Names alike fold from minRun; names unrelated need twice as many look-alikes before one
    // card says more than the cards themselves would.
    const int unrelatedMinRun = 2 * minRun;
    for (const PlanNode &parent : plan.nodes) {
        if (parent.children.size() < minRun)
            continue;
        const int first = int(m_groups.size());
        for (const QVector<int> &bucket : bucketsByShape(parent.children, shapes, ShapeNames::Ignored)) {
            if (bucket.size() < minRun)
                continue;
            const bool alike = allSame(bucket, shapes, ShapeNames::DigitsMasked) ||
                               allSame(bucket, shapes, ShapeNames::PartitionParent);
            if (alike || bucket.size() >= unrelatedMinRun) {
                addGroup(plan, parent.id, bucket, alike, size);
                continue;
            }
            // A few of one shape over unrelated tables: only the look-alikes among them fold.
            for (const QVector<int> &alikes : bucketsByShape(bucket, shapes, ShapeNames::DigitsMasked)) {
                if (alikes.size() >= minRun)
                    addGroup(plan, parent.id, alikes, true, size);
            }
        }
        // One parent's groups in the order their cards stand.
        std::sort(m_groups.begin() + first, m_groups.end(), [](const FoldGroup &a, const FoldGroup &b) {
            return a.members.first() < b.members.first();
        });
        for (int g = first; g < m_groups.size(); ++g)
            m_groups[g].id = g;
    }
    // Pre-order: a member's subtree is the id range [member, member + size).
    for (const FoldGroup &g : m_groups) {
        for (int member : g.members) {
            m_memberOf[member] = g.id;
            for (int id = member; id < member + size.at(member); ++id) {
                if (m_containing.at(id) < 0)
                    m_containing[id] = g.id;
            }
        }
    }
}

void PlanFolding::addGroup(const Plan &plan, int parentId, const QVector<int> &members, bool namesAlike,
                           const QVector<int> &size)
{
    FoldGroup g;
    g.id = int(m_groups.size());
    g.parentId = parentId;
    g.members = members;
    g.namesAlike = namesAlike;
    const PlanNode &first = plan.nodes.at(members.first());
    g.nodeType = first.nodeType;
    g.sameRelation = true;
    for (int member : members) {
        g.nodeCount += size.at(member);
        g.sameRelation = g.sameRelation && plan.nodes.at(member).relationName == first.relationName;
    }
    // Members have one shape, so offset k of every member's subtree is "the same" node: the
    // first offset whose relation differs between members is what tells them apart.
    for (int k = 0; k < size.at(members.first()) && g.nameOffset < 0; ++k) {
        const QString &name = plan.nodes.at(members.first() + k).relationName;
        for (int member : members) {
            if (plan.nodes.at(member + k).relationName != name) {
                g.nameOffset = k;
                g.firstName = name;
                g.lastName = plan.nodes.at(members.last() + k).relationName;
                break;
            }
        }
    }
    if (namesAlike) {
        // "events" for events_p0…events_p399 (aliased events_1…) — read off the relation that
        // tells members apart, so a nested loop over orders_p0… says "orders" —, or the table
        // itself when every member reads the same one.
        const PlanNode &named = g.nameOffset >= 0 ? plan.nodes.at(members.first() + g.nameOffset) : first;
        bool aliased = false;
        const QString stem = aliasStem(named.alias, &aliased);
        const bool partitionAliased = aliased && named.alias != named.relationName;
        g.relationStem = g.nameOffset < 0 || !partitionAliased ? named.relationName : stem;
        if (g.nameOffset >= 0 && !partitionAliased)
            g.relationStem.remove(QRegularExpression(QStringLiteral("_[A-Za-z]{0,2}\\d\\w*$")));
    }
    m_groups << g;
}

} // namespace tusk::explain
