#pragma once

#include "export/rowwriter.h"
#include "pg/resultchunk.h"

#include <QFutureWatcher>
#include <QWidget>

class QLineEdit;
class QLabel;
class QTimer;

namespace tusk::widgets {
class ChunkBatcher;
class ResultView;
} // namespace tusk::widgets

/// One result set in the query tab: a filter box and the grid, filled while rows stream in.
class ResultPane : public QWidget
{
    Q_OBJECT
public:
    ResultPane(const tusk::pg::Columns &columns, QWidget *parent = nullptr);
    ~ResultPane() override;

    /// Rows as they stream in; the grid shows them in batches (see widgets::ChunkBatcher).
    void append(const tusk::pg::ResultChunk &chunk);
    /// Shows every row appended so far (at the end of the result).
    void flushRows();
    /// Rows received, shown or about to be.
    qint64 rowCount() const;
    tusk::widgets::ResultView *view() const { return m_view; }
    QLineEdit *filter() const { return m_filter; }

    /// Writes every fetched row (not only the filtered ones) to path in the background, with
    /// a progress dialog that can cancel; a cancelled export leaves no file behind.
    void exportTo(const QString &path, tusk::exporting::RowFormat format, bool showProgress = true);
    /// Asks for a file name and format, then exports.
    void exportWithDialog();
    /// The running export, to cancel it (tests; the dialog's Cancel does the same).
    void cancelExport();

signals:
    void exportFinished(const QString &path, qint64 rows, const QString &error);

private:
    void updateCount();

    tusk::widgets::ResultView *m_view;
    tusk::widgets::ChunkBatcher *m_batcher;
    QLineEdit *m_filter;
    QLabel *m_count;
    QTimer *m_filterDelay;
    QFutureWatcher<QString> *m_export = nullptr;
};
