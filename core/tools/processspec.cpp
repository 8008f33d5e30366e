#include "tools/processspec.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <cstring>

namespace tusk::tools {

namespace {
QString shellQuoted(const QString &arg)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./=:,@%+-]+$"));
    if (plain.match(arg).hasMatch())
        return arg;
    QString quoted = arg;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString signalName(int sig)
{
    const char *abbrev = sigabbrev_np(sig);
    return abbrev ? QStringLiteral("SIG") + QString::fromLatin1(abbrev)
                  : QStringLiteral("signal %1").arg(sig);
}
} // namespace

QString ProcessSpec::commandLine() const
{
    QStringList parts{shellQuoted(program)};
    for (const QString &arg : arguments)
        parts << shellQuoted(arg);
    return parts.join(u' ');
}

QString ProcessOutcome::message() const
{
    const QString name = command.isEmpty() ? QStringLiteral("the process") : command;
    const QString tail = stderrTail.join(u'\n').trimmed();
    const auto withTail = [&](const QString &head) {
        return tail.isEmpty() ? head : head + QStringLiteral(": ") + tail;
    };
    switch (status) {
    case Status::FailedToStart:
        return QStringLiteral("could not start %1: %2").arg(name, startError);
    case Status::Cancelled:
        return killed ? QStringLiteral("%1 was cancelled (killed: it ignored SIGTERM)").arg(name)
                      : QStringLiteral("%1 was cancelled").arg(name);
    case Status::Crashed:
        return withTail(QStringLiteral("%1 was ended by %2").arg(name, signalName(signal)));
    case Status::Exited:
        break;
    }
    if (exitCode == 0)
        return QStringLiteral("%1 finished").arg(name);
    return withTail(QStringLiteral("%1 failed (exit %2)").arg(name).arg(exitCode));
}

} // namespace tusk::tools
