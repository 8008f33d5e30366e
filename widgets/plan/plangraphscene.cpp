#include "plan/plangraphscene.h"

#include "plan/plancarditem.h"

#include <QFontMetricsF>

#include <cmath>

namespace tusk::widgets {

namespace {
// Breathing room around the tree, in scene units.
constexpr double kMargin = 24;

explain::LayoutOptions layoutOptions()
{
    explain::LayoutOptions o;
    o.siblingGap = 18;
    o.subtreeGap = 34;
    o.levelGap = 44;
    return o;
}
} // namespace

PlanGraphScene::PlanGraphScene(QObject *parent)
    : QGraphicsScene(parent)
{
    // Items never move after a rebuild: the BSP index answers "what is under the cursor" and
    // "what is exposed" in O(log n). Depth is set for ~10k items.
    setItemIndexMethod(BspTreeIndex);
    setBspTreeDepth(12);
}

void PlanGraphScene::setDocument(PlanDocumentPtr doc, const QFont &font)
{
    m_doc = std::move(doc);
    m_metrics = CardMetrics(font);
    m_unfolded.clear();
    m_matchedNodes.clear();
    m_marks.clear();
    m_groupMarks.clear();
    m_marksActive = false;
    m_texts = m_doc ? CardTexts(m_doc.get(), m_metrics) : CardTexts();
    rebuild();
}

void PlanGraphScene::setMetric(explain::HeatMetric metric)
{
    if (metric == m_metric)
        return;
    m_metric = metric;
    applyHeat();
    update();
    emit restyled();
}

void PlanGraphScene::setUnfoldedGroups(const QSet<int> &groups)
{
    if (groups == m_unfolded)
        return;
    const int selectedNode = m_selected >= 0 ? m_cards.at(m_selected).nodeId : -1;
    m_unfolded = groups;
    rebuild();
    if (selectedNode >= 0)
        m_selected = cardOfNode(selectedNode);
}

void PlanGraphScene::rebuild()
{
    // Items go first: they read m_cards while being removed.
    m_edges = nullptr;
    m_items.clear();
    clear();
    m_cards.clear();
    m_selected = -1;
    m_layout = explain::PlanLayout();
    if (!m_doc || m_doc->plan.isEmpty()) {
        setSceneRect(QRectF());
        emit rebuilt();
        return;
    }
    m_layout = explain::PlanLayout(
        m_doc->plan, [this](int nodeId, int groupId) { return cardSize(nodeId, groupId); }, &m_doc->folding,
        m_unfolded, layoutOptions());
    const auto &plan = m_doc->plan;
    m_cards.reserve(m_layout.cards().size());
    for (const explain::LayoutCard &lc : m_layout.cards()) {
        PlanCard c;
        c.nodeId = lc.nodeId;
        c.groupId = lc.groupId;
        c.parent = lc.parent;
        c.rect = lc.rect;
        if (lc.nodeId >= 0) {
            c.text = &m_texts.node(lc.nodeId);
            c.rowsOut = explain::rowsOut(plan.nodes.at(lc.nodeId));
            c.share = m_doc->analysis.timing(lc.nodeId).share;
            c.severity = m_doc->worstSeverity.at(lc.nodeId);
        } else {
            const explain::FoldGroup &g = m_doc->folding.groups().at(lc.groupId);
            c.text = &m_texts.group(lc.groupId);
            for (int member : g.members) {
                c.rowsOut += explain::rowsOut(plan.nodes.at(member));
                c.share += m_doc->analysis.timing(member).share;
            }
            // Worst warning anywhere inside; members need not be adjacent, each subtree is a
            // range of ids of its own.
            for (int member : g.members) {
                for (int id = member; id < m_doc->subtreeEnd.at(member); ++id)
                    c.severity = std::max(c.severity, m_doc->worstSeverity.at(id));
            }
        }
        m_cards << c;
    }
    applyHeat();
    m_edges = new PlanEdgesItem(this);
    addItem(m_edges);
    m_edges->rebuild();
    m_items.reserve(m_cards.size());
    for (int i = 0; i < m_cards.size(); ++i) {
        auto *item = new PlanCardItem(this, i);
        item->setZValue(m_cards.at(i).heat);
        addItem(item);
        m_items << item;
    }
    setSceneRect(QRectF(QPointF(0, 0), m_layout.size()).adjusted(-kMargin, -kMargin, kMargin, kMargin));
    emit rebuilt();
}

QSizeF PlanGraphScene::cardSize(int nodeId, int groupId) const
{
    const CardText &text = nodeId >= 0 ? m_texts.node(nodeId) : m_texts.group(groupId);
    QSizeF size = text.size;
    if (!m_marksActive)
        return size;
    const NodeMark mark = nodeId >= 0 ? m_marks.value(nodeId) : m_groupMarks.value(groupId);
    if (mark.tag.isEmpty())
        return size;
    // Title, tag and (when there may be a warning) the badge on one line.
    const bool badge = nodeId < 0 || m_doc->worstSeverity.at(nodeId) >= 0;
    const double need = m_metrics.stripe + 2 * m_metrics.padding +
                        QFontMetricsF(m_metrics.bold).horizontalAdvance(text.title) +
                        PlanCardItem::tagWidth(m_metrics, mark.tag) + (badge ? m_metrics.badge + 4 : 0);
    size.setWidth(std::max(size.width(), std::ceil(need)));
    return size;
}

void PlanGraphScene::applyHeat()
{
    if (!m_doc || m_doc->plan.isEmpty())
        return;
    const explain::HeatScale scale(m_doc->plan, m_doc->analysis, m_metric);
    for (PlanCard &c : m_cards) {
        c.matched = false;
        if (c.nodeId >= 0) {
            c.heat = scale.heat(c.nodeId);
            c.matched = m_matchedNodes.contains(c.nodeId);
            continue;
        }
        // A group is as hot as the sum of its members' values would be as one node.
        double sum = 0;
        for (int member : m_doc->folding.groups().at(c.groupId).members)
            sum += scale.value(member);
        c.heat = scale.maximum() > 0 ? std::min(1.0, sum / scale.maximum()) : 0;
    }
    for (int node : m_matchedNodes) {
        const int card = cardOfNode(node);
        if (card >= 0)
            m_cards[card].matched = true;
    }
    applyMarks();
    // Cards never overlap, except as blocks far out: then the hot ones are drawn on top.
    if (m_items.size() == m_cards.size()) {
        for (int i = 0; i < m_items.size(); ++i)
            m_items.at(i)->setZValue(m_cards.at(i).heat);
    }
}

void PlanGraphScene::setNodeMarks(const QHash<int, NodeMark> &marks, const QHash<int, NodeMark> &groupMarks,
                                  bool active)
{
    m_marks = marks;
    m_groupMarks = groupMarks;
    m_marksActive = active;
    // Cards with a tag are wider: lay out again, keeping the selection.
    const int selectedNode = m_selected >= 0 ? m_cards.at(m_selected).nodeId : -1;
    rebuild();
    if (selectedNode >= 0)
        m_selected = cardOfNode(selectedNode);
}

void PlanGraphScene::applyMarks()
{
    for (PlanCard &c : m_cards) {
        c.tint = QColor();
        c.tag.clear();
        c.dashed = false;
        c.note.clear();
        if (!m_marksActive)
            continue;
        c.heat = 0;
        if (c.nodeId >= 0) {
            const auto it = m_marks.constFind(c.nodeId);
            if (it != m_marks.cend()) {
                c.tint = it->tint;
                c.tintStrength = it->strength;
                c.tag = it->tag;
                c.dashed = it->dashed;
                c.note = it->note;
            }
            continue;
        }
        const auto own = m_groupMarks.constFind(c.groupId);
        if (own != m_groupMarks.cend()) {
            c.tint = own->tint;
            c.tintStrength = own->strength;
            c.tag = own->tag;
            c.dashed = own->dashed;
            c.note = own->note;
            continue;
        }
        // A folded group: its members' tint and outline when they agree, else neutral.
        const QVector<int> &members = m_doc->folding.groups().at(c.groupId).members;
        const NodeMark first = m_marks.value(members.first());
        bool same = true;
        for (int member : members) {
            const NodeMark m = m_marks.value(member);
            same = same && m.tint == first.tint && m.dashed == first.dashed;
        }
        if (same) {
            c.tint = first.tint;
            c.dashed = first.dashed;
        }
    }
}

void PlanGraphScene::setSelectedCard(int index)
{
    if (index == m_selected)
        return;
    const int old = m_selected;
    m_selected = index;
    if (old >= 0 && old < m_items.size())
        m_items.at(old)->update();
    if (index >= 0 && index < m_items.size())
        m_items.at(index)->update();
}

void PlanGraphScene::setMatches(const QVector<int> &nodeIds)
{
    m_matchedNodes = QSet<int>(nodeIds.cbegin(), nodeIds.cend());
    applyHeat();
    update();
    emit restyled();
}

void PlanGraphScene::setViewPalette(const QPalette &palette)
{
    m_palette = palette;
    setBackgroundBrush(palette.color(QPalette::Window));
    update();
    emit restyled();
}

} // namespace tusk::widgets
