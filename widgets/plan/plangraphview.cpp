#include "plan/plangraphview.h"

#include "plan/plancarditem.h"
#include "plan/planexport.h"
#include "plan/plangraphscene.h"
#include "plan/planminimap.h"
#include "plan/plantext.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace tusk::widgets {

namespace {
// Low enough to fit 10,000 unfolded cards (a million pixels wide) in a window.
constexpr double kMinZoom = 0.0005;
constexpr double kMaxZoom = 4;
constexpr double kZoomStep = 1.25;
// The smallest zoom at which card text is comfortable to read.
constexpr double kReadableZoom = 0.6;
// Fitting below this zoom (cards narrower than ~22 pixels: blocks) may stretch a flat plan to
// the view's height, but not past this vertical zoom.
constexpr double kStretchBelowZoom = 0.15;
constexpr double kStretchedMaxZoom = 0.25;
const QSize kMinimapSize(220, 150);
constexpr int kMinimapMinHeight = 40;
// The overview of a plan far wider than tall (it would be less than kMinimapMinHeight high).
const QSize kFlatMinimap(360, 84);
} // namespace

PlanGraphView::PlanGraphView(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new PlanGraphScene(this))
    , m_minimap(new PlanMinimap(this))
{
    setScene(m_scene);
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setRenderHint(QPainter::Antialiasing, true);
    setRenderHint(QPainter::TextAntialiasing, true);
    // Items save and restore what they change; the view need not do it for each of them.
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setViewportUpdateMode(SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    m_scene->setViewPalette(palette());
    m_minimap->setScene(m_scene);
    m_minimap->hide();
    connect(m_scene, &PlanGraphScene::rebuilt, this, [this] {
        placeMinimap();
        m_minimap->refresh();
        updateMinimap();
    });
    connect(m_scene, &PlanGraphScene::restyled, m_minimap, &PlanMinimap::refresh);
    connect(m_minimap, &PlanMinimap::navigationRequested, this, [this](const QPointF &p) {
        m_fitted = false;
        centerOn(p);
    });
}

void PlanGraphView::setDocument(PlanDocumentPtr doc)
{
    m_minVerticalZoom = 0;
    m_scene->setDocument(std::move(doc), font());
    showStart();
}

void PlanGraphView::showStart()
{
    fitToView();
    if (zoom() >= kReadableZoom || m_scene->cards().isEmpty())
        return;
    // Fitting would make the text unreadable: start at a readable zoom with the root on top.
    setZoom(kReadableZoom);
    const QRectF root = m_scene->card(0).rect;
    centerOn(root.center().x(), root.top() - 24 + viewport()->height() / kReadableZoom / 2);
}

void PlanGraphView::setMetric(explain::HeatMetric metric)
{
    m_scene->setMetric(metric);
}

explain::HeatMetric PlanGraphView::metric() const
{
    return m_scene->metric();
}

int PlanGraphView::cardCount() const
{
    return int(m_scene->cards().size());
}

void PlanGraphView::setGroupUnfolded(int groupId, bool unfolded)
{
    QSet<int> groups = m_scene->unfoldedGroups();
    if (unfolded == groups.contains(groupId))
        return;
    // Keep the group where it was on screen: remember its anchor and scroll back to it.
    const int anchorNode = m_scene->document()->folding.groups().at(groupId).members.first();
    const QPointF before = mapFromScene(cardRectOfNode(anchorNode).center());
    if (unfolded)
        groups.insert(groupId);
    else
        groups.remove(groupId);
    m_scene->setUnfoldedGroups(groups);
    const QPointF after = mapFromScene(cardRectOfNode(anchorNode).center());
    const QPointF delta = after - before;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(delta.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(delta.y()));
    emit groupToggled(groupId, unfolded);
}

QSet<int> PlanGraphView::unfoldedGroups() const
{
    return m_scene->unfoldedGroups();
}

void PlanGraphView::selectNode(int nodeId)
{
    const int card = nodeId >= 0 ? m_scene->cardOfNode(nodeId) : -1;
    m_scene->setSelectedCard(card);
    if (card >= 0)
        ensureVisible(m_scene->card(card).rect, 40, 40);
}

int PlanGraphView::selectedNode() const
{
    const int card = m_scene->selectedCard();
    return card >= 0 ? m_scene->card(card).nodeId : -1;
}

int PlanGraphView::selectedGroup() const
{
    const int card = m_scene->selectedCard();
    return card >= 0 ? m_scene->card(card).groupId : -1;
}

void PlanGraphView::setMatches(const QVector<int> &nodeIds)
{
    m_scene->setMatches(nodeIds);
}

double PlanGraphView::zoom() const
{
    return transform().m11();
}

double PlanGraphView::verticalZoom() const
{
    return transform().m22();
}

void PlanGraphView::setZoom(double factor)
{
    m_fitted = false;
    applyZoom(factor);
}

void PlanGraphView::applyZoom(double factor)
{
    factor = std::clamp(factor, kMinZoom, kMaxZoom);
    // Never flatter than the fit made the plan (see fitToView()).
    const double vertical = std::max(factor, m_minVerticalZoom);
    if (qFuzzyCompare(factor, zoom()) && qFuzzyCompare(vertical, verticalZoom()))
        return;
    setTransform(QTransform::fromScale(factor, vertical));
    updateMinimap();
    emit zoomChanged(factor);
}

void PlanGraphView::zoomIn()
{
    setZoom(zoom() * kZoomStep);
}

void PlanGraphView::zoomOut()
{
    setZoom(zoom() / kZoomStep);
}

void PlanGraphView::fitToView()
{
    m_fitted = true;
    const QRectF scene = m_scene->sceneRect();
    // The size without scroll bars: once the plan fits, they go away.
    const QSize view = maximumViewportSize() - QSize(2, 2);
    if (scene.isEmpty() || view.isEmpty())
        return;
    // Never enlarge a small plan past 100%: big text looks broken, not helpful.
    const double factor = std::min({1.0, view.width() / scene.width(), view.height() / scene.height()});
    // A plan far wider than tall (thousands of partitions unfolded: a million pixels by a
    // thousand) would be a line a pixel high. Its cards are blocks at this zoom anyway, so the
    // fit stretches it to the view's height: levels stay apart, heat shows where time went.
    // Zooming in keeps that height until the width catches up (then cards get their text).
    m_minVerticalZoom = 0;
    if (factor < kStretchBelowZoom && scene.height() * factor < view.height() / 3.0)
        m_minVerticalZoom = std::min({1.0, kStretchedMaxZoom, view.height() / scene.height()});
    applyZoom(factor);
    centerOn(scene.center());
    updateMinimap();
}

QRectF PlanGraphView::cardRectOfNode(int nodeId) const
{
    const int card = m_scene->cardOfNode(nodeId);
    return card >= 0 ? m_scene->card(card).rect : QRectF();
}

bool PlanGraphView::exportPng(const QString &path) const
{
    return renderPng(m_scene, palette().color(QPalette::Window), path);
}

bool PlanGraphView::exportSvg(const QString &path) const
{
    return renderSvg(m_scene, palette().color(QPalette::Window), path, tr("Query plan"));
}

int PlanGraphView::cardAt(const QPoint &viewportPos) const
{
    for (QGraphicsItem *item : items(viewportPos)) {
        if (item->type() == PlanCardItem::Type)
            return static_cast<PlanCardItem *>(item)->index();
    }
    return -1;
}

void PlanGraphView::selectCard(int card, bool notify)
{
    m_scene->setSelectedCard(card);
    if (!notify || card < 0)
        return;
    const PlanCard &c = m_scene->card(card);
    if (c.nodeId >= 0)
        emit nodeSelected(c.nodeId);
    else
        emit groupSelected(c.groupId);
}

void PlanGraphView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(kZoomStep, steps));
        event->accept();
        return;
    }
    m_fitted = false;
    QGraphicsView::wheelEvent(event);
}

