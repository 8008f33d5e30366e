#pragma once

#include <QGraphicsItem>
#include <QVector>

namespace tusk::widgets {

class PlanGraphScene;

/// One card: a node or a folded group. Paints from the scene's PlanCard; below ~35% zoom it
/// draws a plain block in its heat colour (text would be unreadable there and is the costly
/// part of painting thousands of cards).
class PlanCardItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 41 };
    PlanCardItem(const PlanGraphScene *scene, int index);

    int type() const override { return Type; }
    int index() const { return m_index; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void paintDetailed(QPainter *painter) const;

    const PlanGraphScene *m_scene;
    int m_index;
};

/// All edges in one item: child top to parent bottom, as wide as the log of the rows that flow
/// up. Paints only edges crossing the exposed rectangle.
class PlanEdgesItem : public QGraphicsItem
{
public:
    explicit PlanEdgesItem(const PlanGraphScene *scene);

    /// Recomputes the edges from the scene's cards.
    void rebuild();
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Edge
    {
        QPointF from; ///< Child's top centre.
        QPointF to;   ///< Parent's bottom centre.
        double width;
        QRectF bounds;
    };
    const PlanGraphScene *m_scene;
    QVector<Edge> m_edges;
    QRectF m_bounds;
};

/// Edge width for rows flowing out of a node: 1 px for one row, ~10 px for a billion.
double edgeWidthForRows(double rows);

} // namespace tusk::widgets
