#pragma once

#include "export/rowwriter.h"
#include "pg/resultchunk.h"

#include <QFutureWatcher>
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
    QLineEdit *m_filter;
    QLabel *m_count;
    QTimer *m_filterDelay;
    QFutureWatcher<QString> *m_export = nullptr;
};
