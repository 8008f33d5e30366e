#include "charts/timeserieschart.h"

#include <QCategoryAxis>
#include <QChart>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace tusk::widgets {

using monitor::HistoryPoint;

namespace {

/// Line colours: distinct in hue and readable on the light and the dark background alike.
const QColor &lineColor(int index)
{
    static const QColor colors[] = {QColor(0x3b, 0x82, 0xd6), QColor(0xf0, 0x8a, 0x24),
                                    QColor(0x3f, 0xa6, 0x4f), QColor(0xe0, 0x4b, 0x4b),
                                    QColor(0x9b, 0x6b, 0xcf), QColor(0x2a, 0xa8, 0xa0),
                                    QColor(0xd4, 0xb1, 0x06), QColor(0xa0, 0x6a, 0x4c),
                                    QColor(0xe3, 0x6f, 0xb4), QColor(0x8a, 0x8f, 0x98)};
    return colors[index % int(std::size(colors))];
}

/// The round step between time labels that leaves at most `labels` of them in the span.
qint64 timeStep(qint64 spanMs, int labels)
{
    static const qint64 steps[] = {1000,        2000,        5000,         10'000,     15'000,     30'000,
                                   60'000,      120'000,     300'000,      600'000,    900'000,    1'800'000,
                                   3'600'000,   7'200'000,   10'800'000,   21'600'000, 43'200'000, 86'400'000,
                                   172'800'000, 604'800'000, 1'209'600'000};
    for (const qint64 s : steps) {
        if (spanMs / s <= labels)
            return s;
    }
    return steps[std::size(steps) - 1];
}

/// What the time labels need to tell apart: seconds only when the step has them, the day
/// when the range is longer than one.
QString timeFormat(qint64 spanMs, qint64 stepMs)
{
    if (spanMs > 36 * 3'600'000ll)
        return stepMs >= 86'400'000 ? QStringLiteral("MMM d") : QStringLiteral("MMM d hh:mm");
    if (spanMs > 12 * 3'600'000ll)
        return QStringLiteral("ddd hh:mm");
    return stepMs < 60'000 ? QStringLiteral("hh:mm:ss") : QStringLiteral("hh:mm");
}

/// The point nearest to atMs, or null when none is within `slack`.
const HistoryPoint *nearest(const QList<HistoryPoint> &points, qint64 atMs, qint64 slack)
{
    const auto it = std::lower_bound(points.begin(), points.end(), atMs,
                                     [](const HistoryPoint &p, qint64 t) { return p.atMs < t; });
    const HistoryPoint *best = nullptr;
    if (it != points.end())
        best = &*it;
    if (it != points.begin()) {
        const HistoryPoint *before = &*(it - 1);
        if (!best || atMs - before->atMs < best->atMs - atMs)
            best = before;
    }
    if (!best || std::llabs(best->atMs - atMs) > slack)
        return nullptr;
    return best;
}

} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_timeAxis(new QCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    QChart *c = chart();
    c->setMargins(QMargins(4, 4, 4, 4));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    c->setAnimationOptions(QChart::NoAnimation);
    QFont titleFont = font();
    titleFont.setBold(true);
    c->setTitleFont(titleFont);
    c->legend()->setAlignment(Qt::AlignBottom);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    c->legend()->setFont(small);
    m_timeAxis->setLabelsFont(small);
    m_valueAxis->setLabelsFont(small);
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setRubberBand(QChartView::NoRubberBand); // dragging asks the dashboard, which zooms all charts

    m_emptyItem = new QGraphicsSimpleTextItem(c);
    m_emptyItem->setZValue(5);
    m_band = new QGraphicsRectItem(c);
    m_band->setZValue(6);
    m_band->hide();
    m_crosshair = new QGraphicsLineItem(c);
    m_crosshair->setZValue(7);
    m_crosshairBox = new QGraphicsRectItem(c);
    m_crosshairBox->setZValue(8);
    m_crosshairText = new QGraphicsSimpleTextItem(m_crosshairBox);
    m_crosshairText->setFont(small);
    hideCrosshair();
    connect(c, &QChart::plotAreaChanged, this, [this] { placeEmptyText(); });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setData(now - 5 * 60 * 1000, now, {});
    applyColors();
}

void TimeSeriesChart::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

QString TimeSeriesChart::title() const
{
    return chart()->title();
}

void TimeSeriesChart::setUnit(monitor::ChartUnit unit)
{
    m_unit = unit;
    setData(m_fromMs, m_toMs, m_lines);
}

void TimeSeriesChart::setEmptyText(const QString &text)
{
    m_emptyText = text;
    placeEmptyText();
}

QLineSeries *TimeSeriesChart::segment(const QString &lineId, int index, int colorIndex)
{
    QList<QLineSeries *> &pieces = m_segments[lineId];
    while (pieces.size() <= index) {
        auto *s = new QLineSeries;
        QPen pen(lineColor(colorIndex));
        pen.setWidthF(1.5);
        s->setPen(pen);
        chart()->addSeries(s);
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_valueAxis);
        // One legend entry per line: the first piece's.
        if (!pieces.isEmpty()) {
            for (QLegendMarker *m : chart()->legend()->markers(s))
                m->setVisible(false);
        }
        pieces.append(s);
    }
    return pieces[index];
}

