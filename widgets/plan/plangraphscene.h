#pragma once

#include "explain/planlayout.h"
#include "explain/planmetrics.h"
#include "plan/plancards.h"
#include "plan/plandocument.h"

#include <QColor>
#include <QGraphicsScene>
#include <QHash>
#include <QPalette>
#include <QSet>

namespace tusk::widgets {

class PlanCardItem;
class PlanEdgesItem;

/// How the plan diff marks a node's card instead of the heat colour.
struct NodeMark
{
    QColor tint;         ///< Invalid: neutral.
    double strength = 1; ///< 0..1: how strongly the card's fill shows the tint (the stripe always does).
    QString tag;         ///< A pill at the end of the title line (the card widens for it); empty for none.
    bool dashed = false;
    QString note; ///< Added to the card's tool tip ("Seq Scan … became …: 812 ms → 3.1 ms").
};

/// The plan's cards and edges as a QGraphicsScene: one light item per card (texts measured and
/// elided once, in CardTexts) and one item for all edges, so 10,000 nodes stay cheap. Owns the
/// layout, the selection, the search matches and which folded groups are open.
class PlanGraphScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit PlanGraphScene(QObject *parent = nullptr);

    void setDocument(PlanDocumentPtr doc, const QFont &font);
    const PlanDocument *document() const { return m_doc.get(); }

    void setMetric(explain::HeatMetric metric);
    explain::HeatMetric metric() const { return m_metric; }

    /// Opens or closes folded groups; rebuilds the cards.
    void setUnfoldedGroups(const QSet<int> &groups);
    const QSet<int> &unfoldedGroups() const { return m_unfolded; }

    const QVector<PlanCard> &cards() const { return m_cards; }
    const PlanCard &card(int index) const { return m_cards.at(index); }
    const explain::PlanLayout &layout() const { return m_layout; }
    const CardMetrics &metrics() const { return m_metrics; }
    /// The card showing a node (its own or its folded group's), -1 for none.
    int cardOfNode(int nodeId) const { return m_layout.cardOfNode(nodeId); }

    void setSelectedCard(int index);
    int selectedCard() const { return m_selected; }
    void setMatches(const QVector<int> &nodeIds);

    /// Marks cards by node instead of colouring them by heat (the plan diff); an empty hash
    /// with `active` false goes back to heat colours. A folded group gets its mark from
    /// `groupMarks` (by group id), else its members' tint when they all share it.
    void setNodeMarks(const QHash<int, NodeMark> &marks, const QHash<int, NodeMark> &groupMarks = {},
                      bool active = true);
    bool marksActive() const { return m_marksActive; }

    /// The colours are read from here at paint time (kept in step with the view's palette).
    void setViewPalette(const QPalette &palette);
    const QPalette &viewPalette() const { return m_palette; }

signals:
    /// The cards were rebuilt (new plan, folding changed); indices from before are stale.
    void rebuilt();
    /// Heat, matches or palette changed: the cards look different but stay where they were.
    void restyled();

private:
    void rebuild();
    void applyHeat();
    void applyMarks();
    QSizeF cardSize(int nodeId, int groupId) const;

    PlanDocumentPtr m_doc;
    CardMetrics m_metrics{QFont()};
    CardTexts m_texts;
    explain::PlanLayout m_layout;
    QVector<PlanCard> m_cards;
    QVector<PlanCardItem *> m_items;
    PlanEdgesItem *m_edges = nullptr;
    explain::HeatMetric m_metric = explain::HeatMetric::ExclusiveTime;
    QSet<int> m_unfolded;
    QSet<int> m_matchedNodes;
    QHash<int, NodeMark> m_marks;
    QHash<int, NodeMark> m_groupMarks;
    bool m_marksActive = false;
    QPalette m_palette;
    int m_selected = -1;
};

} // namespace tusk::widgets
