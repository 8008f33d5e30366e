#include "plan/planminimap.h"

#include "plan/plancolors.h"
#include "plan/plangraphscene.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <numeric>

namespace tusk::widgets {

namespace {
constexpr int kFrame = 1;
// The view's frame is drawn at least this big (pixels).
constexpr double kMinFrame = 6;
// The smallest block a card becomes (pixels).
constexpr QSizeF kMinBlock(3, 2);
} // namespace

PlanMinimap::PlanMinimap(QWidget *parent)
    : QWidget(parent)
{
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
}

void PlanMinimap::setScene(const PlanGraphScene *scene)
{
    m_scene = scene;
    refresh();
}

PlanMinimap::Mapping PlanMinimap::mapping() const
{
    // The scene scaled to fit inside the widget, keeping its aspect ratio, centred — unless that
    // leaves it less than half the height (or width): then it is stretched to fill that side.
    const QRectF area = QRectF(rect()).adjusted(kFrame + 3, kFrame + 3, -kFrame - 3, -kFrame - 3);
    Mapping m{area, 1, 1};
    if (m_sceneRect.isEmpty() || area.isEmpty())
        return m;
    const double s = std::min(area.width() / m_sceneRect.width(), area.height() / m_sceneRect.height());
    m.sx = m.sy = s;
    if (m_sceneRect.height() * s < area.height() / 2)
        m.sy = area.height() / m_sceneRect.height();
    if (m_sceneRect.width() * s < area.width() / 2)
        m.sx = area.width() / m_sceneRect.width();
    m.rect = QRectF(0, 0, m_sceneRect.width() * m.sx, m_sceneRect.height() * m.sy);
    m.rect.moveCenter(area.center());
    return m;
}

void PlanMinimap::refresh()
{
    m_thumbnail = QImage();
    if (!m_scene || m_scene->cards().isEmpty()) {
        update();
        return;
    }
    m_sceneRect = m_scene->sceneRect();
    const Mapping map = mapping();
    const QRectF target = map.rect;
    const qreal dpr = devicePixelRatioF();
    m_thumbnail =
        QImage((target.size() * dpr).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    m_thumbnail.setDevicePixelRatio(dpr);
    m_thumbnail.fill(Qt::transparent);
    QPainter p(&m_thumbnail);
    p.scale(map.sx, map.sy);
    p.translate(-m_sceneRect.topLeft());
    const QPalette &pal = m_scene->viewPalette();
    const QColor cold = plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.3);
    // Blocks at least a few pixels big (centred on their card), or the root of a 10,000-card
    // plan would vanish; hot ones last, so the heat shows where blocks overlap.
    const double minWidth = kMinBlock.width() / map.sx;
    const double minHeight = kMinBlock.height() / map.sy;
    const auto &cards = m_scene->cards();
    QVector<int> order(cards.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&cards](int a, int b) { return cards.at(a).heat < cards.at(b).heat; });
    for (int i : order) {
        const PlanCard &c = cards.at(i);
        QRectF r = c.rect;
        if (r.width() < minWidth || r.height() < minHeight) {
            const QPointF centre = r.center();
            r.setSize(QSizeF(std::max(r.width(), minWidth), std::max(r.height(), minHeight)));
            r.moveCenter(centre);
        }
        p.fillRect(r, c.heat > 0.02 ? plancolors::heatAccent(pal, c.heat) : cold);
    }
    update();
}

void PlanMinimap::setVisibleSceneRect(const QRectF &rect)
{
    m_visible = rect;
    update();
}

QPointF PlanMinimap::toScene(const QPointF &p) const
{
    const Mapping map = mapping();
    if (map.rect.isEmpty())
        return m_sceneRect.center();
    const QPointF d = p - map.rect.topLeft();
    return m_sceneRect.topLeft() + QPointF(d.x() / map.sx, d.y() / map.sy);
}

void PlanMinimap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    // Opaque: cards passing below would show through and look like part of the overview.
    const QColor bg = pal.color(QPalette::Base);
    p.setPen(QPen(plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.35), kFrame));
    p.setBrush(bg);
    p.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
    const Mapping map = mapping();
    const QRectF t = map.rect;
    if (!m_thumbnail.isNull())
        p.drawImage(t.topLeft(), m_thumbnail);
    if (m_visible.isEmpty() || m_sceneRect.isEmpty())
        return;
    const QPointF d = m_visible.topLeft() - m_sceneRect.topLeft();
    QRectF v(t.left() + d.x() * map.sx, t.top() + d.y() * map.sy, m_visible.width() * map.sx,
             m_visible.height() * map.sy);
    v = v.intersected(t);
    // The frame stays findable when the view shows a sliver of a very wide plan.
    if (v.width() < kMinFrame || v.height() < kMinFrame) {
        const QPointF centre = v.center();
        v.setSize(QSizeF(std::max(v.width(), kMinFrame), std::max(v.height(), kMinFrame)));
        v.moveCenter(centre);
    }
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlpha(40);
    p.setBrush(fill);
    p.setPen(QPen(pal.color(QPalette::Highlight), 1.5));
    p.drawRect(v);
}

void PlanMinimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        emit navigationRequested(toScene(event->position()));
}

void PlanMinimap::resizeEvent(QResizeEvent *)
{
    refresh();
}

void PlanMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        emit navigationRequested(toScene(event->position()));
}

} // namespace tusk::widgets
