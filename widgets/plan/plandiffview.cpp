#include "plan/plandiffview.h"

#include "explain/plandifftext.h"
#include "plan/plancolors.h"
#include "plan/plandifftable.h"
#include "plan/plangraphscene.h"
#include "plan/plangraphview.h"
#include "plan/plantext.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace tusk::widgets {

namespace {

using explain::NodeChange;
namespace difftext = explain::difftext;

enum Column { DeltaTime, DeltaBlocks, Sentence };
constexpr int kChangeRole = Qt::UserRole + 1;
// Folded runs with members changed differently open up to this length.
constexpr int kOpenMixedRuns = 6;
// Smallest zoom a diff's graph is fitted at (cards draw text from 35%).
constexpr double kSmallestFit = 0.4;
// Titles longer than this are cut (the whole title is the tool tip).
constexpr int kTitleChars = 110;

QString dimColour(const QPalette &pal)
{
    return plancolors::mix(pal.color(QPalette::WindowText), pal.color(QPalette::Window), 0.4).name();
}

QLabel *captionLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setContentsMargins(8, 4, 8, 4);
    // A long statement must not widen the pane: the label is cut, the tool tip has it all.
    label->setMinimumWidth(1);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

QWidget *titled(QLabel *caption, QWidget *body, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(caption);
    layout->addWidget(body, 1);
    return box;
}

} // namespace

PlanDiffView::PlanDiffView(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_beforeTitle(captionLabel(this))
    , m_afterTitle(captionLabel(this))
    , m_beforeGraph(new PlanGraphView(this))
    , m_afterGraph(new PlanGraphView(this))
    , m_vertical(new QSplitter(Qt::Vertical, this))
{
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setContentsMargins(8, 6, 8, 4);
    m_header->setObjectName(QStringLiteral("planDiffHeader"));

    m_list->setObjectName(QStringLiteral("planDiffChanges"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Time"), tr("Blocks"), tr("Biggest changes first")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(DeltaTime, QHeaderView::Fixed);
    m_list->header()->setSectionResizeMode(DeltaBlocks, QHeaderView::Fixed);
    m_list->headerItem()->setTextAlignment(DeltaTime, Qt::AlignRight | Qt::AlignVCenter);
    m_list->headerItem()->setTextAlignment(DeltaBlocks, Qt::AlignRight | Qt::AlignVCenter);
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("−1,234 ms")) + 24;
    m_list->setColumnWidth(DeltaTime, numberWidth);
    m_list->setColumnWidth(DeltaBlocks, numberWidth);
    m_details->setObjectName(QStringLiteral("planDiffPair"));
    m_details->setOpenLinks(false);

    auto *top = new QSplitter(Qt::Horizontal, m_vertical);
    top->addWidget(m_list);
    top->addWidget(m_details);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    top->setSizes({700, 420});
    top->setChildrenCollapsible(false);
    auto *graphs = new QSplitter(Qt::Horizontal, m_vertical);
    graphs->addWidget(titled(m_beforeTitle, m_beforeGraph, graphs));
    graphs->addWidget(titled(m_afterTitle, m_afterGraph, graphs));
    graphs->setSizes({500, 500});
    graphs->setChildrenCollapsible(false);
    m_vertical->addWidget(top);
    m_vertical->addWidget(graphs);
    m_vertical->setStretchFactor(0, 1);
    m_vertical->setStretchFactor(1, 3);
    // The top holds the pair's table (12 lines) without scrolling at the usual pane heights.
    const int lines = 15;
    m_vertical->setSizes({lines * fontMetrics().lineSpacing() + 16, 600});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_vertical, 1);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            selectChange(item->data(0, kChangeRole).toInt());
    });
    connect(m_beforeGraph, &PlanGraphView::nodeSelected, this,
            [this](int id) { selectChange(m_diff.changeOfBefore(id)); });
    connect(m_afterGraph, &PlanGraphView::nodeSelected, this,
            [this](int id) { selectChange(m_diff.changeOfAfter(id)); });
    // A folded group (12 partition scans): its first member's partner on the other side, and
    // the line of the run the members belong to when there is one.
    connect(m_beforeGraph, &PlanGraphView::groupSelected, this,
            [this](int group) { selectGroup(group, true); });
    connect(m_afterGraph, &PlanGraphView::groupSelected, this,
            [this](int group) { selectGroup(group, false); });
}

