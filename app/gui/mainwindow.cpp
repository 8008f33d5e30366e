#include "mainwindow.h"

#include "common/palettes.h"
#include "connectionpanel.h"
#include "pg/session.h"

#include <QActionGroup>
#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

using namespace tusk;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new pg::Session(QStringLiteral("tusk"), this))
    , m_panel(new ConnectionPanel(this))
    , m_serverLabel(new QLabel(this))
    , m_tlsLabel(new QLabel(this))
    , m_txLabel(new QLabel(this))
{
    setWindowTitle(tr("Tusk"));
    setCentralWidget(m_panel);
    createMenus();
    m_serverLabel->setObjectName(QStringLiteral("serverStatus"));
    m_tlsLabel->setObjectName(QStringLiteral("tlsStatus"));
    m_txLabel->setObjectName(QStringLiteral("transactionStatus"));
    for (QLabel *l : {m_serverLabel, m_tlsLabel, m_txLabel}) {
        l->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(l);
    }
    connect(m_session, &pg::Session::connected, this, [this](const pg::ServerInfo &info) {
        m_panel->showServer(info);
        setWindowTitle(tr("%1 — Tusk").arg(m_session->params().displayName()));
        updateStatus();
    });
    connect(m_session, &pg::Session::connectionFailed, this, [this](const pg::Error &e) {
        m_panel->showError(e);
        updateStatus();
    });
    connect(m_session, &pg::Session::connectionLost, this, [this](const pg::Error &e) {
        m_panel->showError(e);
        updateStatus();
    });
    connect(m_session, &pg::Session::noticeReceived, this,
            [this](const pg::Notice &n) { m_panel->appendLog(n.toString()); });
    connect(m_session, &pg::Session::transactionStatusChanged, this, &MainWindow::updateStatus);
    updateStatus();
    resize(1100, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect…"), this, &MainWindow::askForConnection);
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    file->addAction(tr("&Reconnect"), this, [this] { m_session->reconnect(); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(this);
    const std::pair<QString, widgets::Theme> themes[] = {{tr("Follow the system"), widgets::Theme::System},
                                                         {tr("Light"), widgets::Theme::Light},
                                                         {tr("Dark"), widgets::Theme::Dark}};
    for (const auto &[label, value] : themes) {
        QAction *a = theme->addAction(label, this, [value] { widgets::applyTheme(value); });
        a->setCheckable(true);
        a->setChecked(value == widgets::Theme::System);
        group->addAction(a);
    }
}

void MainWindow::askForConnection()
{
    bool ok = false;
    const QString text =
        QInputDialog::getText(this, tr("Connect"), tr("Connection URI, key=value string or service=NAME:"),
                              QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    auto params = pg::ConnectionParams::parse(text);
    if (!params) {
        m_panel->showError(params.error());
        return;
    }
    connectTo(*params);
}

void MainWindow::connectTo(const pg::ConnectionParams &params)
{
    m_panel->showConnecting(params.displayName());
    m_session->connectTo(params);
    updateStatus();
}

void MainWindow::updateStatus()
{
    using State = pg::Session::State;
    const pg::ServerInfo &info = m_session->serverInfo();
    switch (m_session->state()) {
    case State::Disconnected:
        m_serverLabel->setText(tr("Disconnected"));
        m_tlsLabel->clear();
        m_txLabel->clear();
        return;
    case State::Connecting:
        m_serverLabel->setText(tr("Connecting…"));
        m_tlsLabel->clear();
        m_txLabel->clear();
        return;
    case State::Connected:
        break;
    }
    m_serverLabel->setText(
        QStringLiteral("PostgreSQL %1 · %2")
            .arg(info.version.section(u' ', 0, 0), info.isInRecovery ? tr("standby") : tr("primary")));
    m_tlsLabel->setText(info.tlsInUse ? tr("TLS %1").arg(info.tlsProtocol) : tr("no TLS"));
    switch (m_session->transactionStatus()) {
    case pg::TransactionStatus::InTransaction:
        m_txLabel->setText(tr("in transaction"));
        break;
    case pg::TransactionStatus::InFailedTransaction:
        m_txLabel->setText(tr("transaction failed — roll back"));
        break;
    default:
        m_txLabel->setText(tr("auto-commit"));
    }
}
