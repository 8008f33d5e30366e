#include "browser/objectitemdelegate.h"

#include "browser/objecticons.h"
#include "catalog/objecttreemodel.h"

#include <QColor>
#include <QPalette>

namespace tusk::widgets {

namespace {

using Model = catalog::ObjectTreeModel;

/// text blended towards the background: quieter, still well above WCAG's 4.5:1 on both palettes.
QColor secondary(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const double keep = 0.72;
    return QColor::fromRgbF(text.redF() * keep + base.redF() * (1 - keep),
                            text.greenF() * keep + base.greenF() * (1 - keep),
                            text.blueF() * keep + base.blueF() * (1 - keep));
}

QColor errorColour(const QPalette &palette)
{
    // A darker red on light bases, a lighter one on dark bases: both stay readable.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

} // namespace

void ObjectItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto rowType = index.data(Model::RowKind).value<Model::RowType>();
    if (index.column() != Model::NameColumn) {
        option->palette.setColor(QPalette::Text, secondary(option->palette));
        return;
    }
    switch (rowType) {
    case Model::RowType::Loading:
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        break;
    case Model::RowType::Error:
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = ObjectIcons::error();
        option->palette.setColor(QPalette::Text, errorColour(option->palette));
        break;
    case Model::RowType::Object: {
        const auto object = index.data(Model::Object).value<catalog::CatalogObject>();
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = ObjectIcons::icon(object.kind);
        if (object.kind == catalog::ObjectKind::Database && object.isCurrent)
            option->font.setBold(true); // the session's own database; others open their own connection
        break;
    }
    }
}

} // namespace tusk::widgets
