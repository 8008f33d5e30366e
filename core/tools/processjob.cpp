#include "tools/processjob.h"

#include "tools/linesplitter.h"
#include "tools/osuser.h"
#include "tools/temppassfile_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPointer>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace tusk::tools {

struct ProcessJob::Run
{
    ProcessSpec spec;
    QProcess *process = nullptr; ///< ours until finished; detached (left to reap itself) when we die
    LineSplitter out, err;
    TempPassfile passfile;
    QTimer killTimer;
    QElapsedTimer clock;
    QElapsedTimer sinceProgress;
    ProcessOutcome outcome;
    ProcessProgress progress;
    bool cancelled = false;

    explicit Run(ProcessSpec s)
        : spec(std::move(s))
        , out(spec.maxLineBytes)
        , err(spec.maxLineBytes)
    {
        outcome.command = spec.commandLine();
        killTimer.setSingleShot(true);
        killTimer.setTimerType(Qt::PreciseTimer); // a coarse one may fire 5% early
        clock.start();
        sinceProgress.start();
    }
};

ProcessJob::ProcessJob(QObject *parent)
    : QObject(parent)
{}

ProcessJob::~ProcessJob()
{
    if (!m_run || !m_run->process)
        return;
    // Not QProcess's destructor: it would kill and then wait for the child on this thread.
    QProcess *process = m_run->process;
    process->disconnect(this);
    // It outlives the job until the child is reaped; the application still owns it, so one
    // left at exit (killed but not yet reaped) is deleted with the application, not leaked.
    QCoreApplication *app = QCoreApplication::instance();
    process->setParent(app && app->thread() == QThread::currentThread() ? app : nullptr);
    if (process->state() == QProcess::NotRunning) {
        delete process;
        return;
    }
    signalGroup(SIGKILL);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
}

bool ProcessJob::isRunning() const
{
    return m_run && m_run->process && m_run->process->state() != QProcess::NotRunning;
}

qint64 ProcessJob::processId() const
{
    return isRunning() ? m_run->process->processId() : 0;
}

qsizetype ProcessJob::bufferedBytes() const
{
    return m_run ? m_run->out.pendingBytes() + m_run->err.pendingBytes() : 0;
}

void ProcessJob::signalGroup(int sig) const
{
    const pid_t pid = pid_t(processId());
    if (pid <= 0)
        return;
    // The child made itself a group leader before exec; if that failed, signal it alone.
    if (::kill(-pid, sig) != 0)
        ::kill(pid, sig);
}

void ProcessJob::start(ProcessSpec spec)
{
    if (m_run) { // until finished() has been emitted
        qWarning("ProcessJob::start: a run is going on; ignored: %s", qPrintable(spec.commandLine()));
        return;
    }
    m_run = std::make_unique<Run>(std::move(spec));
    Run &run = *m_run;

    std::optional<OsUser> user;
    const auto me = OsUser::current();
    if (!run.spec.runAs.isEmpty() && (!me || me->name != run.spec.runAs)) {
        if (!OsUser::weAreRoot())
            return failStart(QStringLiteral("running as %1 needs root").arg(run.spec.runAs));
        user = OsUser::find(run.spec.runAs);
        if (!user)
            return failStart(QStringLiteral("there is no user %1").arg(run.spec.runAs));
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : run.spec.unsetEnvironment)
        env.remove(name);
    for (auto it = run.spec.environment.cbegin(); it != run.spec.environment.cend(); ++it)
        env.insert(it.key(), it.value());
    if (user) {
        env.insert(QStringLiteral("HOME"), user->home);
        env.insert(QStringLiteral("USER"), user->name);
        env.insert(QStringLiteral("LOGNAME"), user->name);
    }
    if (!run.spec.password.isEmpty()) {
        // /tmp with runAs: our TMPDIR may be one the user cannot reach.
        const QString base = user ? QStringLiteral("/tmp") : QDir::tempPath();
        if (auto written = run.passfile.create(run.spec.password, base, user); !written)
            return failStart(written.error());
        env.remove(QStringLiteral("PGPASSWORD")); // libpq prefers it to the passfile
        env.insert(QStringLiteral("PGPASSFILE"), run.passfile.path());
    }

    auto *process = new QProcess(this);
    run.process = process;
    process->setProgram(run.spec.program);
    process->setArguments(run.spec.arguments);
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    if (!run.spec.workingDirectory.isEmpty())
        process->setWorkingDirectory(run.spec.workingDirectory);
    else if (user)
        process->setWorkingDirectory(QStringLiteral("/tmp"));

    const pid_t parent = ::getpid();
    const std::optional<OsUser> child = user;
    // Between fork and exec: async-signal-safe calls only, nothing allocated.
    process->setChildProcessModifier([parent, child] {
        if (::setpgid(0, 0) != 0)
            _exit(126);
        if (child && !child->become())
            _exit(126);
        // After the uid change, which clears it; and the parent may already be gone.
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent)
            _exit(126);
    });

    connect(process, &QProcess::started, this, [this] { emit started(processId()); });
    connect(process, &QProcess::readyReadStandardOutput, this,
            [this] { read(ProcessChannel::StandardOutput); });
    connect(process, &QProcess::readyReadStandardError, this,
            [this] { read(ProcessChannel::StandardError); });
    connect(process, &QProcess::finished, this,
            [this](int code, QProcess::ExitStatus status) { onExited(code, status == QProcess::CrashExit); });
    connect(process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && m_run && m_run->process)
            failStart(m_run->process->errorString());
    });
    connect(&run.killTimer, &QTimer::timeout, this, [this] {
        m_run->outcome.killed = true;
        signalGroup(SIGKILL);
    });
    process->start();
}

