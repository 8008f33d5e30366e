#include "mainwindow.h"
#include "dashboardworkspace.h"
#include "queryshortcuts.h"

#include "browser/objectbrowser.h"
#include "common/commandpalette.h"
#include "common/connectiondialog.h"
#include "common/palettes.h"
#include "connectionpanel.h"
#include "connectionspanel.h"
#include "editor/sqleditor.h"
#include "historypanel.h"
#include "pg/session.h"
#include "planimport.h"
#include "queryworkspace.h"
#include "state/editortabstore.h"
#include "state/profilestore.h"
#include "state/queryhistorystore.h"
#include "state/secretstore.h"
#include "state/statedatabase.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

using namespace tusk;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_registry(new pg::ConnectionRegistry(this))
    , m_state(new state::StateDatabase(state::StateDatabase::defaultPath(), this))
    , m_history(new state::QueryHistoryStore(m_state, this))
    , m_tabStore(new state::EditorTabStore(m_state, this))
    , m_profiles(new state::ProfileStore(m_state, this))
    , m_secrets(new state::SecretStore(this))
    , m_connectionsPanel(new ConnectionsPanel(m_profiles, this))
    , m_colorLabel(new QLabel(this))
    , m_browser(new widgets::ObjectBrowser(this))
    , m_tabs(new QTabWidget(this))
    , m_panel(new ConnectionPanel(this))
    , m_historyPanel(new HistoryPanel(m_history, this))
    , m_serverLabel(new QLabel(this))
    , m_tlsLabel(new QLabel(this))
    , m_txLabel(new QLabel(this))
{
    setWindowTitle(tr("Tusk"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        bindWorkspaceMenus();
        updateStatus();
    });

    auto *connectionsDock = new QDockWidget(tr("Connections"), this);
    connectionsDock->setObjectName(QStringLiteral("connectionsDock"));
    connectionsDock->setWidget(m_connectionsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, connectionsDock);
    connect(m_connectionsPanel, &ConnectionsPanel::newRequested, this, &MainWindow::askForConnection);
    connect(m_connectionsPanel, &ConnectionsPanel::editRequested, this, &MainWindow::editProfile);
    connect(m_connectionsPanel, &ConnectionsPanel::connectRequested, this, &MainWindow::connectProfile);
    connect(m_secrets, &state::SecretStore::stored, this,
            [this](const QString &, bool, const QString &message) { m_panel->appendLog(message); });

    auto *serverDock = new QDockWidget(tr("Server"), this);
    serverDock->setObjectName(QStringLiteral("serverDock"));
    // In a scroll area: at 200% scaling or in a short dock the facts scroll instead of clipping.
    auto *serverScroll = new QScrollArea(serverDock);
    serverScroll->setWidgetResizable(true);
    serverScroll->setFrameShape(QFrame::NoFrame);
    serverScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // wrap, never scroll sideways
    serverScroll->setWidget(m_panel);
    serverDock->setWidget(serverScroll);
    addDockWidget(Qt::LeftDockWidgetArea, serverDock);
    auto *objectsDock = new QDockWidget(tr("Objects"), this);
    objectsDock->setObjectName(QStringLiteral("objectsDock"));
    objectsDock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, objectsDock);
    connect(m_browser, &widgets::ObjectBrowser::scriptReady, this, [this](const QString &sql) {
        QueryWorkspace *w = currentWorkspace() ? currentWorkspace() : newQueryTab();
        if (!w)
            return;
        w->editor()->append((w->editor()->text().isEmpty() ? QString() : QStringLiteral("\n\n")) + sql);
        w->editor()->setFocus();
    });
    connect(m_browser, &widgets::ObjectBrowser::scriptFailed, m_panel, &ConnectionPanel::showError);

    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    historyDock->setWidget(m_historyPanel);
    addDockWidget(Qt::LeftDockWidgetArea, historyDock);
    connect(m_historyPanel, &HistoryPanel::openRequested, this, [this](const QString &sql) {
        QueryWorkspace *w = currentWorkspace() ? currentWorkspace() : newQueryTab();
        if (!w)
            return;
        w->editor()->append((w->editor()->text().isEmpty() ? QString() : QStringLiteral("\n\n")) + sql);
        w->editor()->setFocus();
    });

    tabifyDockWidget(serverDock, historyDock);
    serverDock->raise();
    resizeDocks({connectionsDock, objectsDock, serverDock}, {360, 360, 360}, Qt::Horizontal);
    resizeDocks({connectionsDock, objectsDock, serverDock}, {140, 420, 240}, Qt::Vertical);
    createMenus();
    m_serverLabel->setObjectName(QStringLiteral("serverStatus"));
    m_tlsLabel->setObjectName(QStringLiteral("tlsStatus"));
    m_txLabel->setObjectName(QStringLiteral("transactionStatus"));
    m_colorLabel->setObjectName(QStringLiteral("connectionColor"));
    m_colorLabel->setFixedSize(14, 14);
    statusBar()->addPermanentWidget(m_colorLabel);
    for (QLabel *l : {m_serverLabel, m_tlsLabel, m_txLabel}) {
        l->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(l);
    }
    updateStatus();
    // A state file that cannot be used must not pass unnoticed: the window says what is off.
    auto *stateProblem = new QLabel(this);
    stateProblem->setObjectName(QStringLiteral("stateFileProblem"));
    stateProblem->setStyleSheet(QStringLiteral("color: #d73a49; font-weight: bold"));
    stateProblem->hide();
    statusBar()->addWidget(stateProblem);
    auto showStateProblem = [stateProblem](const QString &message) {
        stateProblem->setText(tr("History and autosave are off"));
        stateProblem->setToolTip(message);
        stateProblem->show();
    };
    connect(m_state, &state::StateDatabase::openFailed, this, showStateProblem);
    if (!m_state->openError().isEmpty())
        showStateProblem(m_state->openError());
    resize(1280, 800);
    restoreLayout();
    // Tabs open at the last quit (or crash) come back with their text.
    connect(m_tabStore, &state::EditorTabStore::loaded, this, &MainWindow::restoreTabs);
    m_tabStore->loadAll();
}

