#include "plan/plantreemodel.h"

#include "plan/plantext.h"

#include <QStringList>

#include <algorithm>

namespace tusk::widgets {

using explain::PlanNode;

PlanTreeModel::PlanTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void PlanTreeModel::setDocument(PlanDocumentPtr doc)
{
    beginResetModel();
    m_doc = std::move(doc);
    m_row.clear();
    m_maxExclusive = 0;
    m_matches.clear();
    if (m_doc) {
        m_row.resize(m_doc->plan.nodes.size());
        for (const PlanNode &n : m_doc->plan.nodes) {
            for (int i = 0; i < n.children.size(); ++i)
                m_row[n.children.at(i)] = i;
            m_maxExclusive = std::max(m_maxExclusive, m_doc->analysis.timing(n.id).exclusiveMs);
        }
    }
    endResetModel();
}

void PlanTreeModel::setMatches(const QVector<int> &nodeIds)
{
    QSet<int> changed = m_matches;
    m_matches = QSet<int>(nodeIds.cbegin(), nodeIds.cend());
    changed.unite(m_matches);
    for (int id : changed)
        emit dataChanged(indexOfNode(id, Node), indexOfNode(id, Node), {MatchRole});
}

QModelIndex PlanTreeModel::indexOfNode(int nodeId, int column) const
{
    if (!m_doc || nodeId < 0 || nodeId >= m_row.size())
        return {};
    return createIndex(m_row.at(nodeId), column, quintptr(nodeId));
}

int PlanTreeModel::nodeOf(const QModelIndex &index)
{
    return index.isValid() ? int(index.internalId()) : -1;
}

QModelIndex PlanTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_doc || m_doc->plan.isEmpty() || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr(0)) : QModelIndex();
    const auto &kids = m_doc->plan.nodes.at(nodeOf(parent)).children;
    return row < kids.size() ? createIndex(row, column, quintptr(kids.at(row))) : QModelIndex();
}

QModelIndex PlanTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_doc->plan.nodes.at(nodeOf(child)).parentId;
    return p >= 0 ? indexOfNode(p) : QModelIndex();
}

int PlanTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_doc || m_doc->plan.isEmpty())
        return 0;
    if (!parent.isValid())
        return 1;
    if (parent.column() != 0)
        return 0;
    return int(m_doc->plan.nodes.at(nodeOf(parent)).children.size());
}

int PlanTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PlanTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    static const char *const titles[] = {
        QT_TR_NOOP("Node"),  QT_TR_NOOP("Exclusive"), QT_TR_NOOP("Inclusive"),
        QT_TR_NOOP("Share"), QT_TR_NOOP("Rows"),      QT_TR_NOOP("Misestimate"),
        QT_TR_NOOP("Loops"), QT_TR_NOOP("Buffers"),   QT_TR_NOOP("Warnings")};
    static const char *const tips[] = {
        QT_TR_NOOP("Plan node and what it works on"),
        QT_TR_NOOP("Time spent in this node itself (all loops, wall clock)"),
        QT_TR_NOOP("Time in this node and everything below it"),
        QT_TR_NOOP("Exclusive time as a share of the statement's time"),
        QT_TR_NOOP("Actual rows per loop of planned rows"),
        QT_TR_NOOP("How far the row estimate was off (↑ more rows than planned, ↓ fewer)"),
        QT_TR_NOOP("How often the node ran"),
        QT_TR_NOOP("Shared buffers hit in cache / read, including the children's (8 kB blocks)"),
        QT_TR_NOOP("What the analysis found")};
    if (role == Qt::DisplayRole)
        return tr(titles[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    if (role == Qt::TextAlignmentRole && section != Node && section != Warnings)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PlanTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_doc)
        return {};
    const int id = nodeOf(index);
    const PlanNode &n = m_doc->plan.nodes.at(id);
    const explain::NodeTiming &t = m_doc->analysis.timing(id);
    switch (role) {
    case Qt::DisplayRole:
        return display(n, index.column());
    case Qt::ToolTipRole:
        return toolTip(n, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() != Node && index.column() != Warnings)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case NodeIdRole:
        return id;
    case MatchRole:
        return m_matches.contains(id);
    case HeatRole:
        return m_maxExclusive > 0 ? t.exclusiveMs / m_maxExclusive : 0.0;
    case ShareRole:
        return t.share;
    case SeverityRole:
        if (index.column() == Warnings)
            return m_doc->worstSeverity.at(id);
        if (index.column() == Misestimate) {
            const double off = std::max(t.misestimate, 1 / t.misestimate);
            return off >= 1000 ? 2 : off >= 100 ? 1 : off >= 10 ? 0 : -1;
        }
        return -1;
    case SortRole:
        switch (index.column()) {
        case Exclusive:
            return t.exclusiveMs;
        case Inclusive:
            return t.inclusiveMs;
        case Share:
            return t.share;
        default:
            return display(n, index.column());
        }
    default:
        return {};
    }
}

