#pragma once

#include "explain/plandiff.h"
#include "plan/plandocument.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QSplitter;
class QTextBrowser;
class QTreeWidget;

namespace tusk::widgets {

class PlanGraphView;
struct NodeMark;

/// Two plans side by side with their nodes matched (explain::PlanDiff): a header with the
/// statement's figures before → after, the changes ranked biggest first (click one to select
/// both nodes), the selected pair's figures before / after / change, and the two plan graphs
/// with cards coloured by the change (faster green, slower red, added blue, removed grey and
/// dashed) and tagged with the change in time. Selecting a node on one side selects its
/// match on the other.
/// @code
/// auto *view = new PlanDiffView;
/// view->setPlans(before, beforeText, tr("10:02 EXPLAIN …"), after, afterText, tr("10:05 …"));
/// @endcode
class PlanDiffView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanDiffView(QWidget *parent = nullptr);

    void setPlans(const explain::Plan &before, const QString &beforeText, const QString &beforeTitle,
                  const explain::Plan &after, const QString &afterText, const QString &afterTitle);
    const explain::PlanDiff &diff() const { return m_diff; }
    PlanDocumentPtr beforeDocument() const { return m_before; }
    PlanDocumentPtr afterDocument() const { return m_after; }

    PlanGraphView *beforeGraph() const { return m_beforeGraph; }
    PlanGraphView *afterGraph() const { return m_afterGraph; }
    QTreeWidget *changeList() const { return m_list; }
    QTextBrowser *pairDetails() const { return m_details; }
    QLabel *header() const { return m_header; }

    /// Selects a change (an index into diff().changes()): both of its nodes, its list row.
    void selectChange(int changeIndex);
    int selectedChange() const { return m_selected; }

signals:
    void changeSelected(int changeIndex);

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();
    void fillList();
    void updateHeader();
    void markGraphs();
    void updateCaptions();
    void fitPairTable();
    void selectGroup(int group, bool beforeSide);
    QHash<int, NodeMark> foldMarks(PlanGraphView *graph, const PlanDocument &doc,
                                   const QHash<int, NodeMark> &marks, bool beforeSide) const;

    explain::PlanDiff m_diff;
    PlanDocumentPtr m_before;
    PlanDocumentPtr m_after;
    QLabel *m_header;
    QTreeWidget *m_list;
    QTextBrowser *m_details;
    QString m_beforeTitleText;
    QString m_afterTitleText;
    QLabel *m_beforeTitle;
    QLabel *m_afterTitle;
    PlanGraphView *m_beforeGraph;
    PlanGraphView *m_afterGraph;
    QSplitter *m_vertical;
    QHash<int, int> m_lineOf; ///< Change index → row of the list (its own, or its run's).
    int m_selected = -1;
    bool m_restyling = false;
};

} // namespace tusk::widgets
