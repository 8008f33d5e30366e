#include "plan/plantreegrid.h"

#include "plan/plangriddelegate.h"
#include "plan/plantreemodel.h"

#include <QHeaderView>

namespace tusk::widgets {

PlanTreeGrid::PlanTreeGrid(QWidget *parent)
    : QTreeView(parent)
    , m_model(new PlanTreeModel(this))
{
    setModel(m_model);
    setItemDelegate(new PlanGridDelegate(this));
    // Fixed row height lets the view lay out 10,000 rows without asking each one.
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(SelectRows);
    setSelectionMode(SingleSelection);
    setIndentation(14);
    setAllColumnsShowFocus(true);
    header()->setStretchLastSection(true);
    header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!m_selecting && current.isValid())
                    emit nodeSelected(PlanTreeModel::nodeOf(current));
            });
}

void PlanTreeGrid::setDocument(PlanDocumentPtr doc)
{
    m_model->setDocument(std::move(doc));
    expandAll();
    fitColumns();
}

void PlanTreeGrid::fitColumns()
{
    // Measured from the text width of typical cells rather than resizeColumnToContents(),
    // which asks every one of 10,000 rows.
    const QFontMetrics fm(font());
    const int number = fm.horizontalAdvance(QStringLiteral("12,345 ms")) + 16;
    setColumnWidth(PlanTreeModel::Node, fm.horizontalAdvance(QLatin1Char('x')) * 34 + indentation() * 4);
    setColumnWidth(PlanTreeModel::Exclusive, number);
    setColumnWidth(PlanTreeModel::Inclusive, number);
    setColumnWidth(PlanTreeModel::Share, fm.horizontalAdvance(QStringLiteral("100%")) + 70);
    setColumnWidth(PlanTreeModel::Rows, fm.horizontalAdvance(QStringLiteral("12.3M / 12.3M")) + 16);
    setColumnWidth(PlanTreeModel::Misestimate, fm.horizontalAdvance(PlanTreeModel::tr("Misestimate")) + 14);
    setColumnWidth(PlanTreeModel::Loops, fm.horizontalAdvance(QStringLiteral("12,345")) + 16);
    setColumnWidth(PlanTreeModel::Buffers, fm.horizontalAdvance(QStringLiteral("12.3k / 12.3k")) + 16);
}

void PlanTreeGrid::selectNode(int nodeId)
{
    const QModelIndex index = m_model->indexOfNode(nodeId);
    m_selecting = true;
    if (index.isValid()) {
        selectionModel()->setCurrentIndex(index,
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        scrollTo(index);
    } else {
        selectionModel()->clearSelection();
    }
    m_selecting = false;
}

int PlanTreeGrid::selectedNode() const
{
    return PlanTreeModel::nodeOf(currentIndex());
}

} // namespace tusk::widgets
