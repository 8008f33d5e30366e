#pragma once

#include "monitor/metric.h"
#include "monitor/prometheustext.h"
#include "pg/connectionparams.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace tusk::pg {
class ConnectionRegistry;
}

namespace tusk::monitor {

class Sampler;

/// Samples every node when a scrape asks for it — Prometheus pulls, so nothing polls the servers
/// while nobody scrapes — and hands the exposition text of all nodes to every waiting scrape.
/// @code
/// Scraper scraper(&registry, {{u"10.0.0.5:5432"_s, params}});
/// connect(&scraper, &Scraper::nodeDown, this, [](const QString &server, const QString &why) {
///     qWarning() << server << why; // once when a node goes down, not on every scrape
/// });
/// scraper.scrape(socket, [socket](const QByteArray &text) { socket->write(text); });
/// @endcode
/// - A scrape samples every node (one pipelined round trip each, Sampler::sampleNow) and
///   answers when all have answered, or after the timeout with pg_up 0 for those that did not.
/// - Scrapes during a round wait for that round; a scrape within the cache time (500 ms) of the
///   last round gets its text: two Prometheus servers scraping together cost one sample.
/// - Probes slower than the scrape (pg_stat_statements every 10 s, sizes every minute) are
///   served with their last values between their runs; a failed probe's values are dropped.
class Scraper : public QObject
{
    Q_OBJECT
public:
    struct Node
    {
        QString server; ///< the `server` label
        pg::ConnectionParams params;
    };
    using Done = std::function<void(const QByteArray &text)>;

    Scraper(pg::ConnectionRegistry *registry, const QList<Node> &nodes, QObject *parent = nullptr);
    ~Scraper() override;

    /// done(text) is called once, on context's thread, unless context is gone by then.
    void scrape(QObject *context, Done done);
    /// How long a round waits for a node before it is reported down (8,000 ms by default:
    /// under Prometheus's default scrape_timeout of 10 s).
    void setTimeout(int ms) { m_timeoutMs = ms; }
    void setCacheMillis(int ms) { m_cacheMs = ms; }
    /// The `server` label for params: "host:port" as postgres_exporter has it.
    static QString serverLabel(const pg::ConnectionParams &params);

signals:
    /// A node could not be sampled (after being up, or from the start): once per outage.
    void nodeDown(const QString &server, const QString &error);
    /// A node that was down answered again.
    void nodeUp(const QString &server);

private:
    struct NodeState;
    void startRound();
    void ask(NodeState &node);
    void onSampled(NodeState &node, const Sample &sample);
    void markDown(NodeState &node, const QString &why);
    void finishWhenAnswered();
    void finishRound();

    std::vector<std::unique_ptr<NodeState>> m_nodes;
    QList<std::pair<QPointer<QObject>, Done>> m_waiting;
    bool m_roundRunning = false;
    quint64 m_round = 0;
    QTimer *m_timeout;
    QElapsedTimer m_sinceRound;
    QByteArray m_cached;
    QHash<QString, QString> m_help; ///< # HELP per metric name, from the probes
    int m_timeoutMs = 8000;
    int m_cacheMs = 500;
};

} // namespace tusk::monitor
