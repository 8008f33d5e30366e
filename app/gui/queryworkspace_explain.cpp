// QueryWorkspace's EXPLAIN: the actions, their options and the Plan pane (kept apart from the
// query running in queryworkspace.cpp).
#include "queryworkspace.h"

#include "editor/sqleditor.h"
#include "explain/explainrunner.h"
#include "explain/plan.h"
#include "planpane.h"
#include "whatifdialog.h"

#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>

using namespace tusk;

namespace {
// Settings keys of the options, so the choice survives restarts; all tabs share them.
struct OptionKey
{
    const char *key;
    const char *label;
    bool sql::ExplainOptions::*member;
};
const OptionKey kOptionKeys[] = {
    {"buffers", QT_TRANSLATE_NOOP("QueryWorkspace", "BUFFERS: blocks read and hit"),
     &sql::ExplainOptions::buffers},
    {"verbose", QT_TRANSLATE_NOOP("QueryWorkspace", "VERBOSE: output columns, schemas"),
     &sql::ExplainOptions::verbose},
    {"settings", QT_TRANSLATE_NOOP("QueryWorkspace", "SETTINGS: changed planner settings"),
     &sql::ExplainOptions::settings},
    {"wal", QT_TRANSLATE_NOOP("QueryWorkspace", "WAL: records written (with ANALYZE)"),
     &sql::ExplainOptions::wal},
    {"timing", QT_TRANSLATE_NOOP("QueryWorkspace", "TIMING: per-node times (with ANALYZE)"),
     &sql::ExplainOptions::timing},
    {"costs", QT_TRANSLATE_NOOP("QueryWorkspace", "COSTS: planner estimates"), &sql::ExplainOptions::costs},
};
} // namespace

QWidget *QueryWorkspace::buildExplainOptionsButton()
{
    QSettings settings;
    for (const OptionKey &k : kOptionKeys)
        m_explainOptions.*k.member =
            settings.value(QStringLiteral("explain/") + QLatin1String(k.key), m_explainOptions.*k.member)
                .toBool();
    auto *menu = new QMenu(this);
    for (const OptionKey &k : kOptionKeys) {
        QAction *a = menu->addAction(tr(k.label));
        a->setCheckable(true);
        a->setChecked(m_explainOptions.*k.member);
        a->setObjectName(QStringLiteral("explainOption_") + QLatin1String(k.key));
        connect(a, &QAction::toggled, this, [this, member = k.member](bool on) {
            sql::ExplainOptions o = m_explainOptions;
            o.*member = on;
            setExplainOptions(o);
        });
    }
    auto *button = new QToolButton(this);
    button->setText(tr("Options"));
    button->setToolTip(tr("EXPLAIN options"));
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setObjectName(QStringLiteral("explainOptions"));
    return button;
}

void QueryWorkspace::setExplainOptions(const sql::ExplainOptions &options)
{
    m_explainOptions = options;
    QSettings settings;
    for (const OptionKey &k : kOptionKeys) {
        settings.setValue(QStringLiteral("explain/") + QLatin1String(k.key), options.*k.member);
        if (auto *a = findChild<QAction *>(QStringLiteral("explainOption_") + QLatin1String(k.key)))
            a->setChecked(options.*k.member);
    }
}

void QueryWorkspace::explain(bool analyze)
{
    if (m_running)
        return;
    widgets::SqlEditor::Selection s = m_editor->selectedStatement();
    if (s.isEmpty())
        s = m_editor->statementAtCursor();
    if (s.isEmpty()) {
        log(tr("Nothing to explain at the cursor."));
        return;
    }
    sql::ExplainOptions options = m_explainOptions;
    options.analyze = analyze;
    const auto prepared = sql::explainStatement(s.sql, options, m_session->serverInfo().versionNumber);
    if (!prepared) {
        log(prepared.error(), true);
        return;
    }
    for (const QString &dropped : prepared->droppedOptions)
        log(tr("Left out %1.").arg(dropped));
    using explain::ExplainRunner;
    // Every ANALYZE runs inside a rollback, whatever it looks like: SELECT purge_orders() writes.
    const auto wrap = ExplainRunner::wrapFor(analyze, m_session->transactionStatus());
    if (analyze && prepared->changesData) {
        const QString all = ExplainRunner::statements(prepared->sql, wrap).join(QStringLiteral(";\n")) + u';';
        const QString why =
            tr("changes data: EXPLAIN ANALYZE runs it for real, then Tusk rolls it back (%1). Effects "
               "outside "
               "the transaction stay: sequence values, NOTIFY, writes through dblink or to files")
                .arg(wrap == ExplainRunner::Wrap::RollbackToSavepoint
                         ? tr("to a savepoint in your transaction")
                         : tr("in a transaction of its own"));
        if (!m_confirm(all, why)) {
            log(tr("Not explained (you declined): %1").arg(s.sql.simplified().left(200)), true);
            return;
        }
        log(tr("EXPLAIN ANALYZE of a statement that changes data: running it inside %1, rolled back "
               "afterwards.")
                .arg(wrap == ExplainRunner::Wrap::RollbackToSavepoint ? tr("a savepoint")
                                                                      : tr("a transaction")),
            false);
    } else if (analyze) {
        log(tr("EXPLAIN ANALYZE runs the statement for real, inside %1 that is rolled back afterwards "
               "(a function it calls may write).")
                .arg(wrap == ExplainRunner::Wrap::RollbackToSavepoint ? tr("a savepoint")
                                                                      : tr("a transaction")),
            false);
    }
    m_editor->clearErrorMarks();
    ++m_runNumber;
    m_running = true;
    // The EXPLAIN is history's entry; its error positions are shifted back onto the editor's text.
    m_explaining = PendingExplain{prepared->sql, s.beginByte};
    m_explainPositions = *prepared;
    m_statementClock.start();
    updateActions();
    emit statusChanged();
    m_explainRunner->start(prepared->sql, wrap);
}

