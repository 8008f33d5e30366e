#pragma once

#include "explain/plan.h"

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace tusk::widgets {
class PlanView;
}

/// The query tab's plans: the plan view, and the tab's plan history (every EXPLAIN run or plan
/// opened in this tab, newest first) to go back to an earlier one while tuning.
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

    tusk::widgets::PlanView *view() const { return m_view; }
    QComboBox *historyBox() const { return m_historyBox; }
    QPushButton *whatIfButton() const { return m_whatIf; }

signals:
    /// "What if…": try hypothetical indexes for the plan shown (currentEntry()).
    void whatIfRequested();

private:
    QComboBox *m_historyBox;
    QPushButton *m_whatIf;
    tusk::widgets::PlanView *m_view;
    QList<Entry> m_history;
};