void PlanDiffView::setPlans(const explain::Plan &before, const QString &beforeText,
                            const QString &beforeTitle, const explain::Plan &after, const QString &afterText,
                            const QString &afterTitle)
{
    m_before = std::make_shared<PlanDocument>(before, beforeText);
    m_after = std::make_shared<PlanDocument>(after, afterText);
    m_diff = explain::PlanDiff::compare(m_before->plan, m_before->analysis, m_after->plan, m_after->analysis);
    m_selected = -1;

    m_beforeTitleText = beforeTitle;
    m_afterTitleText = afterTitle;
    updateCaptions();
    m_beforeGraph->setDocument(m_before);
    m_afterGraph->setDocument(m_after);
    fillList(); // before the marks: their tool tips name the list's lines
    markGraphs();
    updateHeader();
    if (!m_diff.ranked().isEmpty())
        selectChange(m_diff.ranked().first());
    else
        m_details->setHtml(QStringLiteral("<p>%1</p>").arg(tr("The two plans are the same, node for node.")));
    fitPairTable();
}

void PlanDiffView::fitPairTable()
{
    // Room for the whole pair table when the pane is tall enough; the graphs keep the rest.
    const QList<int> sizes = m_vertical->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    const int needed =
        int(std::ceil(m_details->document()->size().height())) + 2 * m_details->frameWidth() + 2;
    if (total > 0 && sizes.value(0) < needed && needed <= total / 2)
        m_vertical->setSizes({needed, total - needed});
}

void PlanDiffView::updateCaptions()
{
    if (!m_before || !m_after)
        return;
    const auto caption = [this](QLabel *label, const QString &side, const QString &title,
                                const explain::Plan &p) {
        QString text = QStringLiteral("<b>%1</b>").arg(side);
        if (p.executionTimeMs)
            text += QStringLiteral(" · %1").arg(difftext::duration(*p.executionTimeMs));
        const QString simple = title.simplified();
        const QString cut = simple.size() > kTitleChars ? simple.left(kTitleChars) + u'…' : simple;
        if (!cut.isEmpty())
            text += QStringLiteral(" <span style='color:%1'>· %2</span>")
                        .arg(dimColour(palette()), cut.toHtmlEscaped());
        label->setText(text);
        label->setToolTip(title.left(2000));
    };
    caption(m_beforeTitle, tr("Before"), m_beforeTitleText, m_before->plan);
    caption(m_afterTitle, tr("After"), m_afterTitleText, m_after->plan);
}

void PlanDiffView::selectChange(int changeIndex)
{
    if (changeIndex < 0 || changeIndex >= m_diff.changes().size())
        return;
    const NodeChange &c = m_diff.changes().at(changeIndex);
    m_selected = changeIndex;
    m_beforeGraph->selectNode(c.before);
    m_afterGraph->selectNode(c.after);
    {
        const QSignalBlocker block(m_list);
        // The change's own line, or the line of the run it belongs to (one of 12 partitions).
        const int line = m_lineOf.value(changeIndex, -1);
        QTreeWidgetItem *row = line >= 0 ? m_list->topLevelItem(line) : nullptr;
        if (row) {
            m_list->setCurrentItem(row);
            m_list->scrollToItem(row);
        } else {
            m_list->clearSelection();
            m_list->setCurrentItem(nullptr);
        }
    }
    m_details->setHtml(planDiffPairHtml(m_diff, changeIndex, m_before->plan, m_after->plan, palette()));
    emit changeSelected(changeIndex);
}

void PlanDiffView::selectGroup(int group, bool beforeSide)
{
    const PlanDocument &doc = beforeSide ? *m_before : *m_after;
    const int member = doc.folding.groups().at(group).members.first();
    const int change = beforeSide ? m_diff.changeOfBefore(member) : m_diff.changeOfAfter(member);
    if (change < 0)
        return;
    // A ranked run stands for the group better than its first member alone.
    const int line = m_lineOf.value(change, -1);
    const int shown = line >= 0 ? m_list->topLevelItem(line)->data(0, kChangeRole).toInt() : change;
    selectChange(shown);
}

