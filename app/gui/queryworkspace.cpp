#include "queryworkspace.h"

#include "queryshortcuts.h"

#include "editor/findbar.h"
#include "editor/sqleditor.h"
#include "explain/explainrunner.h"
#include "planpane.h"
#include "resultpane.h"
#include "sql/completioncatalog.h"
#include "sql/utf8.h"
#include "state/editortabstore.h"
#include "state/queryhistorystore.h"

#include <QAction>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

using namespace tusk;

namespace {
pg::QueryOptions queryOptionsFromSettings()
{
    // A runaway result stops here with a message instead of eating the machine's memory.
    QSettings s;
    pg::QueryOptions o;
    o.maxRows = s.value(QStringLiteral("grid/maxRows"), 5'000'000).toLongLong();
    o.maxBytes = s.value(QStringLiteral("grid/maxMegabytes"), 1024).toLongLong() * 1024 * 1024;
    return o;
}

} // namespace

QueryWorkspace::QueryWorkspace(pg::ConnectionRegistry *registry, const pg::ConnectionParams &params,
                               state::QueryHistoryStore *history, state::EditorTabStore *tabs,
                               QWidget *parent)
    : Workspace(parent)
    , m_sessionLease(registry->openQuerySession(params))
    , m_catalogLease(registry->shared(params, pg::SessionRole::Catalog))
    , m_session(m_sessionLease.get())
    , m_metaSession(m_catalogLease.get())
    , m_catalog(new sql::CompletionCatalog(this))
    , m_history(history)
    , m_tabStore(tabs)
    , m_tabId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_autosaveTimer(new QTimer(this))
    , m_editor(new widgets::SqlEditor(this))
    , m_findBar(new widgets::FindBar(m_editor, this))
    , m_results(new QTabWidget(this))
    , m_messages(new QPlainTextEdit(this))
    , m_toolbar(new QToolBar(this))
    , m_explainRunner(new explain::ExplainRunner(m_session, this))
    , m_runner(new sql::ScriptRunner(m_session, this))
{
    static int workspaces = 0;
    m_number = ++workspaces;
    buildUi();
    connect(m_session, &pg::Session::connected, this, [this](const pg::ServerInfo &info) {
        log(tr("Connected to %1 (%2)").arg(m_session->params().displayName(), info.summary()));
        updateActions();
        emit statusChanged();
    });
    connect(m_session, &pg::Session::connectionFailed, this, [this](const pg::Error &e) {
        log(e.toString(), true);
        updateActions();
        emit statusChanged();
    });
    connect(m_session, &pg::Session::connectionLost, this, [this](const pg::Error &e) {
        log(tr("Connection lost. Your SQL is still here; reconnect to go on.\n") + e.toString(), true);
        updateActions();
        emit statusChanged();
    });
    connect(m_session, &pg::Session::transactionStatusChanged, this, [this] {
        updateActions();
        emit statusChanged();
    });
    connect(m_session, &pg::Session::noticeReceived, this,
            [this](const pg::Notice &n) { log(n.toString()); });
    connect(m_runner, &sql::ScriptRunner::statementStarted, this, &QueryWorkspace::onStatementStarted);
    connect(m_runner, &sql::ScriptRunner::resultStarted, this, &QueryWorkspace::onResultStarted);
    connect(m_runner, &sql::ScriptRunner::rowsArrived, this, &QueryWorkspace::onRowsArrived);
    connect(m_runner, &sql::ScriptRunner::resultCompleted, this, &QueryWorkspace::onResultCompleted);
    connect(m_runner, &sql::ScriptRunner::statementFinished, this, &QueryWorkspace::onStatementFinished);
    connect(m_runner, &sql::ScriptRunner::finished, this, &QueryWorkspace::onRunFinished);
    connect(m_explainRunner, &explain::ExplainRunner::planReady, this, &QueryWorkspace::onPlanReady);
    connect(m_explainRunner, &explain::ExplainRunner::failed, this, &QueryWorkspace::onExplainFailed);

    // Names for completion come from the connection's catalog session (shared with the object
    // browser and the other tabs), so loading never queues behind (or in front of) the user's
    // own statements, and ten tabs do not open ten more connections.
    connect(m_metaSession, &pg::Session::connected, this, [this] { m_catalog->load(m_metaSession); });
    connect(m_catalog, &sql::CompletionCatalog::loaded, this,
            [this] { m_editor->setKeywords(m_catalog->keywords()); });
    m_editor->setCompletionProvider([this](const QString &prefix, const QString &qualifier) {
        return m_catalog->complete(prefix, qualifier, m_editor->statementAtCursor().sql);
    });

    // Unsaved text survives a crash: it goes to the state database every few seconds.
    m_autosaveTimer->setInterval(3000);
    connect(m_autosaveTimer, &QTimer::timeout, this, [this] {
        if (m_unsavedForAutosave)
            autosave();
    });
    m_autosaveTimer->start();
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        m_unsavedForAutosave = true;
        if (!m_modifiedSinceFileSave) {
            m_modifiedSinceFileSave = true;
            emit titleChanged(title());
        }
    });

    m_confirm = [this](const QString &sql, const QString &reason) {
        QMessageBox box(
            QMessageBox::Warning, tr("Confirm a destructive statement"),
            tr("This statement %1 on %2.\n\nRun it?").arg(reason, m_session->params().displayName()),
            QMessageBox::Yes | QMessageBox::No, this);
        box.setDetailedText(sql); // the exact SQL that would be sent
        box.setDefaultButton(QMessageBox::No);
        return box.exec() == QMessageBox::Yes;
    };

    // The registry connects new sessions itself; a catalog session shared with an earlier view
    // may already be up.
    if (m_metaSession->state() == pg::Session::State::Connected)
        m_catalog->load(m_metaSession);
    updateActions();
}

