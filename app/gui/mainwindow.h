#pragma once

#include "pg/connectionparams.h"

#include <QMainWindow>

class QLabel;
class ConnectionPanel;

namespace tusk::pg {
class Session;
}

/// Tusk's main window: wiring of menus, status bar and workspaces.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void connectTo(const tusk::pg::ConnectionParams &params);
    tusk::pg::Session *session() const { return m_session; }

private:
    void createMenus();
    void askForConnection();
    void updateStatus();

    tusk::pg::Session *m_session;
    ConnectionPanel *m_panel;
    QLabel *m_serverLabel;
    QLabel *m_tlsLabel;
    QLabel *m_txLabel;
};
