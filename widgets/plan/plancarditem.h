#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QString>
#include <QVector>

namespace tusk::widgets {

class PlanGraphScene;
struct PlanCard;
struct CardMetrics;

/// One card: a node or a folded group. Paints from the scene's PlanCard at three levels of
/// detail (QStyleOptionGraphicsItem::levelOfDetailFromTransform()): from 35% zoom every line of
/// text; below, while the card is still ~28 pixels wide, its shape in the heat colour with the
/// title alone, scaled to fit; further out a block in its heat colour, at least a pixel or two
/// big so that a fitted 10,000-card plan still shows (text would be unreadable there and is
/// the costly part of painting thousands of cards).
class PlanCardItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 41 };
    PlanCardItem(const PlanGraphScene *scene, int index);

    int type() const override { return Type; }
    int index() const { return m_index; }
    QRectF boundingRect() const override;
    /// Width a diff tag adds to a card's title line.
    static double tagWidth(const CardMetrics &m, const QString &tag);
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void paintDetailed(QPainter *painter) const;
    void paintSimplified(QPainter *painter, double lod) const;
    /// `sx`, `sy`: the view's horizontal and vertical scale.
    void paintBlock(QPainter *painter, double sx, double sy) const;
    QColor blockColour() const;
    void paintTag(QPainter *painter, const QRectF &card, const PlanCard &c) const;

    const PlanGraphScene *m_scene;
    int m_index;
    /// The simplified card's elided title and the room it was elided for (zooming changes it).
    mutable QString m_elided;
    mutable double m_elidedRoom = -1;
};

/// All edges in one item, drawn as elbows (child top, up to half way, across, up to the parent)
/// as wide as the log of the rows that flow up. Elbows are axis-aligned segments, so only the
/// segments crossing the exposed rectangle are painted — a 4,000-child Append costs what is
/// on screen, not 4,000 curves.
class PlanEdgesItem : public QGraphicsItem
{
public:
    explicit PlanEdgesItem(const PlanGraphScene *scene);

    /// Recomputes the edges from the scene's cards.
    void rebuild();
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Segment
    {
        QLineF line;
        double width;
        QRectF bounds;
    };
    void add(const QPointF &a, const QPointF &b, double width);

    const PlanGraphScene *m_scene;
    QVector<Segment> m_segments;
    /// Where rows enter a parent (bottom centre) and the trunk's width: an arrowhead each.
    QVector<QPair<QPointF, double>> m_arrows;
    QRectF m_bounds;
};

/// Edge width for rows flowing out of a node: 1 px for one row, ~10 px for a billion.
double edgeWidthForRows(double rows);

} // namespace tusk::widgets