void QueryWorkspace::onPlanReady(const explain::ExplainOutcome &outcome)
{
    log(tr("Plan: %n node(s)", nullptr, int(outcome.plan.nodes.size())) +
        (outcome.plan.executionTimeMs
             ? tr(", executed in %L1 ms").arg(*outcome.plan.executionTimeMs, 0, 'f', 3)
             : QString()));
    if (m_explaining)
        recordHistory(m_explaining->sql, m_statementClock.elapsed(), {}, {}, -1);
    showPlan(outcome.plan, outcome.json, outcome.statement);
    finishRun();
}

void QueryWorkspace::onExplainFailed(const pg::Error &error)
{
    log(error.toString(), true);
    const int position = m_explainPositions.statementPosition(error.position);
    if (m_explaining && error.kind == pg::Error::Kind::Sql && error.position > 0 && position > 0)
        m_editor->markError(m_explaining->beginByte, position);
    if (m_explaining)
        recordHistory(m_explaining->sql, m_statementClock.elapsed(), error.message, error.sqlState, -1);
    finishRun();
}

void QueryWorkspace::showPlan(const explain::Plan &plan, const QString &originalText, const QString &title)
{
    if (!m_planPane) {
        m_planPane = new PlanPane(m_results);
        connect(m_planPane, &PlanPane::whatIfRequested, this, &QueryWorkspace::openWhatIf);
        m_results->insertTab(1, m_planPane, tr("Plan"));
        // A plan needs room: the first one takes three quarters of the height from the editor.
        if (auto *split = qobject_cast<QSplitter *>(m_results->parentWidget())) {
            const QList<int> sizes = split->sizes();
            const int total = sizes.value(0) + sizes.value(1);
            if (total > 0 && sizes.value(0) > total / 4)
                split->setSizes({total / 4, total - total / 4});
        }
    }
    m_planPane->addPlan({plan, originalText, title, QDateTime::currentDateTime()});
    m_results->setCurrentWidget(m_planPane);
}

void QueryWorkspace::openWhatIf()
{
    if (!m_planPane || m_planPane->currentEntry() < 0)
        return;
    const PlanPane::Entry &e = m_planPane->history().at(m_planPane->currentEntry());
    // Hypothetical indexes live in one backend: the dialog uses this tab's session.
    QString statement = sql::explainedStatement(e.title);
    if (statement.isEmpty())
        statement = e.plan.queryText; // auto_explain's "Query Text"
    // One at a time: two dialogs on one backend would reset each other's hypothetical indexes.
    for (WhatIfDialog *old : findChildren<WhatIfDialog *>())
        old->close();
    auto *dialog = new WhatIfDialog(m_session, statement, e.plan, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WhatIfDialog::insertRequested, this, [this](const QString &sql) {
        m_editor->insert(QStringLiteral("\n") + sql + QStringLiteral("\n"));
        m_editor->setFocus();
    });
    // "Compare plans": the re-plan with the hypothetical index joins the tab's history and is
    // diffed against the plan without it, in the Plan pane.
    connect(dialog, &WhatIfDialog::compareRequested, this,
            [this](const explain::Plan &before, const explain::Plan &after) {
                const QDateTime now = QDateTime::currentDateTime();
                m_planPane->addPlan({after, QString(), tr("What if: with the hypothetical index"), now});
                m_planPane->compareWith({before, QString(), tr("What if: without it"), now});
                m_results->setCurrentWidget(m_planPane);
            });
    dialog->show();
}
