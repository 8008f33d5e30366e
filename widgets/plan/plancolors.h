#pragma once

#include "explain/planwarning.h"

#include <QColor>
#include <QPalette>

namespace tusk::widgets::plancolors {

/// Whether the palette is a dark one (its base is darker than its text).
bool isDark(const QPalette &p);
/// Fill of a card or grid cell with heat 0..1: the palette's base blended towards amber and red,
/// strong enough to see at a glance, never so strong that text becomes hard to read.
QColor heatFill(const QPalette &p, double heat);
/// The saturated colour of the heat scale at 0..1 (card stripes, minimap, share bars).
QColor heatAccent(const QPalette &p, double heat);
/// Badge colour of a warning severity, readable on either palette.
QColor severity(const QPalette &p, explain::Severity s);
/// Outline of cards that match the search.
QColor searchMatch(const QPalette &p);
/// Plan diff: a node that got faster, slower, was added (after) or removed (before).
QColor faster(const QPalette &p);
QColor slower(const QPalette &p);
QColor added(const QPalette &p);
QColor removed(const QPalette &p);
/// Card fill for a diff tint: the base with a hint of the tint, text stays readable.
QColor tintFill(const QPalette &p, const QColor &tint, double strength = 1);
/// Black or white, whichever reads better on `background`.
QColor textOn(const QColor &background);
/// a blended towards b by t (0..1).
QColor mix(const QColor &a, const QColor &b, double t);

} // namespace tusk::widgets::plancolors
