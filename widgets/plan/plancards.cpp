#include "plan/plancards.h"

#include "plan/plantext.h"

#include <QCoreApplication>
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
    t.titleWidth = bold.width(t.title);
    double wanted = t.titleWidth + titleExtra;
    wanted = std::max(wanted, normal.width(t.subject));
    wanted = std::max(wanted, normal.width(t.figures));
    wanted = std::max(wanted, normal.width(t.spread));
    wanted = std::max(wanted, normal.width(t.rows) + misestimate);
    const double width = std::clamp(std::ceil(wanted + chrome), m.minWidth, m.maxWidth);
    const double inner = width - chrome;
    if (wanted > inner) {
        // Rare (long names): elide with real shaping.
        t.title = bold.metrics().elidedText(t.title, Qt::ElideRight, inner - titleExtra);
        t.subject = normal.metrics().elidedText(t.subject, Qt::ElideMiddle, inner);
        t.figures = normal.metrics().elidedText(t.figures, Qt::ElideRight, inner);
        t.spread = normal.metrics().elidedText(t.spread, Qt::ElideRight, inner);
        t.rows = normal.metrics().elidedText(t.rows, Qt::ElideRight, inner - misestimate);
    }
    t.titleWidth = std::min(t.titleWidth, inner - titleExtra);
    const int lines = 3 + (t.subject.isEmpty() ? 0 : 1) + (t.spread.isEmpty() ? 0 : 1);
    t.size = QSizeF(width, lines * m.lineHeight + 2 * m.padding + m.barHeight);
}

// "0.19 – 0.25 ms", or one figure when the ends print the same.
QString range(double lo, double hi, QString (*format)(double))
{
    const QString a = format(lo);
    const QString b = format(hi);
    return a == b ? a : a + QStringLiteral(" – ") + b;
}

QString rowsLine(double actual, double planned, double loops, bool analyzed)
{
    if (!analyzed)
        return QCoreApplication::translate("tusk::widgets::CardTexts", "%1 rows est.")
            .arg(plantext::count(planned));
    QString s = QCoreApplication::translate("tusk::widgets::CardTexts", "%1 of %2 rows")
                    .arg(plantext::count(actual), plantext::count(planned));
    if (loops > 1)
        s += QCoreApplication::translate("tusk::widgets::CardTexts", " · %1 loops")
                 .arg(plantext::count(loops));
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
        t.figures = QCoreApplication::translate("tusk::widgets::CardTexts", "never executed");
    else if (n.hasActuals)
        t.figures =
            plantext::duration(timing.exclusiveMs) + QStringLiteral(" · ") + plantext::percent(timing.share);
    else
        t.figures = QCoreApplication::translate("tusk::widgets::CardTexts", "cost %1")
                        .arg(plantext::count(n.totalCost));
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
    const explain::FoldSummary s = explain::summarizeFold(plan, m_doc->analysis, g);
    const explain::PlanNode &first = plan.nodes.at(g.members.first());
    t.title = QCoreApplication::translate("tusk::widgets::CardTexts", "%1 × %2")
                  .arg(plantext::whole(g.count()), plantext::title(first));
    t.subject = groupSubject(g);
    if (s.analyzed) {
        t.figures = QCoreApplication::translate("tusk::widgets::CardTexts", "Σ %1 · %2")
                        .arg(plantext::duration(s.totalMs), plantext::percent(s.share));
        t.spread = QCoreApplication::translate("tusk::widgets::CardTexts", "each %1 · %2")
                       .arg(range(s.minMs, s.maxMs, plantext::duration),
                            range(s.minRows, s.maxRows, plantext::count) +
                                QCoreApplication::translate("tusk::widgets::CardTexts", " rows"));
        t.rows = QCoreApplication::translate("tusk::widgets::CardTexts", "Σ %1 rows · double-click to unfold")
                     .arg(plantext::count(s.totalRows));
    } else {
        t.figures = QCoreApplication::translate("tusk::widgets::CardTexts", "%1 nodes")
                        .arg(plantext::whole(g.nodeCount));
        t.spread = QCoreApplication::translate("tusk::widgets::CardTexts", "each %1 rows est.")
                       .arg(range(s.minRows, s.maxRows, plantext::count));
        t.rows =
            QCoreApplication::translate("tusk::widgets::CardTexts", "Σ %1 rows est. · double-click to unfold")
                .arg(plantext::count(s.totalRows));
    }
    fit(t, m_metrics, m_normalWidths, m_boldWidths);
    return t;
}

QString groupSubject(const explain::FoldGroup &g)
{
    // "on events_p0 … events_p3998" (the members read them), "over orders_p0 … orders_p1997"
    // (a table further down tells them apart).
    if (g.nameOffset >= 0)
        return (g.nameOffset == 0 ? QCoreApplication::translate("tusk::widgets::CardTexts", "on %1")
                                  : QCoreApplication::translate("tusk::widgets::CardTexts", "over %1"))
            .arg(g.namesRange());
    if (!g.relationStem.isEmpty())
        return g.sameRelation
                   ? QCoreApplication::translate("tusk::widgets::CardTexts", "all on %1").arg(g.relationStem)
                   : QCoreApplication::translate("tusk::widgets::CardTexts", "partitions of %1")
                         .arg(g.relationStem);
    return QCoreApplication::translate("tusk::widgets::CardTexts", "%1 identical subtrees")
        .arg(plantext::whole(g.count()));
}

} // namespace tusk::widgets
