#include "common/commandpalette.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPixmap>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace tusk::widgets {

namespace {
// Shortcuts stand right-aligned and dimmed, as in a menu, so the names line up on the left.
class ShortcutDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QString shortcut = index.data(CommandPalette::ShortcutRole).toString();
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const int margin = opt.fontMetrics.horizontalAdvance(u' ') * 2;
        const int shortcutWidth =
            shortcut.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(shortcut) + margin;
        // The name is elided before it can run into the shortcut.
        opt.rect.setRight(opt.rect.right() - shortcutWidth);
        QStyledItemDelegate::paint(painter, opt, index);
        if (shortcut.isEmpty())
            return;
        const bool selected = option.state & QStyle::State_Selected;
        QColor colour =
            option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        painter->save();
        if (selected) // the full-width highlight behind the shortcut too
            painter->fillRect(
                QRect(opt.rect.right() + 1, option.rect.top(), shortcutWidth, option.rect.height()),
                option.palette.highlight());
        painter->setPen(colour);
        painter->setFont(option.font);
        painter->drawText(option.rect.adjusted(0, 0, -margin / 2, 0), Qt::AlignRight | Qt::AlignVCenter,
                          shortcut);
        painter->restore();
    }
};

/// A menu may show a shortcut it does not own after a tab ("Run\tCtrl+Return").
QString displayedShortcut(const QAction *a)
{
    const QString own = a->shortcut().toString(QKeySequence::NativeText);
    if (!own.isEmpty())
        return own;
    const qsizetype tab = a->text().indexOf(u'\t');
    return tab < 0 ? QString() : a->text().mid(tab + 1);
}

void collectFromMenu(QMenu *menu, const QString &path, QList<QPair<QString, QAction *>> &out)
{
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        const QString text = a->text().section(u'\t', 0, 0).remove(u'&');
        if (a->menu())
            collectFromMenu(a->menu(), path + text + QStringLiteral(" › "), out);
        else
            out.append({path + text, a});
    }
}
} // namespace

CommandPalette::CommandPalette(QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    m_filter->setPlaceholderText(tr("Type a command…"));
    m_filter->installEventFilter(this);
    m_list->setUniformItemSizes(true);
    m_list->setItemDelegate(new ShortcutDelegate(m_list));
    m_list->setIconSize(QSize(16, 16));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::refilter);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
    resize(520, 360);
}

QList<QPair<QString, QAction *>> CommandPalette::collectActions(QWidget *root)
{
    QList<QPair<QString, QAction *>> out;
    for (QMenuBar *bar : root->findChildren<QMenuBar *>()) {
        for (QAction *top : bar->actions()) {
            if (top->menu())
                collectFromMenu(top->menu(), top->text().remove(u'&') + QStringLiteral(" › "), out);
        }
    }
    return out;
}

void CommandPalette::setActions(const QList<QPair<QString, QAction *>> &actions)
{
    m_actions.clear();
    for (const auto &[path, action] : actions)
        m_actions.append({path, action});
    refilter();
}

void CommandPalette::refilter()
{
    const QStringList words = m_filter->text().split(u' ', Qt::SkipEmptyParts);
    m_list->clear();
    for (int i = 0; i < m_actions.size(); ++i) {
        QAction *a = m_actions[i].second;
        if (!a || !a->isEnabled())
            continue;
        const QString &path = m_actions[i].first;
        const bool match = std::all_of(words.begin(), words.end(), [&](const QString &w) {
            return path.contains(w, Qt::CaseInsensitive);
        });
        if (!match)
            continue;
        // Entries without an icon keep an empty one so every name starts in the same column.
        static const QIcon blank = [] {
            QPixmap p(16, 16);
            p.fill(Qt::transparent);
            return QIcon(p);
        }();
        auto *item = new QListWidgetItem(a->icon().isNull() ? blank : a->icon(), path, m_list);
        item->setData(Qt::UserRole, i);
        item->setData(ShortcutRole, displayedShortcut(a));
        item->setToolTip(a->toolTip());
    }
    m_list->setCurrentRow(0);
}

void CommandPalette::runCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    QPointer<QAction> a = m_actions.value(item->data(Qt::UserRole).toInt()).second;
    accept();
    if (a)
        a->trigger();
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    // Up/Down/Enter work while typing in the filter.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Down:
            m_list->setCurrentRow(qMin(m_list->currentRow() + 1, m_list->count() - 1));
            return true;
        case Qt::Key_Up:
            m_list->setCurrentRow(qMax(m_list->currentRow() - 1, 0));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace tusk::widgets
