#pragma once

#include "tools/processspec.h"

#include <QByteArrayView>
#include <QObject>

#include <memory>

namespace tusk::tools {

/// Runs one program asynchronously on the caller's thread (QProcess, never a waitFor*): its
/// stdout and stderr arrive line by line as they are written, progress comes from the counters
/// and an optional line parser, cancel() ends it (SIGTERM to its process group, SIGKILL after
/// the grace period), and finished() says how it ended, as a value. Nothing is accumulated: a
/// job holds at most one unfinished line per channel and the last stderr lines.
///
/// The child runs in a process group of its own (cancel reaches what it started, e.g. a shell's
/// pipeline) and dies with us (PR_SET_PDEATHSIG). A password goes to libpq through a private
/// PGPASSFILE (see ProcessSpec::password); with runAs, the child and that file belong to the user.
/// Destroying a running job kills the process group and returns at once; the QProcess reaps the
/// child later on this thread's event loop.
/// @code
/// auto *job = new ProcessJob(this);
/// connect(job, &ProcessJob::stderrLine, this, &DumpView::appendLog);
/// connect(job, &ProcessJob::finished, this, [this, job](const ProcessOutcome &o) {
///     if (!o.succeeded()) showError(o.message());
///     job->deleteLater();
/// });
/// job->start({.program = tools->program(u"pg_dump"_s), .arguments = {...}, .password = pw});
/// @endcode
class ProcessJob : public QObject
{
    Q_OBJECT
public:
    explicit ProcessJob(QObject *parent = nullptr);
    ~ProcessJob() override;

    /// Starts the program; finished() follows exactly once (also when it cannot start, then
    /// from the event loop, never from within start()). Ignored while a run is going on.
    void start(ProcessSpec spec);
    /// SIGTERM now, SIGKILL after spec.terminateGraceMs; the outcome says Cancelled. No-op
    /// when nothing runs.
    void cancel();

    bool isRunning() const;
    /// The child's pid while it runs, else 0.
    qint64 processId() const;
    /// Bytes held for unfinished lines (both channels): stays below 2 × maxLineBytes.
    qsizetype bufferedBytes() const;

signals:
    void started(qint64 pid);
    void stdoutLine(const QString &line);
    void stderrLine(const QString &line);
    /// After a line the parser understood, else at most every 200 ms while output flows.
    void progress(const tusk::tools::ProcessProgress &progress);
    void finished(const tusk::tools::ProcessOutcome &outcome);

private:
    struct Run;
    bool read(ProcessChannel channel);                          ///< false: a slot destroyed the job
    bool deliver(ProcessChannel channel, QByteArrayView bytes); ///< false: destroyed
    void onExited(int exitCode, bool crashed);
    void failStart(const QString &why);
    void complete(ProcessOutcome outcome);
    void signalGroup(int sig) const;

    std::unique_ptr<Run> m_run; ///< from start() until finished() is emitted
};

} // namespace tusk::tools
