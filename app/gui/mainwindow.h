#pragma once

#include "pg/connectionparams.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;
class ConnectionPanel;
class ConnectionsPanel;
class HistoryPanel;
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

/// Tusk's main window: wiring of menus, docks, the status bar and the query tabs. The work
/// happens in the workspaces (QueryWorkspace) and the docks.
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
    QueryWorkspace *currentWorkspace() const;
    QTabWidget *tabs() const { return m_tabs; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
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
    void saveSqlFile(bool askForName);

    tusk::pg::ConnectionParams m_params;
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
    tusk::pg::Session *m_browserSession; ///< its own session: a user's open transaction never blocks the tree
    QTabWidget *m_tabs;
    ConnectionPanel *m_panel;
    HistoryPanel *m_historyPanel;
    QLabel *m_serverLabel;
    QLabel *m_tlsLabel;
    QLabel *m_txLabel;
};
