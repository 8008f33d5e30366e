#pragma once

#include <QWidget>

class QLineEdit;
class QTimer;
class QTreeWidget;

namespace tusk::state {
class QueryHistoryStore;
struct QueryHistoryEntry;
} // namespace tusk::state

/// The query history: newest first, filtered as you type (in SQL, connection and error text);
/// double-click puts a statement back into the editor.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    HistoryPanel(tusk::state::QueryHistoryStore *store, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QLineEdit *filter() const { return m_filter; }

signals:
    void openRequested(const QString &sql);

private:
    void refresh();
    void showEntries(quint64 request, const QList<tusk::state::QueryHistoryEntry> &entries);

    tusk::state::QueryHistoryStore *m_store;
    QLineEdit *m_filter;
    QTreeWidget *m_list;
    QTimer *m_debounce;
    quint64 m_request = 0;
};
