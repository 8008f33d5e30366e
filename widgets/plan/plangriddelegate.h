#pragma once

#include <QStyledItemDelegate>

namespace tusk::widgets {

/// Paints the plan grid's colours from the palette: heat behind the exclusive time, a share
/// bar behind the share, and misestimates and warnings in their severity colour.
class PlanGridDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace tusk::widgets
