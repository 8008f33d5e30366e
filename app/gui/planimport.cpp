#include "planimport.h"

#include "explain/planreader.h"
#include "queryworkspace.h"

#include <QClipboard>
#include <QCoreApplication>
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

namespace {

bool read(const QByteArray &bytes, const QString &title, Imported *out, QString *error)
{
    auto plan = tusk::explain::PlanReader::read(bytes);
    if (!plan) {
        *error = plan.error().toString();
        return false;
    }
    *out = Imported{std::move(*plan), QString::fromUtf8(bytes), title};
    return true;
}

} // namespace

bool readFile(QWidget *parent, Imported *out)
{
    const QString path = QFileDialog::getOpenFileName(
        parent, QCoreApplication::translate("PlanImport", "Open a plan"), QString(),
        QCoreApplication::translate("PlanImport",
                                    "Plans (*.json *.txt *.yaml *.yml *.xml *.log);;All files (*)"));
    if (path.isEmpty())
        return false;
    QFile file(path);
    QString error;
    // Plans are small; a 50 MB one is a mistake worth a clear message rather than a long wait.
    if (file.size() > 50 * 1024 * 1024)
        error = QCoreApplication::translate("PlanImport", "%1 is larger than 50 MB; that is not a plan.")
                    .arg(path);
    else if (!file.open(QIODevice::ReadOnly))
        error = file.errorString();
    else if (read(file.readAll(), QFileInfo(path).fileName(), out, &error))
        return true;
    QMessageBox::warning(
        parent, QCoreApplication::translate("PlanImport", "Open a plan"),
        QCoreApplication::translate("PlanImport", "Could not read a plan from %1:\n%2").arg(path, error));
    return false;
}

bool readClipboard(QWidget *parent, Imported *out)
{
    const QString text = QGuiApplication::clipboard()->text();
    QString error;
    if (text.trimmed().isEmpty())
        error = QCoreApplication::translate("PlanImport", "The clipboard holds no text.");
    else if (read(text.toUtf8(), QCoreApplication::translate("PlanImport", "Pasted plan"), out, &error))
        return true;
    QMessageBox::warning(
        parent, QCoreApplication::translate("PlanImport", "Paste a plan"),
        QCoreApplication::translate("PlanImport", "The clipboard holds no plan Tusk can read:\n%1")
            .arg(error));
    return false;
}

bool openFromFile(QWidget *parent, QueryWorkspace *workspace)
{
    Imported plan;
    if (!readFile(parent, &plan))
        return false;
    workspace->showPlan(plan.plan, plan.text, plan.title);
    return true;
}

bool pasteFromClipboard(QWidget *parent, QueryWorkspace *workspace)
{
    Imported plan;
    if (!readClipboard(parent, &plan))
        return false;
    workspace->showPlan(plan.plan, plan.text, plan.title);
    return true;
}

} // namespace planimport
