#pragma once

#include "charts/timeserieschart.h"
#include "monitor/dashboardspec.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QToolButton;

namespace tusk::monitor {
class MetricHistory;
}

namespace tusk::widgets {

/// A dashboard: its charts in a grid over one MetricHistory, all on the same time range.
/// - Live (the default): the last few minutes up to now, moving with every refresh().
/// - A range dragged or wheeled on any chart zooms every chart to it (not live any more); the
///   Live button, a double click or the chart's context menu go back.
/// - The range picker goes from 5 minutes to 30 days: older ranges read the coarser tiers,
///   and what memory no longer holds is read from the history file, off the UI thread.
/// - Live refreshes read memory only (MetricHistory::recent); what a range needs from before
///   memory's oldest point is loaded once when the range is set, then kept.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    DashboardView(const monitor::DashboardSpec &spec, monitor::MetricHistory *history,
                  QWidget *parent = nullptr);

    /// Redraws from the history (call after each sample; cheap when not live).
    void refresh();
    /// Live over the last spanMs.
    void setLiveSpan(qint64 spanMs);
    /// A fixed range: not live until asked.
    void setRange(qint64 fromMs, qint64 toMs);
    bool isLive() const { return m_live; }
    qint64 fromMs() const;
    qint64 toMs() const;

    const monitor::DashboardSpec &spec() const { return m_spec; }
    QList<TimeSeriesChart *> charts() const { return m_charts; }
    TimeSeriesChart *chart(const QString &chartId) const;
    /// What the workspace reports beside the range (skipped probes, connection state).
    void setStatusText(const QString &text, bool warning);
    QString statusText() const;

signals:
    void rangeChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Backfill
    {
        qint64 fromMs = 0; ///< the range it was loaded for
        int tier = -1;
        QList<monitor::HistoryPoint> points;
    };
    void updateRangeControls();
    QList<monitor::HistoryPoint> pointsFor(const QString &key, int tier, qint64 from, qint64 to) const;
    int tierFor(qint64 from, qint64 to) const;

    monitor::DashboardSpec m_spec;
    monitor::MetricHistory *m_history;
    QList<TimeSeriesChart *> m_charts;
    QComboBox *m_span;
    QToolButton *m_liveButton;
    QLabel *m_rangeLabel;
    QLabel *m_status;
    QString m_statusText; ///< in full (the label shows it elided, the tooltip whole)
    bool m_live = true;
    qint64 m_spanMs = 15 * 60 * 1000;
    qint64 m_fromMs = 0; ///< when not live
    qint64 m_toMs = 0;
    QHash<QString, Backfill> m_backfill; ///< per series key
    quint64 m_backfillGeneration = 0;
};

} // namespace tusk::widgets
