#pragma once

#include "plan/plandocument.h"

#include <QAbstractItemModel>
#include <QSet>

namespace tusk::widgets {

/// The plan as a tree of rows with depesz-style columns. Numbers are formatted here; colours
/// come from PlanGridDelegate, which reads the Heat and Share roles.
class PlanTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        Node,
        Exclusive,
        Inclusive,
        Share,
        Rows,
        Misestimate,
        Loops,
        Buffers,
        Warnings,
        ColumnCount
    };
    enum Role {
        NodeIdRole = Qt::UserRole + 1, ///< int
        HeatRole,                      ///< double 0..1: exclusive time relative to the slowest node
        ShareRole,                     ///< double 0..1
        SeverityRole,                  ///< int explain::Severity of the cell's warning, -1 none
        SortRole,                      ///< raw number
        MatchRole                      ///< bool: the node matches the search
    };

    explicit PlanTreeModel(QObject *parent = nullptr);

    void setDocument(PlanDocumentPtr doc);
    const PlanDocument *document() const { return m_doc.get(); }
    QModelIndex indexOfNode(int nodeId, int column = 0) const;
    static int nodeOf(const QModelIndex &index);
    /// Marks the nodes the search found (MatchRole).
    void setMatches(const QVector<int> &nodeIds);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const explain::PlanNode &n, int column) const;
    QVariant toolTip(const explain::PlanNode &n, int column) const;

    PlanDocumentPtr m_doc;
    QVector<int> m_row; ///< Row of each node under its parent.
    double m_maxExclusive = 0;
    QSet<int> m_matches;
};

} // namespace tusk::widgets
