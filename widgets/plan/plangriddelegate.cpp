#include "plan/plangriddelegate.h"

#include "plan/plancolors.h"
#include "plan/plantreemodel.h"

#include <QPainter>

namespace tusk::widgets {

void PlanGridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QPalette &pal = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const int column = index.column();
    if (!selected && column == PlanTreeModel::Exclusive) {
        const double heat = index.data(PlanTreeModel::HeatRole).toDouble();
        if (heat > 0.02)
            painter->fillRect(opt.rect, plancolors::heatFill(pal, heat));
    }
    if (column == PlanTreeModel::Share && !opt.text.isEmpty()) {
        // A bar under the number, as long as the share, in the heat colour of that share.
        const double share = std::clamp(index.data(PlanTreeModel::ShareRole).toDouble(), 0.0, 1.0);
        if (selected)
            painter->fillRect(opt.rect, pal.color(QPalette::Highlight));
        // The bar keeps left of the number (room for "100%"), so the text stays on the base colour.
        const int text = opt.fontMetrics.horizontalAdvance(QStringLiteral("100%")) + 10;
        const QRect bar = opt.rect.adjusted(4, 4, -text, -4);
        painter->fillRect(
            QRect(bar.topLeft(), QSize(int(bar.width() * share), bar.height())),
            plancolors::mix(pal.color(QPalette::Base), plancolors::heatAccent(pal, share), 0.7));
        opt.backgroundBrush = Qt::NoBrush;
        opt.state &= ~QStyle::State_Selected;
        if (selected)
            opt.palette.setColor(QPalette::Text, pal.color(QPalette::HighlightedText));
    }
    if (column == PlanTreeModel::Node && index.data(PlanTreeModel::MatchRole).toBool()) {
        // Search matches: a marker in the search colour and bold text, as in the graph.
        painter->fillRect(QRect(opt.rect.left(), opt.rect.top() + 2, 3, opt.rect.height() - 4),
                          plancolors::searchMatch(pal));
        opt.font.setBold(true);
    }
    const int severity = index.data(PlanTreeModel::SeverityRole).toInt();
    if (severity >= 0 && !selected)
        opt.palette.setColor(QPalette::Text, plancolors::severity(pal, explain::Severity(severity)));
    QStyledItemDelegate::paint(painter, opt, index);
}

} // namespace tusk::widgets
