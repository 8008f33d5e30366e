#pragma once

#include "state/connectionprofile.h"

#include <QWidget>

class QTreeWidget;

namespace tusk::state {
class ProfileStore;
}

/// The saved connections as a tree of servers (host:port or service) and their profiles, each
/// with its colour; double-click connects, the buttons create, edit and delete profiles (through
/// ConnectionDialog, wired by MainWindow).
class ConnectionsPanel : public QWidget
{
    Q_OBJECT
public:
    ConnectionsPanel(tusk::state::ProfileStore *store, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    QList<tusk::state::ConnectionProfile> profiles() const { return m_profiles; }

signals:
    void connectRequested(const tusk::state::ConnectionProfile &profile);
    void newRequested();
    void editRequested(const tusk::state::ConnectionProfile &profile);

private:
    void showProfiles(const QList<tusk::state::ConnectionProfile> &profiles);
    const tusk::state::ConnectionProfile *selected() const;

    tusk::state::ProfileStore *m_store;
    QTreeWidget *m_tree;
    QList<tusk::state::ConnectionProfile> m_profiles;
};
