#pragma once

#include "catalog/catalogobject.h"
#include "pg/error.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTimer;
class QTreeView;

namespace tusk::pg {
class Session;
}
namespace tusk::catalog {
class CatalogLoader;
class DatabaseRunners;
class ObjectTreeModel;
class ScriptGenerator;
} // namespace tusk::catalog

namespace tusk::widgets {

/// The query tool's object browser: a filter line over a lazily loaded tree of the server's
/// databases, schemas and objects (with sizes and row estimates), and a context menu with
/// Refresh, Script as CREATE, Script as SELECT and Copy name.
///
/// The SQL comes from catalog::ScriptGenerator; this widget only asks for it and hands it on
/// through scriptReady(). The filter matches names of the nodes loaded so far and keeps the
/// parents of matches.
/// @code
/// auto *browser = new ObjectBrowser(this);
/// browser->setSession(catalogSession); // reloads whenever the session (re)connects
/// connect(browser, &ObjectBrowser::scriptReady, editor, &SqlEditor::insertText);
/// @endcode
class ObjectBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectBrowser(QWidget *parent = nullptr);
    ~ObjectBrowser() override;

    /// Browses session's server (not owned). Best a session of its own: a user's open
    /// transaction on a shared one holds the tree's queries up.
    void setSession(pg::Session *session);
    /// Connections to the server's other databases, opened when the tree expands one of them.
    catalog::DatabaseRunners *databaseRunners() const { return m_runners; }
    pg::Session *session() const;
    /// Also show pg_catalog, information_schema, pg_toast*, template databases and pg_* roles.
    void setShowSystemObjects(bool show);

    catalog::ObjectTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    /// The object at the view's current index; a default (Server) object when there is none.
    catalog::CatalogObject currentObject() const;

    /// Reloads the current node's children (the whole tree when nothing is current).
    void refreshCurrent();
    void scriptCreateForCurrent();
    void scriptSelectForCurrent();
    /// Puts the current object's name, quoted as SQL needs it, on the clipboard.
    void copyCurrentName();

signals:
    /// The SQL of a Script as CREATE / SELECT asked for through this browser.
    void scriptReady(const QString &sql);
    void scriptFailed(const tusk::pg::Error &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void updateColumnWidths();
    void reload();
    void applyFilter();
    /// Expands every loaded node that has rows left after filtering, so matches are visible.
    void expandMatches(const QModelIndex &parent);
    void updateActions();
    void showContextMenu(const QPoint &pos);

    QPointer<pg::Session> m_session;
    catalog::DatabaseRunners *m_runners = nullptr;
    catalog::CatalogLoader *m_loader = nullptr;
    catalog::ObjectTreeModel *m_model = nullptr;
    catalog::ScriptGenerator *m_generator = nullptr;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_view;
    QTimer *m_filterTimer;
    QAction *m_refreshAction = nullptr;
    QAction *m_scriptCreateAction = nullptr;
    QAction *m_scriptSelectAction = nullptr;
    QAction *m_copyNameAction = nullptr;
    QSet<quint64> m_pendingScripts;
    bool m_showSystemObjects = false;
};

} // namespace tusk::widgets