void MainWindow::restoreTabs(const QList<state::EditorTab> &tabs)
{
    for (const state::EditorTab &t : tabs) {
        auto params = pg::ConnectionParams::parse(t.conninfo);
        if (!params || params->entries().isEmpty()) {
            if (m_params.entries().isEmpty())
                continue;
            params = m_params;
        }
        if (m_params.entries().isEmpty()) {
            m_params = *params;
            showInBrowser(m_params); // the tree comes back with the tabs
        }
        QueryWorkspace *w = openQueryTab(*params);
        w->restore(t);
    }
}

MainWindow::~MainWindow()
{
    // The workspaces and the browser let go of their sessions while the registry still exists,
    // so the sessions go the normal way (after the views that use them).
    while (m_tabs->count() > 0) {
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete w;
    }
    m_browser->setSession(nullptr);
    m_browserSession.reset();
}

void MainWindow::askForConnection()
{
    editProfile(state::ConnectionProfile());
}

void MainWindow::editProfile(const state::ConnectionProfile &profile)
{
    widgets::ConnectionDialog dialog(this);
    if (!profile.id.isEmpty())
        dialog.setProfile(profile);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const state::ConnectionProfile saved = dialog.profile();
    m_profiles->save(saved);
    m_profiles->loadAll();
    if (!dialog.password().isEmpty())
        m_secrets->storePassword(saved, dialog.password());
    m_color = saved.color;
    m_confirmDestructive = saved.confirmDestructive;
    connectTo(dialog.connectionParams());
}

void MainWindow::connectProfile(const state::ConnectionProfile &profile)
{
    // The keychain answers asynchronously; connect once it did (with or without a password).
    auto *guard = new QObject(this);
    connect(
        m_secrets, &state::SecretStore::passwordRead, guard,
        [this, guard, profile](const QString &id, bool ok, const QString &password, const QString &message) {
            if (id != profile.id)
                return;
            guard->deleteLater();
            if (!message.isEmpty())
                m_panel->appendLog(message);
            pg::ConnectionParams params = profile.toParams();
            if (ok && !password.isEmpty())
                params.set(QStringLiteral("password"), password);
            m_color = profile.color;
            connectTo(params);
        });
    m_secrets->readPassword(profile);
}

void MainWindow::showInBrowser(const pg::ConnectionParams &params)
{
    // The tree follows the window's connection, on its catalog session (which the query tabs
    // share for completion); the old connection's goes when its last tab closes.
    m_browser->setSession(nullptr);
    m_browserSession = m_registry->shared(params, pg::SessionRole::Catalog);
    m_browser->setSession(m_browserSession.get());
}

void MainWindow::connectTo(const pg::ConnectionParams &params)
{
    m_params = params;
    showInBrowser(params);
    m_panel->showConnecting(params.displayName());
    newQueryTab();
}

QueryWorkspace *MainWindow::newQueryTab()
{
    if (m_params.entries().isEmpty()) {
        askForConnection();
        return nullptr;
    }
    return openQueryTab(m_params);
}

QueryWorkspace *MainWindow::openQueryTab(const pg::ConnectionParams &params)
{
    auto *w = new QueryWorkspace(m_registry, params, m_history, m_tabStore, m_tabs);
    w->setConfirmDestructive(m_confirmDestructive);
    w->setTabOrder(m_tabs->count());
    addWorkspace(w, params.displayName());
    connect(w->session(), &pg::Session::connected, this, [this](const pg::ServerInfo &info) {
        m_panel->showServer(info);
        setWindowTitle(tr("%1 — Tusk").arg(m_params.displayName()));
    });
    connect(w->session(), &pg::Session::connectionFailed, m_panel, &ConnectionPanel::showError);
    connect(w->session(), &pg::Session::connectionLost, m_panel, &ConnectionPanel::showError);
    w->editor()->setFocus();
    return w;
}

