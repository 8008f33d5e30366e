#pragma once

#include "monitor/metric.h"
#include "monitor/probe.h"
#include "monitor/ratecalculator.h"
#include "monitor/statementtexts.h"
#include "pg/connectionregistry.h"
#include "pg/request.h"

#include <QElapsedTimer>
#include <QObject>

class QTimer;

namespace tusk::pg {
class Session;
}

namespace tusk::monitor {

/// Samples one node: every tick, the probes that are due go to the server in **one round trip**
/// (a pipelined batch on the node's shared, read-only Monitor session from the registry), and
/// one Sample comes back with counters already turned into rates.
/// @code
/// auto *sampler = new Sampler(registry, node, this);
/// connect(sampler, &Sampler::sampled, this, [](const Sample &s) {
///     if (const MetricValue *v = s.find(u"pg_stat_database_xact_commit"_s, {{u"datname"_s, u"crm"_s}}))
///         chart->append(s.at, v->rate); // NaN: a gap
/// });
/// sampler->start();
/// @endcode
/// - A tick never piles up: while the last batch has not answered, the next tick is skipped.
/// - Each probe runs at its own interval (`-- interval:`), rounded to whole ticks; a probe of
///   1 s runs on every tick.
/// - Back-off: a probe whose share of the round trip took more than max(25% of its interval,
///   500 ms), or that hit statement_timeout, is skipped for 10 intervals, doubling each time it
///   happens again (at most 10 minutes); its ProbeStatus says so.
/// - A probe that `-- requires:` an extension the monitoring database lacks is not run; every
///   sample lists it as skipped with the reason (and how to install it).
/// - pg_stat_statements texts are fetched once per new queryid, in the next tick's batch
///   (Sample::statementTexts).
/// - Its own statements are transactions pg_stat_database counts: every sample says how many
///   (kOwnCommits, kOwnRollbacks), so charts can leave them out of the server's TPS.
/// - A lost connection gives samples with connected=false (a gap) and a reconnect attempt per
///   tick; sampling resumes by itself. A server restart resets the rates (no spike).
class Sampler : public QObject
{
    Q_OBJECT
public:
    Sampler(pg::ConnectionRegistry *registry, const pg::ConnectionParams &node, QObject *parent = nullptr);
    ~Sampler() override;

    /// Milliseconds between ticks, kept within 500–60,000; 1,000 by default.
    void setTickInterval(int ms);
    int tickInterval() const;
    /// Ticks run only between start() and stop(): nothing polls when nothing needs it.
    void start();
    void stop();
    bool isRunning() const;
    /// One tick now (tests, `tusk-cli monitor --once`); false when one is in flight.
    bool sampleNow();

    /// Whether pg_stat_statements texts are fetched for new queryids (on by default); the
    /// Prometheus exporter serves no texts and turns it off.
    void setFetchStatementTexts(bool on) { m_fetchTexts = on; }
    /// Rows for every database, zeros included (Prometheus), or only for those with something
    /// to count (dashboards; the default). Probe::parameters.
    void setEveryDatabase(bool on) { m_everyDatabase = on; }
    /// A probe beyond the built-in ones (tests: a deliberately slow one).
    void addProbe(const Probe &probe);
    /// The probes for the connected server's version (empty before the first connection).
    QList<Probe> probes() const;
    pg::Session *session() const { return m_session.get(); }
    /// Why the probes could not be loaded, if they could not.
    QString probeError() const { return m_probeError; }

signals:
    void sampled(const tusk::monitor::Sample &sample);

private:
    struct ProbeState
    {
        Probe probe;
        qint64 nextDueMillis = 0;
        int backoffLevel = 0;
        QString skipReason;
    };
    void tick();
    void loadProbes(int serverVersion);
    void onAnswer(const QList<int> &due, int textsAt, const QList<pg::QueryOutcome> &outcomes);
    void backOff(ProbeState &p, const QString &why);
    void emitGap(const QString &why);

    pg::SessionLease m_session;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    bool m_inFlight = false;
    int m_loadedForVersion = 0;
    QList<ProbeState> m_probes;
    QList<ProbeStatus> m_unavailable; ///< probes whose extension is not installed, and why
    StatementTexts m_texts;
    bool m_fetchTexts = true;
    bool m_everyDatabase = false;
    QList<Probe> m_extra;
    QString m_probeError;
    QString m_lastError;
    RateCalculator m_rates;
    qint64 m_ownCommits = 0;   ///< statements of this sampler's batches that succeeded
    qint64 m_ownRollbacks = 0; ///< and that failed: each was a transaction of its own
};

} // namespace tusk::monitor
