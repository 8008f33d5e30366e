// One dashboard chart, offscreen, without a server: the axis says its unit, a gap breaks the
// line, hovering tells every line's value, a drag asks for that range, and the exports (PNG,
// SVG, CSV) write what is shown.

#include "../../common/guitest.h"
#include "charts/chartunits.h"
#include "charts/timeserieschart.h"

#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace tusk;
using monitor::ChartUnit;
using monitor::HistoryPoint;
using widgets::TimeSeriesChart;

class TestTimeSeriesChart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { test::setUpGuiTest(); }
    void axesHaveRoundTopsInTheirUnit();
    void valuesReadAsADbaWouldSayThem();
    void timeLabelsFallOnRoundTimes();
    void aGapBreaksTheLine();
    void hoveringTellsEveryLinesValue();
    void draggingAcrossThePlotAsksForThatRange();
    void exportsPngSvgAndCsv();
    void anEmptyChartSaysWhy();
};

namespace {

const qint64 kStart = 1'700'000'000'000;

QList<HistoryPoint> ramp(int seconds, double perSecond, int gapAt = -1)
{
    QList<HistoryPoint> points;
    for (int i = 0; i < seconds; ++i) {
        const double v = i == gapAt ? std::nan("") : i * perSecond;
        points.append({kStart + i * 1000ll, v, v, v});
    }
    return points;
}

int visibleSegments(const TimeSeriesChart &chart)
{
    int n = 0;
    for (QAbstractSeries *s : chart.chart()->series()) {
        if (static_cast<QLineSeries *>(s)->count() > 0)
            ++n;
    }
    return n;
}

} // namespace

void TestTimeSeriesChart::axesHaveRoundTopsInTheirUnit()
{
    auto bytes = widgets::axisScaleFor(ChartUnit::BytesPerSecond, 3.3 * 1024 * 1024);
    QCOMPARE(bytes.suffix, QStringLiteral("MiB/s"));
    QCOMPARE(bytes.divisor, 1024.0 * 1024);
    QCOMPARE(bytes.top, 4.0); // steps of 1 MiB/s
    QCOMPARE(bytes.decimals, 0);
    auto small = widgets::axisScaleFor(ChartUnit::PerSecond, 0.7);
    QCOMPARE(small.top, 0.8);
    QCOMPARE(small.decimals, 1); // 0.2 steps
    auto percent = widgets::axisScaleFor(ChartUnit::Percent, 99.2);
    QCOMPARE(percent.top, 100.0);
    QCOMPARE(percent.suffix, QStringLiteral("%"));
    auto sessions = widgets::axisScaleFor(ChartUnit::Count, 2);
    QCOMPARE(sessions.decimals, 0); // no quarter sessions
    QVERIFY(sessions.top >= 2);
    auto longTx = widgets::axisScaleFor(ChartUnit::Seconds, 5 * 3600);
    QCOMPARE(longTx.suffix, QStringLiteral("h"));
    auto empty = widgets::axisScaleFor(ChartUnit::Bytes, 0);
    QVERIFY(empty.top > 0);      // an axis still, not a 0-to-0 range
    QCOMPARE(empty.decimals, 0); // 0 B to 4 B, not 0.00 B to 1.00 B
}

void TestTimeSeriesChart::valuesReadAsADbaWouldSayThem()
{
    QCOMPARE(widgets::formatChartValue(ChartUnit::BytesPerSecond, 12.4 * 1024 * 1024),
             QStringLiteral("12.4 MiB/s"));
    QCOMPARE(widgets::formatChartValue(ChartUnit::Percent, 98.71), QStringLiteral("98.7 %"));
    QCOMPARE(widgets::formatChartValue(ChartUnit::Count, 7), QStringLiteral("7"));
    QCOMPARE(widgets::formatChartValue(ChartUnit::PerSecond, 1234.5), QStringLiteral("1235 /s"));
    QCOMPARE(widgets::formatChartValue(ChartUnit::Seconds, 0.25), QStringLiteral("250 ms"));
    QCOMPARE(widgets::formatChartValue(ChartUnit::Seconds, 600), QStringLiteral("10.0 min"));
    QCOMPARE(widgets::formatChartValue(ChartUnit::Bytes, std::nan("")), QStringLiteral("no data"));
}

