#include "dashboardworkspace.h"

#include "charts/dashboardview.h"
#include "monitor/dashboardspec.h"
#include "monitor/metrichistory.h"
#include "monitor/sampler.h"
#include "pg/connectionregistry.h"
#include "pg/session.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

using namespace tusk;

DashboardWorkspace::DashboardWorkspace(pg::ConnectionRegistry *registry, const pg::ConnectionParams &params,
                                       state::SqliteWorker *stateFile, QWidget *parent)
    : Workspace(parent)
    , m_params(params)
    , m_sampler(new monitor::Sampler(registry, params, this))
    , m_history(new monitor::MetricHistory(stateFile, pg::ConnectionKey::of(params).toString(), this))
    , m_view(new widgets::DashboardView(monitor::overviewDashboard(), m_history, this))
    , m_interval(new QComboBox(this))
    , m_keepRecording(new QAction(tr("Keep recording while hidden"), this))
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    auto *title =
        new QLabel(tr("<b>%1</b> · %2").arg(m_view->spec().title, params.displayName().toHtmlEscaped()));
    bar->addWidget(title);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("Sample every")));
    for (const int ms : {500, 1000, 2000, 5000, 10'000, 30'000, 60'000})
        m_interval->addItem(ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(ms / 1000), ms);
    m_interval->setCurrentIndex(1);
    bar->addWidget(m_interval);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_keepRecording->setCheckable(true);
    m_keepRecording->setToolTip(
        tr("Go on sampling this server while another tab is in front or the window is minimised"));
    connect(m_keepRecording, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_sampler->start();
        else if (!isVisible())
            m_sampler->stop();
    });
    connect(m_interval, &QComboBox::activated, this,
            [this](int index) { setTickInterval(m_interval->itemData(index).toInt()); });
    connect(m_sampler, &monitor::Sampler::sampled, this, &DashboardWorkspace::onSample);
    connect(m_sampler->session(), &pg::Session::connected, this, &Workspace::statusChanged);
    connect(m_sampler->session(), &pg::Session::connectionLost, this, &Workspace::statusChanged);
    m_history->setTickInterval(m_sampler->tickInterval());
    m_view->setStatusText(tr("Connecting…"), false);
}

DashboardWorkspace::~DashboardWorkspace()
{
    m_sampler->stop();
}

QString DashboardWorkspace::title() const
{
    return tr("Dashboard · %1").arg(m_params.displayName());
}

QList<QAction *> DashboardWorkspace::menuActions(Menu menu) const
{
    if (menu == Menu::View)
        return {m_keepRecording};
    return {};
}

pg::Session *DashboardWorkspace::session() const
{
    return m_sampler->session();
}

void DashboardWorkspace::setTickInterval(int ms)
{
    m_sampler->setTickInterval(ms);
    m_history->setTickInterval(m_sampler->tickInterval());
}

void DashboardWorkspace::showEvent(QShowEvent *event)
{
    Workspace::showEvent(event);
    m_sampler->start();
    m_view->refresh();
}

void DashboardWorkspace::hideEvent(QHideEvent *event)
{
    Workspace::hideEvent(event);
    if (!m_keepRecording->isChecked())
        m_sampler->stop();
}

void DashboardWorkspace::onSample(const monitor::Sample &sample)
{
    m_history->append(sample);
    if (sample.connected) {
        // The charts' own series, beside the raw ones: their history survives a restart.
        monitor::Sample charts;
        charts.at = sample.at;
        charts.monotonicMillis = sample.monotonicMillis;
        charts.connected = true;
        charts.values = monitor::evaluate(m_view->spec(), sample);
        m_history->append(charts);
    }
    if (isVisible())
        m_view->refresh();
    showSampleStatus(sample);
}

void DashboardWorkspace::showSampleStatus(const monitor::Sample &sample)
{
    if (!sample.connected) {
        m_view->setStatusText(tr("Not sampling: %1 — trying again every tick").arg(sample.error), true);
        return;
    }
    QStringList problems;
    for (const monitor::ProbeStatus &p : sample.probes) {
        if (p.state == monitor::ProbeStatus::State::Failed || p.state == monitor::ProbeStatus::State::Skipped)
            problems << QStringLiteral("%1: %2").arg(p.probe, p.message);
    }
    if (!problems.isEmpty()) {
        m_view->setStatusText(problems.join(QStringLiteral(" · ")), true);
        return;
    }
    const auto ran =
        std::count_if(sample.probes.begin(), sample.probes.end(), [](const monitor::ProbeStatus &p) {
            return p.state == monitor::ProbeStatus::State::Ok;
        });
    m_view->setStatusText(tr("%1 probes in one round trip of %2 ms")
                              .arg(ran)
                              .arg(double(sample.roundTripMicros) / 1000.0, 0, 'f', 1),
                          false);
}
