#include "resultpane.h"

#include <QVBoxLayout>

// Placeholder until the grid (widgets/grid: ResultModel + ResultView) lands: counts rows only.
struct ResultPane::Private
{
    tusk::pg::Columns columns;
    QList<tusk::pg::ResultChunk> chunks;
    qint64 rows = 0;
};

ResultPane::ResultPane(const tusk::pg::Columns &columns, QWidget *parent)
    : QWidget(parent)
    , d(new Private)
{
    d->columns = columns;
    new QVBoxLayout(this);
}

ResultPane::~ResultPane() = default;

void ResultPane::append(const tusk::pg::ResultChunk &chunk)
{
    d->chunks << chunk;
    d->rows += chunk.rowCount();
}

qint64 ResultPane::rowCount() const
{
    return d->rows;
}
