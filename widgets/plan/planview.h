#pragma once

#include "explain/plan.h"
#include "explain/planmetrics.h"
#include "plan/plandocument.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QSplitter;
class QToolBar;

namespace tusk::widgets {

class PlanDetailsPanel;
class PlanGraphView;
class PlanSearchBar;
class PlanTreeGrid;

/// The whole plan view, ready to drop into a tab: a header (planning and execution time, the
/// top warnings), a toolbar (heat metric, fit, zoom, fold / unfold all, search, export PNG /
/// SVG / the original text) and the graph over the grid, with the selected node's details on the right.
/// Graph, grid and details follow one selection.
/// @code
/// auto *view = new PlanView;
/// if (auto plan = JsonPlanParser::parse(text)) view->setPlan(*plan, text);
/// @endcode
class PlanView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanView(QWidget *parent = nullptr);

    void setPlan(const explain::Plan &plan, const QString &originalText);
    PlanDocumentPtr document() const { return m_doc; }

    PlanGraphView *graph() const { return m_graph; }
    PlanTreeGrid *grid() const { return m_grid; }
    PlanDetailsPanel *details() const { return m_details; }
    PlanSearchBar *searchBar() const { return m_search; }
    QLabel *header() const { return m_header; }

    void selectNode(int nodeId);
    int selectedNode() const { return m_selected; }
    void setMetric(explain::HeatMetric metric);
    /// The current search's matches, in plan order.
    const QVector<int> &matches() const { return m_matches; }

    /// Writes the original text (JSON as the user gave it).
    bool exportOriginal(const QString &path) const;

signals:
    void nodeSelected(int nodeId);

private:
    QToolBar *buildToolBar();
    void updateHeader();
    void search(const QString &text);
    void goToMatch(int step);
    void exportWithDialog(const QString &filter, const QString &suffix);

    PlanDocumentPtr m_doc;
    QLabel *m_header;
    QComboBox *m_metric;
    PlanSearchBar *m_search;
    PlanGraphView *m_graph;
    PlanTreeGrid *m_grid;
    PlanDetailsPanel *m_details;
    QSplitter *m_splitter;
    QAction *m_unfoldAll = nullptr;
    QAction *m_foldAll = nullptr;
    QVector<int> m_matches;
    int m_currentMatch = -1;
    int m_selected = -1;
};

} // namespace tusk::widgets
