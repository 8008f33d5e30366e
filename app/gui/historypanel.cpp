#include "historypanel.h"

#include "state/queryhistorystore.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using tusk::state::QueryHistoryEntry;

HistoryPanel::HistoryPanel(tusk::state::QueryHistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_filter(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
    , m_debounce(new QTimer(this))
{
    m_filter->setPlaceholderText(tr("Search history…"));
    m_filter->setClearButtonEnabled(true);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("When"), tr("Statement"), tr("Rows"), tr("ms")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->setObjectName(QStringLiteral("historyList"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &HistoryPanel::refresh);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_store, &tusk::state::QueryHistoryStore::recorded, m_debounce, qOverload<>(&QTimer::start));
    connect(m_store, &tusk::state::QueryHistoryStore::searchFinished, this, &HistoryPanel::showEntries);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem *item) { emit openRequested(item->data(1, Qt::UserRole).toString()); });
    refresh();
}

void HistoryPanel::refresh()
{
    m_request = m_store->search(m_filter->text());
}

void HistoryPanel::showEntries(quint64 request, const QList<QueryHistoryEntry> &entries)
{
    if (request != m_request)
        return; // an older search answered late
    m_list->clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(entries.size());
    for (const QueryHistoryEntry &e : entries) {
        auto *item = new QTreeWidgetItem;
        item->setText(0, e.executedAt.toString(QStringLiteral("MM-dd HH:mm:ss")));
        item->setText(1, e.sql.simplified().left(200));
        item->setData(1, Qt::UserRole, e.sql);
        item->setText(2, e.rows >= 0 ? QLocale().toString(e.rows) : QString());
        item->setText(3, QLocale().toString(e.durationMs));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        QString tip = e.sql.left(2000) + QStringLiteral("\n\n") + e.connection;
        if (!e.error.isEmpty()) {
            item->setForeground(1, QColor(0xd7, 0x3a, 0x49));
            tip += QStringLiteral("\n") + e.sqlState + QStringLiteral(": ") + e.error;
        }
        item->setToolTip(1, tip);
        items << item;
    }
    m_list->addTopLevelItems(items);
    m_list->resizeColumnToContents(0);
}
