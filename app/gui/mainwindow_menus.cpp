// MainWindow's menus and the file and plan actions behind them (the window itself is wired in
// mainwindow.cpp).
#include "mainwindow.h"

#include "common/commandpalette.h"
#include "common/palettes.h"
#include "editor/sqleditor.h"
#include "planimport.h"
#include "queryworkspace.h"

#include <QActionGroup>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>

using namespace tusk;

void MainWindow::createMenus()
{
    const auto icon = [](const char *name) {
        return QIcon(QStringLiteral(":/actions/%1.svg").arg(QLatin1String(name)));
    };
    // Window actions live here; the current workspace's own actions (Save, Run, Explain, …) go
    // in before each menu's anchor while it is the current tab (bindWorkspaceMenus): the menus
    // show the tab's actions themselves, with their keys and enabled state.
    const auto anchor = [this](QMenu *menu, Workspace::Menu which) {
        m_menus.insert(which, menu);
        m_workspaceAnchors.insert(which, menu->addSeparator());
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(icon("connect"), tr("&Connect…"), QKeySequence(Qt::CTRL | Qt::Key_N), this,
                    &MainWindow::askForConnection);
    file->addAction(icon("new-tab"), tr("New &query tab"), QKeySequence(Qt::CTRL | Qt::Key_T), this,
                    &MainWindow::newQueryTab);
    file->addAction(tr("New &dashboard tab"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), this,
                    &MainWindow::newDashboardTab);
    file->addAction(icon("open"), tr("&Open SQL file…"), QKeySequence::Open, this, &MainWindow::openSqlFile);
    file->addSeparator();
    anchor(file, Workspace::Menu::File);
    file->addAction(icon("close"), tr("&Close tab"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
                    [this] { closeTab(m_tabs->currentIndex()); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    anchor(menuBar()->addMenu(tr("&Edit")), Workspace::Menu::Edit);

    QMenu *query = menuBar()->addMenu(tr("&Query"));
    anchor(query, Workspace::Menu::Query);
    query->addAction(tr("Open plan from file…"), this, [this] {
        if (QueryWorkspace *w = workspaceForPlan())
            planimport::openFromFile(this, w);
    });
    query->addAction(tr("Paste plan"), this, [this] {
        if (QueryWorkspace *w = workspaceForPlan())
            planimport::pasteFromClipboard(this, w);
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    anchor(view, Workspace::Menu::View);
    view->addAction(icon("palette"), tr("Command palette…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                    this, [this] {
                        auto *palette = new widgets::CommandPalette(this);
                        palette->setAttribute(Qt::WA_DeleteOnClose);
                        palette->setActions(widgets::CommandPalette::collectActions(this));
                        palette->move(mapToGlobal(QPoint((width() - palette->width()) / 2, 60)));
                        palette->show();
                        palette->filter()->setFocus();
                    });
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(this);
    const QString current =
        QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString();
    const std::pair<QString, QString> themes[] = {{tr("Follow the system"), QStringLiteral("system")},
                                                  {tr("Light"), QStringLiteral("light")},
                                                  {tr("Dark"), QStringLiteral("dark")}};
    for (const auto &[label, name] : themes) {
        QAction *a = theme->addAction(label, this, [name] {
            QSettings().setValue(QStringLiteral("ui/theme"), name);
            widgets::applyTheme(widgets::themeFromName(name));
        });
        a->setCheckable(true);
        a->setChecked(name == current);
        group->addAction(a);
    }
}

QueryWorkspace *MainWindow::workspaceForPlan()
{
    QueryWorkspace *w = currentWorkspace();
    if (!w)
        w = newQueryTab();
    if (!w)
        QMessageBox::information(this, tr("Plans"),
                                 tr("Connect to a server first: plans open in a query tab."));
    return w;
}

void MainWindow::openSqlFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open SQL file"), QString(),
                                                      tr("SQL files (*.sql);;All files (*)"));
    if (path.isEmpty())
        return;
    QueryWorkspace *w = currentWorkspace();
    if (!w || !w->editor()->text().isEmpty())
        w = newQueryTab();
    if (!w)
        return;
    QString error;
    if (!w->openFile(path, &error))
        QMessageBox::warning(this, tr("Open SQL file"), error);
}