Workspace *MainWindow::newDashboardTab()
{
    if (m_params.entries().isEmpty()) {
        askForConnection();
        return nullptr;
    }
    auto *w = new DashboardWorkspace(m_registry, m_params, m_state, m_tabs);
    addWorkspace(w, m_params.displayName());
    return w;
}

void MainWindow::addWorkspace(Workspace *w, const QString &toolTip)
{
    const int index = m_tabs->addTab(w, w->title());
    m_tabs->setTabToolTip(index, toolTip);
    connect(w, &Workspace::titleChanged, this, [this, w](const QString &title) {
        const int i = m_tabs->indexOf(w);
        if (i >= 0)
            m_tabs->setTabText(i, title);
    });
    connect(w, &Workspace::statusChanged, this, [this, w] {
        if (w == currentTab())
            updateStatus();
    });
    m_tabs->setCurrentIndex(index);
}

void MainWindow::bindWorkspaceMenus()
{
    for (const auto &[menu, action] : std::as_const(m_boundActions))
        menu->removeAction(action); // the workspace owns them: removed, not deleted
    m_boundActions.clear();
    Workspace *w = currentTab();
    if (!w)
        return;
    for (auto it = m_menus.cbegin(); it != m_menus.cend(); ++it) {
        QMenu *menu = it.value();
        QAction *anchor = m_workspaceAnchors.value(it.key());
        for (QAction *a : w->menuActions(it.key())) {
            menu->insertAction(anchor, a);
            m_boundActions.append({menu, a});
        }
    }
}

QueryWorkspace *MainWindow::currentWorkspace() const
{
    return qobject_cast<QueryWorkspace *>(m_tabs->currentWidget());
}

Workspace *MainWindow::currentTab() const
{
    return qobject_cast<Workspace *>(m_tabs->currentWidget());
}

bool MainWindow::closeTab(int index)
{
    auto *w = qobject_cast<Workspace *>(m_tabs->widget(index));
    if (!w)
        return true;
    if (!w->confirmClose())
        return false;
    w->discardState(); // closed on purpose: do not bring it back at the next start
    m_tabs->removeTab(index);
    w->deleteLater();
    updateStatus();
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *w = qobject_cast<Workspace *>(m_tabs->widget(i));
        if (w && !w->confirmClose()) {
            event->ignore();
            return;
        }
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *w = qobject_cast<Workspace *>(m_tabs->widget(i)))
            w->saveState(i); // reopened at the next start
    }
    saveLayout();
    event->accept();
}

void MainWindow::restoreLayout()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::saveLayout()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::updateStatus()
{
    Workspace *w = currentTab();
    if (!w || !w->session()) {
        m_serverLabel->setText(tr("Not connected"));
        m_tlsLabel->clear();
        m_txLabel->clear();
        return;
    }
    const pg::Session *s = w->session();
    switch (s->state()) {
    case pg::Session::State::Disconnected:
        m_serverLabel->setText(tr("Disconnected"));
        m_tlsLabel->clear();
        m_txLabel->clear();
        return;
    case pg::Session::State::Connecting:
        m_serverLabel->setText(tr("Connecting…"));
        m_tlsLabel->clear();
        m_txLabel->clear();
        return;
    case pg::Session::State::Connected:
        break;
    }
    const pg::ServerInfo &info = s->serverInfo();
    m_colorLabel->setStyleSheet(
        m_color.isEmpty() ? QString() : QStringLiteral("background: %1; border-radius: 7px;").arg(m_color));
    m_serverLabel->setText(
        QStringLiteral("PostgreSQL %1 · %2")
            .arg(info.version.section(u' ', 0, 0), info.isInRecovery ? tr("standby") : tr("primary")));
    m_tlsLabel->setText(info.tlsInUse ? tr("TLS %1").arg(info.tlsProtocol) : tr("no TLS"));
    switch (s->transactionStatus()) {
    case pg::TransactionStatus::InTransaction:
        m_txLabel->setText(tr("in transaction"));
        m_txLabel->setStyleSheet(QStringLiteral("color: #b7791f; font-weight: 600;"));
        break;
    case pg::TransactionStatus::InFailedTransaction:
        m_txLabel->setText(tr("transaction failed — roll back"));
        m_txLabel->setStyleSheet(QStringLiteral("color: #d73a49; font-weight: 600;"));
        break;
    default:
        m_txLabel->setText(w->transactionModeText());
        m_txLabel->setStyleSheet(QString());
    }
}
