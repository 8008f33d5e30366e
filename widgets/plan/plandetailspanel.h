#pragma once

#include "plan/plandocument.h"

#include <QTextBrowser>

namespace tusk::widgets {

/// Everything about the selected node, readable: what it is, times and rows, conditions, sort
/// and hash figures, buffers, the workers' table, every other property PostgreSQL printed, and
/// the warnings with what to try. For a folded group: its members and totals.
class PlanDetailsPanel : public QTextBrowser
{
    Q_OBJECT
public:
    explicit PlanDetailsPanel(QWidget *parent = nullptr);

    void setDocument(PlanDocumentPtr doc);
    void showNode(int nodeId);
    void showGroup(int groupId);
    /// What is shown: -1 or a node id.
    int shownNode() const { return m_node; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void showPlanSummary();
    QString styleSheetText() const;

    PlanDocumentPtr m_doc;
    int m_node = -1;
    int m_group = -1;
};

} // namespace tusk::widgets