void TestTimeSeriesChart::timeLabelsFallOnRoundTimes()
{
    TimeSeriesChart chart;
    chart.resize(800, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    // Ten minutes starting 7 s past a minute: labels on whole minutes, not every 2.5 minutes
    // from the odd start.
    const qint64 from = kStart + 7'000; // kStart is on a whole minute
    chart.setData(from, from + 600'000, {{QStringLiteral("a"), QStringLiteral("a"), ramp(600, 1)}});
    QTest::qWait(20);
    chart.setData(from, from + 600'000, {{QStringLiteral("a"), QStringLiteral("a"), ramp(600, 1)}});
    const QStringList labels = chart.timeLabels();
    QVERIFY2(labels.size() >= 3 && labels.size() <= 11, qPrintable(labels.join(u' ')));
    for (const QString &l : labels)
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d[05]$")).match(l).hasMatch() ||
                     QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d$")).match(l).hasMatch(),
                 qPrintable(labels.join(u' ')));
    QCOMPARE(labels.first(),
             QDateTime::fromMSecsSinceEpoch(kStart + 60'000).toString(QStringLiteral("hh:mm")));
    // Two days: labelled by day and time.
    chart.setData(kStart, kStart + 2 * 86'400'000ll, {});
    QVERIFY2(chart.timeLabels().first().contains(u' '), qPrintable(chart.timeLabels().join(u'|')));
}

void TestTimeSeriesChart::aGapBreaksTheLine()
{
    TimeSeriesChart chart;
    chart.resize(600, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setUnit(ChartUnit::PerSecond);
    chart.setData(kStart, kStart + 59'000,
                  {{QStringLiteral("a"), QStringLiteral("commits"), ramp(60, 10, 30)}});
    QCOMPARE(visibleSegments(chart), 2); // before and after the restart, nothing across it
    chart.setData(kStart, kStart + 59'000, {{QStringLiteral("a"), QStringLiteral("commits"), ramp(60, 10)}});
    QCOMPARE(visibleSegments(chart), 1); // the piece no longer needed is emptied
    QCOMPARE(chart.axisTop(), 600.0);    // 590 at most: a round top above it
    QCOMPARE(chart.axisSuffix(), QStringLiteral("/s"));
}

void TestTimeSeriesChart::hoveringTellsEveryLinesValue()
{
    TimeSeriesChart chart;
    chart.setUnit(ChartUnit::Count);
    chart.setData(kStart, kStart + 59'000,
                  {{QStringLiteral("active"), QStringLiteral("active"), ramp(60, 1)},
                   {QStringLiteral("idle"), QStringLiteral("idle"), ramp(60, 2, 10)}});
    const QString at20 = chart.valuesAt(kStart + 20'000);
    QVERIFY2(at20.contains(QStringLiteral("active: 20")), qPrintable(at20));
    QVERIFY2(at20.contains(QStringLiteral("idle: 40")), qPrintable(at20));
    const QString atGap = chart.valuesAt(kStart + 10'000);
    QVERIFY2(atGap.contains(QStringLiteral("idle: no data")), qPrintable(atGap));
    QVERIFY(chart.valuesAt(kStart - 60'000).isEmpty()); // outside the range
}

void TestTimeSeriesChart::draggingAcrossThePlotAsksForThatRange()
{
    TimeSeriesChart chart;
    chart.resize(800, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setData(kStart, kStart + 600'000, {{QStringLiteral("a"), QStringLiteral("a"), ramp(600, 1)}});
    QTest::qWait(50); // the layout gives the plot its place
    QSignalSpy range(&chart, &TimeSeriesChart::rangeRequested);
    QSignalSpy live(&chart, &TimeSeriesChart::liveRequested);
    const QRectF plot = chart.chart()->plotArea();
    const QPoint from =
        chart.mapFromScene(chart.chart()->mapToScene(plot.left() + plot.width() / 4, plot.center().y()));
    const QPoint to =
        chart.mapFromScene(chart.chart()->mapToScene(plot.left() + plot.width() / 2, plot.center().y()));
    QTest::mousePress(chart.viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(chart.viewport(), to);
    QTest::mouseRelease(chart.viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(range.count(), 1);
    const qint64 a = range.at(0).at(0).toLongLong(), b = range.at(0).at(1).toLongLong();
    // A quarter to a half of ten minutes, within a few pixels.
    QVERIFY2(std::llabs(a - (kStart + 150'000)) < 5'000, qPrintable(QString::number(a - kStart)));
    QVERIFY2(std::llabs(b - (kStart + 300'000)) < 5'000, qPrintable(QString::number(b - kStart)));
    QTest::mouseDClick(chart.viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(live.count(), 1);
}

void TestTimeSeriesChart::exportsPngSvgAndCsv()
{
    QTemporaryDir dir;
    TimeSeriesChart chart;
    chart.resize(600, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setTitle(QStringLiteral("Transactions"));
    chart.setUnit(ChartUnit::PerSecond);
    chart.setData(kStart, kStart + 4'000,
                  {{QStringLiteral("c"), QStringLiteral("commits"), ramp(5, 10, 2)},
                   {QStringLiteral("r"), QStringLiteral("rollbacks \"x\""), ramp(3, 1)}});
    const QString png = dir.filePath(QStringLiteral("tps.png"));
    QVERIFY(chart.savePng(png));
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), int(600 * chart.devicePixelRatioF()));
    const QString svg = dir.filePath(QStringLiteral("tps.svg"));
    QVERIFY(chart.saveSvg(svg));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svgText = f.readAll();
    QVERIFY(svgText.contains("<svg"));
    QVERIFY(svgText.contains("Transactions"));
    const QStringList csv = chart.toCsv().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(csv.value(0),
             QStringLiteral("time,\"commits (per second)\",\"rollbacks \"\"x\"\" (per second)\""));
    QCOMPARE(csv.size(), 1 + 5);
    QCOMPARE(csv.value(1), QStringLiteral("2023-11-14T22:13:20.000Z,0,0"));
    QCOMPARE(csv.value(3), QStringLiteral("2023-11-14T22:13:22.000Z,,2")); // the gap is empty, not 0
    QCOMPARE(csv.value(5), QStringLiteral("2023-11-14T22:13:24.000Z,40,"));
}

void TestTimeSeriesChart::anEmptyChartSaysWhy()
{
    TimeSeriesChart chart;
    chart.resize(600, 300);
    chart.setTitle(QStringLiteral("Replication lag"));
    chart.setUnit(ChartUnit::Bytes);
    chart.setEmptyText(QStringLiteral("No standby streams from this server"));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setData(kStart, kStart + 60'000, {});
    QCOMPARE(chart.emptyTextShown(), QStringLiteral("No standby streams from this server"));
    test::saveScreenshot(&chart, QStringLiteral("chart-empty"));
    chart.setData(kStart, kStart + 59'000,
                  {{QStringLiteral("a"), QStringLiteral("replica1"), ramp(60, 4096, 30)}});
    QVERIFY(chart.emptyTextShown().isEmpty());
    QCOMPARE(chart.axisSuffix(), QStringLiteral("KiB")); // 236 KiB at most
    test::saveScreenshot(&chart, QStringLiteral("chart-gap"));
}

QTEST_MAIN(TestTimeSeriesChart)
#include "tst_timeserieschart.moc"
