#include "plan/plandifftable.h"

#include "explain/plandifftext.h"
#include "plan/plancolors.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace tusk::widgets {

namespace {

using explain::NodeChange;
namespace difftext = explain::difftext;

// Score (about the fraction of the statement's time) below which a card is not coloured: the
// list shows smaller changes, the graphs only what stands out from run-to-run noise.
constexpr double kColourThreshold = 0.02;

struct Row
{
    QString name;
    double was;
    double now;
    bool time = false;
    bool adds = true;    ///< Meaningful summed over several nodes (a run); per-loop figures are not.
    bool judged = false; ///< Less is better (blocks, cost); rows and loops are neither.
};

QString cell(double v, bool time, bool present)
{
    if (!present)
        return QStringLiteral("–");
    return time ? difftext::duration(v) : difftext::number(v);
}

QString deltaCell(const Row &r, const QPalette &pal, bool both)
{
    if (!both)
        return QString();
    const double d = r.now - r.was;
    if (d == 0)
        return QStringLiteral("<span style='color:%1'>=</span>")
            .arg(plancolors::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45).name());
    const QString text =
        r.time ? difftext::signedDuration(d)
               : (d > 0 ? QStringLiteral("+") : QStringLiteral("−")) + difftext::number(std::abs(d));
    // Less time, fewer blocks: better. Rows and loops are neither: neutral. A flag and not the
    // row's name decides, since the name is translated.
    const bool judged = r.time || r.judged;
    QString colour = pal.color(QPalette::Text).name();
    if (judged)
        colour = (d < 0 ? plancolors::faster(pal) : plancolors::slower(pal)).name();
    return QStringLiteral("<span style='color:%1'>%2</span> <span style='color:%3'>%4</span>")
        .arg(colour, text.toHtmlEscaped(),
             plancolors::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45).name(),
             difftext::percentChange(r.was, r.now));
}

} // namespace

QColor planDiffColor(const NodeChange &c, const QPalette &palette)
{
    switch (c.kind) {
    case NodeChange::Kind::Added:
        return plancolors::added(palette);
    case NodeChange::Kind::Removed:
        return plancolors::removed(palette);
    case NodeChange::Kind::Matched:
        break;
    }
    if (c.nodeScore < kColourThreshold)
        return {};
    const double dt = c.deltaExclusiveMs();
    // Without a time change (plans without ANALYZE, or equal times) blocks, then cost decide.
    const double sign =
        dt != 0 ? dt : (c.deltaBlocks() != 0 ? c.deltaBlocks() : c.now.exclusiveCost - c.was.exclusiveCost);
    if (sign == 0)
        return {};
    return sign < 0 ? plancolors::faster(palette) : plancolors::slower(palette);
}

QString planDiffPairHtml(const explain::PlanDiff &diff, int changeIndex, const explain::Plan &before,
                         const explain::Plan &after, const QPalette &pal)
{
    if (changeIndex < 0 || changeIndex >= diff.changes().size())
        return {};
    // A line for a run (12 partitions) shows the run's figures together.
    const NodeChange c = diff.combined(changeIndex);
    const bool run = !c.run.isEmpty();
    const bool hasBefore = c.before >= 0, hasAfter = c.after >= 0;
    const explain::NodeFigures &a = c.was;
    const explain::NodeFigures &b = c.now;
    const QString dim = plancolors::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45).name();

    // The node(s) as a title; the numbers follow in the table, so the sentence is not repeated.
    QString title;
    if (run) {
        // The sentence up to its figures: "12 × Seq Scan on events_01 … events_12 became Index
        // Scan", "195 × Nested Loop removed".
        qsizetype cut = c.sentence.size();
        for (const QString &mark : {QStringLiteral(": "), QStringLiteral(" (")}) {
            const qsizetype at = c.sentence.indexOf(mark);
            if (at >= 0)
                cut = std::min(cut, at);
        }
        title =
            c.sentence.left(cut) + QCoreApplication::translate("tusk::widgets::PlanDiffTable", " (together)");
    } else if (c.kind == NodeChange::Kind::Added)
        title = QCoreApplication::translate("tusk::widgets::PlanDiffTable", "%1 (added)")
                    .arg(explain::describeNode(after, c.after));
    else if (c.kind == NodeChange::Kind::Removed)
        title = QCoreApplication::translate("tusk::widgets::PlanDiffTable", "%1 (removed)")
                    .arg(explain::describeNode(before, c.before));
    else if (c.flags & ~NodeChange::RelationChanged)
        title = explain::describeNode(before, c.before) + QStringLiteral(" → ") +
                explain::describeNode(after, c.after);
    else
        title = explain::describeNode(after, c.after);
    QString html = QStringLiteral("<p style='margin:0 0 2px 0'><b>%1</b></p>").arg(title.toHtmlEscaped());

    const QVector<Row> rows = {
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Exclusive time"), a.exclusiveMs,
         b.exclusiveMs, true},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Inclusive time"), a.inclusiveMs,
         b.inclusiveMs, true},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Rows (all loops)"), a.rowsOut,
         b.rowsOut},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Rows per loop"), a.actualRows,
         b.actualRows, false, false},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Planned rows per loop"), a.planRows,
         b.planRows, false, false},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Loops"), a.loops, b.loops},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Shared hit blocks"),
         double(a.exclusiveBuffers.sharedHit), double(b.exclusiveBuffers.sharedHit), false, true, true},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Shared read blocks"),
         double(a.exclusiveBuffers.sharedRead), double(b.exclusiveBuffers.sharedRead), false, true, true},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Temp blocks"),
         double(a.exclusiveBuffers.tempRead + a.exclusiveBuffers.tempWritten),
         double(b.exclusiveBuffers.tempRead + b.exclusiveBuffers.tempWritten), false, true, true},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Cost (own)"), a.exclusiveCost,
         b.exclusiveCost, false, true, true},
        {QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Cost (total)"), a.totalCost,
         b.totalCost, false, false, true},
    };
    html += QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    html += QStringLiteral("<tr><th></th><th align='right'>%1</th><th align='right'>%2</th><th "
                           "align='left'>&nbsp;%3</th></tr>")
                .arg(QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Before"),
                     QCoreApplication::translate("tusk::widgets::PlanDiffTable", "After"),
                     QCoreApplication::translate("tusk::widgets::PlanDiffTable", "Change"));
    for (const Row &r : rows) {
        if (run && !r.adds)
            continue;
        html += QStringLiteral("<tr><td style='color:%1'>%2&nbsp;&nbsp;</td><td align='right'>%3</td>"
                               "<td align='right'>&nbsp;&nbsp;%4</td><td>&nbsp;&nbsp;%5</td></tr>")
                    .arg(dim, r.name, cell(r.was, r.time, hasBefore), cell(r.now, r.time, hasAfter),
                         deltaCell(r, pal, hasBefore && hasAfter));
    }
    html += QStringLiteral("</table>");
    return html;
}

} // namespace tusk::widgets
