#include "resultpane.h"

#include "grid/resultmodel.h"
#include "grid/resultview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

using tusk::widgets::ResultModel;
using tusk::widgets::ResultView;

ResultPane::ResultPane(const tusk::pg::Columns &columns, QWidget *parent)
    : QWidget(parent)
    , m_view(new ResultView(this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_filterDelay(new QTimer(this))
{
    m_view->resultModel()->setColumns(columns);
    m_filter->setPlaceholderText(tr("Filter fetched rows…"));
    m_filter->setClearButtonEnabled(true);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 4, 4, 0);
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    // Filtering a large result is real work: wait until typing pauses.
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filterDelay, &QTimer::timeout, this,
            [this] { m_view->resultModel()->setFilterText(m_filter->text()); });
    connect(m_view->resultModel(), &ResultModel::orderingFinished, this, &ResultPane::updateCount);
    updateCount();
}

ResultPane::~ResultPane() = default;

void ResultPane::append(const tusk::pg::ResultChunk &chunk)
{
    m_view->resultModel()->appendChunk(chunk);
    updateCount();
}

qint64 ResultPane::rowCount() const
{
    return m_view->resultModel()->rows().rowCount();
}

void ResultPane::updateCount()
{
    const qint64 all = rowCount();
    const qint64 shown = m_view->resultModel()->viewRowCount();
    m_count->setText(shown == all ? tr("%L1 rows").arg(all) : tr("%L1 of %L2 rows").arg(shown).arg(all));
}
