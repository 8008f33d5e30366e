// Opening a large .sql file in a query tab, beside a plain read of the same file.
//
//   bench_openfile [--rounds N] [--megabytes M]
//
// Writes an M MB script (default 100) of INSERT lines, then, interleaved for N rounds (default
// 5): reads it with QFile::readAll (the baseline: what any program pays to get the bytes), and
// opens it with QueryWorkspace::openFile plus the first paint. Prints the median wall time and
// UI-thread CPU time of each, and their ratio. Target: the open <= 0.5 s for 100 MB.
// Runs offscreen; needs no server (the tab's connection attempt fails quietly in the background).

#include "../common/cputimer.h"
#include "hugepagemalloc.h"
#include "pg/connectionparams.h"
#include "pg/connectionregistry.h"
#include "queryworkspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

struct Sample
{
    double wallMs = 0;
    double cpuMs = 0;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

Sample measure(const std::function<void()> &work)
{
    QElapsedTimer wall;
    wall.start();
    tusk::test::CpuTimer cpu;
    work();
    return {double(wall.nsecsElapsed()) / 1e6, double(cpu.elapsedMicros()) / 1e3};
}

} // namespace

int main(int argc, char **argv)
{
    // As the tusk binary runs (app/gui/main.cpp): huge pages unless TUSK_MALLOC_HUGETLB=0.
    reexecWithHugePageMalloc(argv);
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int rounds = 5;
    qint64 megabytes = 100;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--rounds"))
            rounds = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--megabytes"))
            megabytes = args[i + 1].toLongLong();
    }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.sql"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        const QByteArray line = "INSERT INTO crm.events (tenant_id, event_type, payload) VALUES (42, "
                                "'api_call', '{\"ms\": 12, \"ok\": true}');\n";
        QByteArray block;
        for (int i = 0; i < 10000; ++i)
            block += line;
        while (f.size() < megabytes * 1024 * 1024)
            f.write(block);
    }
    const QByteArray tunables = qgetenv("GLIBC_TUNABLES");
    std::printf("bench_openfile: %lld MB script, %d rounds, interleaved (median); malloc huge pages %s\n",
                megabytes, rounds, tunables.contains("glibc.malloc.hugetlb=1") ? "on" : "off");

    std::vector<double> readWall, readCpu, openWall, openCpu;
    for (int r = 0; r < rounds; ++r) {
        const Sample read = measure([&] {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray bytes = f.readAll();
                volatile char sink = bytes.isEmpty() ? 0 : bytes.back();
                (void)sink;
            }
        });
        readWall.push_back(read.wallMs);
        readCpu.push_back(read.cpuMs);

        tusk::pg::ConnectionRegistry registry;
        QueryWorkspace w(&registry, tusk::pg::ConnectionParams(), nullptr);
        w.resize(1200, 800);
        w.show();
        QCoreApplication::processEvents();
        const Sample open = measure([&] {
            QString error;
            if (!w.openFile(path, &error))
                std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
            QCoreApplication::processEvents(); // the first paint of the opened file
        });
        openWall.push_back(open.wallMs);
        openCpu.push_back(open.cpuMs);
    }
    const double rw = median(readWall), rc = median(readCpu), ow = median(openWall), oc = median(openCpu);
    std::printf("  %-34s %8.0f ms wall %8.0f ms CPU   1.00x\n", "QFile::readAll (baseline)", rw, rc);
    std::printf("  %-34s %8.0f ms wall %8.0f ms CPU   %.2fx wall\n", "QueryWorkspace::openFile + paint", ow,
                oc, rw > 0 ? ow / rw : 0.0);
    std::printf("  target: open <= 500 ms for 100 MB: %s\n", ow <= 500 ? "met" : "NOT met");
    return 0;
}
