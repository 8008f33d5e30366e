#pragma once

#include <QImage>
#include <QWidget>

namespace tusk::widgets {

class PlanGraphScene;

/// Overview of a large plan in the graph's bottom-right corner: every card as a block in its
/// heat colour and the part the view shows as a frame. Click or drag to move the view there.
/// A plan far wider than tall (an unfolded Append of thousands of partitions: a million pixels
/// by a thousand) would be a flat line at one scale, so the overview then stretches it to its
/// own height: levels stay apart and the heat stays visible; blocks and the frame are at least
/// a pixel or two big.
class PlanMinimap : public QWidget
{
    Q_OBJECT
public:
    explicit PlanMinimap(QWidget *parent = nullptr);

    /// Redraws the overview from the scene's cards (after a rebuild or restyle).
    void setScene(const PlanGraphScene *scene);
    void refresh();
    /// The part of the scene the view shows, in scene coordinates.
    void setVisibleSceneRect(const QRectF &rect);
    QRectF visibleSceneRect() const { return m_visible; }
    /// The overview as drawn (transparent where there is no card), for tests.
    const QImage &thumbnail() const { return m_thumbnail; }
    /// Maps a point of this widget to scene coordinates.
    QPointF toScene(const QPointF &p) const;

signals:
    /// The user clicked or dragged to here (scene coordinates).
    void navigationRequested(const QPointF &scenePos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /// Where the scene is drawn in the widget, and its horizontal and vertical scale.
    struct Mapping
    {
        QRectF rect;
        double sx = 1;
        double sy = 1;
    };
    Mapping mapping() const;

    const PlanGraphScene *m_scene = nullptr;
    QImage m_thumbnail;
    QRectF m_sceneRect;
    QRectF m_visible;
};

} // namespace tusk::widgets