QVariant PlanTreeModel::display(const PlanNode &n, int column) const
{
    const explain::NodeTiming &t = m_doc->analysis.timing(n.id);
    const bool ran = n.hasActuals && !n.neverExecuted;
    switch (column) {
    case Node: {
        // depesz-style: "→ Hash Join", "→ Seq Scan on orders o", "→ Index Scan using i on t".
        QString text = n.parentId >= 0 ? QStringLiteral("→ ") + plantext::title(n) : plantext::title(n);
        const QString subject = plantext::subject(n);
        if (subject.isEmpty())
            return text;
        if (subject == n.subplanName)
            return text + QStringLiteral(" · ") + subject;
        return text +
               (subject.startsWith(QLatin1String("using ")) ? QStringLiteral(" ") : QStringLiteral(" on ")) +
               subject;
    }
    case Exclusive:
        return ran ? plantext::duration(t.exclusiveMs) : QString();
    case Inclusive:
        return ran ? plantext::duration(t.inclusiveMs) : QString();
    case Share:
        return ran ? plantext::percent(t.share) : QString();
    case Rows:
        if (n.neverExecuted)
            return tr("never executed");
        return n.hasActuals
                   ? QStringLiteral("%1 / %2").arg(plantext::count(n.actualRows), plantext::count(n.planRows))
                   : plantext::count(n.planRows);
    case Misestimate:
        return ran ? plantext::misestimate(t.misestimate) : QString();
    case Loops:
        return n.hasActuals ? plantext::count(n.actualLoops) : QString();
    case Buffers:
        if (n.buffers.sharedHit == 0 && n.buffers.sharedRead == 0)
            return QString();
        return QStringLiteral("%1 / %2").arg(plantext::count(double(n.buffers.sharedHit)),
                                             plantext::count(double(n.buffers.sharedRead)));
    case Warnings: {
        QStringList kinds;
        for (const explain::PlanWarning &w : m_doc->analysis.warningsFor(n.id))
            kinds << plantext::warningTitle(w.kind);
        return kinds.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant PlanTreeModel::toolTip(const PlanNode &n, int column) const
{
    if (column == Warnings) {
        QStringList lines;
        for (const explain::PlanWarning &w : m_doc->analysis.warningsFor(n.id))
            lines << w.message + QStringLiteral("\n→ ") + w.suggestion;
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QStringLiteral("\n\n")));
    }
    if (column == Buffers)
        return tr("shared hit %1, read %2, dirtied %3, written %4; temp read %5, written %6")
            .arg(n.buffers.sharedHit)
            .arg(n.buffers.sharedRead)
            .arg(n.buffers.sharedDirtied)
            .arg(n.buffers.sharedWritten)
            .arg(n.buffers.tempRead)
            .arg(n.buffers.tempWritten);
    return {};
}

} // namespace tusk::widgets