QList<QAction *> QueryWorkspace::menuActions(Menu menu) const
{
    switch (menu) {
    case Menu::File:
        return {m_saveAction, m_saveAsAction, m_separators[0], m_reconnectAction};
    case Menu::Edit:
        return {m_findAction, m_replaceAction, m_commentAction};
    case Menu::Query:
        return {m_runAction,    m_runScriptAction, m_cancelAction,  m_separators[1], m_txModeAction,
                m_commitAction, m_rollbackAction,  m_separators[2], m_explainAction, m_explainAnalyzeAction};
    case Menu::View:
        return {};
    }
    return {};
}

QString QueryWorkspace::transactionModeText() const
{
    return m_explicitTx ? tr("explicit transactions") : tr("auto-commit");
}

void QueryWorkspace::saveState(int order)
{
    m_order = order;
    autosave();
}

QString QueryWorkspace::title() const
{
    const QString base =
        m_filePath.isEmpty() ? tr("Query %1").arg(m_number) : QFileInfo(m_filePath).fileName();
    return m_modifiedSinceFileSave && !m_filePath.isEmpty() ? base + QStringLiteral(" •") : base;
}

void QueryWorkspace::setAutosaveInterval(int ms)
{
    m_autosaveTimer->setInterval(ms);
}

void QueryWorkspace::autosave()
{
    m_unsavedForAutosave = false;
    if (!m_tabStore)
        return;
    state::EditorTab t;
    t.id = m_tabId;
    t.order = m_order;
    t.title = title();
    pg::ConnectionParams withoutSecret = m_session->params();
    withoutSecret.remove(QStringLiteral("password")); // passwords never reach the state file
    t.conninfo = withoutSecret.toConninfo();
    t.filePath = m_filePath;
    // A file-backed tab without edits is restored from its file: copying a 100 MB document into
    // the state database every few seconds would stall the UI for nothing.
    if (m_filePath.isEmpty() || m_modifiedSinceFileSave)
        t.text = m_editor->text();
    m_editor->getCursorPosition(&t.cursorLine, &t.cursorIndex);
    t.modified = m_modifiedSinceFileSave;
    m_tabStore->save(t);
}

void QueryWorkspace::discardAutosave()
{
    m_autosaveTimer->stop();
    m_unsavedForAutosave = false;
    if (m_tabStore)
        m_tabStore->remove(m_tabId);
}

