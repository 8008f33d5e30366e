#include "plan/plancards.h"

#include "plan/plantext.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace tusk::widgets {

CardMetrics::CardMetrics(const QFont &font)
    : normal(font)
    , bold(font)
{
    bold.setBold(true);
    lineHeight = std::max(QFontMetricsF(normal).lineSpacing(), QFontMetricsF(bold).lineSpacing());
}

namespace {
// Characters below this (Latin, Greek, Cyrillic, arrows, math) get a flat array slot.
constexpr int kCached = 0x2300;
} // namespace

TextWidths::TextWidths(const QFont &font)
    : m_metrics(font)
    , m_advances(kCached, -1)
{}

double TextWidths::width(const QString &text)
{
    double w = 0;
    for (const QChar c : text) {
        if (c.isSurrogate() || c.isMark())
            return m_metrics.horizontalAdvance(text);
        const char16_t u = c.unicode();
        double *slot = nullptr;
        if (u < kCached)
            slot = &m_advances[u];
        else
            slot = &m_others.insert(u, m_others.value(u, -1)).value();
        if (*slot < 0)
            *slot = m_metrics.horizontalAdvance(c);
        w += *slot;
    }
    return w;
}

namespace {

// Sizes the card to its widest line (within min/max width), then elides what is still too
// long, so painting never measures text.
void fit(CardText &t, const CardMetrics &m, TextWidths &normal, TextWidths &bold)
{
    const double chrome = 2 * m.padding + m.stripe;
    const double titleExtra = m.badge + 4;
    const double misestimate = t.misestimate.isEmpty() ? 0 : normal.width(u' ' + t.misestimate);
    double wanted = bold.width(t.title) + titleExtra;
    wanted = std::max(wanted, normal.width(t.subject));
    wanted = std::max(wanted, normal.width(t.figures));
    wanted = std::max(wanted, normal.width(t.rows) + misestimate);
    const double width = std::clamp(std::ceil(wanted + chrome), m.minWidth, m.maxWidth);
    const double inner = width - chrome;
    if (wanted > inner) {
        // Rare (long names): elide with real shaping.
        t.title = bold.metrics().elidedText(t.title, Qt::ElideRight, inner - titleExtra);
        t.subject = normal.metrics().elidedText(t.subject, Qt::ElideMiddle, inner);
        t.figures = normal.metrics().elidedText(t.figures, Qt::ElideRight, inner);
        t.rows = normal.metrics().elidedText(t.rows, Qt::ElideRight, inner - misestimate);
    }
    const int lines = 3 + (t.subject.isEmpty() ? 0 : 1);
    t.size = QSizeF(width, lines * m.lineHeight + 2 * m.padding + m.barHeight);
}

QString rowsLine(double actual, double planned, double loops, bool analyzed)
{
    if (!analyzed)
        return QStringLiteral("%1 rows est.").arg(plantext::count(planned));
    QString s = QStringLiteral("%1 of %2 rows").arg(plantext::count(actual), plantext::count(planned));
    if (loops > 1)
        s += QStringLiteral(" · %1 loops").arg(plantext::count(loops));
    return s;
}

} // namespace

CardTexts::CardTexts(const PlanDocument *doc, const CardMetrics &metrics)
    : m_doc(doc)
    , m_metrics(metrics)
    , m_normalWidths(metrics.normal)
    , m_boldWidths(metrics.bold)
{
    // Sized once: references handed out stay valid. An empty size marks "not measured yet".
    m_nodes.resize(doc->plan.nodes.size());
    m_groups.resize(doc->folding.groups().size());
}

const CardText &CardTexts::node(int nodeId) const
{
    CardText &t = m_nodes[nodeId];
    if (!t.size.isEmpty())
        return t;
    const explain::PlanNode &n = m_doc->plan.nodes.at(nodeId);
    const explain::NodeTiming &timing = m_doc->analysis.timing(nodeId);
    t.title = plantext::title(n);
    t.subject = plantext::subject(n);
    if (n.neverExecuted)
        t.figures = QStringLiteral("never executed");
    else if (n.hasActuals)
        t.figures =
            plantext::duration(timing.exclusiveMs) + QStringLiteral(" · ") + plantext::percent(timing.share);
    else
        t.figures = QStringLiteral("cost %1").arg(plantext::count(n.totalCost));
    t.rows = rowsLine(n.actualRows, n.planRows, n.actualLoops, n.hasActuals && !n.neverExecuted);
    if (n.hasActuals && !n.neverExecuted)
        t.misestimate = plantext::misestimate(timing.misestimate);
    fit(t, m_metrics, m_normalWidths, m_boldWidths);
    return t;
}

const CardText &CardTexts::group(int groupId) const
{
    CardText &t = m_groups[groupId];
    if (!t.size.isEmpty())
        return t;
    const auto &plan = m_doc->plan;
    const explain::FoldGroup &g = m_doc->folding.groups().at(groupId);
    double ms = 0, rows = 0;
    for (int member : g.members) {
        // A member's subtree is timed by its root's inclusive time.
        ms += m_doc->analysis.timing(member).inclusiveMs;
        rows += explain::rowsOut(plan.nodes.at(member));
    }
    const double share = m_doc->analysis.totalMs() > 0 ? ms / m_doc->analysis.totalMs() : 0;
    t.title = QStringLiteral("%1 × %2").arg(plantext::title(plan.nodes.at(g.members.first()))).arg(g.count());
    t.subject = g.relationStem.isEmpty() ? QStringLiteral("%1 identical subtrees").arg(g.count())
                : g.sameRelation
                    ? QStringLiteral("%1 identical subtrees on %2").arg(g.count()).arg(g.relationStem)
                    : QStringLiteral("partitions of %1").arg(g.relationStem);
    t.figures = plan.nodes.at(g.members.first()).hasActuals
                    ? QStringLiteral("Σ %1 · %2").arg(plantext::duration(ms), plantext::percent(share))
                    : QStringLiteral("%1 nodes").arg(g.nodeCount);
    t.rows = QStringLiteral("Σ %1 rows · double-click to unfold").arg(plantext::count(rows));
    fit(t, m_metrics, m_normalWidths, m_boldWidths);
    return t;
}

} // namespace tusk::widgets
