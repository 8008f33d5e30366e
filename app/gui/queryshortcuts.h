#pragma once

#include <QKeySequence>
#include <QList>

// The query tab's keys, in one place: each tab's actions own them (so a tab works on its own,
// as in the tests) and the main window's Query menu shows them next to its entries.
namespace tusk::keys {

inline QList<QKeySequence> runStatement()
{
    return {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)};
}
inline QList<QKeySequence> runScript()
{
    return {QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return)};
}
inline QKeySequence cancel()
{
    return QKeySequence(Qt::CTRL | Qt::Key_Period);
}
inline QKeySequence explain()
{
    return QKeySequence(Qt::Key_F7);
}
inline QKeySequence explainAnalyze()
{
    return QKeySequence(Qt::SHIFT | Qt::Key_F7);
}
inline QKeySequence toggleComment()
{
    return QKeySequence(Qt::CTRL | Qt::Key_Slash);
}

/// "Run\tCtrl+Return": a menu shows the part after the tab as the entry's shortcut without
/// owning it, so there is no ambiguity with the tab's own action.
inline QString menuLabel(const QString &label, const QKeySequence &key)
{
    return label + u'\t' + key.toString(QKeySequence::NativeText);
}

} // namespace tusk::keys
