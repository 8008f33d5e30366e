#include "charts/dashboardview.h"

#include "monitor/historydecimate.h"
#include "monitor/metrichistory.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace tusk::widgets {

using monitor::HistoryPoint;

namespace {

/// The most points one line may bring before decimation: an hour of 1 s samples reads the raw
/// tier (decimated to the plot's width keeps its spikes), six hours read 1-minute buckets.
constexpr int kMaxPointsPerLine = 4000;

/// A range ending this close to now is still "now": a wheel or drag on a live chart stays live.
constexpr qint64 kLiveSlackMs = 3000;

struct SpanChoice
{
    const char *label;
    qint64 ms;
};
constexpr SpanChoice kSpans[] = {{"Last 5 minutes", 5 * 60'000ll},
                                 {"Last 15 minutes", 15 * 60'000ll},
                                 {"Last hour", 3'600'000ll},
                                 {"Last 6 hours", 6 * 3'600'000ll},
                                 {"Last 24 hours", 24 * 3'600'000ll},
                                 {"Last 7 days", 7 * 24 * 3'600'000ll},
                                 {"Last 30 days", 30 * 24 * 3'600'000ll}};

} // namespace

DashboardView::DashboardView(const monitor::DashboardSpec &spec, monitor::MetricHistory *history,
                             QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
    , m_history(history)
    , m_span(new QComboBox(this))
    , m_liveButton(new QToolButton(this))
    , m_rangeLabel(new QLabel(this))
    , m_status(new QLabel(this))
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    for (const SpanChoice &s : kSpans)
        m_span->addItem(tr(s.label), s.ms);
    m_span->setCurrentIndex(1);
    m_liveButton->setText(tr("Live"));
    m_liveButton->setCheckable(true);
    m_liveButton->setChecked(true);
    m_liveButton->setToolTip(tr("Follow the newest samples (double-click a chart to come back)"));
    // A long reason (an extension to install) must not widen the window: elided, whole in the
    // tooltip.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    bar->addWidget(m_span);
    bar->addWidget(m_liveButton);
    bar->addWidget(m_rangeLabel);
    bar->addWidget(m_status, 1);

    auto *grid = new QGridLayout;
    grid->setContentsMargins(6, 0, 6, 6);
    grid->setSpacing(6);
    const int columns = std::max(1, spec.columns);
    for (qsizetype i = 0; i < spec.charts.size(); ++i) {
        const monitor::ChartSpec &c = spec.charts[i];
        auto *chart = new TimeSeriesChart;
        chart->setObjectName(c.id);
        chart->setTitle(c.title);
        chart->setUnit(c.unit);
        chart->setEmptyText(c.emptyText);
        chart->setMinimumHeight(fontMetrics().height() * 15);
        chart->setMinimumWidth(fontMetrics().averageCharWidth() * 40);
        connect(chart, &TimeSeriesChart::rangeRequested, this, [this](qint64 from, qint64 to) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (m_live && to >= now - kLiveSlackMs) {
                m_spanMs = std::max<qint64>(10'000, now - from);
                m_backfill.clear();
                ++m_backfillGeneration;
                refresh();
                updateRangeControls();
                emit rangeChanged();
            } else {
                setRange(from, std::min(to, now));
            }
        });
        connect(chart, &TimeSeriesChart::liveRequested, this, [this] { setLiveSpan(m_spanMs); });
        grid->addWidget(chart, int(i / columns), int(i % columns));
        m_charts.append(chart);
    }
    for (int c = 0; c < columns; ++c)
        grid->setColumnStretch(c, 1);
    auto *content = new QWidget;
    content->setLayout(grid);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(scroll, 1);

    connect(m_span, &QComboBox::activated, this,
            [this](int index) { setLiveSpan(m_span->itemData(index).toLongLong()); });
    connect(m_liveButton, &QToolButton::clicked, this, [this] {
        setLiveSpan(m_spanMs);
        m_liveButton->setChecked(true);
    });
    updateRangeControls();
}

void DashboardView::setLiveSpan(qint64 spanMs)
{
    m_live = true;
    m_spanMs = spanMs;
    m_backfill.clear();
    ++m_backfillGeneration;
    updateRangeControls();
    refresh();
    emit rangeChanged();
}

void DashboardView::setRange(qint64 fromMs, qint64 toMs)
{
    m_live = false;
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 10'000);
    m_backfill.clear();
    ++m_backfillGeneration;
    updateRangeControls();
    refresh();
    emit rangeChanged();
}

qint64 DashboardView::fromMs() const
{
    return m_live ? QDateTime::currentMSecsSinceEpoch() - m_spanMs : m_fromMs;
}

qint64 DashboardView::toMs() const
{
    return m_live ? QDateTime::currentMSecsSinceEpoch() : m_toMs;
}

TimeSeriesChart *DashboardView::chart(const QString &chartId) const
{
    for (TimeSeriesChart *c : m_charts) {
        if (c->objectName() == chartId)
            return c;
    }
    return nullptr;
}

void DashboardView::setStatusText(const QString &text, bool warning)
{
    m_statusText = text;
    m_status->setToolTip(text);
    m_status->setText(
        m_status->fontMetrics().elidedText(text, Qt::ElideRight, std::max(0, m_status->width())));
    m_status->setForegroundRole(warning ? QPalette::BrightText : QPalette::WindowText);
    QPalette pal = palette();
    if (warning)
        pal.setColor(QPalette::BrightText, QColor(0xd9, 0x6a, 0x00));
    m_status->setPalette(pal);
}

QString DashboardView::statusText() const
{
    return m_statusText;
}

void DashboardView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_status->setText(m_status->fontMetrics().elidedText(m_statusText, Qt::ElideRight, m_status->width()));
}

void DashboardView::updateRangeControls()
{
    m_liveButton->setChecked(m_live);
    if (m_live) {
        m_rangeLabel->clear();
        // The picker names the span when it is one of its choices.
        for (int i = 0; i < m_span->count(); ++i) {
            if (m_span->itemData(i).toLongLong() == m_spanMs)
                m_span->setCurrentIndex(i);
        }
        return;
    }
    const bool days = m_toMs - m_fromMs > 36 * 3'600'000ll ||
                      QDateTime::fromMSecsSinceEpoch(m_fromMs).date() != QDate::currentDate();
    const QString format = days ? QStringLiteral("yyyy-MM-dd hh:mm:ss") : QStringLiteral("hh:mm:ss");
    m_rangeLabel->setText(tr("%1 – %2").arg(QDateTime::fromMSecsSinceEpoch(m_fromMs).toString(format),
                                            QDateTime::fromMSecsSinceEpoch(m_toMs).toString(format)));
}

int DashboardView::tierFor(qint64 from, qint64 to) const
{
    return m_history->tierFor(from, to, kMaxPointsPerLine, QDateTime::currentMSecsSinceEpoch());
}

QList<HistoryPoint> DashboardView::pointsFor(const QString &key, int tier, qint64 from, qint64 to) const
{
    QList<HistoryPoint> memory = m_history->recent(key, from, to, tier);
    const auto b = m_backfill.constFind(key);
    if (b == m_backfill.constEnd() || b->tier != tier || b->points.isEmpty())
        return memory;
    // What the file had before memory's oldest point, then memory.
    const qint64 firstInMemory = memory.isEmpty() ? std::numeric_limits<qint64>::max() : memory.first().atMs;
    QList<HistoryPoint> out;
    for (const HistoryPoint &p : b->points) {
        if (p.atMs >= from && p.atMs < firstInMemory && p.atMs <= to)
            out.append(p);
    }
    out += memory;
    return out;
}

void DashboardView::refresh()
{
    const qint64 from = fromMs(), to = toMs();
    const int tier = tierFor(from, to);
    QStringList keys = m_history->seriesKeys();
    const QString prefix = monitor::chartSeriesName(QString());
    keys.erase(
        std::remove_if(keys.begin(), keys.end(), [&](const QString &k) { return !k.startsWith(prefix); }),
        keys.end());
    for (qsizetype i = 0; i < m_spec.charts.size(); ++i) {
        const monitor::ChartSpec &spec = m_spec.charts[i];
        TimeSeriesChart *chart = m_charts[i];
        QList<TimeSeriesChart::Line> lines;
        for (const QString &key : keys) {
            const QString id = monitor::chartLineOf(spec.id, key);
            if (id.isEmpty())
                continue;
            // Once per line and range: what memory does not hold any more (or never held, from
            // an earlier run) comes from the file, off this thread.
            if (!m_backfill.contains(key)) {
                m_backfill.insert(key, Backfill{from, tier, {}});
                const quint64 generation = m_backfillGeneration;
                m_history->load(key, from, to, kMaxPointsPerLine, this,
                                [this, key, generation, from](const QList<HistoryPoint> &points, int t) {
                                    if (generation != m_backfillGeneration)
                                        return;
                                    m_backfill.insert(key, Backfill{from, t, points});
                                    if (!m_live)
                                        refresh(); // live ones redraw with the next sample anyway
                                });
            }
            TimeSeriesChart::Line line;
            line.id = id;
            line.label = monitor::chartLineLabel(spec, id);
            line.points =
                // A low and a high per two pixels: the same band, half the points to stroke.
                monitor::decimateMinMax(pointsFor(key, tier, from, to), from, to, chart->plotWidth() / 2);
            lines.append(std::move(line));
        }
        std::stable_sort(lines.begin(), lines.end(), [&spec](const auto &a, const auto &b) {
            const int oa = monitor::chartLineOrder(spec, a.id), ob = monitor::chartLineOrder(spec, b.id);
            return oa != ob ? oa < ob : a.id < b.id;
        });
        chart->setData(from, to, lines);
    }
}

} // namespace tusk::widgets
