#pragma once

#include "advisor/whatifrunner.h"
#include "explain/indexadvisor.h"
#include "explain/plan.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QWidget;

namespace tusk::pg {
class Session;
}
namespace tusk::widgets {
class PlanView;
}

/// "What if…" for a plan: candidate indexes from the plan (and pg_qualstats), tried as HypoPG
/// hypothetical indexes on the query tab's session, with the estimated cost before → after, whether
/// the planner used each, the plan with it, and the CREATE INDEX CONCURRENTLY of the winner.
/// Without HypoPG it says how to install it, or offers CREATE EXTENSION (after asking).
class WhatIfDialog : public QDialog
{
    Q_OBJECT
public:
    /// `statement` is what gets planned again (empty: candidates only, nothing to run).
    WhatIfDialog(tusk::pg::Session *session, const QString &statement, const tusk::explain::Plan &before,
                 QWidget *parent = nullptr);

    /// Probes the server and lists the candidates (called when shown; tests call it directly).
    void start();
    /// Tries the checked candidates.
    void runChecked();

    /// Shows the exact SQL and why; true runs it. A message box unless replaced (tests).
    using ConfirmHandler = std::function<bool(const QString &sql, const QString &reason)>;
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }

    /// Shows what a probe found and lists the candidates; tests call it to show the dialog of
    /// a server without HypoPG.
    void showProbe(const tusk::advisor::HypoPgStatus &status);
    /// The text shown when HypoPG cannot be used, for a probe's status (empty when it can).
    static QString unavailableMessage(const tusk::advisor::HypoPgStatus &status);

    tusk::advisor::WhatIfRunner *runner() const { return m_runner; }
    const QVector<tusk::explain::IndexCandidate> &candidates() const { return m_candidates; }
    const QVector<tusk::advisor::WhatIfResult> &results() const { return m_results; }
    /// Index into results() of the recommended index, -1 for none (yet).
    int winner() const { return m_winner; }
    /// The winner's CREATE INDEX CONCURRENTLY statement, empty without one.
    QString recommendedStatement() const;
    bool isBusy() const { return m_runner->isRunning(); }
    QTreeWidget *candidateList() const { return m_list; }
    QPlainTextEdit *instructions() const { return m_instructions; }
    QPushButton *createExtensionButton() const { return m_createExtension; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *insertButton() const { return m_insert; }

signals:
    /// "Insert into editor": the statement to put at the editor's cursor.
    void insertRequested(const QString &sql);
    /// Hook for a plan diff view: the baseline plan and the plan with the selected candidate.
    void compareRequested(const tusk::explain::Plan &before, const tusk::explain::Plan &after);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void onCandidates(const QVector<tusk::explain::IndexCandidate> &candidates);
    void onCandidateFinished(const tusk::advisor::WhatIfResult &result);
    void onFinished(const QVector<tusk::advisor::WhatIfResult> &results, int winner);
    void showSelected();
    /// Without HypoPG nothing can be tried: the selected candidate's statement is shown as is.
    void showUntriedStatement();
    void setStatus(const QString &text);
    void updateButtons();
    int rowOfResult(int resultIndex) const;

    tusk::advisor::WhatIfRunner *m_runner;
    QString m_statement;
    tusk::explain::Plan m_before;
    tusk::explain::Plan m_baseline;
    QVector<tusk::explain::IndexCandidate> m_candidates;
    QVector<int> m_runRows; ///< list row of each candidate given to the runner
    QVector<tusk::advisor::WhatIfResult> m_results;
    int m_winner = -1;
    bool m_started = false;
    int m_planShown = -1; ///< result whose plan the view shows, -1: the current plan
    tusk::advisor::HypoPgStatus::State m_hypopg =
        tusk::advisor::HypoPgStatus::State::NotAvailable; ///< as the last probe said
    ConfirmHandler m_confirm;

    class QSplitter *m_split;
    QWidget *m_top;
    QLabel *m_status;
    QWidget *m_extensionBox;
    QPlainTextEdit *m_instructions;
    QPushButton *m_createExtension;
    QTreeWidget *m_list;
    QLabel *m_reason;
    tusk::widgets::PlanView *m_planView;
    QLabel *m_planTitle;
    QPlainTextEdit *m_statementBox;
    QLabel *m_winnerTitle;
    QPushButton *m_copy;
    QPushButton *m_insert;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_compare;
};
