#include "tools/osuser.h"
#include "tools/processjob.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/stat.h>

using namespace tusk::tools;

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer keeps freed memory in a quarantine (256 MB by default) to catch use after
// free: streaming 208 MB through bounded buffers then grows RSS by the quarantine, not by what
// ProcessJob holds. A small quarantine keeps the peak-RSS check about ProcessJob.
extern "C" const char *__asan_default_options()
{
    return "quarantine_size_mb=8";
}
#endif

namespace {
using Status = ProcessOutcome::Status;

ProcessSpec shell(const QString &script)
{
    return {.program = QStringLiteral("/bin/sh"), .arguments = {QStringLiteral("-c"), script}};
}

/// Runs spec to the end, collecting its lines.
struct Run
{
    QStringList out, err;
    ProcessOutcome outcome;
};

Run runToEnd(ProcessSpec spec, int timeoutMs = 60000)
{
    Run r;
    ProcessJob job;
    QObject::connect(&job, &ProcessJob::stdoutLine, [&](const QString &l) { r.out << l; });
    QObject::connect(&job, &ProcessJob::stderrLine, [&](const QString &l) { r.err << l; });
    QSignalSpy finished(&job, &ProcessJob::finished);
    job.start(std::move(spec));
    if (finished.wait(timeoutMs))
        r.outcome = finished.at(0).at(0).value<ProcessOutcome>();
    return r;
}

QByteArray readProc(qint64 pid, const char *what)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(what)));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Gone, or a zombie nobody reaps (in a container without an init).
bool processEnded(qint64 pid)
{
    const QByteArray stat = readProc(pid, "stat");
    return stat.isEmpty() || stat.mid(stat.lastIndexOf(')') + 2, 1) == "Z";
}

qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QString serverUser()
{
    return OsUser::find(QStringLiteral("postgres")) ? QStringLiteral("postgres") : QStringLiteral("nobody");
}
} // namespace

class TestProcessJob : public QObject
{
    Q_OBJECT
private slots:
    void streamsLinesInOrderAcrossReads()
    {
        // The sleeps only make separate reads likely; the order and splitting must hold either way.
        const Run r = runToEnd(
            shell(QStringLiteral("printf 'one\\ntw'; sleep 0.1; printf 'o\\r\\nthr'; "
                                 "printf 'e1\\n' >&2; sleep 0.1; printf 'ee\\nfour'; printf 'e2' >&2")));
        QCOMPARE(r.outcome.status, Status::Exited);
        QCOMPARE(r.outcome.exitCode, 0);
        QCOMPARE(r.out, (QStringList{"one", "two", "three", "four"}));
        QCOMPARE(r.err, (QStringList{"e1", "e2"}));
        QCOMPARE(r.outcome.stdoutLines, 4);
        QCOMPARE(r.outcome.stdoutBytes, 19);
        QVERIFY(r.outcome.succeeded());
    }

