#include "plan/planexport.h"

#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>

namespace tusk::widgets {

namespace {
constexpr int kMaxPngSide = 8000;
}

bool renderPng(QGraphicsScene *scene, const QColor &background, const QString &path)
{
    const QRectF source = scene->sceneRect();
    if (source.isEmpty())
        return false;
    const double scale = std::min(1.0, kMaxPngSide / std::max(source.width(), source.height()));
    QImage image((source.size() * scale).toSize().expandedTo(QSize(1, 1)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(background);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    painter.end();
    return image.save(path, "PNG");
}

bool renderSvg(QGraphicsScene *scene, const QColor &background, const QString &path, const QString &title)
{
    const QRectF source = scene->sceneRect();
    if (source.isEmpty())
        return false;
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(title);
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    painter.fillRect(QRectF(QPointF(0, 0), source.size()), background);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    return painter.end();
}

} // namespace tusk::widgets
