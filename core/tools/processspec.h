#pragma once

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace tusk::tools {

enum class ProcessChannel { StandardOutput, StandardError };

/// What a line parser reads from one line: how far the tool is, and what it is doing.
struct LineProgress
{
    double fraction = -1; ///< 0…1, or -1 when the line does not say
    QString message;      ///< e.g. "dumping contents of table crm.orders"; empty: keep the last one
};

/// Turns a tool's line into progress, or nullopt when the line says nothing about it. Called on
/// the job's thread for every line, before the line's signal.
using LineParser = std::function<std::optional<LineProgress>(ProcessChannel, const QString &line)>;

/// Everything a ProcessJob needs to run one program. A value: adapters (pg_dump, pg_restore, …)
/// build one, the job runs it.
struct ProcessSpec
{
    QString program;                    ///< absolute path, or a name looked up in PATH
    QStringList arguments;              ///< never a password: it would show in ps and /proc/PID/cmdline
    QString workingDirectory;           ///< empty: ours (or /tmp with runAs, which may not reach ours)
    QMap<QString, QString> environment; ///< added to (or replacing) the inherited environment
    QStringList unsetEnvironment;       ///< removed from the inherited environment
    /// For libpq: written to a private 0600 file named by PGPASSFILE in the child's environment
    /// (an inherited PGPASSWORD is removed, since libpq would prefer it). Never in argv, never
    /// in a message. Empty: no password.
    QString password;
    /// OS user to run as when we are root (supplementary groups, gid and uid set in the child
    /// before exec; HOME, USER and LOGNAME follow). Empty, or our own name: ourselves. Another
    /// user when we are not root: the job fails to start and says why.
    QString runAs;
    int terminateGraceMs = 5000;          ///< cancel(): SIGTERM, then SIGKILL after this long
    int stderrTailLines = 20;             ///< stderr lines kept for ProcessOutcome::stderrTail
    qsizetype maxLineBytes = 1024 * 1024; ///< a longer line arrives in pieces of this size
    LineParser parser;                    ///< optional

    /// Program and arguments, shell-quoted, for logs and messages.
    QString commandLine() const;
};

/// How a ProcessJob ended. A value, delivered once by ProcessJob::finished.
struct ProcessOutcome
{
    enum class Status {
        Exited,        ///< exited by itself: see exitCode
        Crashed,       ///< ended by a signal nobody asked for: see signal
        Cancelled,     ///< cancel() was called (or the job destroyed) before it ended
        FailedToStart, ///< never ran: see startError
    };

    Status status = Status::FailedToStart;
    int exitCode = -1;      ///< Exited (and Cancelled when the process exited on SIGTERM by itself)
    int signal = 0;         ///< the signal that ended the process (SIGTERM, SIGKILL, SIGSEGV, …), else 0
    bool killed = false;    ///< Cancelled: SIGTERM was not enough, SIGKILL followed the grace period
    QString command;        ///< ProcessSpec::commandLine()
    QString startError;     ///< FailedToStart: why, e.g. "No such file or directory"
    QStringList stderrTail; ///< the last ProcessSpec::stderrTailLines lines of stderr, oldest first
    qint64 stdoutBytes = 0;
    qint64 stderrBytes = 0;
    qint64 stdoutLines = 0;
    qint64 stderrLines = 0;
    qint64 elapsedMs = 0; ///< from start() to the end

    bool succeeded() const { return status == Status::Exited && exitCode == 0; }
    /// One paragraph for an error message: "pg_dump … failed (exit 1): <last stderr lines>",
    /// "… was cancelled", "could not start …: <why>"; "… finished" on success.
    QString message() const;
};

/// Counters while a job runs, and the parser's latest word.
struct ProcessProgress
{
    qint64 stdoutBytes = 0;
    qint64 stderrBytes = 0;
    qint64 lines = 0;     ///< both channels
    double fraction = -1; ///< 0…1 from the parser, or -1
    QString message;      ///< from the parser
};

} // namespace tusk::tools

Q_DECLARE_METATYPE(tusk::tools::ProcessOutcome)
Q_DECLARE_METATYPE(tusk::tools::ProcessProgress)
