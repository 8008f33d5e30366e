#pragma once

#include "explain/planmetrics.h"
#include "plan/plandocument.h"

#include <QGraphicsView>
#include <QSet>

namespace tusk::widgets {

class PlanGraphScene;
class PlanMinimap;

/// The plan as a tree of cards (root on top): heat colour by a switchable metric, edges as wide
/// as the rows flowing up, warning badges, folded groups of sibling subtrees of one shape
/// ("1,949 × Nested Loop over orders_p0 … orders_p1997"; double-click or Enter to unfold,
/// double-click an unfolded member to fold again). Ctrl+wheel or +/- zoom, drag pans, 0 fits
/// (a plan far wider than tall is stretched to the view's height), arrow keys walk the tree;
/// cards lose their text and then become heat blocks as the zoom drops; a minimap shows where
/// the view is in plans larger than the view.
/// @code
/// auto *graph = new PlanGraphView;
/// graph->setDocument(std::make_shared<PlanDocument>(plan, text));
/// connect(graph, &PlanGraphView::nodeSelected, details, &PlanDetailsPanel::showNode);
/// @endcode
class PlanGraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit PlanGraphView(QWidget *parent = nullptr);

    void setDocument(PlanDocumentPtr doc);
    PlanGraphScene *planScene() const { return m_scene; }
    PlanMinimap *minimap() const { return m_minimap; }

    void setMetric(explain::HeatMetric metric);
    explain::HeatMetric metric() const;

    int cardCount() const;
    void setGroupUnfolded(int groupId, bool unfolded);
    QSet<int> unfoldedGroups() const;

    /// Selects the card that shows `nodeId` (its group's when folded) and scrolls to it.
    void selectNode(int nodeId);
    /// The selected card's node, or -1 (also for a group card).
    int selectedNode() const;
    /// The selected folded group, or -1.
    int selectedGroup() const;
    void setMatches(const QVector<int> &nodeIds);

    /// The horizontal scale (1 = 100%).
    double zoom() const;
    /// The vertical scale: the same as zoom(), except after fitting a plan far wider than tall,
    /// which is stretched to the view's height (zooming in keeps that height until zoom()
    /// reaches it).
    double verticalZoom() const;
    void setZoom(double factor);
    void zoomIn();
    void zoomOut();
    void fitToView();
    /// What a new plan opens with: fitted when that stays readable, else the root at a
    /// readable zoom.
    void showStart();
    /// Scene rectangle of the card showing `nodeId`, for tests and tool tips.
    QRectF cardRectOfNode(int nodeId) const;

    /// Renders the whole plan; PNGs larger than ~8k pixels a side are scaled down.
    bool exportPng(const QString &path) const;
    bool exportSvg(const QString &path) const;

signals:
    void nodeSelected(int nodeId);
    void groupSelected(int groupId);
    void groupToggled(int groupId, bool unfolded);
    void zoomChanged(double factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    int cardAt(const QPoint &viewportPos) const;
    void applyZoom(double factor);
    void moveSelection(int key);
    void selectCard(int card, bool notify);
    void placeMinimap();
    void updateMinimap();
    QString toolTipFor(int card) const;

    PlanGraphScene *m_scene;
    PlanMinimap *m_minimap;
    QPoint m_pressPos;
    bool m_fitted = true;         ///< Keep fitting on resize until the user zooms or pans.
    double m_minVerticalZoom = 0; ///< Set by fitToView() for a very flat plan.
};

} // namespace tusk::widgets
