// Redrawing the overview dashboard (12 charts) over an hour of 1 s history, beside the floor:
// QPainter drawing the same lines' points as antialiased polylines into an image of the same
// size (what any chart must at least pay to put those pixels on screen).
//
//   bench_dashboard [--rounds N] [--width W] [--height H]
//
// Fills a memory-only MetricHistory with 3,600 samples of every overview line (three per
// split chart), shows a DashboardView live over the last hour, offscreen, and measures per
// round: refresh() (read the history, decimate, hand the points to QtCharts) and a full repaint
// (grab of the whole view). Prints medians of wall and CPU time, and the ratio to the floor.
// Target (issue 9): a redraw < 16 ms.

#include "../common/cputimer.h"
#include "charts/dashboardview.h"
#include "monitor/dashboardspec.h"
#include "monitor/historydecimate.h"
#include "monitor/metrichistory.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace tusk;

namespace {

struct Timing
{
    double wallMs = 0;
    double cpuMs = 0;
};

Timing measure(const std::function<void()> &work)
{
    QElapsedTimer wall;
    wall.start();
    test::CpuTimer cpu;
    work();
    return {double(wall.nsecsElapsed()) / 1e6, double(cpu.elapsedMicros()) / 1e3};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// An hour of samples of every line of the dashboard, ending now, as gauges (what
/// DashboardWorkspace appends from evaluate()).
int fill(monitor::MetricHistory &history, const monitor::DashboardSpec &spec, qint64 nowMs)
{
    QRandomGenerator rng(42);
    QList<monitor::MetricValue> values;
    for (const monitor::ChartSpec &c : spec.charts) {
        for (const monitor::LineSpec &l : c.lines) {
            const int parts = l.splitBy.isEmpty() ? 1 : 3;
            for (int p = 0; p < parts; ++p) {
                monitor::MetricValue v;
                v.name = monitor::chartSeriesName(c.id);
                v.labels = {
                    {QStringLiteral("line"), parts == 1 ? l.id : l.id + QStringLiteral(":part%1").arg(p)}};
                v.value = 100;
                values.append(v);
            }
        }
    }
    for (int s = 3600; s > 0; --s) {
        monitor::Sample sample;
        sample.at = QDateTime::fromMSecsSinceEpoch(nowMs - s * 1000ll);
        sample.connected = true;
        for (monitor::MetricValue &v : values)
            v.value = std::max(0.0, v.value + rng.bounded(21) - 10);
        sample.values = values;
        history.append(sample);
    }
    return int(values.size());
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int rounds = 20, width = 1800, height = 1100;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--rounds"))
            rounds = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--width"))
            width = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--height"))
            height = args[i + 1].toInt();
    }
    const monitor::DashboardSpec spec = monitor::overviewDashboard();
    monitor::MetricHistory history(nullptr, QStringLiteral("bench"));
    history.setTickInterval(1000);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int lines = fill(history, spec, now);

    widgets::DashboardView view(spec, &history);
    view.resize(width, height);
    view.show();
    view.setLiveSpan(3'600'000);
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(); // layout, backfill answers
    view.refresh();
    qint64 points = 0;
    for (const auto *c : view.charts()) {
        for (const auto &l : c->lines())
            points += l.points.size();
    }
    std::printf("bench_dashboard: %lld charts, %d lines, an hour of 1 s points each (%d per line), "
                "%dx%d, %d rounds (median)\n",
                qlonglong(view.charts().size()), lines, 3600, width, height, rounds);
    std::printf("  points drawn after decimation: %lld (%.0f per line)\n", points, double(points) / lines);

    std::vector<double> refreshWall, refreshCpu, paintWall, paintCpu, floorWall, floorCpu;
    QImage canvas(width, height, QImage::Format_ARGB32_Premultiplied);
    for (int r = 0; r < rounds; ++r) {
        const Timing refresh = measure([&] { view.refresh(); });
        refreshWall.push_back(refresh.wallMs);
        refreshCpu.push_back(refresh.cpuMs);
        const Timing paint = measure([&] {
            const QPixmap shot = view.grab();
            volatile int sink = shot.width();
            (void)sink;
        });
        paintWall.push_back(paint.wallMs);
        paintCpu.push_back(paint.cpuMs);
        // The floor: the same lines' points, scaled into each chart's cell, as polylines.
        const Timing floor = measure([&] {
            canvas.fill(Qt::white);
            QPainter p(&canvas);
            p.setRenderHint(QPainter::Antialiasing);
            const int columns = spec.columns, rows = int((spec.charts.size() + columns - 1) / columns);
            const double cw = double(width) / columns, ch = double(height) / rows;
            for (qsizetype i = 0; i < view.charts().size(); ++i) {
                const auto *c = view.charts()[i];
                const QRectF cell(cw * double(i % columns), ch * double(i / columns), cw, ch);
                const double top = std::max(1.0, c->axisTop());
                for (const auto &l : c->lines()) {
                    QPolygonF poly;
                    poly.reserve(l.points.size());
                    for (const auto &pt : l.points)
                        poly << QPointF(cell.left() + cell.width() * double(pt.atMs - c->fromMs()) /
                                                          double(c->toMs() - c->fromMs()),
                                        cell.bottom() - cell.height() * pt.value / top);
                    p.setPen(QPen(Qt::blue, 1.5));
                    p.drawPolyline(poly);
                }
            }
        });
        floorWall.push_back(floor.wallMs);
        floorCpu.push_back(floor.cpuMs);
    }
    const double fw = median(floorWall), rw = median(refreshWall), pw = median(paintWall);
    std::printf("  %-44s %7.2f ms wall %7.2f ms CPU   1.00x\n", "QPainter polylines, same points (floor)", fw,
                median(floorCpu));
    std::printf("  %-44s %7.2f ms wall %7.2f ms CPU\n", "DashboardView::refresh (history -> charts)", rw,
                median(refreshCpu));
    std::printf("  %-44s %7.2f ms wall %7.2f ms CPU\n", "repaint of the whole view (grab)", pw,
                median(paintCpu));
    std::printf("  %-44s %7.2f ms wall                 %.2fx floor\n", "redraw = refresh + repaint", rw + pw,
                fw > 0 ? (rw + pw) / fw : 0.0);
    std::printf("  target: redraw < 16 ms: %s\n", rw + pw < 16 ? "met" : "NOT met");
    return 0;
}
