#pragma once

#include "charts/chartunits.h"
#include "monitor/dashboardspec.h"
#include "monitor/historypoint.h"

#include <QChartView>
#include <QHash>
#include <QList>
#include <QString>

class QCategoryAxis;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;

namespace tusk::widgets {

/// One chart of a dashboard: lines of metric history over a time range, on QtCharts.
/// - The value axis says its unit (MiB/s, %, ms) and starts at 0; the time axis shows what the
///   range needs (seconds for minutes, dates for days).
/// - A gap (NaN point) breaks the line: no segment is drawn across a restart or reset.
/// - Hovering shows a crosshair with the time and every line's value there.
/// - Dragging across the plot asks for that range (rangeRequested: the dashboard zooms every
///   chart), the wheel zooms around the cursor, Shift+wheel pans, a double click goes back to
///   live; the context menu exports the chart as PNG or SVG and its data as CSV.
/// Points are given already decimated to about the plot's width (plotWidth()).
class TimeSeriesChart : public QChartView
{
    Q_OBJECT
public:
    struct Line
    {
        QString id;                          ///< stable across updates: the line keeps its colour
        QString label;                       ///< legend text
        QList<monitor::HistoryPoint> points; ///< in time order
    };

    explicit TimeSeriesChart(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    QString title() const;
    void setUnit(monitor::ChartUnit unit);
    monitor::ChartUnit unit() const { return m_unit; }
    /// Shown in the plot while no line has a value ("No standby streams from this server").
    void setEmptyText(const QString &text);
    /// Replaces what the chart shows: the range [fromMs, toMs] and its lines.
    void setData(qint64 fromMs, qint64 toMs, const QList<Line> &lines);

    const QList<Line> &lines() const { return m_lines; }
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }
    /// The plot's width in pixels: how many points are worth drawing.
    int plotWidth() const;
    /// The value axis' top, in the unit's base (bytes, seconds), for tests and the log.
    double axisTop() const;
    QString axisSuffix() const { return m_scale.suffix; }
    /// The time axis' labels, left to right.
    QStringList timeLabels() const;
    /// The text the plot shows while no line has a value, empty while it has one.
    QString emptyTextShown() const;
    /// The crosshair text at a time (what hovering shows), empty outside the range.
    QString valuesAt(qint64 atMs) const;

    /// The lines' points in the range as CSV: time (ISO 8601, UTC) then one column per line.
    QString toCsv() const;
    bool savePng(const QString &path);
    bool saveSvg(const QString &path);

signals:
    void rangeRequested(qint64 fromMs, qint64 toMs);
    void liveRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /// One drawn piece of a line between two gaps.
    QLineSeries *segment(const QString &lineId, int index, int colorIndex);
    void applyColors();
    void updateAxes();
    void placeEmptyText();
    void showCrosshair(const QPointF &viewPos);
    void hideCrosshair();
    qint64 timeAt(qreal viewX) const;
    void exportTo(const QString &format);

    /// Time as ms since the epoch, labelled at round times (QDateTimeAxis divides the range
    /// evenly: 21:02:42, 21:03:57, …).
    QCategoryAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    monitor::ChartUnit m_unit = monitor::ChartUnit::Count;
    AxisScale m_scale;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QList<Line> m_lines;
    QHash<QString, QList<QLineSeries *>> m_segments; ///< per line id, the pieces in use first
    QHash<QString, int> m_colorOf;                   ///< line id → palette index, kept
    QString m_emptyText;
    QGraphicsSimpleTextItem *m_emptyItem;
    QGraphicsLineItem *m_crosshair;
    QGraphicsSimpleTextItem *m_crosshairText;
    QGraphicsRectItem *m_crosshairBox;
    QGraphicsRectItem *m_band;
    qreal m_dragStartX = -1;
};

} // namespace tusk::widgets