void PlanDiffView::markGraphs()
{
    if (!m_before || !m_after)
        return;
    const QPalette &pal = palette();
    const bool times = explain::comparesTimes(m_before->plan, m_after->plan);
    QHash<int, NodeMark> before, after;
    for (const NodeChange &c : m_diff.changes()) {
        NodeMark mark;
        mark.tint = planDiffColor(c, pal);
        // A change of a fifth of the statement's time (or more) is coloured fully.
        mark.strength = std::min(1.0, c.nodeScore / 0.2);
        if (c.kind == NodeChange::Kind::Added) {
            mark.tag = tr("added");
        } else if (c.kind == NodeChange::Kind::Removed) {
            mark.tag = tr("removed");
            mark.dashed = true;
        } else if (mark.tint.isValid() || c.flags != 0) {
            mark.tag = times ? difftext::signedDuration(c.deltaExclusiveMs())
                             : tr("cost %1").arg(
                                   difftext::number(std::round(c.now.exclusiveCost - c.was.exclusiveCost)));
        }
        if (!mark.tag.isEmpty()) {
            // The whole story in the tool tip; a run's line when the node is one of many.
            const int line = m_lineOf.value(int(&c - m_diff.changes().data()), -1);
            const int shown = line >= 0 ? m_list->topLevelItem(line)->data(0, kChangeRole).toInt() : -1;
            mark.note = shown >= 0 ? m_diff.changes().at(shown).sentence
                                   : explain::describeChange(c, m_before->plan, m_after->plan);
        }
        if (c.before >= 0)
            before.insert(c.before, mark);
        if (c.after >= 0)
            after.insert(c.after, mark);
    }
    const QHash<int, NodeMark> beforeGroups = foldMarks(m_beforeGraph, *m_before, before, true);
    const QHash<int, NodeMark> afterGroups = foldMarks(m_afterGraph, *m_after, after, false);
    m_beforeGraph->planScene()->setNodeMarks(before, beforeGroups);
    m_afterGraph->planScene()->setNodeMarks(after, afterGroups);
    if (!m_restyling) {
        // Tagged cards are wider: fit again. Seeing both whole trees matters more here than in
        // the plan view, so a fit down to the zoom where cards still show text is kept.
        for (PlanGraphView *graph : {m_beforeGraph, m_afterGraph}) {
            graph->fitToView();
            if (graph->zoom() < kSmallestFit)
                graph->showStart();
        }
    }
}

QHash<int, NodeMark> PlanDiffView::foldMarks(PlanGraphView *graph, const PlanDocument &doc,
                                             const QHash<int, NodeMark> &marks, bool beforeSide) const
{
    // A folded run whose members changed differently (11 partitions pruned, one kept): a short
    // one opens, so each member shows its own change; a long one (400 partitions) stays one
    // card that says how many of its members went or came.
    QSet<int> open;
    QHash<int, NodeMark> groupMarks;
    const auto &groups = doc.folding.groups();
    for (int g = 0; g < groups.size(); ++g) {
        const QVector<int> &members = groups.at(g).members;
        const NodeMark first = marks.value(members.first());
        int removed = 0, added = 0;
        bool mixed = false;
        for (int member : members) {
            const NodeMark m = marks.value(member);
            mixed = mixed || m.tint != first.tint || m.dashed != first.dashed;
            removed += m.dashed ? 1 : 0;
            added += m.tag == tr("added") ? 1 : 0;
        }
        if (!mixed) {
            // Every member changed alike (an index on each partition): the group says by how
            // much together.
            if (first.tint.isValid() && removed == 0 && added == 0) {
                double dt = 0;
                for (int member : members) {
                    const int change =
                        beforeSide ? m_diff.changeOfBefore(member) : m_diff.changeOfAfter(member);
                    dt += change >= 0 ? m_diff.changes().at(change).deltaExclusiveMs() : 0;
                }
                NodeMark mark = first;
                mark.tag = difftext::signedDuration(dt);
                groupMarks.insert(g, mark);
            }
            continue;
        }
        if (members.size() <= kOpenMixedRuns) {
            open << g;
            continue;
        }
        NodeMark mark;
        const int total = int(members.size());
        if (removed > 0) {
            mark.tag = tr("%1 of %2 removed").arg(plantext::whole(removed), plantext::whole(total));
            mark.dashed = removed * 2 > total;
        } else if (added > 0) {
            mark.tag = tr("%1 of %2 added").arg(plantext::whole(added), plantext::whole(total));
        } else {
            mark.tag = tr("changed");
        }
        groupMarks.insert(g, mark);
    }
    graph->planScene()->setUnfoldedGroups(open);
    return groupMarks;
}