void QueryWorkspace::restore(const state::EditorTab &tab)
{
    m_tabId = tab.id;
    m_filePath = tab.filePath;
    m_order = tab.order;
    QString error;
    if (!tab.modified && !tab.filePath.isEmpty() && tab.text.isEmpty()) {
        if (!openFile(tab.filePath, &error))
            log(error, true);
    } else {
        m_editor->setText(tab.text);
    }
    m_editor->setCursorPosition(tab.cursorLine, tab.cursorIndex);
    m_modifiedSinceFileSave = tab.modified;
    m_unsavedForAutosave = false;
    log(tr("Restored from the autosave of %1.").arg(tab.savedAt.toString(Qt::ISODate)));
    emit titleChanged(title());
}

bool QueryWorkspace::openFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(path, f.errorString());
        return false;
    }
    // Mapped, not read: the editor copies the text into its own buffer anyway, and a read would
    // first fill a second buffer of fresh pages (100 MB cost 0.3 s of page faults here).
    const qint64 size = f.size();
    QByteArray readBytes;
    QByteArrayView bytes;
    if (size > 0) {
        if (uchar *mapped = f.map(0, size)) {
            bytes = QByteArrayView(reinterpret_cast<const char *>(mapped), size);
        } else {
            readBytes = f.readAll(); // not mappable (a pipe, some file systems)
            bytes = readBytes;
        }
    }
    if (sql::isValidUtf8(bytes)) {
        m_editor->setUtf8Text(bytes); // no QString round trip: matters for 100 MB scripts
    } else {
        log(tr("%1 is not valid UTF-8: the invalid bytes were replaced by �. Saving writes UTF-8.").arg(path),
            true);
        m_editor->setText(QString::fromUtf8(bytes));
    }
    m_filePath = path;
    m_modifiedSinceFileSave = false;
    m_unsavedForAutosave = true;
    log(tr("Opened %1 (%L2 bytes).").arg(path).arg(bytes.size()));
    emit titleChanged(title());
    return true;
}

bool QueryWorkspace::saveToFile(const QString &path, QString *error)
{
    // QSaveFile writes to a temporary file and renames it: a crash never leaves half a file.
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(m_editor->text().toUtf8()) < 0 || !f.commit()) {
        *error = tr("Cannot save %1: %2").arg(path, f.errorString());
        return false;
    }
    m_filePath = path;
    m_modifiedSinceFileSave = false;
    autosave();
    log(tr("Saved %1.").arg(path));
    emit titleChanged(title());
    return true;
}

QueryWorkspace::~QueryWorkspace() = default;

