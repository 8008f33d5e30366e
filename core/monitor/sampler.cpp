#include "monitor/sampler.h"

#include "pg/session.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace tusk::monitor {

namespace {
// First statement of every batch: restart detection and the version the probes were chosen by.
const QString kMetaSql = QStringLiteral("SELECT extract(epoch FROM pg_postmaster_start_time()) AS started, "
                                        "current_setting('server_version_num') AS version");
constexpr qint64 kMaxBackoffMillis = 10 * 60 * 1000;

qint64 slowLimitMicros(const Probe &p)
{
    return std::max<qint64>(qint64(p.intervalSeconds) * 1'000'000 / 4, 500'000);
}
} // namespace

Sampler::Sampler(pg::ConnectionRegistry *registry, const pg::ConnectionParams &node, QObject *parent)
    : QObject(parent)
    , m_session(registry->shared(node, pg::SessionRole::Monitor))
    , m_timer(new QTimer(this))
{
    m_clock.start();
    m_timer->setInterval(1000);
    m_timer->setTimerType(Qt::PreciseTimer); // rates divide by the real gap, but charts like even steps
    connect(m_timer, &QTimer::timeout, this, &Sampler::tick);
    connect(m_session.get(), &pg::Session::connectionFailed, this,
            [this](const pg::Error &e) { m_lastError = e.toString(); });
    connect(m_session.get(), &pg::Session::connectionLost, this,
            [this](const pg::Error &e) { m_lastError = e.toString(); });
}

Sampler::~Sampler() = default;

void Sampler::setTickInterval(int ms)
{
    m_timer->setInterval(std::clamp(ms, 500, 60'000));
}

int Sampler::tickInterval() const
{
    return m_timer->interval();
}

void Sampler::start()
{
    if (m_timer->isActive())
        return;
    m_timer->start();
    tick(); // the first sample now, not a tick later
}

void Sampler::stop()
{
    m_timer->stop();
}

bool Sampler::isRunning() const
{
    return m_timer->isActive();
}

void Sampler::addProbe(const Probe &probe)
{
    m_extra.append(probe);
    if (m_loadedForVersion != 0)
        m_probes.append({probe});
}

QList<Probe> Sampler::probes() const
{
    QList<Probe> out;
    for (const ProbeState &p : m_probes)
        out.append(p.probe);
    return out;
}

void Sampler::loadProbes(int serverVersion)
{
    m_loadedForVersion = serverVersion;
    m_probes.clear();
    auto probes = probesFor(serverVersion / 10000);
    if (!probes) {
        m_probeError = probes.error();
        return;
    }
    m_probeError.clear();
    m_unavailable.clear();
    m_texts.reset();
    const pg::ServerInfo &info = m_session->serverInfo();
    for (const Probe &p : *probes) {
        QStringList missing;
        for (const QString &ext : p.requiredExtensions) {
            if (!info.hasExtension(ext))
                missing << ext;
        }
        if (missing.isEmpty()) {
            m_probes.append({p});
            continue;
        }
        ProbeStatus status;
        status.probe = p.name;
        status.state = ProbeStatus::State::Skipped;
        status.message = tr("needs the %1 extension in database %2 (shared_preload_libraries, then "
                            "CREATE EXTENSION %1; reconnect to pick it up)")
                             .arg(missing.join(QStringLiteral(", ")), info.database);
        m_unavailable.append(status);
    }
    for (const Probe &p : std::as_const(m_extra))
        m_probes.append({p});
}

bool Sampler::sampleNow()
{
    if (m_inFlight)
        return false;
    tick();
    return true;
}

void Sampler::emitGap(const QString &why)
{
    Sample s;
    s.at = QDateTime::currentDateTime();
    s.monotonicMillis = m_clock.elapsed();
    s.connected = false;
    s.error = why;
    m_rates.apply(s);
    emit sampled(s);
}

void Sampler::tick()
{
    pg::Session *session = m_session.get();
    if (!session || m_inFlight)
        return; // the last batch has not answered: never pile up
    switch (session->state()) {
    case pg::Session::State::Disconnected:
        emitGap(m_lastError.isEmpty() ? tr("not connected") : m_lastError);
        session->reconnect(); // resumes by itself once the server is back
        return;
    case pg::Session::State::Connecting:
        emitGap(tr("connecting"));
        return;
    case pg::Session::State::Connected:
        break;
    }
    if (m_loadedForVersion != session->serverInfo().versionNumber)
        loadProbes(session->serverInfo().versionNumber);
    const qint64 now = m_clock.elapsed();
    QList<int> due;
    QList<pg::Statement> statements{{kMetaSql, {}}};
    for (int i = 0; i < m_probes.size(); ++i) {
        ProbeState &p = m_probes[i];
        if (p.nextDueMillis > now)
            continue;
        p.skipReason.clear();
        // A 1 s probe is an every-tick probe, whatever the tick (a 0.5 s tick samples it twice a
        // second). Slower ones keep their seconds, rounded to whole ticks: a 5 s probe on a 2 s
        // tick runs every third tick, not late.
        const qint64 every = p.probe.intervalSeconds <= 1 ? 0 : qint64(p.probe.intervalSeconds) * 1000;
        p.nextDueMillis = every == 0 ? 0 : now + every - m_timer->interval() / 2;
        due.append(i);
        // every_database is the only parameter there is (Probe::parse refuses others).
        statements.append(
            {p.probe.sql, QStringList(p.probe.parameters.size(),
                                      m_everyDatabase ? QStringLiteral("true") : QStringLiteral("false"))});
    }
    int textsAt = -1;
    if (std::optional<pg::Statement> texts = m_fetchTexts ? m_texts.nextFetch() : std::nullopt) {
        textsAt = int(statements.size());
        statements.append(*texts);
    }
    m_inFlight = true;
    session->queryBatch(statements, this, [this, due, textsAt](const QList<pg::QueryOutcome> &outcomes) {
        m_inFlight = false;
        onAnswer(due, textsAt, outcomes);
    });
}

void Sampler::backOff(ProbeState &p, const QString &why)
{
    const qint64 base = qint64(p.probe.intervalSeconds) * 1000 * 10;
    const qint64 wait = std::min(base << std::min(p.backoffLevel, 16), kMaxBackoffMillis);
    ++p.backoffLevel;
    p.nextDueMillis = m_clock.elapsed() + wait;
    p.skipReason = tr("%1; skipped for %2 s").arg(why).arg(wait / 1000);
}

void Sampler::onAnswer(const QList<int> &due, int textsAt, const QList<pg::QueryOutcome> &outcomes)
{
    Sample s;
    s.at = QDateTime::currentDateTime();
    s.monotonicMillis = m_clock.elapsed();
    const pg::QueryOutcome &meta = outcomes.value(0, pg::QueryOutcome(pg::Error::usage(tr("no answer"))));
    if (!meta) {
        // The connection went (or the server is going): this tick is a gap.
        if (textsAt >= 0)
            m_texts.failed();
        m_lastError = meta.error().toString();
        emitGap(m_lastError);
        return;
    }
    s.connected = true;
    const double started = meta->text(0, u"started").toDouble();
    s.serverStart = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(started * 1000)));
    s.serverVersion = meta->text(0, u"version").toInt();
    for (const pg::QueryOutcome &o : outcomes) {
        if (o && o->elapsedMicros() > 0)
            s.roundTripMicros += o->elapsedMicros();
    }
    QList<bool> ran(m_probes.size(), false);
    for (int k = 0; k < due.size(); ++k) {
        const int i = due[k];
        if (i >= m_probes.size())
            continue;
        ran[i] = true;
        ProbeState &p = m_probes[i];
        const pg::QueryOutcome &o =
            outcomes.value(k + 1, pg::QueryOutcome(pg::Error::usage(tr("no answer"))));
        ProbeStatus status;
        status.probe = p.probe.name;
        if (!o) {
            status.state = ProbeStatus::State::Failed;
            status.message = o.error().message;
            if (o.error().sqlState == QLatin1String("57014")) { // statement_timeout
                backOff(p, tr("hit statement_timeout (%1 ms)").arg(pg::kMonitorStatementTimeoutMs));
                status.message = p.skipReason;
            }
            s.probes.append(status);
            continue;
        }
        status.elapsedMicros = o->elapsedMicros();
        auto values = p.probe.read(*o);
        if (!values) {
            status.state = ProbeStatus::State::Failed;
            status.message = values.error();
        } else {
            s.values.append(*values);
            if (status.elapsedMicros > slowLimitMicros(p.probe)) {
                backOff(p, tr("took %L1 ms").arg(status.elapsedMicros / 1000));
                status.message = p.skipReason;
            } else {
                p.backoffLevel = 0;
            }
        }
        s.probes.append(status);
    }
    for (int i = 0; i < m_probes.size(); ++i) {
        if (ran[i])
            continue;
        const ProbeState &p = m_probes[i];
        ProbeStatus status;
        status.probe = p.probe.name;
        status.state = p.skipReason.isEmpty() ? ProbeStatus::State::NotDue : ProbeStatus::State::Skipped;
        status.message = p.skipReason;
        s.probes.append(status);
    }
    s.probes.append(m_unavailable);
    if (textsAt >= 0) {
        const pg::QueryOutcome &texts =
            outcomes.value(textsAt, pg::QueryOutcome(pg::Error::usage(tr("no answer"))));
        if (texts)
            s.statementTexts = m_texts.read(*texts);
        else
            m_texts.failed();
    }
    m_texts.noteSeen(s.values);
    // The batch's own transactions: each statement is an implicit transaction of its own, which
    // pg_stat_database counts in the monitoring database like any other. Said as counters, so
    // that the TPS a dashboard shows can leave Tusk's own sampling out.
    for (const pg::QueryOutcome &o : outcomes)
        ++(o ? m_ownCommits : m_ownRollbacks);
    const Labels here{{QStringLiteral("datname"), m_session->serverInfo().database}};
    for (const auto &[name, count] :
         {std::pair{kOwnCommits, m_ownCommits}, std::pair{kOwnRollbacks, m_ownRollbacks}}) {
        MetricValue own;
        own.name = QString::fromLatin1(name);
        own.labels = here;
        own.kind = MetricKind::Counter;
        own.value = double(count);
        s.values.append(own);
    }
    m_rates.apply(s);
    emit sampled(s);
}

} // namespace tusk::monitor
