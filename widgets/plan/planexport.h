#pragma once

#include <QColor>
#include <QString>

class QGraphicsScene;

namespace tusk::widgets {

/// Renders the whole scene on `background` into a PNG; scenes larger than ~8,000 pixels a side
/// are scaled down (a 10,000-node plan is a million pixels wide at 100%).
bool renderPng(QGraphicsScene *scene, const QColor &background, const QString &path);
/// Renders the whole scene into an SVG file at 100%.
bool renderSvg(QGraphicsScene *scene, const QColor &background, const QString &path, const QString &title);

} // namespace tusk::widgets
