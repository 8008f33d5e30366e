#include "planimport.h"

#include "explain/planreader.h"
#include "queryworkspace.h"

#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>

namespace planimport {

bool show(QueryWorkspace *workspace, const QByteArray &bytes, const QString &title, QString *error)
{
    const auto plan = tusk::explain::PlanReader::read(bytes);
    if (!plan) {
        if (error)
            *error = plan.error().toString();
        return false;
    }
    workspace->showPlan(*plan, QString::fromUtf8(bytes), title);
    return true;
}

bool openFromFile(QWidget *parent, QueryWorkspace *workspace)
{
    const QString path = QFileDialog::getOpenFileName(
        parent, QObject::tr("Open a plan"), QString(),
        QObject::tr("Plans (*.json *.txt *.yaml *.yml *.xml *.log);;All files (*)"));
    if (path.isEmpty())
        return false;
    QFile file(path);
    QString error;
    // Plans are small; a 50 MB one is a mistake worth a clear message rather than a long wait.
    if (file.size() > 50 * 1024 * 1024)
        error = QObject::tr("%1 is larger than 50 MB; that is not a plan.").arg(path);
    else if (!file.open(QIODevice::ReadOnly))
        error = file.errorString();
    else if (show(workspace, file.readAll(), QFileInfo(path).fileName(), &error))
        return true;
    QMessageBox::warning(parent, QObject::tr("Open a plan"),
                         QObject::tr("Could not read a plan from %1:\n%2").arg(path, error));
    return false;
}

bool pasteFromClipboard(QWidget *parent, QueryWorkspace *workspace)
{
    const QString text = QGuiApplication::clipboard()->text();
    QString error;
    if (text.trimmed().isEmpty())
        error = QObject::tr("The clipboard holds no text.");
    else if (show(workspace, text.toUtf8(), QObject::tr("Pasted plan"), &error))
        return true;
    QMessageBox::warning(parent, QObject::tr("Paste a plan"),
                         QObject::tr("The clipboard holds no plan Tusk can read:\n%1").arg(error));
    return false;
}

} // namespace planimport
