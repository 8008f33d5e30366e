#pragma once

#include "export/copyformats.h"
#include "grid/resultrows.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <vector>

class QProgressDialog;
class QWidget;

namespace tusk::widgets {

/// Copies a large cell selection without freezing the window: formats it on a worker thread
/// behind a window-modal progress dialog, then puts the text on the clipboard. Cancel (or
/// cancel()) stops the worker at its next progress report. Deletes itself after finished().
/// @code
/// auto *job = new CopyJob({model->rows(), rows, columns, CopyFormat::Csv, {.headers = true}}, view);
/// connect(job, &CopyJob::finished, view, [](bool copied) { ... });
/// job->start();
/// @endcode
class CopyJob : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        ResultRows rows; ///< a snapshot; the model may keep growing meanwhile
        std::vector<qint64> rowList;
        std::vector<int> columns;
        exporting::CopyFormat format = exporting::CopyFormat::Tsv;
        exporting::CopyOptions options;
    };

    /// `parent` also parents the progress dialog.
    CopyJob(Request request, QWidget *parent);
    ~CopyJob() override;

    void start();
    void cancel();

signals:
    /// `copied` is false when the copy was cancelled.
    void finished(bool copied);

private:
    void onFinished();

    Request m_request;
    QPointer<QWidget> m_parent;
    QPointer<QProgressDialog> m_dialog; // parented to the widget, which may go first
    QFutureWatcher<QString> m_watcher;
};

} // namespace tusk::widgets
