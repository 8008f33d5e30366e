#pragma once

#include "export/copyformats.h"

#include <QPointer>
#include <QTableView>

namespace tusk::widgets {

class CopyJob;
class ResultModel;

/// The query tool's result grid: a QTableView over its own ResultModel with the NULL-aware
/// delegate, one-line rows of one fixed height, column widths fitted to the header and the first
/// 200 rows (at most 400 px), sorting by header click (third click restores the server's order),
/// and copying: Ctrl+C (TSV), Ctrl+Shift+C (TSV with headers) and a context menu with CSV, JSON,
/// Markdown and SQL INSERT. A selection of several blocks copies the rows and columns they span.
/// Selections above backgroundCopyCells() are formatted on a worker thread behind a progress
/// dialog; above maxCopyCells() the copy is refused with a message (export the result instead).
class ResultView : public QTableView
{
    Q_OBJECT
public:
    static constexpr qint64 kBackgroundCopyCells = 1'000'000;
    /// About 100 MB of UTF-8 and twice that as the clipboard's QString — enough for a clipboard.
    static constexpr qint64 kMaxCopyCells = 10'000'000;

    explicit ResultView(QWidget *parent = nullptr);
    ~ResultView() override;

    /// The view's model (do not replace it with setModel()).
    ResultModel *resultModel() const { return m_model; }
    /// The table SQL INSERT copies name; unset gives the placeholder `table_name`.
    void setInsertTarget(const QString &schema, const QString &table);
    /// For tests and settings: the copy-size thresholds.
    void setCopyLimits(qint64 backgroundCells, qint64 maxCells);
    qint64 backgroundCopyCells() const { return m_backgroundCopyCells; }
    qint64 maxCopyCells() const { return m_maxCopyCells; }

    /// Copies the selected cells to the clipboard; large selections finish asynchronously.
    void copySelection(exporting::CopyFormat format, bool headers = false);

signals:
    /// The clipboard holds the copied cells.
    void copied(qint64 cells);
    /// A selection was too large to copy; `message` says so and what to do instead.
    void copyRefused(const QString &message);

public slots:
    /// Selects every matching row, including those the view was not given yet (Ctrl+A).
    void selectAll() override;

protected:
    /// Ctrl+End goes to the last row fetched, not the last one the view was given so far.
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void onModelReset();
    void onRowsInserted();
    void fitColumns();
    void applyRowHeight();
    void paintGrid();

    ResultModel *m_model;
    QString m_insertSchema;
    QString m_insertTable;
    qint64 m_backgroundCopyCells = kBackgroundCopyCells;
    qint64 m_maxCopyCells = kMaxCopyCells;
    const void *m_fittedColumns = nullptr; // the Columns the widths were fitted for
    bool m_fittedToRows = false;
    QPointer<CopyJob> m_copyJob;
};

} // namespace tusk::widgets