void PlanDiffView::fillList()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    m_lineOf.clear();
    const QPalette &pal = palette();
    const bool times = m_before && (explain::comparesTimes(m_before->plan, m_after->plan));
    QList<QTreeWidgetItem *> items;
    for (int index : m_diff.ranked()) {
        const NodeChange &c = m_diff.changes().at(index);
        auto *item = new QTreeWidgetItem;
        // A run (pruned partitions) shows what all of its nodes together gained or cost.
        const NodeChange all = m_diff.combined(index);
        const double dt = times ? all.deltaExclusiveMs() : all.now.exclusiveCost - all.was.exclusiveCost;
        const double db = all.deltaBlocks();
        item->setText(DeltaTime,
                      times ? difftext::signedDuration(dt)
                            : (dt > 0 ? QStringLiteral("+") : QString()) + difftext::number(std::round(dt)));
        item->setText(DeltaBlocks, db == 0 ? QString()
                                           : (db > 0 ? QStringLiteral("+") : QStringLiteral("−")) +
                                                 difftext::number(std::abs(db)));
        item->setText(Sentence, c.sentence);
        item->setToolTip(Sentence, c.sentence);
        item->setTextAlignment(DeltaTime, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(DeltaBlocks, Qt::AlignRight | Qt::AlignVCenter);
        if (dt != 0)
            item->setForeground(DeltaTime, dt < 0 ? plancolors::faster(pal) : plancolors::slower(pal));
        if (db != 0)
            item->setForeground(DeltaBlocks, db < 0 ? plancolors::faster(pal) : plancolors::slower(pal));
        item->setData(0, kChangeRole, index);
        m_lineOf.insert(index, int(items.size()));
        for (int member : c.run)
            m_lineOf.insert(member, int(items.size()));
        items << item;
    }
    m_list->addTopLevelItems(items);
}

void PlanDiffView::updateHeader()
{
    if (!m_before) {
        m_header->clear();
        return;
    }
    const QPalette &pal = palette();
    const explain::StatementDelta &s = m_diff.statement();
    QStringList parts = m_diff.statementSummary();
    for (QString &p : parts)
        p = p.toHtmlEscaped();
    // The statement's time first and coloured: it is the answer to "did it help?".
    const double was = s.totalMs[0], now = s.totalMs[1];
    if (!parts.isEmpty() && s.executionMs[0] && s.executionMs[1] && was != now) {
        const QColor colour = now < was ? plancolors::faster(pal) : plancolors::slower(pal);
        parts.first() = QStringLiteral("<b style='color:%1'>%2</b>").arg(colour.name(), parts.first());
    }
    m_header->setText(parts.join(QStringLiteral(" <span style='color:%1'>·</span> ").arg(dimColour(pal))));
}

void PlanDiffView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_restyling)
        restyle();
}

void PlanDiffView::restyle()
{
    // Everything coloured by hand (tints, list colours, HTML) follows the new palette.
    m_restyling = true;
    const int selected = m_selected;
    fillList(); // before the marks: their tool tips name the list's lines
    markGraphs();
    updateHeader();
    updateCaptions();
    if (selected >= 0)
        selectChange(selected);
    m_restyling = false;
}

} // namespace tusk::widgets
