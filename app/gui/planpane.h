#pragma once

#include "explain/plan.h"

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace tusk::widgets {
class PlanDiffView;
class PlanView;
} // namespace tusk::widgets

/// The query tab's plans: the plan view, and the tab's plan history (every EXPLAIN run or plan
/// opened in this tab, newest first) to go back to an earlier one while tuning. "Compare…"
/// shows the current plan next to another one (from the history, a file or the clipboard) as a
/// plan diff, in place of the plan view until "Back".
class PlanPane : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        tusk::explain::Plan plan;
        QString originalText; ///< what the server answered or the user pasted, for export
        QString title;        ///< "EXPLAIN ANALYZE SELECT …" or the file name
        QDateTime at;
    };

    explicit PlanPane(QWidget *parent = nullptr);

    /// Shows the plan and puts it first in the history.
    void addPlan(const Entry &entry);
    const QList<Entry> &history() const { return m_history; }
    /// Shows the history's entry i (0 is the newest).
    void showEntry(int i);
    int currentEntry() const;

    /// Compares the current plan with the history's entry i: the older of the two is "before".
    void compareWithEntry(int i);
    /// Compares the current plan with one from elsewhere (a file, the clipboard): that one is
    /// "before", the current plan "after" — the usual question is "what did my change do to it".
    void compareWith(const Entry &other);
    /// Back from the diff to the plan view.
    void showPlanView();
    bool isComparing() const;

    tusk::widgets::PlanView *view() const { return m_view; }
    tusk::widgets::PlanDiffView *diffView() const { return m_diff; }
    QComboBox *historyBox() const { return m_historyBox; }
    QToolButton *compareButton() const { return m_compare; }
    QPushButton *whatIfButton() const { return m_whatIf; }

signals:
    /// "What if…": try hypothetical indexes for the plan shown (currentEntry()).
    void whatIfRequested();

private:
    QWidget *buildDiffPage();
    void fillCompareMenu();
    void showDiff(const Entry &before, const Entry &after);

    QComboBox *m_historyBox;
    QPushButton *m_whatIf;
    QToolButton *m_compare;
    QStackedWidget *m_pages;
    tusk::widgets::PlanView *m_view;
    tusk::widgets::PlanDiffView *m_diff;
    QLabel *m_diffTitle = nullptr;
    QList<Entry> m_history;
    Entry m_diffBefore; ///< What the diff shows, for "Swap".
    Entry m_diffAfter;
};
