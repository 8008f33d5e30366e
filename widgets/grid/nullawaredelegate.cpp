#include "grid/nullawaredelegate.h"

#include "grid/resultmodel.h"

#include <QColor>
#include <QPalette>

namespace tusk::widgets {

void NullAwareDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(ResultModel::IsNull).toBool())
        return;
    option->font.setItalic(true);
    QPalette &palette = option->palette;
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        palette.setColor(group, QPalette::Text, palette.color(group, QPalette::PlaceholderText));
        // On the selection colour the placeholder grey would vanish: dim the selected text instead.
        QColor selected = palette.color(group, QPalette::HighlightedText);
        selected.setAlphaF(0.7f);
        palette.setColor(group, QPalette::HighlightedText, selected);
    }
}

} // namespace tusk::widgets