void QueryWorkspace::save(bool askForName)
{
    QString path = m_filePath;
    if (askForName || path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save SQL file"), path,
                                            tr("SQL files (*.sql);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveToFile(path, &error))
        QMessageBox::warning(this, tr("Save SQL file"), error);
}

void QueryWorkspace::buildUi()
{
    m_toolbar->setIconSize(QSize(16, 16));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_runAction =
        m_toolbar->addAction(QIcon(QStringLiteral(":/actions/run.svg")), tr("Run statement at cursor"), this,
                             &QueryWorkspace::runStatementAtCursor);
    m_runAction->setIconText(tr("Run")); // the toolbar's short label; menus show the text
    m_runAction->setShortcuts(keys::runStatement());
    m_runAction->setToolTip(tr("Run the statement at the cursor, or the selection (Ctrl+Enter)"));
    m_runScriptAction = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/run-script.svg")),
                                             tr("Run script"), this, &QueryWorkspace::runScript);
    m_runScriptAction->setShortcuts(keys::runScript());
    m_runScriptAction->setToolTip(tr("Run every statement, one after the other (F5)"));
    m_cancelAction = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/cancel.svg")), tr("Cancel"), this,
                                          &QueryWorkspace::cancel);
    m_cancelAction->setShortcut(keys::cancel());
    m_cancelAction->setToolTip(tr("Cancel the running statement (Ctrl+.)"));
    m_toolbar->addSeparator();
    m_txModeAction =
        m_toolbar->addAction(QIcon(QStringLiteral(":/actions/transaction.svg")), tr("Explicit transaction"));
    m_txModeAction->setIconText(tr("Transaction"));
    m_txModeAction->setCheckable(true);
    m_txModeAction->setToolTip(
        tr("Explicit transaction. Off: every statement commits on its own. On: statements run in a "
           "transaction until you Commit or Roll back."));
    connect(m_txModeAction, &QAction::toggled, this, &QueryWorkspace::setExplicitTransactionMode);
    m_commitAction = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/commit.svg")), tr("Commit"), this,
                                          &QueryWorkspace::commit);
    m_rollbackAction = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/rollback.svg")), tr("Roll back"),
                                            this, &QueryWorkspace::rollback);
    m_toolbar->addSeparator();
    m_explainAction = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/explain.svg")), tr("Explain"),
                                           this, [this] { explain(false); });
    m_explainAction->setShortcut(keys::explain());
    m_explainAction->setToolTip(tr("Show the plan of the statement at the cursor, without running it (F7)"));
    m_explainAnalyzeAction = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/explain-analyze.svg")),
                                                  tr("Explain Analyze"), this, [this] { explain(true); });
    m_explainAnalyzeAction->setShortcut(keys::explainAnalyze());
    m_explainAnalyzeAction->setToolTip(
        tr("Run the statement and show its plan with real times and rows (Shift+F7). A statement that "
           "changes data is rolled back afterwards."));
    m_toolbar->addWidget(buildExplainOptionsButton());
    m_toolbar->addSeparator();
    QAction *find = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/find.svg")), tr("Find"), m_findBar,
                                         &widgets::FindBar::showFind);
    find->setShortcut(QKeySequence::Find);
    QAction *replace = m_toolbar->addAction(QIcon(QStringLiteral(":/actions/replace.svg")), tr("Replace"),
                                            m_findBar, &widgets::FindBar::showReplace);
    replace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    // Find and Replace are known by their icons and keys: their labels would push the toolbar
    // into its overflow menu in a 1280-pixel window with the docks open.
    for (QAction *a : {find, replace}) {
        a->setToolTip(a->text() + QStringLiteral(" (") + a->shortcut().toString(QKeySequence::NativeText) +
                      u')');
        if (auto *button = qobject_cast<QToolButton *>(m_toolbar->widgetForAction(a)))
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    m_findAction = find;
    m_replaceAction = replace;

    // Not on the toolbar, but in the window's menus while this tab is current (menuActions).
    const auto action = [this](const QString &icon, const QString &text, auto slot) {
        QAction *a = icon.isEmpty()
                         ? new QAction(text, this)
                         : new QAction(QIcon(QStringLiteral(":/actions/%1.svg").arg(icon)), text, this);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_saveAction = action(QStringLiteral("save"), tr("&Save"), [this] { save(false); });
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAsAction = action(QString(), tr("Save &as…"), [this] { save(true); });
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_reconnectAction =
        action(QStringLiteral("reconnect"), tr("&Reconnect"), [this] { m_session->reconnect(); });
    // The editor handles Ctrl+/ itself; the label only shows the key (a shortcut here would
    // compete with the editor's own).
    m_commentAction =
        action(QStringLiteral("comment"), keys::menuLabel(tr("Toggle comment"), keys::toggleComment()),
               [this] { m_editor->toggleComment(); });
    for (int i = 0; i < 3; ++i) {
        auto *separator = new QAction(this);
        separator->setSeparator(true);
        m_separators.append(separator);
    }
    QList<QAction *> own = m_toolbar->actions();
    own << m_saveAction << m_saveAsAction << m_reconnectAction << m_commentAction;
    for (QAction *a : std::as_const(own))
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions(own);

    m_results->setTabsClosable(true);
    m_results->setDocumentMode(true);
    m_results->setObjectName(QStringLiteral("resultTabs"));
    connect(m_results, &QTabWidget::tabCloseRequested, this, [this](int i) {
        QWidget *w = m_results->widget(i);
        if (w == m_messages)
            return; // the messages tab stays
        if (w == m_currentPane)
            m_currentPane = nullptr;
        m_results->removeTab(i);
        w->deleteLater();
    });
    m_messages->setReadOnly(true);
    m_messages->setObjectName(QStringLiteral("messages"));
    m_messages->setMaximumBlockCount(20000);
    m_results->addTab(m_messages, tr("Messages"));
    m_results->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);

    auto *editorBox = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_findBar);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(editorBox);
    split->addWidget(m_results);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(split, 1);
}

