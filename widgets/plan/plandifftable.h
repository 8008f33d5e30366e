#pragma once

#include "explain/plandiff.h"

#include <QPalette>
#include <QString>

namespace tusk::widgets {

/// The before / after / change table of one node pair of a plan diff, as HTML for a
/// QTextBrowser: time, rows, loops, buffers, cost and estimate, changes coloured (less is green).
QString planDiffPairHtml(const explain::PlanDiff &diff, int changeIndex, const explain::Plan &before,
                         const explain::Plan &after, const QPalette &palette);

/// The colour of a change: faster / slower for a matched pair, added / removed otherwise;
/// invalid when the change is too small to colour.
QColor planDiffColor(const explain::NodeChange &c, const QPalette &palette);

} // namespace tusk::widgets
