#pragma once

#include "pg/resultchunk.h"

#include <QWidget>

/// One result set in the query tab: the grid over its rows as they stream in.
class ResultPane : public QWidget
{
    Q_OBJECT
public:
    ResultPane(const tusk::pg::Columns &columns, QWidget *parent = nullptr);
    ~ResultPane() override;

    void append(const tusk::pg::ResultChunk &chunk);
    qint64 rowCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