void ProcessJob::cancel()
{
    if (!isRunning() || m_run->cancelled)
        return;
    m_run->cancelled = true;
    signalGroup(SIGTERM);
    m_run->killTimer.start(std::max(0, m_run->spec.terminateGraceMs));
}

bool ProcessJob::read(ProcessChannel channel)
{
    if (!m_run || !m_run->process)
        return true;
    const bool isOut = channel == ProcessChannel::StandardOutput;
    const QByteArray data =
        isOut ? m_run->process->readAllStandardOutput() : m_run->process->readAllStandardError();
    (isOut ? m_run->progress.stdoutBytes : m_run->progress.stderrBytes) += data.size();
    LineSplitter &splitter = isOut ? m_run->out : m_run->err;
    if (!splitter.feed(data, [this, channel](QByteArrayView line) { return deliver(channel, line); }))
        return false; // destroyed by a slot: touch nothing
    if (m_run->sinceProgress.elapsed() >= 200) {
        m_run->sinceProgress.restart();
        emit progress(m_run->progress);
    }
    return true;
}

bool ProcessJob::deliver(ProcessChannel channel, QByteArrayView bytes)
{
    Run &run = *m_run;
    const QString line = QString::fromLocal8Bit(bytes);
    const bool isOut = channel == ProcessChannel::StandardOutput;
    ++run.progress.lines;
    ++(isOut ? run.outcome.stdoutLines : run.outcome.stderrLines);
    if (!isOut && run.spec.stderrTailLines > 0) {
        run.outcome.stderrTail << line.left(1000);
        while (run.outcome.stderrTail.size() > run.spec.stderrTailLines)
            run.outcome.stderrTail.removeFirst();
    }
    std::optional<LineProgress> parsed;
    if (run.spec.parser)
        parsed = run.spec.parser(channel, line);

    // A slot may delete the job, or (in a nested event loop) see it finish.
    const QPointer<ProcessJob> self(this);
    const Run *current = m_run.get();
    const auto gone = [&] { return !self || m_run.get() != current; };
    if (isOut)
        emit stdoutLine(line);
    else
        emit stderrLine(line);
    if (gone())
        return false;
    if (parsed) {
        if (parsed->fraction >= 0)
            run.progress.fraction = std::min(1.0, parsed->fraction);
        if (!parsed->message.isEmpty())
            run.progress.message = parsed->message;
        run.sinceProgress.restart();
        emit progress(run.progress);
        if (gone())
            return false;
    }
    return true;
}

void ProcessJob::onExited(int exitCode, bool crashed)
{
    // What the child wrote last may still wait in the pipes, and the last line may lack its newline.
    if (!read(ProcessChannel::StandardOutput) || !read(ProcessChannel::StandardError))
        return;
    const auto sink = [this](ProcessChannel channel) {
        return [this, channel](QByteArrayView line) { return deliver(channel, line); };
    };
    if (!m_run->out.finish(sink(ProcessChannel::StandardOutput)) ||
        !m_run->err.finish(sink(ProcessChannel::StandardError)))
        return;

    Run &run = *m_run;
    run.killTimer.stop();
    ProcessOutcome outcome = run.outcome;
    // QProcess reports a crash's signal number as its exit code.
    outcome.exitCode = crashed ? -1 : exitCode;
    outcome.signal = crashed ? exitCode : 0;
    outcome.status = run.cancelled ? ProcessOutcome::Status::Cancelled
                     : crashed     ? ProcessOutcome::Status::Crashed
                                   : ProcessOutcome::Status::Exited;
    complete(std::move(outcome));
}

void ProcessJob::failStart(const QString &why)
{
    m_run->outcome.status = ProcessOutcome::Status::FailedToStart;
    m_run->outcome.startError = why;
    ProcessOutcome outcome = m_run->outcome;
    // Never from within start(): the caller may not expect a signal before start() returns.
    QMetaObject::invokeMethod(
        this, [this, outcome] { complete(outcome); }, Qt::QueuedConnection);
    if (m_run->process)
        m_run->process->disconnect(this);
}

void ProcessJob::complete(ProcessOutcome outcome)
{
    if (!m_run)
        return;
    outcome.stdoutBytes = m_run->progress.stdoutBytes;
    outcome.stderrBytes = m_run->progress.stderrBytes;
    outcome.elapsedMs = m_run->clock.elapsed();
    if (m_run->process)
        m_run->process->deleteLater();
    m_run.reset(); // removes the passfile
    emit finished(outcome);
}

} // namespace tusk::tools
