#pragma once

// Test support: run a program to its end and keep what a failure message needs.
//
// A test that runs a subprocess (tusk-cli, mostly) checks its exit code with
// TUSK_COMPARE_EXIT, whose failure message carries the command line, how it ended and its
// stderr: "exit 1" alone says nothing when the cause (a sanitizer report, a server message) is on
// the subprocess's stderr.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

namespace tusk::test {

struct ProcessRun
{
    QString program;
    QStringList args;
    bool started = false;
    bool timedOut = false;
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    /// The command, how it ended, and its stderr (the end of it, when long), for a failure
    /// message.
    QByteArray describe() const
    {
        QByteArray d = "`" + program.toLocal8Bit();
        for (const QString &a : args)
            d += " '" + a.toLocal8Bit() + "'";
        d += "` ";
        if (!started)
            d += "did not start";
        else if (timedOut)
            d += "did not finish in time (killed)";
        else if (exitStatus == QProcess::CrashExit)
            d += "crashed";
        else
            d += "exited with " + QByteArray::number(exitCode);
        constexpr qsizetype limit = 16000;
        d += err.isEmpty() ? QByteArray("; stderr was empty")
                           : "; stderr" + QByteArray(err.size() > limit ? " (last 16000 bytes)" : "") +
                                 ":\n" + err.right(limit);
        return d;
    }
};

/// Runs program with args to its end (killed after timeoutMs), with stdout and stderr apart.
inline ProcessRun runProcess(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    ProcessRun r;
    r.program = program;
    r.args = args;
    QProcess p;
    p.start(program, args);
    r.started = p.waitForStarted(timeoutMs);
    if (r.started && !p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitStatus = p.exitStatus();
    r.exitCode = r.started && !r.timedOut ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace tusk::test

/// QCOMPARE for a ProcessRun's exit code, with the run's describe() as the failure message. run is
/// evaluated once (it may be the runProcess() call itself).
#define TUSK_COMPARE_EXIT(run, code)                                                                         \
    do {                                                                                                     \
        const ::tusk::test::ProcessRun &run_ = (run);                                                        \
        const int code_ = (code);                                                                            \
        QVERIFY2(!run_.timedOut && run_.exitStatus == QProcess::NormalExit && run_.exitCode == code_,        \
                 (QByteArray("expected exit ") + QByteArray::number(code_) + ": " + run_.describe())         \
                     .constData());                                                                          \
    } while (false)