void TimeSeriesChart::setData(qint64 fromMs, qint64 toMs, const QList<Line> &lines)
{
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1000);
    m_lines = lines;
    double top = 0;
    for (const Line &l : lines) {
        for (const HistoryPoint &p : l.points) {
            if (!p.isGap() && p.atMs >= m_fromMs && p.atMs <= m_toMs)
                top = std::max(top, std::max(p.value, std::isnan(p.max) ? p.value : p.max));
        }
    }
    m_scale = axisScaleFor(m_unit, top);
    updateAxes(); // before the points: a range change redraws every line

    // Lines gone since the last update take their pieces with them.
    for (auto it = m_segments.begin(); it != m_segments.end();) {
        const bool kept =
            std::any_of(lines.begin(), lines.end(), [&](const Line &l) { return l.id == it.key(); });
        if (kept) {
            ++it;
            continue;
        }
        for (QLineSeries *s : *it) {
            chart()->removeSeries(s);
            delete s;
        }
        it = m_segments.erase(it);
    }
    for (const Line &l : lines) {
        if (!m_colorOf.contains(l.id))
            m_colorOf.insert(l.id, int(m_colorOf.size()));
        const int color = m_colorOf.value(l.id);
        QList<QList<QPointF>> pieces(1);
        for (const HistoryPoint &p : l.points) {
            if (p.isGap()) {
                if (!pieces.last().isEmpty())
                    pieces.append(QList<QPointF>());
                continue;
            }
            pieces.last().append(QPointF(double(p.atMs - m_fromMs), p.value / m_scale.divisor));
        }
        if (pieces.size() > 1 && pieces.last().isEmpty())
            pieces.removeLast();
        for (qsizetype i = 0; i < pieces.size(); ++i) {
            QLineSeries *piece = segment(l.id, int(i), color);
            piece->replace(pieces[i]);
            // A piece of one point (a probe of every minute, so far) is no line: a dot.
            piece->setPointsVisible(pieces[i].size() == 1);
        }
        QList<QLineSeries *> &used = m_segments[l.id];
        for (qsizetype i = pieces.size(); i < used.size(); ++i)
            used[i]->clear();
        used.first()->setName(l.label);
    }
    placeEmptyText();
}

