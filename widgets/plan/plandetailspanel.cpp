#include "plan/plandetailspanel.h"

#include "explain/planmetrics.h"
#include "plan/plancards.h"
#include "plan/plancolors.h"
#include "plan/plantext.h"

#include <QEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace tusk::widgets {

using explain::PlanNode;

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

// Collects "name: value" rows; skips empty values so the table holds only what was printed.
class Rows
{
public:
    void add(const QString &name, const QString &value)
    {
        if (!value.isEmpty())
            m_html += QStringLiteral("<tr><td class=k>%1</td><td>%2</td></tr>").arg(esc(name), esc(value));
    }
    void section(const QString &title) { m_pending = QStringLiteral("<h3>%1</h3>").arg(esc(title)); }
    QString take()
    {
        QString out = m_html.isEmpty()
                          ? QString()
                          : m_pending + QStringLiteral("<table>") + m_html + QStringLiteral("</table>");
        m_html.clear();
        return out;
    }

private:
    QString m_html;
    QString m_pending;
};

QString valueText(const QVariant &v)
{
    if (v.typeId() == QMetaType::QVariantList || v.typeId() == QMetaType::QVariantMap) {
        const QJsonValue json = QJsonValue::fromVariant(v);
        if (json.isArray()) {
            QStringList parts;
            bool flat = true;
            for (const QJsonValue &item : json.toArray()) {
                flat = flat && !item.isArray() && !item.isObject();
                parts << item.toVariant().toString();
            }
            if (flat)
                return parts.join(QStringLiteral(", "));
            return QString::fromUtf8(QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact));
        }
        return QString::fromUtf8(QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
    }
    if (v.typeId() == QMetaType::Bool)
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

QString num(double v)
{
    return plantext::count(v);
}

} // namespace

PlanDetailsPanel::PlanDetailsPanel(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setFrameShape(NoFrame);
    document()->setDocumentMargin(10);
}

void PlanDetailsPanel::setDocument(PlanDocumentPtr doc)
{
    m_doc = std::move(doc);
    m_node = m_group = -1;
    showPlanSummary();
}

void PlanDetailsPanel::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    // The style sheet carries palette colours: write it again for the new palette.
    if (event->type() == QEvent::PaletteChange && m_doc) {
        if (m_node >= 0)
            showNode(m_node);
        else if (m_group >= 0)
            showGroup(m_group);
        else
            showPlanSummary();
    }
}

QString PlanDetailsPanel::styleSheetText() const
{
    const QPalette &p = palette();
    const QString dim = plancolors::mix(p.color(QPalette::Text), p.color(QPalette::Base), 0.4).name();
    const QString rule = plancolors::mix(p.color(QPalette::Text), p.color(QPalette::Base), 0.8).name();
    return QStringLiteral("<style>h2{margin:0 0 2px 0;font-size:large} h3{margin:12px 0 4px 0;"
                          "font-size:medium} td{padding:1px 10px 1px 0;vertical-align:top} "
                          "td.k{color:%1;white-space:nowrap} .sub{color:%1} th{text-align:left;"
                          "padding:1px 10px 1px 0;color:%1;border-bottom:1px solid %2} "
                          ".sugg{color:%1}</style>")
        .arg(dim, rule);
}

void PlanDetailsPanel::showPlanSummary()
{
    if (!m_doc || m_doc->plan.isEmpty()) {
        setHtml(QString());
        return;
    }
    const auto &plan = m_doc->plan;
    QString html = styleSheetText() + QStringLiteral("<h2>%1</h2>").arg(tr("Plan"));
    Rows rows;
    rows.add(tr("Nodes"), QString::number(plan.nodes.size()));
    if (plan.planningTimeMs)
        rows.add(tr("Planning time"), plantext::duration(*plan.planningTimeMs));
    if (plan.executionTimeMs)
        rows.add(tr("Execution time"), plantext::duration(*plan.executionTimeMs));
    rows.add(tr("Warnings"), QString::number(m_doc->analysis.warnings().size()));
    html += rows.take() +
            QStringLiteral("<p class=sub>%1</p>").arg(tr("Select a node to see all of its properties."));
    setHtml(html);
}

