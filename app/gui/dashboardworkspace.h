#pragma once

#include "pg/connectionparams.h"
#include "workspace.h"

class QAction;
class QComboBox;

namespace tusk::pg {
class ConnectionRegistry;
}
namespace tusk::monitor {
class MetricHistory;
class Sampler;
struct Sample;
} // namespace tusk::monitor
namespace tusk::state {
class SqliteWorker;
}
namespace tusk::widgets {
class DashboardView;
}

/// A dashboard tab on one server: a Sampler on its read-only monitoring session, a
/// MetricHistory (kept in the state file) and the overview charts.
/// - It samples only while it is visible: another tab in front, or the window minimised, and
///   the server is not polled — unless "Keep recording while hidden" is on.
/// - What cannot be sampled is said above the charts: a skipped or failed probe and why, a
///   lost connection (the charts show the gap; sampling resumes by itself).
class DashboardWorkspace : public Workspace
{
    Q_OBJECT
public:
    /// `stateFile` may be null: history in memory only.
    DashboardWorkspace(tusk::pg::ConnectionRegistry *registry, const tusk::pg::ConnectionParams &params,
                       tusk::state::SqliteWorker *stateFile, QWidget *parent = nullptr);
    ~DashboardWorkspace() override;

    QString title() const override;
    QString kind() const override { return QStringLiteral("dashboard"); }
    QList<QAction *> menuActions(Menu menu) const override;
    tusk::pg::Session *session() const override;
    bool confirmClose() override { return true; }
    void saveState(int) override {}
    void discardState() override {}

    tusk::monitor::Sampler *sampler() const { return m_sampler; }
    tusk::monitor::MetricHistory *history() const { return m_history; }
    tusk::widgets::DashboardView *view() const { return m_view; }
    QAction *keepRecordingAction() const { return m_keepRecording; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onSample(const tusk::monitor::Sample &sample);
    void showSampleStatus(const tusk::monitor::Sample &sample);
    void setTickInterval(int ms);

    tusk::pg::ConnectionParams m_params;
    tusk::monitor::Sampler *m_sampler;
    tusk::monitor::MetricHistory *m_history;
    tusk::widgets::DashboardView *m_view;
    QComboBox *m_interval;
    QAction *m_keepRecording;
};