void TimeSeriesChart::updateAxes()
{
    // Labels at round local times (every minute, every 5 minutes, midnight), as many as fit.
    const qint64 span = m_toMs - m_fromMs;
    const int fit = std::max(2, plotWidth() / (fontMetrics().averageCharWidth() * 11));
    const qint64 step = timeStep(span, fit);
    const QString format = timeFormat(span, step);
    for (const QString &label : m_timeAxis->categoriesLabels())
        m_timeAxis->remove(label);
    // x is ms after the range's start: a live range moving by a second keeps the axis range
    // (only its labels move), so QtCharts recomputes each line's geometry once, for its new
    // points, instead of a second time for the new range.
    if (m_timeAxis->max() != double(span))
        m_timeAxis->setRange(0, double(span));
    m_timeAxis->setStartValue(0);
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(m_fromMs).offsetFromUtc()) * 1000;
    qint64 t = ((m_fromMs + offset + step - 1) / step) * step - offset;
    // A label centred on the plot's edge would be cut in half ("23:2"): none within half a
    // label of either end.
    const qint64 margin = qint64(double(span) * fontMetrics().horizontalAdvance(QStringLiteral("00:00:00")) /
                                 (2.0 * plotWidth()));
    while (t < m_fromMs + margin)
        t += step;
    for (; t <= m_toMs - margin; t += step) {
        const QString label = QDateTime::fromMSecsSinceEpoch(t).toString(format);
        if (!m_timeAxis->categoriesLabels().contains(label))
            m_timeAxis->append(label, double(t - m_fromMs));
    }
    if (m_valueAxis->max() != m_scale.top || m_valueAxis->min() != 0)
        m_valueAxis->setRange(0, m_scale.top);
    m_valueAxis->setTickCount(m_scale.ticks);
    QString suffix = m_scale.suffix;
    suffix.replace(u'%', QStringLiteral("%%"));
    m_valueAxis->setLabelFormat(QStringLiteral("%.%1f").arg(m_scale.decimals) +
                                (suffix.isEmpty() ? QString() : u' ' + suffix));
}

void TimeSeriesChart::placeEmptyText()
{
    const bool anyValue = std::any_of(m_lines.begin(), m_lines.end(), [](const Line &l) {
        return std::any_of(l.points.begin(), l.points.end(),
                           [](const HistoryPoint &p) { return !p.isGap(); });
    });
    m_emptyItem->setVisible(!anyValue);
    m_emptyItem->setText(m_emptyText.isEmpty() ? tr("No data yet") : m_emptyText);
    const QRectF plot = chart()->plotArea();
    const QRectF text = m_emptyItem->boundingRect();
    m_emptyItem->setPos(plot.center() - QPointF(text.width() / 2, text.height() / 2));
}

QString TimeSeriesChart::emptyTextShown() const
{
    return m_emptyItem->isVisible() ? m_emptyItem->text() : QString();
}

void TimeSeriesChart::applyColors()
{
    const QPalette pal = palette();
    QChart *c = chart();
    c->setBackgroundBrush(pal.base());
    c->setBackgroundPen(QPen(pal.color(QPalette::Mid)));
    c->setTitleBrush(pal.text());
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    QColor grid = pal.color(QPalette::Text);
    grid.setAlphaF(0.12f);
    QColor axisLine = pal.color(QPalette::Text);
    axisLine.setAlphaF(0.35f);
    for (QAbstractAxis *a :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        a->setLabelsColor(pal.color(QPalette::Text));
        a->setGridLineColor(grid);
        a->setLinePenColor(axisLine);
    }
    m_emptyItem->setBrush(pal.color(QPalette::PlaceholderText));
    QColor band = pal.color(QPalette::Highlight);
    band.setAlphaF(0.2f);
    m_band->setBrush(band);
    m_band->setPen(Qt::NoPen);
    m_crosshair->setPen(QPen(axisLine, 1, Qt::DashLine));
    m_crosshairBox->setBrush(pal.toolTipBase());
    m_crosshairBox->setPen(QPen(pal.color(QPalette::Mid)));
    m_crosshairText->setBrush(pal.toolTipText());
    setBackgroundBrush(pal.base());
}

int TimeSeriesChart::plotWidth() const
{
    return std::max(50, int(chart()->plotArea().width()));
}

double TimeSeriesChart::axisTop() const
{
    return m_scale.top * m_scale.divisor;
}