void PlanGraphView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fitToView();
        return;
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_Left:
    case Qt::Key_Right:
        if (m_scene->selectedCard() >= 0) {
            moveSelection(event->key());
            return;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (selectedGroup() >= 0) {
            setGroupUnfolded(selectedGroup(), true);
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void PlanGraphView::moveSelection(int key)
{
    // Up: parent; Down: first child; Left / Right: previous / next sibling.
    const auto &cards = m_scene->cards();
    const int current = m_scene->selectedCard();
    const int parent = cards.at(current).parent;
    int target = -1;
    if (key == Qt::Key_Up) {
        target = parent;
    } else if (key == Qt::Key_Down) {
        // Cards are in pre-order: a first child, if any, comes right after its parent.
        if (current + 1 < cards.size() && cards.at(current + 1).parent == current)
            target = current + 1;
    } else if (parent >= 0) {
        const int step = key == Qt::Key_Right ? 1 : -1;
        for (int i = current + step; i > parent && i < cards.size(); i += step) {
            if (cards.at(i).parent == parent) {
                target = i;
                break;
            }
            // Past the parent's subtree: no further sibling to the right.
            if (step > 0 && cards.at(i).parent < parent)
                break;
        }
    }
    if (target < 0)
        return;
    selectCard(target, true);
    ensureVisible(cards.at(target).rect, 40, 40);
}

void PlanGraphView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->pos();
    QGraphicsView::mousePressEvent(event);
}

void PlanGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    // A click, not a drag: select what is under the cursor.
    if (event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() < 5)
        selectCard(cardAt(event->pos()), true);
    else if (event->button() == Qt::LeftButton)
        m_fitted = false;
}

void PlanGraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int card = cardAt(event->pos());
    if (card < 0) {
        QGraphicsView::mouseDoubleClickEvent(event);
        return;
    }
    const PlanCard &c = m_scene->card(card);
    if (c.groupId >= 0) {
        setGroupUnfolded(c.groupId, true);
        return;
    }
    // A member of an unfolded group folds it back.
    const int group = m_scene->document()->folding.groupOfMember(c.nodeId);
    if (group >= 0 && m_scene->unfoldedGroups().contains(group)) {
        setGroupUnfolded(group, false);
        selectCard(m_scene->layout().cardOfGroup(group), true);
    }
}

void PlanGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
    if (m_fitted)
        fitToView();
    updateMinimap();
}

void PlanGraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    updateMinimap();
}

void PlanGraphView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_scene->setViewPalette(palette());
    QGraphicsView::changeEvent(event);
}

bool PlanGraphView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int card = cardAt(help->pos());
        if (card >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(card), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

QString PlanGraphView::toolTipFor(int card) const
{
    const PlanCard &c = m_scene->card(card);
    const PlanDocument *doc = m_scene->document();
    if (c.groupId >= 0) {
        const explain::FoldGroup &g = doc->folding.groups().at(c.groupId);
        const QString text =
            tr("%1 subtrees of one shape (%2 nodes): %3 %4 — double-click to unfold")
                .arg(plantext::whole(g.count()), plantext::whole(g.nodeCount),
                     plantext::title(doc->plan.nodes.at(g.members.first())), groupSubject(g));
        return c.note.isEmpty() ? text : text + u'\n' + c.note;
    }
    QStringList lines{plantext::title(doc->plan.nodes.at(c.nodeId))};
    for (const explain::PlanWarning &w : doc->analysis.warningsFor(c.nodeId))
        lines << QStringLiteral("• ") + w.message;
    if (!c.note.isEmpty())
        lines << c.note;
    return lines.join(u'\n');
}

void PlanGraphView::placeMinimap()
{
    const QRect vp = viewport()->geometry();
    const QSize box = kMinimapSize.boundedTo(vp.size() / 3);
    // As wide as the box and as tall as the plan's shape asks (within limits), so a very wide
    // plan does not leave a big empty frame.
    const QRectF scene = m_scene->sceneRect();
    QSize size = box;
    if (!scene.isEmpty()) {
        const double aspect = scene.height() / scene.width();
        size.setHeight(std::clamp(int(box.width() * aspect), kMinimapMinHeight, box.height()));
        if (box.width() * aspect > box.height())
            size.setWidth(std::clamp(int(box.height() / aspect), 60, box.width()));
        if (box.width() * aspect < kMinimapMinHeight) {
            // A flat plan is stretched to the overview's height (PlanMinimap): a wider, taller
            // strip, enough to tell the levels apart.
            size = kFlatMinimap.boundedTo(QSize(vp.width() * 2 / 5, vp.height() / 3));
        }
    }
    m_minimap->setGeometry(
        QRect(vp.right() - size.width() - 10, vp.bottom() - size.height() - 10, size.width(), size.height()));
}

void PlanGraphView::updateMinimap()
{
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const QRectF scene = m_scene->sceneRect();
    // Only when part of the plan is out of sight.
    const bool needed = !scene.isEmpty() && !visible.contains(scene.adjusted(4, 4, -4, -4));
    if (needed != m_minimap->isVisible()) {
        placeMinimap();
        m_minimap->setVisible(needed);
        if (needed)
            m_minimap->refresh();
    }
    m_minimap->setVisibleSceneRect(visible);
}

} // namespace tusk::widgets
