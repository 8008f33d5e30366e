#include "plan/planminimap.h"

#include "plan/plancolors.h"
#include "plan/plangraphscene.h"

#include <QMouseEvent>
#include <QPainter>

namespace tusk::widgets {

namespace {
constexpr int kFrame = 1;
}

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

QRectF PlanMinimap::thumbnailRect() const
{
    // The scene scaled to fit inside the widget, keeping its aspect ratio, centred.
    const QRectF area = QRectF(rect()).adjusted(kFrame + 3, kFrame + 3, -kFrame - 3, -kFrame - 3);
    if (m_sceneRect.isEmpty() || area.isEmpty())
        return area;
    const double s = std::min(area.width() / m_sceneRect.width(), area.height() / m_sceneRect.height());
    QRectF r(0, 0, m_sceneRect.width() * s, m_sceneRect.height() * s);
    r.moveCenter(area.center());
    return r;
}

void PlanMinimap::refresh()
{
    m_thumbnail = QImage();
    if (!m_scene || m_scene->cards().isEmpty()) {
        update();
        return;
    }
    m_sceneRect = m_scene->sceneRect();
    const QRectF target = thumbnailRect();
    const qreal dpr = devicePixelRatioF();
    m_thumbnail =
        QImage((target.size() * dpr).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    m_thumbnail.setDevicePixelRatio(dpr);
    m_thumbnail.fill(Qt::transparent);
    QPainter p(&m_thumbnail);
    const double s = target.width() / m_sceneRect.width();
    p.scale(s, s);
    p.translate(-m_sceneRect.topLeft());
    const QPalette &pal = m_scene->viewPalette();
    const QColor cold = plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.3);
    // Blocks at least a pixel big, or a 10,000-card plan would vanish.
    const double minSize = 1.0 / s;
    for (const PlanCard &c : m_scene->cards()) {
        QRectF r = c.rect;
        r.setWidth(std::max(r.width(), minSize));
        r.setHeight(std::max(r.height(), minSize));
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
    const QRectF t = thumbnailRect();
    if (t.isEmpty())
        return m_sceneRect.center();
    return m_sceneRect.topLeft() + (p - t.topLeft()) * (m_sceneRect.width() / t.width());
}

void PlanMinimap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    QColor bg = pal.color(QPalette::Base);
    bg.setAlpha(235);
    p.setPen(QPen(plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.35), kFrame));
    p.setBrush(bg);
    p.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
    const QRectF t = thumbnailRect();
    if (!m_thumbnail.isNull())
        p.drawImage(t.topLeft(), m_thumbnail);
    if (m_visible.isEmpty() || m_sceneRect.isEmpty())
        return;
    const double s = t.width() / m_sceneRect.width();
    QRectF v((m_visible.topLeft() - m_sceneRect.topLeft()) * s + t.topLeft(), m_visible.size() * s);
    v = v.intersected(t);
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