QStringList TimeSeriesChart::timeLabels() const
{
    return m_timeAxis->categoriesLabels();
}

qint64 TimeSeriesChart::timeAt(qreal viewX) const
{
    const QPointF inChart = chart()->mapFromScene(mapToScene(QPoint(int(viewX), 0)));
    const QRectF plot = chart()->plotArea();
    const double f = std::clamp((inChart.x() - plot.left()) / std::max(1.0, plot.width()), 0.0, 1.0);
    return m_fromMs + qint64(f * double(m_toMs - m_fromMs));
}

QString TimeSeriesChart::valuesAt(qint64 atMs) const
{
    if (atMs < m_fromMs || atMs > m_toMs)
        return {};
    const qint64 span = m_toMs - m_fromMs;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs);
    QStringList text{at.toString(span > 36 * 3600 * 1000ll ? QStringLiteral("yyyy-MM-dd hh:mm:ss")
                                                           : QStringLiteral("hh:mm:ss"))};
    // A point counts as "here" within 2% of the range (at least 1.5 samples of a second).
    const qint64 slack = std::max<qint64>(1500, span / 50);
    for (const Line &l : m_lines) {
        const HistoryPoint *p = nearest(l.points, atMs, slack);
        text << QStringLiteral("%1: %2").arg(l.label, formatChartValue(m_unit, p ? p->value : std::nan("")));
    }
    return text.join(u'\n');
}

void TimeSeriesChart::showCrosshair(const QPointF &viewPos)
{
    const QPointF inChart = chart()->mapFromScene(mapToScene(viewPos.toPoint()));
    const QRectF plot = chart()->plotArea();
    if (!plot.contains(inChart) || m_lines.isEmpty()) {
        hideCrosshair();
        return;
    }
    m_crosshair->setLine(inChart.x(), plot.top(), inChart.x(), plot.bottom());
    m_crosshair->show();
    m_crosshairText->setText(valuesAt(timeAt(viewPos.x())));
    const QRectF text = m_crosshairText->boundingRect().adjusted(-4, -3, 4, 3);
    m_crosshairText->setPos(4, 3);
    QPointF at(inChart.x() + 10, plot.top() + 4);
    if (at.x() + text.width() > plot.right())
        at.setX(inChart.x() - 10 - text.width());
    m_crosshairBox->setRect(QRectF(QPointF(0, 0), text.size()));
    m_crosshairBox->setPos(at);
    m_crosshairBox->show();
}

void TimeSeriesChart::hideCrosshair()
{
    m_crosshair->hide();
    m_crosshairBox->hide();
}

void TimeSeriesChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const QPointF inChart = chart()->mapFromScene(mapToScene(event->pos()));
        if (chart()->plotArea().contains(inChart)) {
            m_dragStartX = event->position().x();
            event->accept();
            return;
        }
    }
    QChartView::mousePressEvent(event);
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent *event)
{
    showCrosshair(event->position());
    if (m_dragStartX >= 0) {
        const QRectF plot = chart()->plotArea();
        const auto toChartX = [this](qreal x) {
            return chart()->mapFromScene(mapToScene(QPoint(int(x), 0))).x();
        };
        const qreal a = std::clamp(toChartX(m_dragStartX), plot.left(), plot.right());
        const qreal b = std::clamp(toChartX(event->position().x()), plot.left(), plot.right());
        m_band->setRect(QRectF(QPointF(std::min(a, b), plot.top()), QPointF(std::max(a, b), plot.bottom())));
        m_band->show();
    }
    QChartView::mouseMoveEvent(event);
}

void TimeSeriesChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragStartX >= 0) {
        const qreal start = m_dragStartX;
        m_dragStartX = -1;
        m_band->hide();
        if (std::abs(event->position().x() - start) >= 8) {
            const qint64 a = timeAt(start), b = timeAt(event->position().x());
            emit rangeRequested(std::min(a, b), std::max(a, b));
        }
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeSeriesChart::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        emit liveRequested();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void TimeSeriesChart::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0) {
        QChartView::wheelEvent(event);
        return;
    }
    const qint64 span = m_toMs - m_fromMs;
    if (event->modifiers() & Qt::ShiftModifier) {
        const qint64 shift = -steps * span / 5; // wheel up: back in time
        emit rangeRequested(m_fromMs + shift, m_toMs + shift);
    } else {
        const qint64 at = timeAt(event->position().x());
        const double factor = std::pow(steps > 0 ? 0.67 : 1.5, std::abs(steps));
        const qint64 from = at - qint64(double(at - m_fromMs) * factor);
        const qint64 to = at + qint64(double(m_toMs - at) * factor);
        if (to - from >= 10'000) // no zooming below 10 s: a few samples
            emit rangeRequested(from, to);
    }
    event->accept();
}

void TimeSeriesChart::leaveEvent(QEvent *event)
{
    hideCrosshair();
    QChartView::leaveEvent(event);
}

void TimeSeriesChart::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(tr("Back to live"), this, &TimeSeriesChart::liveRequested);
    menu.addSeparator();
    menu.addAction(tr("Export chart as PNG…"), this, [this] { exportTo(QStringLiteral("png")); });
    menu.addAction(tr("Export chart as SVG…"), this, [this] { exportTo(QStringLiteral("svg")); });
    menu.addAction(tr("Export data as CSV…"), this, [this] { exportTo(QStringLiteral("csv")); });
    menu.exec(event->globalPos());
}

void TimeSeriesChart::exportTo(const QString &format)
{
    QString name = title().toLower().replace(u' ', u'-');
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export %1").arg(title()), name + u'.' + format,
                                     format.toUpper() + QStringLiteral(" (*.") + format + u')');
    if (path.isEmpty())
        return;
    bool ok = false;
    if (format == QLatin1String("png")) {
        ok = savePng(path);
    } else if (format == QLatin1String("svg")) {
        ok = saveSvg(path);
    } else {
        QFile f(path);
        ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(toCsv().toUtf8()) >= 0;
    }
    if (!ok)
        QMessageBox::warning(this, tr("Export"), tr("Could not write %1.").arg(path));
}

QString TimeSeriesChart::toCsv() const
{
    // One row per time any line has a point in the range; a line without a point there is empty.
    QList<qint64> times;
    for (const Line &l : m_lines) {
        for (const HistoryPoint &p : l.points) {
            if (p.atMs >= m_fromMs && p.atMs <= m_toMs)
                times.append(p.atMs);
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    const auto quoted = [](QString s) { return u'"' + s.replace(u'"', QStringLiteral("\"\"")) + u'"'; };
    QString out = QStringLiteral("time");
    for (const Line &l : m_lines)
        out += u',' + quoted(QStringLiteral("%1 (%2)").arg(l.label, unitName(m_unit)));
    out += u'\n';
    QList<qsizetype> next(m_lines.size(), 0);
    for (const qint64 t : times) {
        out += QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs);
        for (qsizetype i = 0; i < m_lines.size(); ++i) {
            const QList<HistoryPoint> &points = m_lines[i].points;
            qsizetype &j = next[i];
            while (j < points.size() && points[j].atMs < t)
                ++j;
            out += u',';
            if (j < points.size() && points[j].atMs == t && !points[j].isGap())
                out += QString::number(points[j].value, 'g', 12);
        }
        out += u'\n';
    }
    return out;
}

bool TimeSeriesChart::savePng(const QString &path)
{
    hideCrosshair();
    return grab().save(path, "PNG");
}

bool TimeSeriesChart::saveSvg(const QString &path)
{
    hideCrosshair();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size());
    svg.setViewBox(rect());
    svg.setTitle(title());
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    render(&painter);
    return painter.end() && QFile::exists(path);
}

void TimeSeriesChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColors();
    QChartView::changeEvent(event);
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    hideCrosshair();
    placeEmptyText();
}

} // namespace tusk::widgets
