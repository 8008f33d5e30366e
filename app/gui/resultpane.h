#pragma once

#include "pg/resultchunk.h"

#include <QWidget>

class QLineEdit;
class QLabel;
class QTimer;

namespace tusk::widgets {
class ResultView;
}

/// One result set in the query tab: a filter box and the grid, filled while rows stream in.
class ResultPane : public QWidget
{
    Q_OBJECT
public:
    ResultPane(const tusk::pg::Columns &columns, QWidget *parent = nullptr);
    ~ResultPane() override;

    void append(const tusk::pg::ResultChunk &chunk);
    qint64 rowCount() const;
    tusk::widgets::ResultView *view() const { return m_view; }
    QLineEdit *filter() const { return m_filter; }

private:
    void updateCount();

    tusk::widgets::ResultView *m_view;
    QLineEdit *m_filter;
    QLabel *m_count;
    QTimer *m_filterDelay;
};
