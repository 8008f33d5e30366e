// MainWindow's menus and the file and plan actions behind them (the window itself is wired in
// mainwindow.cpp).
#include "mainwindow.h"

#include "common/commandpalette.h"
#include "common/palettes.h"
#include "editor/sqleditor.h"
#include "pg/session.h"
#include "planimport.h"
#include "queryshortcuts.h"
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
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(icon("connect"), tr("&Connect…"), QKeySequence(Qt::CTRL | Qt::Key_N), this,
                    &MainWindow::askForConnection);
    file->addAction(icon("new-tab"), tr("New &query tab"), QKeySequence(Qt::CTRL | Qt::Key_T), this,
                    &MainWindow::newQueryTab);
    file->addAction(icon("open"), tr("&Open SQL file…"), QKeySequence::Open, this, &MainWindow::openSqlFile);
    file->addAction(icon("save"), tr("&Save"), QKeySequence::Save, this, [this] { saveSqlFile(false); });
    file->addAction(tr("Save &as…"), QKeySequence::SaveAs, this, [this] { saveSqlFile(true); });
    file->addAction(icon("close"), tr("&Close tab"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
                    [this] { closeTab(m_tabs->currentIndex()); });
    file->addAction(icon("reconnect"), tr("&Reconnect"), this, [this] {
        if (QueryWorkspace *w = currentWorkspace())
            w->session()->reconnect();
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *query = menuBar()->addMenu(tr("&Query"));
    // The current tab's actions, so they are in the menu, the palette and reachable by keyboard.
    // Each tab's own actions hold the keys; the menu only shows them (see queryshortcuts.h).
    struct QueryEntry
    {
        const char *icon;
        QString label;
        QKeySequence key;
        void (QueryWorkspace::*method)();
    };
    const QueryEntry queryActions[] = {
        {"run", tr("Run statement at cursor"), keys::runStatement().first(),
         &QueryWorkspace::runStatementAtCursor},
        {"run-script", tr("Run script"), keys::runScript().first(), &QueryWorkspace::runScript},
        {"cancel", tr("Cancel"), keys::cancel(), &QueryWorkspace::cancel},
        {"commit", tr("Commit"), {}, &QueryWorkspace::commit},
        {"rollback", tr("Roll back"), {}, &QueryWorkspace::rollback},
    };
    for (const QueryEntry &e : queryActions) {
        query->addAction(icon(e.icon), e.key.isEmpty() ? e.label : keys::menuLabel(e.label, e.key), this,
                         [this, m = e.method] {
                             if (QueryWorkspace *w = currentWorkspace())
                                 (w->*m)();
                         });
    }
    query->addSeparator();
    query->addAction(icon("explain"), keys::menuLabel(tr("Explain"), keys::explain()), this, [this] {
        if (QueryWorkspace *w = currentWorkspace())
            w->explain(false);
    });
    query->addAction(icon("explain-analyze"), keys::menuLabel(tr("Explain Analyze"), keys::explainAnalyze()),
                     this, [this] {
                         if (QueryWorkspace *w = currentWorkspace())
                             w->explain(true);
                     });
    query->addAction(tr("Open plan from file…"), this, [this] {
        if (QueryWorkspace *w = workspaceForPlan())
            planimport::openFromFile(this, w);
    });
    query->addAction(tr("Paste plan"), this, [this] {
        if (QueryWorkspace *w = workspaceForPlan())
            planimport::pasteFromClipboard(this, w);
    });
    query->addSeparator();
    query->addAction(icon("comment"), keys::menuLabel(tr("Toggle comment"), keys::toggleComment()), this,
                     [this] {
                         if (QueryWorkspace *w = currentWorkspace())
                             w->editor()->toggleComment();
                     });

    QMenu *view = menuBar()->addMenu(tr("&View"));
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

void MainWindow::saveSqlFile(bool askForName)
{
    QueryWorkspace *w = currentWorkspace();
    if (!w)
        return;
    QString path = w->filePath();
    if (askForName || path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save SQL file"), path,
                                            tr("SQL files (*.sql);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!w->saveToFile(path, &error))
        QMessageBox::warning(this, tr("Save SQL file"), error);
}