void QueryWorkspace::updateActions()
{
    const bool connected = m_session->state() == pg::Session::State::Connected;
    m_runAction->setEnabled(connected && !m_running);
    m_runScriptAction->setEnabled(connected && !m_running);
    m_explainAction->setEnabled(connected && !m_running);
    m_explainAnalyzeAction->setEnabled(connected && !m_running);
    m_cancelAction->setEnabled(m_running);
    const bool inTx = m_session->transactionStatus() == pg::TransactionStatus::InTransaction ||
                      m_session->transactionStatus() == pg::TransactionStatus::InFailedTransaction;
    m_commitAction->setEnabled(connected && inTx && !m_running);
    m_rollbackAction->setEnabled(connected && inTx && !m_running);
}

void QueryWorkspace::log(const QString &line, bool important)
{
    const QString stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz  "));
    m_messages->appendPlainText(stamp + line);
    if (important)
        m_results->setCurrentWidget(m_messages);
}

void QueryWorkspace::runStatementAtCursor()
{
    widgets::SqlEditor::Selection s = m_editor->selectedStatement();
    if (s.isEmpty())
        s = m_editor->statementAtCursor();
    if (s.isEmpty()) {
        log(tr("Nothing to run at the cursor."));
        return;
    }
    run({sql::ScriptStatement{s.sql, s.beginByte, 0}});
}

void QueryWorkspace::runScript()
{
    QStringList skipped;
    QList<sql::ScriptStatement> statements = sql::ScriptRunner::fromScript(m_editor->text(), &skipped);
    for (const QString &meta : std::as_const(skipped))
        log(tr("Skipped psql meta-command on %1").arg(meta));
    if (statements.isEmpty()) {
        log(tr("Nothing to run."));
        return;
    }
    run(std::move(statements));
}

void QueryWorkspace::run(QList<sql::ScriptStatement> statements)
{
    if (m_running)
        return;
    // The runner asks before anything is queued: asking later would open a modal dialog inside
    // the session's signal handler, whose nested event loop re-enters this workspace.
    if (m_confirmDestructive)
        m_runner->setConfirmHook([this](const QList<sql::DestructiveStatement> &risky) {
            return confirmDestructiveStatements(risky);
        });
    else
        m_runner->setConfirmHook({});
    m_runner->setExplicitTransaction(m_explicitTx);
    m_runner->setQueryOptions(queryOptionsFromSettings());
    m_editor->clearErrorMarks();
    ++m_runNumber;
    m_running = true;
    updateActions();
    m_runner->start(std::move(statements)); // declined: finished() says so and ends the run
}

bool QueryWorkspace::confirmDestructiveStatements(const QList<sql::DestructiveStatement> &risky)
{
    // One question for the whole run, with the exact SQL of every statement it is about.
    QStringList sqls;
    for (const sql::DestructiveStatement &r : risky)
        sqls << r.sql;
    QString reason = risky.first().reason;
    if (risky.size() > 1)
        reason +=
            tr(" (and %n more statement(s) of this run are destructive too)", nullptr, int(risky.size()) - 1);
    if (m_confirm(sqls.join(QStringLiteral("\n\n")), reason))
        return true;
    m_declinedSql = risky.first().sql;
    return false;
}

void QueryWorkspace::finishRun()
{
    m_running = false;
    m_explaining.reset();
    updateActions();
    emit statusChanged();
}

void QueryWorkspace::cancel()
{
    if (m_runner->isRunning() ? m_runner->cancel() : m_running && m_explainRunner->cancel())
        log(tr("Cancel requested…"));
}

void QueryWorkspace::onStatementStarted(int, const sql::ScriptStatement &)
{
    m_currentPane = nullptr;
    m_statementClock.start();
}

void QueryWorkspace::onResultStarted(int, int resultIndex, const pg::Columns &columns)
{
    m_currentPane = new ResultPane(columns, m_results);
    connect(m_currentPane, &ResultPane::exportFinished, this,
            [this](const QString &path, qint64 rows, const QString &error) {
                log(error.isEmpty() ? tr("Exported %L1 rows to %2.").arg(rows).arg(path) : error,
                    !error.isEmpty());
            });
    const int tab =
        m_results->addTab(m_currentPane, tr("Result %1.%2").arg(m_runNumber).arg(resultIndex + 1));
    const sql::ScriptStatement *statement = m_runner->current();
    m_results->setTabToolTip(tab, statement ? statement->sql.left(2000) : QString());
    m_results->setCurrentIndex(tab);
}

