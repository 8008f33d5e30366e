#pragma once

#include "explain/plan.h"

#include <QRectF>
#include <QSet>
#include <QSizeF>
#include <QVector>

#include <functional>

namespace tusk::explain {

class PlanFolding;

/// Gaps between cards, in the caller's units (pixels for the plan view).
struct LayoutOptions
{
    double siblingGap = 20; ///< Between cards with the same parent.
    double subtreeGap = 36; ///< Between neighbouring cards of different parents.
    double levelGap = 56;   ///< Between the bottom of a level and the top of the next.
};

/// One card of a laid-out plan: a plan node, or a folded group of sibling subtrees of one shape.
struct LayoutCard
{
    int nodeId = -1;  ///< The node shown, or -1 for a folded group.
    int groupId = -1; ///< The folded group shown (PlanFolding::groups()), or -1.
    int parent = -1;  ///< Index of the parent card in PlanLayout::cards(), -1 for the root.
    int depth = 0;
    QRectF rect;
};

/// A tidy tree of a plan's cards (root at the top, children left to right in plan order,
/// parents centred over their children; see tidyTreeCentres()). Cards of one depth share a
/// level as tall as its tallest card. Pure geometry: the caller measures the cards.
/// @code
/// PlanLayout layout(plan, nodeSizes, &folding, groupSizes, unfoldedGroups);
/// for (const LayoutCard &c : layout.cards()) draw(c.rect);
/// @endcode
class PlanLayout
{
public:
    PlanLayout() = default;
    /// `nodeSizes[i]` is node i's card; `groupSizes[g]` group g's card while it is folded.
    /// Groups in `unfolded` show their members as ordinary cards. `folding` may be null.
    PlanLayout(const Plan &plan, const QVector<QSizeF> &nodeSizes, const PlanFolding *folding = nullptr,
               const QVector<QSizeF> &groupSizes = {}, const QSet<int> &unfolded = {},
               const LayoutOptions &options = {});
    /// Size of a card: a node's (groupId -1) or a folded group's (nodeId -1).
    using CardSizer = std::function<QSizeF(int nodeId, int groupId)>;
    /// Asks only for the cards that are shown, so a view can measure text for 200 cards of a
    /// folded 10,000-node plan instead of all 10,000.
    PlanLayout(const Plan &plan, const CardSizer &sizeOf, const PlanFolding *folding,
               const QSet<int> &unfolded = {}, const LayoutOptions &options = {});

    /// Cards in pre-order (a parent before its children; index 0 is the root).
    const QVector<LayoutCard> &cards() const { return m_cards; }
    /// The card showing `nodeId`: its own, or the folded group's that hides it.
    int cardOfNode(int nodeId) const { return m_cardOfNode.value(nodeId, -1); }
    /// The card of a folded group, or -1 when the group is unfolded (or inside a folded one).
    int cardOfGroup(int groupId) const { return m_cardOfGroup.value(groupId, -1); }
    /// Bounding size of all cards; the top-left card corner is at (0, 0).
    QSizeF size() const { return m_size; }

private:
    void buildCards(const Plan &plan, const PlanFolding *folding, const QSet<int> &unfolded);

    QVector<LayoutCard> m_cards;
    QVector<int> m_cardOfNode;
    QVector<int> m_cardOfGroup;
    QSizeF m_size;
};

} // namespace tusk::explain
