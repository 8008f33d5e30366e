#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

class QAction;
class QLineEdit;
class QListWidget;

namespace tusk::widgets {

/// Ctrl+Shift+P: every action of the window in one filterable list (name, menu path and
/// shortcut); Enter runs the chosen one. Words of the filter may match in any order.
class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    explicit CommandPalette(QWidget *parent = nullptr);

    /// Item data role holding an entry's shortcut text (drawn right-aligned).
    static constexpr int ShortcutRole = Qt::UserRole + 1;

    /// Actions to offer, with the menu path shown next to them ("File › Open SQL file…").
    void setActions(const QList<QPair<QString, QAction *>> &actions);
    /// Every enabled action reachable from the widget's menus and toolbars, with menu paths.
    static QList<QPair<QString, QAction *>> collectActions(QWidget *root);

    QLineEdit *filter() const { return m_filter; }
    QListWidget *list() const { return m_list; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refilter();
    void runCurrent();

    QLineEdit *m_filter;
    QListWidget *m_list;
    QList<QPair<QString, QPointer<QAction>>> m_actions;
};

} // namespace tusk::widgets