void PlanDetailsPanel::showGroup(int groupId)
{
    if (!m_doc || groupId < 0 || groupId >= m_doc->folding.groups().size())
        return;
    m_group = groupId;
    m_node = -1;
    const explain::FoldGroup &g = m_doc->folding.groups().at(groupId);
    const auto &plan = m_doc->plan;
    const explain::FoldSummary sum = explain::summarizeFold(plan, m_doc->analysis, g);
    const auto spread = [](double lo, double hi, QString (*format)(double)) {
        return format(lo) == format(hi) ? format(lo) : format(lo) + QStringLiteral(" – ") + format(hi);
    };
    QString html = styleSheetText() + QStringLiteral("<h2>%1 × %2</h2>")
                                          .arg(plantext::whole(g.count()))
                                          .arg(esc(plantext::title(plan.nodes.at(g.members.first()))));
    html += QStringLiteral("<p class=sub>%1</p>").arg(esc(groupSubject(g)));
    html += QStringLiteral("<p class=sub>%1</p>")
                .arg(esc((g.namesAlike ? tr("Subtrees of one shape under %1 whose names differ only by "
                                            "partition, folded into one card.")
                                       : tr("Subtrees of one shape under %1 over different tables, folded "
                                            "into one card."))
                             .arg(plantext::title(plan.nodes.at(g.parentId)))) +
                     u' ' + esc(tr("Double-click the card to unfold it.")));
    Rows rows;
    rows.add(tr("Subtrees"), plantext::whole(g.count()));
    rows.add(tr("Nodes"), plantext::whole(g.nodeCount));
    rows.add(tr("Names"), g.namesRange());
    rows.add(tr("Relation"), g.relationStem);
    if (sum.analyzed) {
        rows.add(tr("Time (Σ inclusive)"),
                 plantext::duration(sum.totalMs) + QStringLiteral(" · ") + plantext::percent(sum.share));
        rows.add(tr("Time per subtree"), spread(sum.minMs, sum.maxMs, plantext::duration));
    }
    rows.add(sum.analyzed ? tr("Rows (Σ)") : tr("Rows (Σ, estimated)"), num(sum.totalRows));
    rows.add(tr("Rows per subtree"), spread(sum.minRows, sum.maxRows, plantext::count));
    html += rows.take();
    html += QStringLiteral("<h3>%1</h3><table><tr><th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(tr("Members"), tr("Node"), tr("Time"), tr("Rows"));
    // The first hundred: enough to see the spread, cheap for a thousand partitions. Each is
    // named by what tells the members apart (the partition a nested loop reads).
    for (int i = 0; i < std::min<int>(g.count(), 100); ++i) {
        const PlanNode &n = plan.nodes.at(g.members.at(i));
        const QString label = g.nameOffset >= 0 ? plan.nodes.at(n.id + g.nameOffset).relationName
                              : plantext::subject(n).isEmpty() ? plantext::title(n)
                                                               : plantext::subject(n);
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(esc(label), plantext::duration(m_doc->analysis.timing(n.id).inclusiveMs),
                         num(explain::rowsOut(n)));
    }
    html += QStringLiteral("</table>");
    if (g.count() > 100)
        html += QStringLiteral("<p class=sub>%1</p>").arg(tr("… and %1 more").arg(g.count() - 100));
    setHtml(html);
}

void PlanDetailsPanel::showNode(int nodeId)
{
    if (!m_doc || nodeId < 0 || nodeId >= m_doc->plan.nodes.size())
        return;
    m_node = nodeId;
    m_group = -1;
    const PlanNode &n = m_doc->plan.nodes.at(nodeId);
    const explain::NodeTiming &t = m_doc->analysis.timing(nodeId);
    const QPalette &pal = palette();
    QString html = styleSheetText() + QStringLiteral("<h2>%1</h2>").arg(esc(plantext::title(n)));
    if (!plantext::subject(n).isEmpty())
        html += QStringLiteral("<p class=sub>%1</p>").arg(esc(plantext::subject(n)));

    const auto warnings = m_doc->analysis.warningsFor(nodeId);
    for (const explain::PlanWarning &w : warnings) {
        html += QStringLiteral("<p><b style='color:%1'>%2</b> %3<br><span class=sugg>%4</span></p>")
                    .arg(plancolors::severity(pal, w.severity).name(),
                         esc(plantext::severityTitle(w.severity)), esc(w.message), esc(w.suggestion));
    }

    Rows rows;
    rows.section(tr("Time and rows"));
    if (n.hasActuals) {
        rows.add(tr("Exclusive time"), plantext::duration(t.exclusiveMs) + QStringLiteral(" (") +
                                           plantext::percent(t.share) + u')');
        rows.add(tr("Inclusive time"), plantext::duration(t.inclusiveMs));
        rows.add(tr("Actual time per loop"),
                 QStringLiteral("%1 … %2 ms").arg(n.actualStartupTimeMs).arg(n.actualTotalTimeMs));
        rows.add(tr("Rows per loop"), tr("%1 (planned %2)").arg(num(n.actualRows), num(n.planRows)));
        rows.add(tr("Loops"), num(n.actualLoops));
        rows.add(tr("Misestimate"), plantext::misestimate(t.misestimate));
    } else {
        rows.add(tr("Planned rows"), num(n.planRows));
    }
    rows.add(tr("Cost"), QStringLiteral("%1 … %2").arg(n.startupCost).arg(n.totalCost));
    rows.add(tr("Width"), n.planWidth ? tr("%1 bytes").arg(n.planWidth) : QString());
    html += rows.take();

    rows.section(tr("Node"));
    rows.add(tr("Relation"), n.schema.isEmpty() ? n.relationName : n.schema + u'.' + n.relationName);
    rows.add(tr("Alias"), n.alias);
    rows.add(tr("Index"), n.indexName);
    rows.add(tr("Join type"), n.joinType);
    rows.add(tr("Strategy"), n.strategy);
    rows.add(tr("Parent relationship"), n.parentRelationshipText);
    rows.add(tr("Subplan"), n.subplanName);
    rows.add(tr("Parallel aware"), n.parallelAware ? tr("yes") : QString());
    rows.add(tr("Workers planned / launched"),
             n.workersPlanned >= 0 ? QStringLiteral("%1 / %2").arg(n.workersPlanned).arg(n.workersLaunched)
                                   : QString());
    html += rows.take();

    rows.section(tr("Conditions"));
    rows.add(tr("Index cond"), n.indexCond);
    rows.add(tr("Recheck cond"), n.recheckCond);
    rows.add(tr("Hash cond"), n.hashCond);
    rows.add(tr("Merge cond"), n.mergeCond);
    rows.add(tr("Join filter"), n.joinFilter);
    rows.add(tr("Filter"), n.filter);
    rows.add(tr("Rows removed by filter"), n.rowsRemovedByFilter ? num(n.rowsRemovedByFilter) : QString());
    rows.add(tr("Rows removed by join filter"),
             n.rowsRemovedByJoinFilter ? num(n.rowsRemovedByJoinFilter) : QString());
    rows.add(tr("Rows removed by recheck"),
             n.rowsRemovedByIndexRecheck ? num(n.rowsRemovedByIndexRecheck) : QString());
    html += rows.take();

    rows.section(tr("Sort and hash"));
    rows.add(tr("Sort key"), n.sortKey.join(QStringLiteral(", ")));
    rows.add(tr("Sort method"), n.sortMethod);
    rows.add(tr("Sort space"),
             n.sortSpaceType.isEmpty()
                 ? QString()
                 : QStringLiteral("%1 kB (%2)").arg(n.sortSpaceUsedKb).arg(n.sortSpaceType));
    rows.add(tr("Hash buckets"), n.hashBuckets ? QString::number(n.hashBuckets) : QString());
    rows.add(tr("Hash batches"),
             n.hashBatches ? tr("%1 (planned %2)").arg(n.hashBatches).arg(n.originalHashBatches) : QString());
    html += rows.take();

    const explain::Buffers &b = n.buffers;
    rows.section(tr("Buffers (8 kB blocks, with children)"));
    rows.add(tr("Shared hit / read"), b.sharedHit || b.sharedRead
                                          ? QStringLiteral("%1 / %2").arg(b.sharedHit).arg(b.sharedRead)
                                          : QString());
    rows.add(tr("Shared dirtied / written"),
             b.sharedDirtied || b.sharedWritten
                 ? QStringLiteral("%1 / %2").arg(b.sharedDirtied).arg(b.sharedWritten)
                 : QString());
    rows.add(tr("Local hit / read"), b.localHit || b.localRead
                                         ? QStringLiteral("%1 / %2").arg(b.localHit).arg(b.localRead)
                                         : QString());
    rows.add(tr("Temp read / written"), b.tempRead || b.tempWritten
                                            ? QStringLiteral("%1 / %2").arg(b.tempRead).arg(b.tempWritten)
                                            : QString());
    rows.add(tr("I/O read / write time"),
             b.ioReadTimeMs || b.ioWriteTimeMs
                 ? QStringLiteral("%1 / %2 ms").arg(b.ioReadTimeMs).arg(b.ioWriteTimeMs)
                 : QString());
    html += rows.take();

    if (!n.workers.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><table><tr><th>#</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                    .arg(tr("Workers"), tr("Time"), tr("Rows"), tr("Loops"));
        for (const explain::WorkerDetail &w : n.workers)
            html += QStringLiteral("<tr><td>%1</td><td>%2 ms</td><td>%3</td><td>%4</td></tr>")
                        .arg(w.number)
                        .arg(w.actualTotalTimeMs)
                        .arg(num(w.actualRows), num(w.actualLoops));
        html += QStringLiteral("</table>");
    }

    if (!n.output.isEmpty()) {
        rows.section(tr("Output"));
        rows.add(tr("Columns"), n.output.join(QStringLiteral(", ")));
        html += rows.take();
    }
    rows.section(tr("Other properties"));
    for (auto it = n.extra.cbegin(); it != n.extra.cend(); ++it)
        rows.add(it.key(), valueText(it.value()));
    html += rows.take();
    setHtml(html);
}

} // namespace tusk::widgets
