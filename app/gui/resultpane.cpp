#include "resultpane.h"

#include "grid/chunkbatcher.h"
#include "grid/resultmodel.h"
#include "grid/resultview.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPromise>
#include <QPushButton>
#include <QSaveFile>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using tusk::widgets::ResultModel;
using tusk::widgets::ResultView;

ResultPane::ResultPane(const tusk::pg::Columns &columns, QWidget *parent)
    : QWidget(parent)
    , m_view(new ResultView(this))
    , m_batcher(new tusk::widgets::ChunkBatcher(m_view->resultModel(), this))
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
    auto *exportButton = new QPushButton(tr("Export…"), this);
    connect(exportButton, &QPushButton::clicked, this, &ResultPane::exportWithDialog);
    top->addWidget(exportButton);
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
    connect(m_batcher, &tusk::widgets::ChunkBatcher::appended, this, &ResultPane::updateCount);
    updateCount();
}

ResultPane::~ResultPane() = default;

void ResultPane::append(const tusk::pg::ResultChunk &chunk)
{
    m_batcher->push(chunk);
}

void ResultPane::flushRows()
{
    m_batcher->flush();
}

qint64 ResultPane::rowCount() const
{
    return m_view->resultModel()->rows().rowCount() + m_batcher->pendingRows();
}

void ResultPane::updateCount()
{
    const qint64 all = m_view->resultModel()->rows().rowCount();
    const qint64 shown = m_view->resultModel()->matchingRowCount();
    if (shown != all)
        m_count->setText(tr("%L1 of %L2 rows").arg(shown).arg(all));
    else
        m_count->setText(all == 1 ? tr("1 row") : tr("%L1 rows").arg(all));
}

void ResultPane::exportWithDialog()
{
    // The chosen filter is compared with the (translated) filters offered, not with its words.
    const QString csv = tr("CSV (*.csv)");
    const QString json = tr("JSON (*.json)");
    const QString tsv = tr("TSV (*.tsv)");
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export rows"), QString(), QStringList{csv, json, tsv}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    tusk::exporting::RowFormat format = tusk::exporting::RowFormat::Csv;
    if (filter == json || path.endsWith(QLatin1String(".json")))
        format = tusk::exporting::RowFormat::Json;
    else if (filter == tsv || path.endsWith(QLatin1String(".tsv")))
        format = tusk::exporting::RowFormat::Tsv;
    exportTo(path, format);
}

void ResultPane::exportTo(const QString &path, tusk::exporting::RowFormat format, bool showProgress)
{
    if (m_export)
        return;
    // A snapshot: chunks are shared and immutable, so the worker reads while rows keep arriving.
    const tusk::widgets::ResultRows rows = m_view->resultModel()->rows();
    auto work = [rows, path, format](QPromise<QString> &promise) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            promise.addResult(QCoreApplication::translate("ResultPane", "Cannot write %1: %2")
                                  .arg(path, file.errorString()));
            return;
        }
        {
            tusk::exporting::RowWriter writer(format,
                                              [&file](const char *d, qsizetype n) { file.write(d, n); });
            writer.beginResult(rows.columns());
            promise.setProgressRange(0, rows.chunkCount());
            for (int i = 0; i < rows.chunkCount(); ++i) {
                if (promise.isCanceled()) {
                    file.cancelWriting(); // nothing half-written stays on disk
                    return;
                }
                writer.writeChunk(rows.chunk(i));
                promise.setProgressValue(i + 1);
            }
            writer.endResult();
        }
        if (!file.commit())
            promise.addResult(QCoreApplication::translate("ResultPane", "Cannot write %1: %2")
                                  .arg(path, file.errorString()));
        else
            promise.addResult(QString());
    };
    m_export = new QFutureWatcher<QString>(this);
    QProgressDialog *progress = nullptr;
    if (showProgress) {
        progress = new QProgressDialog(tr("Exporting %L1 rows to %2…").arg(rows.rowCount()).arg(path),
                                       tr("Cancel"), 0, qMax(1, rows.chunkCount()), this);
        progress->setMinimumDuration(300);
        progress->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_export, &QFutureWatcherBase::progressValueChanged, progress, &QProgressDialog::setValue);
        connect(progress, &QProgressDialog::canceled, m_export, &QFutureWatcherBase::cancel);
    }
    const qint64 rowCount = rows.rowCount();
    connect(m_export, &QFutureWatcherBase::finished, this, [this, progress, path, rowCount] {
        QString error;
        if (m_export->isCanceled())
            error = tr("Export cancelled; no file was written.");
        else if (m_export->future().resultCount() > 0)
            error = m_export->future().result();
        if (progress)
            progress->close();
        m_export->deleteLater();
        m_export = nullptr;
        emit exportFinished(path, error.isEmpty() ? rowCount : 0, error);
    });
    m_export->setFuture(QtConcurrent::run(work));
}

void ResultPane::cancelExport()
{
    if (m_export)
        m_export->cancel();
}
