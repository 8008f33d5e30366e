#include "monitor/scraper.h"

#include "monitor/sampler.h"
#include "pg/session.h"

#include <QTimer>

#include <algorithm>

namespace tusk::monitor {

struct Scraper::NodeState
{
    QString server;
    std::unique_ptr<Sampler> sampler;
    bool asked = false; ///< asked in this round, no answer yet
    QElapsedTimer askedAt;
    double seconds = 0;
    bool down = false;
    /// What is served: the last answer's facts, the values of every probe's last good run
    /// (slower probes are not due on every scrape) and every probe's last status.
    Sample merged;
    QStringList probeOrder;
    QHash<QString, QList<MetricValue>> valuesByProbe;
    QHash<QString, ProbeStatus> statusByProbe;
};

Scraper::Scraper(pg::ConnectionRegistry *registry, const QList<Node> &nodes, QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        for (const auto &n : m_nodes) {
            if (n->asked)
                markDown(*n, tr("no answer within %1 s").arg(m_timeoutMs / 1000.0));
        }
        finishRound();
    });
    for (const Node &n : nodes) {
        auto state = std::make_unique<NodeState>();
        NodeState *node = state.get();
        node->server = n.server;
        node->sampler = std::make_unique<Sampler>(registry, n.params); // connects now
        node->sampler->setFetchStatementTexts(false); // Prometheus gets no texts: not worth a statement
        node->sampler->setEveryDatabase(true);        // postgres_exporter's shape: zeros included
        connect(node->sampler.get(), &Sampler::sampled, this,
                [this, node](const Sample &s) { onSampled(*node, s); });
        pg::Session *session = node->sampler->session();
        connect(session, &pg::Session::connected, this, [node] {
            if (node->asked)
                node->sampler->sampleNow();
        });
        connect(session, &pg::Session::connectionFailed, this, [this, node](const pg::Error &e) {
            if (node->asked)
                markDown(*node, e.toString());
        });
        m_nodes.push_back(std::move(state));
    }
}

Scraper::~Scraper() = default;

QString Scraper::serverLabel(const pg::ConnectionParams &params)
{
    QString host = params.value(QStringLiteral("host"));
    if (host.isEmpty() && params.contains(QStringLiteral("service")))
        return QStringLiteral("service=") + params.value(QStringLiteral("service"));
    if (host.isEmpty())
        host = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
    QString port = params.value(QStringLiteral("port"));
    if (port.isEmpty())
        port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
    return host + u':' + port;
}

void Scraper::scrape(QObject *context, Done done)
{
    if (!m_roundRunning && m_sinceRound.isValid() && m_sinceRound.elapsed() < m_cacheMs) {
        done(m_cached);
        return;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(done)});
    if (!m_roundRunning)
        startRound();
}

void Scraper::startRound()
{
    m_roundRunning = true;
    ++m_round;
    m_timeout->start(m_timeoutMs);
    for (const auto &n : m_nodes) {
        n->asked = true;
        n->askedAt.start();
    }
    for (const auto &n : m_nodes)
        ask(*n);
}

void Scraper::ask(NodeState &node)
{
    pg::Session *session = node.sampler->session();
    switch (session->state()) {
    case pg::Session::State::Connected:
        // False when the batch of a round that timed out is still out: its answer is this one's.
        node.sampler->sampleNow();
        break;
    case pg::Session::State::Connecting:
        break; // connected or connectionFailed answers
    case pg::Session::State::Disconnected:
        // Try now rather than report the last failure: a server that is back is up at once.
        session->reconnect();
        break;
    }
}

void Scraper::markDown(NodeState &node, const QString &why)
{
    node.asked = false;
    node.seconds = double(node.askedAt.nsecsElapsed()) / 1e9;
    node.merged = Sample();
    node.merged.error = why;
    node.valuesByProbe.clear();
    node.statusByProbe.clear();
    node.probeOrder.clear();
    if (!node.down) {
        node.down = true;
        emit nodeDown(node.server, why);
    }
    finishWhenAnswered();
}

void Scraper::onSampled(NodeState &node, const Sample &s)
{
    if (!s.connected) {
        markDown(node, s.error);
        return;
    }
    if (node.merged.serverStart.isValid() && node.merged.serverStart != s.serverStart) {
        node.valuesByProbe.clear(); // restarted: the slower probes' last values are from before
        node.statusByProbe.clear();
    }
    QHash<QString, QString> probeOf; // metric name → probe
    for (const Probe &p : node.sampler->probes()) {
        for (const QStringList *columns : {&p.gauges, &p.counters}) {
            for (const QString &c : *columns)
                probeOf.insert(p.family + u'_' + c, p.name);
        }
        addProbeHelp(p, &m_help);
    }
    QHash<QString, QList<MetricValue>> fresh;
    for (const MetricValue &v : s.values)
        fresh[probeOf.value(v.name)].append(v);
    for (const ProbeStatus &p : s.probes) {
        if (!node.probeOrder.contains(p.probe))
            node.probeOrder.append(p.probe);
        switch (p.state) {
        case ProbeStatus::State::Ok:
            node.valuesByProbe.insert(p.probe, fresh.value(p.probe));
            node.statusByProbe.insert(p.probe, p);
            break;
        case ProbeStatus::State::NotDue:
            if (!node.statusByProbe.contains(p.probe))
                node.statusByProbe.insert(p.probe, p);
            break;
        case ProbeStatus::State::Failed:
        case ProbeStatus::State::Skipped:
            node.valuesByProbe.remove(p.probe); // a gap, not an old value read as new
            node.statusByProbe.insert(p.probe, p);
            break;
        }
    }
    node.merged = Sample();
    node.merged.at = s.at;
    node.merged.connected = true;
    node.merged.serverStart = s.serverStart;
    node.merged.serverVersion = s.serverVersion;
    for (const QString &probe : std::as_const(node.probeOrder)) {
        node.merged.values.append(node.valuesByProbe.value(probe));
        node.merged.probes.append(node.statusByProbe.value(probe));
    }
    if (node.asked) {
        node.asked = false;
        node.seconds = double(node.askedAt.nsecsElapsed()) / 1e9;
    }
    if (node.down) {
        node.down = false;
        emit nodeUp(node.server);
    }
    finishWhenAnswered();
}

void Scraper::finishWhenAnswered()
{
    if (!m_roundRunning ||
        std::any_of(m_nodes.cbegin(), m_nodes.cend(), [](const auto &n) { return n->asked; }))
        return;
    // Queued: an answer may arrive inside sampleNow(), while startRound() is still asking. The
    // round number keeps a late call from finishing the round after this one.
    QMetaObject::invokeMethod(
        this,
        [this, round = m_round] {
            if (round == m_round)
                finishRound();
        },
        Qt::QueuedConnection);
}

void Scraper::finishRound()
{
    if (!m_roundRunning)
        return;
    m_roundRunning = false;
    m_timeout->stop();
    QList<ScrapedNode> nodes;
    for (const auto &n : m_nodes)
        nodes.append({n->server, n->merged, n->seconds});
    m_cached = prometheusText(nodes, m_help);
    m_sinceRound.start();
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[context, done] : waiting) {
        if (context)
            done(m_cached);
    }
}

} // namespace tusk::monitor
