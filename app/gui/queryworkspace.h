#pragma once

#include "pg/connectionparams.h"
#include "pg/connectionregistry.h"
#include "pg/error.h"
#include "pg/session.h"
#include "sql/explainstatement.h"
#include "sql/scriptrunner.h"
#include "workspace.h"

#include <QElapsedTimer>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QToolBar;

namespace tusk::widgets {
class FindBar;
class SqlEditor;
} // namespace tusk::widgets
namespace tusk::sql {
class CompletionCatalog;
}
namespace tusk::state {
class EditorTabStore;
class QueryHistoryStore;
struct EditorTab;
} // namespace tusk::state

class PlanPane;
class ResultPane;
namespace tusk::explain {
class ExplainRunner;
struct ExplainOutcome;
struct Plan;
} // namespace tusk::explain

/// One query tab: SQL editor, result tabs (one per result set, kept until closed), a messages
/// pane, and the session that runs it all. Scripts run statement by statement so that every
/// error is marked where it happened and every result set gets its own tab.
/// Its session is its own (registry->openQuerySession); completion reads names through the
/// connection's shared catalog session. The registry must outlive the workspace.
class QueryWorkspace : public Workspace
{
    Q_OBJECT
public:
    QueryWorkspace(tusk::pg::ConnectionRegistry *registry, const tusk::pg::ConnectionParams &params,
                   tusk::state::QueryHistoryStore *history, tusk::state::EditorTabStore *tabs = nullptr,
                   QWidget *parent = nullptr);
    ~QueryWorkspace() override;

    // Workspace
    QString title() const override;
    QString kind() const override { return QStringLiteral("query"); }
    QList<QAction *> menuActions(Menu menu) const override;
    tusk::pg::Session *session() const override { return m_session; }
    QString transactionModeText() const override;
    bool confirmClose() override;
    void saveState(int order) override;
    void discardState() override { discardAutosave(); }

    tusk::widgets::SqlEditor *editor() const { return m_editor; }
    tusk::widgets::FindBar *findBar() const { return m_findBar; }
    QTabWidget *results() const { return m_results; }
    QPlainTextEdit *messages() const { return m_messages; }
    bool isRunning() const { return m_running; }
    bool isExplicitTransactionMode() const { return m_explicitTx; }

    void runStatementAtCursor();
    void runScript();
    /// EXPLAIN (or EXPLAIN ANALYZE) of the selection or the statement at the cursor, with
    /// explainOptions(); the plan opens in the tab's Plan pane. Under ANALYZE a statement that
    /// changes data runs in a transaction (or savepoint) that is rolled back, after the user
    /// saw the exact SQL and agreed.
    void explain(bool analyze);
    const tusk::sql::ExplainOptions &explainOptions() const { return m_explainOptions; }
    void setExplainOptions(const tusk::sql::ExplainOptions &options);
    /// Shows a plan (from a file or the clipboard) in the Plan pane, into the tab's history.
    void showPlan(const tusk::explain::Plan &plan, const QString &originalText, const QString &title);
    /// The tab's plans; null until the first one.
    PlanPane *planPane() const { return m_planPane; }
    /// Opens the what-if dialog (HypoPG) for the Plan pane's current plan on this tab's session.
    void openWhatIf();
    void cancel();
    void setExplicitTransactionMode(bool on);
    void commit();
    void rollback();
    /// Saves to the tab's file, or asks for a name first (always with askForName: Save as).
    void save(bool askForName);

    /// Stable id under which the tab's text is autosaved.
    const QString &tabId() const { return m_tabId; }
    const QString &filePath() const { return m_filePath; }
    /// Puts an autosaved tab back (text, cursor, file, id).
    void restore(const tusk::state::EditorTab &tab);
    /// Saves the text to the state database now (also done every few seconds while typing).
    void autosave();
    /// Forgets the autosaved copy (the tab was closed on purpose).
    void discardAutosave();
    void setAutosaveInterval(int ms);

