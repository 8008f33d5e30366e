#include "grid/copyjob.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QProgressDialog>
#include <QPromise>
#include <QtConcurrentRun>

namespace tusk::widgets {

CopyJob::CopyJob(Request request, QWidget *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_parent(parent)
{}

CopyJob::~CopyJob()
{
    // The worker owns copies of everything it reads; cancelling just stops it early.
    m_watcher.future().cancel();
    delete m_dialog;
}

void CopyJob::start()
{
    const auto rows = int(m_request.rowList.size());
    const qint64 cells = qint64(rows) * qint64(m_request.columns.size());
    m_dialog = new QProgressDialog(tr("Copying %L1 cells…").arg(cells), tr("Cancel"), 0, rows, m_parent);
    m_dialog->setWindowTitle(tr("Copy"));
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    // Quick copies finish before the dialog would show; it appears only when one takes a while.
    m_dialog->setMinimumDuration(500);
    connect(m_dialog, &QProgressDialog::canceled, this, &CopyJob::cancel);
    connect(&m_watcher, &QFutureWatcher<QString>::progressValueChanged, m_dialog, &QProgressDialog::setValue);
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, &CopyJob::onFinished);
    m_watcher.setFuture(QtConcurrent::run(
        [](QPromise<QString> &promise, const Request &request) {
            promise.setProgressRange(0, int(request.rowList.size()));
            exporting::CopyOptions options = request.options;
            options.progress = [&promise](qint64 rowsDone) {
                promise.setProgressValue(int(rowsDone));
                return !promise.isCanceled();
            };
            QString text = exporting::formatCells(request.rows, request.rowList, request.columns,
                                                  request.format, options);
            if (!text.isNull())
                promise.addResult(std::move(text));
        },
        std::move(m_request)));
}

void CopyJob::cancel()
{
    m_watcher.future().cancel();
}

void CopyJob::onFinished()
{
    QFuture<QString> future = m_watcher.future();
    const bool copied = !future.isCanceled() && future.resultCount() > 0;
    if (copied)
        QGuiApplication::clipboard()->setText(future.takeResult());
    if (m_dialog)
        m_dialog->hide();
    emit finished(copied);
    deleteLater();
}

} // namespace tusk::widgets
