#pragma once

#include "plan/plandocument.h"

#include <QTreeView>

namespace tusk::widgets {

class PlanTreeModel;

/// The plan as an indented grid (depesz-style): node, exclusive and inclusive time, share,
/// rows, misestimate, loops, buffers, warnings. Expanded fully; emits the node the user selects.
class PlanTreeGrid : public QTreeView
{
    Q_OBJECT
public:
    explicit PlanTreeGrid(QWidget *parent = nullptr);

    void setDocument(PlanDocumentPtr doc);
    PlanTreeModel *planModel() const { return m_model; }

    /// Selects and scrolls to a node without emitting nodeSelected.
    void selectNode(int nodeId);
    int selectedNode() const;

signals:
    void nodeSelected(int nodeId);

private:
    void fitColumns();

    PlanTreeModel *m_model;
    bool m_selecting = false;
};

} // namespace tusk::widgets
