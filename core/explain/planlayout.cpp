#include "explain/planlayout.h"

#include "explain/planfolding.h"
#include "explain/tidytree.h"

#include <algorithm>

namespace tusk::explain {

PlanLayout::PlanLayout(const Plan &plan, const QVector<QSizeF> &nodeSizes, const PlanFolding *folding,
                       const QVector<QSizeF> &groupSizes, const QSet<int> &unfolded,
                       const LayoutOptions &options)
    : PlanLayout(
          plan,
          [&](int nodeId, int groupId) {
              return nodeId >= 0 ? nodeSizes.value(nodeId) : groupSizes.value(groupId);
          },
          folding, unfolded, options)
{}

PlanLayout::PlanLayout(const Plan &plan, const CardSizer &sizeOf, const PlanFolding *folding,
                       const QSet<int> &unfolded, const LayoutOptions &options)
{
    if (plan.isEmpty())
        return;
    buildCards(plan, folding, unfolded);

    const int n = int(m_cards.size());
    QVector<QVector<int>> children(n);
    QVector<double> widths(n);
    QVector<double> levelHeight;
    for (int i = 0; i < n; ++i) {
        LayoutCard &c = m_cards[i];
        const QSizeF size = sizeOf(c.nodeId, c.groupId);
        c.rect.setSize(size);
        widths[i] = size.width();
        if (c.parent >= 0)
            children[c.parent] << i;
        if (levelHeight.size() <= c.depth)
            levelHeight.resize(c.depth + 1);
        levelHeight[c.depth] = std::max(levelHeight.at(c.depth), size.height());
    }
    QVector<double> levelTop(levelHeight.size(), 0);
    for (int d = 1; d < levelHeight.size(); ++d)
        levelTop[d] = levelTop.at(d - 1) + levelHeight.at(d - 1) + options.levelGap;

    const QVector<double> centres = tidyTreeCentres(children, widths, options.siblingGap, options.subtreeGap);
    double right = 0;
    for (int i = 0; i < n; ++i) {
        LayoutCard &c = m_cards[i];
        c.rect.moveTo(centres.at(i) - widths.at(i) / 2, levelTop.at(c.depth));
        right = std::max(right, c.rect.right());
    }
    m_size = QSizeF(right, levelTop.last() + levelHeight.last());
}

void PlanLayout::buildCards(const Plan &plan, const PlanFolding *folding, const QSet<int> &unfolded)
{
    const int n = int(plan.nodes.size());
    m_cardOfNode.fill(-1, n);
    if (folding)
        m_cardOfGroup.fill(-1, int(folding->groups().size()));
    // Pre-order ids: a subtree is the range [id, id + subtreeSize).
    QVector<int> subtreeSize(n, 1);
    for (int id = n - 1; id > 0; --id)
        subtreeSize[plan.nodes.at(id).parentId] += subtreeSize.at(id);

    struct Pending
    {
        int nodeId;
        int parentCard;
        int depth;
    };
    QVector<Pending> stack{{0, -1, 0}};
    while (!stack.isEmpty()) {
        const Pending p = stack.takeLast();
        const int card = int(m_cards.size());
        const int group = folding ? folding->groupOfMember(p.nodeId) : -1;
        if (group >= 0 && !unfolded.contains(group)) {
            // A folded group: one card for all members; everything below them maps to it.
            m_cards << LayoutCard{-1, group, p.parentCard, p.depth, {}};
            m_cardOfGroup[group] = card;
            for (int member : folding->groups().at(group).members) {
                for (int id = member; id < member + subtreeSize.at(member); ++id)
                    m_cardOfNode[id] = card;
            }
            continue;
        }
        m_cards << LayoutCard{p.nodeId, -1, p.parentCard, p.depth, {}};
        m_cardOfNode[p.nodeId] = card;
        const QVector<int> &kids = plan.nodes.at(p.nodeId).children;
        // Pushed in reverse so they pop, and become cards, in plan order; a folded group is
        // pushed once, as its first member.
        for (int i = int(kids.size()) - 1; i >= 0; --i) {
            const int g = folding ? folding->groupOfMember(kids.at(i)) : -1;
            if (g >= 0 && !unfolded.contains(g) && folding->groups().at(g).members.first() != kids.at(i))
                continue;
            stack << Pending{kids.at(i), card, p.depth + 1};
        }
    }
}

} // namespace tusk::explain
