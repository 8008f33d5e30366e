#pragma once

#include <QVector>

namespace tusk::explain {

/// Horizontal placement of a tidy tree (Buchheim, Jünger & Leipert's linear-time version of
/// Walker's algorithm) for boxes of different widths: parents centred over their children,
/// children in order, subtrees as close as their contours allow, identical subtrees drawn
/// identically. Iterative, so a 10,000-deep chain does not exhaust the stack.
///
/// `children[i]` lists node i's children in order; node 0 is the root and every child has a
/// larger index than its parent (pre-order numbering does this). Returns each node's centre x;
/// the leftmost box edge is at 0.
QVector<double> tidyTreeCentres(const QVector<QVector<int>> &children, const QVector<double> &widths,
                                double siblingGap, double subtreeGap);

} // namespace tusk::explain