void QueryWorkspace::onRowsArrived(int, int, const pg::ResultChunk &chunk)
{
    if (m_currentPane)
        m_currentPane->append(chunk);
}

void QueryWorkspace::onResultCompleted(int, const pg::ResultSummary &summary)
{
    const qint64 ms = m_statementClock.elapsed();
    if (m_currentPane)
        m_currentPane->flushRows(); // the last rows on screen now, not after the batching interval
    if (summary.returnsRows && m_currentPane) {
        const int tab = m_results->indexOf(m_currentPane);
        if (tab >= 0)
            m_results->setTabText(
                tab, tr("Result %1.%2 (%L3)").arg(m_runNumber).arg(summary.index + 1).arg(summary.rows));
        log(tr("%1 — %L2 rows in %L3 ms").arg(summary.commandTag).arg(summary.rows).arg(ms));
    } else {
        log(tr("%1 — %L2 ms").arg(summary.commandTag).arg(ms));
    }
}

void QueryWorkspace::onStatementFinished(const sql::StatementOutcome &o)
{
    if (!o.error) {
        if (o.truncated)
            log(o.truncationReason + tr(" Change the limit in Settings (grid/maxRows, grid/maxMegabytes)."),
                true);
        recordHistory(o.statement.sql, o.durationMs, {}, {}, o.rows);
        return;
    }
    const pg::Error &error = *o.error;
    if (m_currentPane)
        m_currentPane->flushRows(); // rows that came before the error stay visible
    if (error.kind == pg::Error::Kind::Cancelled)
        log(tr("Cancelled: %1").arg(error.message), true);
    else
        log(error.toString(), true);
    if (o.statement.beginByte >= 0 && error.kind == pg::Error::Kind::Sql)
        m_editor->markError(o.statement.beginByte, error.position);
    recordHistory(o.statement.sql, o.durationMs, error.message, error.sqlState, o.rows);
}

void QueryWorkspace::onRunFinished(const sql::ScriptOutcome &outcome)
{
    if (outcome.declined) {
        log(tr("Not run (you declined): %1").arg(m_declinedSql.simplified().left(200)), true);
        if (outcome.statements > 1)
            log(tr("Nothing of the %n statement(s) was run.", nullptr, outcome.statements));
    } else if (outcome.notRun > 0) {
        log(outcome.cancelled
                ? tr("%n statement(s) after the cancelled one were not run.", nullptr, outcome.notRun)
                : tr("%n statement(s) after the failing one were not run.", nullptr, outcome.notRun));
    }
    finishRun();
}

void QueryWorkspace::recordHistory(const QString &sql, qint64 durationMs, const QString &error,
                                   const QString &sqlState, qint64 rows)
{
    if (!m_history)
        return;
    state::QueryHistoryEntry e;
    e.executedAt = QDateTime::currentDateTime();
    e.durationMs = durationMs;
    e.rows = rows;
    e.connection = m_session->params().displayName();
    e.sql = sql;
    e.error = error;
    e.sqlState = sqlState;
    m_history->record(e);
}

void QueryWorkspace::setExplicitTransactionMode(bool on)
{
    m_explicitTx = on;
    if (m_txModeAction->isChecked() != on)
        m_txModeAction->setChecked(on);
    log(on ? tr("Explicit transaction mode: statements run inside a transaction until Commit or Roll back.")
           : tr("Auto-commit mode."));
    emit statusChanged();
}

void QueryWorkspace::commit()
{
    run({sql::ScriptStatement{QStringLiteral("COMMIT"), -1, 0}});
}

void QueryWorkspace::rollback()
{
    run({sql::ScriptStatement{QStringLiteral("ROLLBACK"), -1, 0}});
}

bool QueryWorkspace::confirmClose()
{
    const auto tx = m_session->transactionStatus();
    if (tx != pg::TransactionStatus::InTransaction && tx != pg::TransactionStatus::InFailedTransaction)
        return true;
    const auto answer = QMessageBox::question(this, tr("Open transaction"),
                                              tr("This tab has an open transaction. Closing it rolls the "
                                                 "transaction back.\n\nRoll back and close?"),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Yes;
}
