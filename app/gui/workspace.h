#pragma once

#include <QList>
#include <QString>
#include <QWidget>

class QAction;

namespace tusk::pg {
class Session;
}

/// One tab of the main window — a query tab today, dashboards, topology and wizards next.
/// MainWindow hosts workspaces only through this interface: it puts their actions into its
/// menus and the command palette, shows their title and connection in the tab and status bar,
/// asks them before closing and has them save their state for the next start.
class Workspace : public QWidget
{
    Q_OBJECT
public:
    /// The window menus a workspace adds actions to, while it is the current tab.
    enum class Menu { File, Edit, Query, View };

    using QWidget::QWidget;

    /// Tab text ("Query 3", "orders.sql •").
    virtual QString title() const = 0;
    /// What kind of workspace this is ("query"); the key its saved state is restored under.
    virtual QString kind() const = 0;
    /// The workspace's own actions for menu: they keep their shortcuts and enabled state, the
    /// window only shows them (and the command palette finds them there).
    virtual QList<QAction *> menuActions(Menu menu) const = 0;
    /// The session the workspace works on (status bar: server, TLS, transaction), or null.
    virtual tusk::pg::Session *session() const = 0;
    /// The transaction mode for the status bar ("auto-commit"), empty when it has none.
    virtual QString transactionModeText() const { return {}; }

    /// Asks the user when closing would lose something (an open transaction); false keeps it.
    virtual bool confirmClose() = 0;
    /// Saves what the next start needs to bring this tab back, with its position among the tabs.
    virtual void saveState(int order) = 0;
    /// The tab is closed on purpose: forget its saved state.
    virtual void discardState() = 0;

signals:
    void titleChanged(const QString &title);
    /// The connection, its transaction state or the enabled actions changed.
    void statusChanged();
};
