#pragma once

#include "explain/plan.h"
#include "explain/planwarning.h"

#include <QString>

namespace tusk::widgets::plantext {

/// "0.012 ms", "12.3 ms", "1,234 ms", "12.3 s": three significant figures where they matter.
QString duration(double ms);
/// "950", "12.3k", "4.5M": compact counts for cards and grid cells.
QString count(double n);
/// "3,300": a whole number with thousands separators (counts of folded members, nodes).
QString whole(double n);
/// "45.2%" (share is 0..1).
QString percent(double share);
/// "Parallel Seq Scan", "Hash Left Join", "Aggregate (Hashed)": the node as EXPLAIN's text
/// format names it.
QString title(const explain::PlanNode &n);
/// What the node works on: "orders o", "using orders_pkey on orders", "CTE recent", "SubPlan 1";
/// empty when there is nothing to say.
QString subject(const explain::PlanNode &n);
/// "↑ 120×" when more rows came than estimated, "↓ 30×" when fewer; empty within 2×.
QString misestimate(double factor);
/// "sort on disk", "misestimate": a warning's kind as the grid shows it, translated (the core's
/// warningKindName() is the stable id tusk-cli writes).
QString warningTitle(explain::WarningKind kind);
/// "info", "warning", "critical", translated (severityName() is the id).
QString severityTitle(explain::Severity severity);

} // namespace tusk::widgets::plantext
