#pragma once

#include "pg/connectionparams.h"
#include "pg/connectionregistry.h"
#include "workspace.h"

#include <QMainWindow>
#include <QMap>

class QLabel;
class QTabWidget;
class ConnectionPanel;
class ConnectionsPanel;
class HistoryPanel;
class QMenu;
class QueryWorkspace;

namespace tusk::pg {
class Session;
}
namespace tusk::widgets {
class ObjectBrowser;
}
namespace tusk::state {
class EditorTabStore;
class QueryHistoryStore;
class ProfileStore;
class SecretStore;
class StateDatabase;
struct ConnectionProfile;
struct EditorTab;
} // namespace tusk::state

/// Tusk's main window: wiring of menus, docks, the status bar and the tabs. The work happens in
/// the workspaces (the Workspace interface; QueryWorkspace today) and the docks; the sessions
/// belong to the window's ConnectionRegistry, so views on one connection share them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Makes params the window's connection and opens a query tab on it.
    void connectTo(const tusk::pg::ConnectionParams &params);
    QueryWorkspace *newQueryTab();
    QueryWorkspace *openQueryTab(const tusk::pg::ConnectionParams &params);
    /// A dashboard tab on the window's connection (asks for one first when there is none).
    Workspace *newDashboardTab();
    /// The current tab if it is a query tab.
    QueryWorkspace *currentWorkspace() const;
    Workspace *currentTab() const;
    QTabWidget *tabs() const { return m_tabs; }
    tusk::pg::ConnectionRegistry *registry() const { return m_registry; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    /// Points the object browser at params' connection (its shared catalog session).
    void showInBrowser(const tusk::pg::ConnectionParams &params);
    /// Adds a workspace as a tab and wires its title and status.
    void addWorkspace(Workspace *w, const QString &toolTip);
    /// Puts the current workspace's actions into the menus (and takes the previous one's out).
    void bindWorkspaceMenus();
    void askForConnection();
    void editProfile(const tusk::state::ConnectionProfile &profile);
    void connectProfile(const tusk::state::ConnectionProfile &profile);
    bool closeTab(int index);
    void updateStatus();
    void restoreLayout();
    void saveLayout();
    void restoreTabs(const QList<tusk::state::EditorTab> &tabs);
    void openSqlFile();
    /// The current query tab, or a new one, for a plan from a file or the clipboard.
    QueryWorkspace *workspaceForPlan();

    tusk::pg::ConnectionParams m_params;
    /// Every session of the window; the workspaces and the browser hold leases on them.
    tusk::pg::ConnectionRegistry *m_registry;
    /// The one state file, shared by the three stores below; created first, so deleted after them.
    tusk::state::StateDatabase *m_state;
    tusk::state::QueryHistoryStore *m_history;
    tusk::state::EditorTabStore *m_tabStore;
    tusk::state::ProfileStore *m_profiles;
    tusk::state::SecretStore *m_secrets;
    ConnectionsPanel *m_connectionsPanel;
    QString m_color; ///< the current connection's colour (production red, ...)
    bool m_confirmDestructive = false;
    QLabel *m_colorLabel;
    tusk::widgets::ObjectBrowser *m_browser;
    /// The connection's catalog session (shared with completion), never a tab's own: a user's
    /// open transaction never blocks the tree.
    tusk::pg::SessionLease m_browserSession;
    QTabWidget *m_tabs;
    ConnectionPanel *m_panel;
    HistoryPanel *m_historyPanel;
    QLabel *m_serverLabel;
    QLabel *m_tlsLabel;
    QLabel *m_txLabel;
    /// The window's menus that take workspace actions, and what the current workspace put there.
    QMap<Workspace::Menu, QMenu *> m_menus;
    QMap<Workspace::Menu, QAction *> m_workspaceAnchors; ///< workspace actions go before this
    QList<QPair<QMenu *, QAction *>> m_boundActions;
};