    /// Production connections: ask before DROP, TRUNCATE, DELETE/UPDATE without WHERE, ALTER … DROP.
    void setConfirmDestructive(bool on) { m_confirmDestructive = on; }
    /// Shows the exact SQL and the reason, returns true to run it (a message box by default).
    using ConfirmHandler = std::function<bool(const QString &sql, const QString &reason)>;
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }
    void setTabOrder(int order) { m_order = order; }

    /// Opens a .sql file (any size; invalid UTF-8 is reported). Returns false with a message on failure.
    bool openFile(const QString &path, QString *error);
    bool saveToFile(const QString &path, QString *error);

private:
    /// The EXPLAIN in flight: history's entry, and where its error positions point in the editor.
    struct PendingExplain
    {
        QString sql;
        int beginByte = 0;
    };
    void buildUi();
    /// Runs statements through the ScriptRunner; asks first about destructive ones (when set).
    void run(QList<tusk::sql::ScriptStatement> statements);
    /// The ScriptRunner's confirmation hook: one question for every destructive statement.
    bool confirmDestructiveStatements(const QList<tusk::sql::DestructiveStatement> &risky);
    void finishRun();
    void log(const QString &line, bool important = false);
    void onStatementStarted(int index, const tusk::sql::ScriptStatement &statement);
    void onResultStarted(int index, int resultIndex, const tusk::pg::Columns &columns);
    void onRowsArrived(int index, int resultIndex, const tusk::pg::ResultChunk &chunk);
    void onResultCompleted(int index, const tusk::pg::ResultSummary &summary);
    void onStatementFinished(const tusk::sql::StatementOutcome &outcome);
    void onRunFinished(const tusk::sql::ScriptOutcome &outcome);
    void onPlanReady(const tusk::explain::ExplainOutcome &outcome);
    void onExplainFailed(const tusk::pg::Error &error);
    void recordHistory(const QString &sql, qint64 durationMs, const QString &error, const QString &sqlState,
                       qint64 rows);
    void updateActions();
    QWidget *buildExplainOptionsButton();

    tusk::pg::SessionLease m_sessionLease;
    tusk::pg::SessionLease m_catalogLease; ///< shared with the browser and the connection's other tabs
    tusk::pg::Session *m_session;
    tusk::pg::Session *m_metaSession;
    tusk::sql::CompletionCatalog *m_catalog;
    tusk::state::QueryHistoryStore *m_history;
    tusk::state::EditorTabStore *m_tabStore;
    QString m_tabId;
    QString m_filePath;
    int m_order = 0;
    int m_number = 0;
    bool m_unsavedForAutosave = false;
    bool m_modifiedSinceFileSave = false;
    class QTimer *m_autosaveTimer;
    tusk::widgets::SqlEditor *m_editor;
    tusk::widgets::FindBar *m_findBar;
    QTabWidget *m_results;
    QPlainTextEdit *m_messages;
    QToolBar *m_toolbar;
    QAction *m_runAction;
    QAction *m_runScriptAction;
    QAction *m_cancelAction;
    QAction *m_txModeAction;
    QAction *m_commitAction;
    QAction *m_rollbackAction;
    QAction *m_explainAction;
    QAction *m_explainAnalyzeAction;
    QAction *m_saveAction;
    QAction *m_saveAsAction;
    QAction *m_reconnectAction;
    QAction *m_findAction;
    QAction *m_replaceAction;
    QAction *m_commentAction;
    QList<QAction *> m_separators; ///< between the groups of a menu
    tusk::explain::ExplainRunner *m_explainRunner;
    PlanPane *m_planPane = nullptr;
    tusk::sql::ExplainOptions m_explainOptions;
    tusk::sql::ExplainStatement m_explainPositions; ///< maps an EXPLAIN's error position back

    bool m_confirmDestructive = false;
    ConfirmHandler m_confirm;
    tusk::sql::ScriptRunner *m_runner;
    QString m_declinedSql; ///< the first destructive statement the user said no to
    std::optional<PendingExplain> m_explaining;
    bool m_running = false; ///< a run of statements or an EXPLAIN
    int m_runNumber = 0;
    bool m_explicitTx = false;
    QElapsedTimer m_statementClock;
    ResultPane *m_currentPane = nullptr;
};