    void hugeOutputStreamsWithBoundedMemory()
    {
        // 200 MB in 100-byte lines, and one 8 MB line without a newline at the end.
        const qint64 bytes = 200'000'000;
        const QString line(99, u'x');
        ProcessJob job;
        qint64 lines = 0, chars = 0;
        qsizetype maxBuffered = 0, longest = 0;
        connect(&job, &ProcessJob::stdoutLine, this, [&](const QString &l) {
            ++lines;
            chars += l.size();
            longest = std::max(longest, l.size());
            maxBuffered = std::max(maxBuffered, job.bufferedBytes());
        });
        QSignalSpy finished(&job, &ProcessJob::finished);
        QSignalSpy progress(&job, &ProcessJob::progress);
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly))
            clear.write("5");
        clear.close();
        const qint64 rssBefore = statusKb("VmRSS:");
        QElapsedTimer clock;
        clock.start();
        job.start(shell(QStringLiteral("yes %1 | head -c %2; head -c 8000000 /dev/zero | tr '\\0' y")
                            .arg(line)
                            .arg(bytes)));
        QVERIFY(finished.wait(300000));
        const double seconds = clock.elapsed() / 1000.0;
        const auto outcome = finished.at(0).at(0).value<ProcessOutcome>();
        QCOMPARE(outcome.status, Status::Exited);
        QCOMPARE(outcome.stdoutBytes, bytes + 8'000'000);
        QCOMPARE(lines, bytes / 100 + 8); // the long line arrives in 1 MiB pieces: 7 full + 1
        QCOMPARE(chars, bytes / 100 * 99 + 8'000'000);
        QCOMPARE(longest, qsizetype(1024 * 1024));
        QVERIFY(maxBuffered <= 2 * 1024 * 1024);
        QVERIFY(progress.count() > 0);
        const qint64 peakGrowthKb = statusKb("VmHWM:") - rssBefore;
        qInfo(
            "208 MB in %.2f s (%.0f MB/s), %lld lines; peak RSS growth %lld kB, at most %lld bytes buffered",
            seconds, 208 / seconds, lines, peakGrowthKb, qint64(maxBuffered));
        // Kept in memory, 208 MB would take >= 208,000 kB (as QStrings twice that).
        QVERIFY2(peakGrowthKb < 48 * 1024, qPrintable(QString::number(peakGrowthKb)));
    }

    void cancelEndsASleepingProcess()
    {
        ProcessJob job;
        QSignalSpy started(&job, &ProcessJob::started);
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start({.program = QStringLiteral("sleep"), .arguments = {QStringLiteral("60")}});
        QVERIFY(started.wait(30000));
        QVERIFY(job.isRunning());
        job.cancel();
        QVERIFY(finished.wait(30000)); // well before the 60 s
        const auto outcome = finished.at(0).at(0).value<ProcessOutcome>();
        QCOMPARE(outcome.status, Status::Cancelled);
        QCOMPARE(outcome.signal, SIGTERM);
        QVERIFY(!outcome.killed);
        QVERIFY(outcome.elapsedMs < 30000);
        QVERIFY(!job.isRunning());
        qInfo().noquote() << outcome.message() << outcome.elapsedMs << "ms";
    }

    void aProcessIgnoringTermIsKilledAfterTheGrace()
    {
        ProcessJob job;
        QSignalSpy finished(&job, &ProcessJob::finished);
        QSignalSpy ready(&job, &ProcessJob::stdoutLine);
        ProcessSpec spec = shell(QStringLiteral("trap '' TERM; echo ready; exec sleep 60"));
        spec.terminateGraceMs = 300;
        job.start(spec);
        QVERIFY(ready.wait(30000)); // the trap is set
        const qint64 pid = job.processId();
        job.cancel();
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.at(0).at(0).value<ProcessOutcome>();
        QCOMPARE(outcome.status, Status::Cancelled);
        QVERIFY(outcome.killed);
        QCOMPARE(outcome.signal, SIGKILL);
        qInfo("killed %lld ms after start (grace 300 ms)", outcome.elapsedMs);
        QVERIFY(outcome.elapsedMs >= 270); // not before the grace (a timer may round by a few ms)
        QVERIFY(processEnded(pid));
    }

    void cancelReachesWhatTheProcessStarted()
    {
        ProcessJob job;
        QSignalSpy finished(&job, &ProcessJob::finished);
        QSignalSpy lines(&job, &ProcessJob::stdoutLine);
        job.start(shell(QStringLiteral("sleep 60 & echo $!; wait")));
        QVERIFY(lines.wait(30000));
        const qint64 grandchild = lines.at(0).at(0).toString().toLongLong();
        QVERIFY(grandchild > 0 && !processEnded(grandchild));
        job.cancel();
        QVERIFY(finished.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(processEnded(grandchild), 30000);
    }

    void failureToStartSaysWhy()
    {
        const Run r = runToEnd({.program = QStringLiteral("/nonexistent/tusk-no-such-tool")});
        QCOMPARE(r.outcome.status, Status::FailedToStart);
        qInfo().noquote() << r.outcome.message();
        QVERIFY(
            r.outcome.message().contains(QLatin1String("could not start /nonexistent/tusk-no-such-tool")));
        QVERIFY(r.outcome.startError.contains(QLatin1String("No such file"), Qt::CaseInsensitive));
        QVERIFY(!r.outcome.succeeded());
    }

    void finishedNeverComesFromWithinStart()
    {
        ProcessJob job;
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start({.program = QStringLiteral("/bin/true"), .runAs = QStringLiteral("tusk-no-such-user")});
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.at(0).at(0).value<ProcessOutcome>();
        QCOMPARE(outcome.status, Status::FailedToStart);
        QVERIFY2(outcome.startError.contains(QLatin1String("tusk-no-such-user")),
                 qPrintable(outcome.startError));
    }

    void exitStatusAndStderrTailAreValues()
    {
        ProcessSpec spec = shell(QStringLiteral("for i in 1 2 3 4; do echo e$i >&2; done; exit 3"));
        spec.stderrTailLines = 2;
        const Run r = runToEnd(spec);
        QCOMPARE(r.outcome.status, Status::Exited);
        QCOMPARE(r.outcome.exitCode, 3);
        QCOMPARE(r.outcome.stderrTail, (QStringList{"e3", "e4"}));
        QCOMPARE(r.outcome.stderrLines, 4);
        QVERIFY2(r.outcome.message().contains(QLatin1String("failed (exit 3): e3\ne4")),
                 qPrintable(r.outcome.message()));

        const Run crash = runToEnd(shell(QStringLiteral("kill -SEGV $$")));
        QCOMPARE(crash.outcome.status, Status::Crashed);
        QCOMPARE(crash.outcome.signal, SIGSEGV);
        QVERIFY2(crash.outcome.message().contains(QLatin1String("SIGSEGV")),
                 qPrintable(crash.outcome.message()));
    }

    void aLineParserGivesProgress()
    {
        ProcessSpec spec =
            shell(QStringLiteral("echo 'PROGRESS 10 copying'; echo noise; echo 'PROGRESS 100 done' >&2"));
        spec.parser = [](ProcessChannel, const QString &line) -> std::optional<LineProgress> {
            if (!line.startsWith(QLatin1String("PROGRESS ")))
                return std::nullopt;
            return LineProgress{line.section(u' ', 1, 1).toInt() / 100.0, line.section(u' ', 2)};
        };
        ProcessJob job;
        QSignalSpy progress(&job, &ProcessJob::progress);
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start(spec);
        QVERIFY(finished.wait(30000));
        QList<double> fractions;
        QStringList messages;
        for (const auto &args : progress) {
            const auto p = args.at(0).value<ProcessProgress>();
            if (fractions.isEmpty() || fractions.last() != p.fraction) {
                fractions << p.fraction;
                messages << p.message;
            }
        }
        QCOMPARE(fractions, (QList<double>{0.1, 1.0}));
        QCOMPARE(messages, (QStringList{"copying", "done"}));
    }

    void thePasswordReachesTheChildOnlyThroughPgpassfile()
    {
        const QString password = QStringLiteral("s3cr:et\\pw-%1").arg(QCoreApplication::applicationPid());
        qputenv("PGPASSWORD", "inherited-secret"); // libpq would prefer it: the job must drop it
        ProcessSpec spec =
            shell(QStringLiteral("cat \"$PGPASSFILE\"; echo \"PGPASSWORD=${PGPASSWORD-unset}\"; "
                                 "stat -c %a \"$PGPASSFILE\" \"$(dirname \"$PGPASSFILE\")\"; sleep 60"));
        spec.password = password;
        ProcessJob job;
        QStringList out;
        connect(&job, &ProcessJob::stdoutLine, this, [&](const QString &l) { out << l; });
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start(spec);
        QTRY_COMPARE_WITH_TIMEOUT(out.size(), 4, 30000);
        qunsetenv("PGPASSWORD");
        QCOMPARE(out.at(0),
                 QStringLiteral("*:*:*:*:s3cr\\:et\\\\pw-%1").arg(QCoreApplication::applicationPid()));
        QCOMPARE(out.at(1), QStringLiteral("PGPASSWORD=unset"));
        QCOMPARE(out.mid(2), (QStringList{"600", "700"}));

        const qint64 pid = job.processId();
        const QByteArray cmdline = readProc(pid, "cmdline");
        const QByteArray environ = readProc(pid, "environ");
        QVERIFY(cmdline.startsWith("/bin/sh"));
        QVERIFY(!cmdline.contains(password.toUtf8()) && !cmdline.contains("s3cr"));
        QVERIFY(environ.contains("PGPASSFILE="));
        QVERIFY(!environ.contains("s3cr") && !environ.contains("PGPASSWORD") &&
                !environ.contains("inherited-secret"));
        const QString passfile =
            QString::fromUtf8(environ.mid(environ.indexOf("PGPASSFILE=") + 11).split('\0').at(0));
        QVERIFY(QFileInfo::exists(passfile));

        job.cancel();
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.at(0).at(0).value<ProcessOutcome>();
        QVERIFY(!outcome.command.contains(QLatin1String("s3cr")) &&
                !outcome.message().contains(QLatin1String("s3cr")));
        QVERIFY2(!QFileInfo::exists(passfile), "the passfile outlived the process");
    }

    void runsAsAnotherUserWhenRoot()
    {
        if (!OsUser::weAreRoot()) {
            const Run r = runToEnd({.program = QStringLiteral("/bin/true"), .runAs = QStringLiteral("root")});
            QCOMPARE(r.outcome.status, Status::FailedToStart);
            QVERIFY(r.outcome.startError.contains(QLatin1String("needs root")));
            QSKIP("not root: running as another user is refused (checked); the rest needs root");
        }
        const QString user = serverUser();
        ProcessSpec spec = shell(QStringLiteral("id -un; echo \"$HOME\"; stat -c %U:%a \"$PGPASSFILE\"; "
                                                "test -r \"$PGPASSFILE\" && echo readable"));
        spec.runAs = user;
        spec.password = QStringLiteral("pw");
        const Run r = runToEnd(spec);
        QCOMPARE(r.outcome.status, Status::Exited);
        QCOMPARE(r.out.value(0), user);
        QCOMPARE(r.out.value(1), OsUser::find(user)->home);
        QCOMPARE(r.out.value(2), user + QStringLiteral(":600"));
        QCOMPARE(r.out.value(3), QStringLiteral("readable"));
    }

    void destroyingARunningJobDoesNotBlock()
    {
        auto job = std::make_unique<ProcessJob>();
        QSignalSpy ready(job.get(), &ProcessJob::stdoutLine);
        job->start(shell(QStringLiteral("trap '' TERM; echo ready; exec sleep 60")));
        QVERIFY(ready.wait(30000));
        const qint64 pid = job->processId();
        QElapsedTimer clock;
        clock.start();
        job.reset();
        const qint64 ms = clock.elapsed();
        qInfo("destroyed a running job in %lld ms", ms);
        QVERIFY(ms < 5000); // measured ~0 ms: no wait for the child on this thread
        QTRY_VERIFY_WITH_TIMEOUT(processEnded(pid), 30000);
    }
};

QTEST_GUILESS_MAIN(TestProcessJob)
#include "tst_processjob.moc"
