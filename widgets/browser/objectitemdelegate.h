#pragma once

#include <QStyledItemDelegate>

namespace tusk::widgets {

/// Paints ObjectTreeModel rows: an icon per object kind, the "Loading…" row in italic
/// placeholder colour, error rows with a warning icon and a red that suits the palette, databases
/// that cannot be browsed dimmed, and the Size/Rows numbers in a secondary colour.
class ObjectItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace tusk::widgets
