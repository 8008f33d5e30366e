#pragma once

#include <QStyledItemDelegate>

namespace tusk::widgets {

/// Paints ResultModel cells, telling NULL apart from text: a NULL cell shows "NULL" in italics in
/// the palette's placeholder colour (dimmer than any value), so a real 'NULL' string or an empty
/// string never look like it. Colours come from the palette, so light and dark themes both work.
class NullAwareDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace tusk::widgets
