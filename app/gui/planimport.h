#pragma once

#include "explain/plan.h"

#include <QString>

class QWidget;
class QueryWorkspace;

/// Plans that come from outside a query tab's session: a file (any format PostgreSQL prints,
/// as psql, pgAdmin or a log gave it) or the clipboard. They open in the tab's Plan pane;
/// what cannot be read is said in a message box with the line and column.
namespace planimport {

/// Asks for a file and shows its plan in `workspace`. False when cancelled or unreadable.
bool openFromFile(QWidget *parent, QueryWorkspace *workspace);
/// Shows the clipboard's plan in `workspace`. False when it holds no readable plan.
bool pasteFromClipboard(QWidget *parent, QueryWorkspace *workspace);
/// Reads `bytes` as a plan and shows it in `workspace` titled `title`; the error otherwise.
bool show(QueryWorkspace *workspace, const QByteArray &bytes, const QString &title, QString *error);

/// A plan read from outside, not shown anywhere yet (the plan diff compares with it).
struct Imported
{
    tusk::explain::Plan plan;
    QString text;
    QString title; ///< The file name, or "Pasted plan".
};
/// Asks for a file and reads its plan; says what went wrong in a message box. False when
/// cancelled or unreadable.
bool readFile(QWidget *parent, Imported *out);
/// Reads the clipboard's plan; says what went wrong in a message box.
bool readClipboard(QWidget *parent, Imported *out);

} // namespace planimport
