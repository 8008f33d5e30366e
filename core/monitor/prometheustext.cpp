#include "monitor/prometheustext.h"

#include <QHash>

#include <charconv>
#include <cmath>

namespace tusk::monitor {

namespace {

/// A metric name as Prometheus accepts it ([a-zA-Z_:][a-zA-Z0-9_:]*): probe columns already are;
/// anything else becomes '_' rather than a scrape Prometheus rejects whole.
QByteArray metricName(const QString &name, bool allowColon = true)
{
    QByteArray out = name.toUtf8();
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char c = out[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                        (allowColon && c == ':') || (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            out[i] = '_';
    }
    return out.isEmpty() ? QByteArray("_") : out;
}

QByteArray escaped(const QString &text, bool quotes)
{
    QByteArray out;
    const QByteArray utf8 = text.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && quotes)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

QByteArray number(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v); // shortest exact form
    return ec == std::errc() ? QByteArray(buffer, end - buffer) : QByteArray::number(v, 'g', 17);
}

struct Family
{
    QByteArray help;
    QByteArray type;
    QByteArray lines;
};

/// Families in the order they first appear, each written whole: Prometheus wants one name's
/// series together, after its one TYPE line.
class Exposition
{
public:
    void add(const QString &name, const QByteArray &type, const QByteArray &help, const Labels &labels,
             const QString &server, double value)
    {
        const QByteArray key = metricName(name);
        auto it = m_index.constFind(key);
        if (it == m_index.cend()) {
            it = m_index.insert(key, m_families.size());
            m_names.append(key);
            m_families.append({help, type, {}});
        }
        QByteArray &out = m_families[*it].lines;
        out += key;
        out += '{';
        for (const auto &[label, text] : labels) {
            // The server label is ours; a probe's own column of that name is kept under
            // another name, as Prometheus itself does with honor_labels off.
            const QString labelName =
                label == QLatin1String("server") ? QStringLiteral("exported_server") : label;
            out += metricName(labelName, false) + "=\"" + escaped(text, true) + "\",";
        }
        out += "server=\"" + escaped(server, true) + "\"} " + number(value) + '\n';
    }

    QByteArray text() const
    {
        QByteArray out;
        for (qsizetype i = 0; i < m_families.size(); ++i) {
            const Family &f = m_families[i];
            out += "# HELP " + m_names[i] + ' ' + f.help + '\n';
            out += "# TYPE " + m_names[i] + ' ' + f.type + '\n';
            out += f.lines;
        }
        return out;
    }

private:
    QHash<QByteArray, qsizetype> m_index;
    QList<QByteArray> m_names;
    QList<Family> m_families;
};

bool probeSucceeded(const ProbeStatus &p)
{
    // Not due: its last run succeeded and its values are still served.
    return p.state == ProbeStatus::State::Ok || p.state == ProbeStatus::State::NotDue;
}

} // namespace

void addProbeHelp(const Probe &probe, QHash<QString, QString> *help)
{
    for (const auto &[columns, counter] :
         {std::pair{&probe.gauges, false}, std::pair{&probe.counters, true}}) {
        for (const QString &c : *columns) {
            help->insert(probe.family + u'_' + c,
                         QStringLiteral("%1 of %2 (tusk probe %3, every %4 s)%5")
                             .arg(c, probe.family, probe.name)
                             .arg(probe.intervalSeconds)
                             .arg(counter ? QStringLiteral("; cumulative, as the server counts it: rate() it")
                                          : QString()));
        }
    }
}

QByteArray prometheusText(const QList<ScrapedNode> &nodes, const QHash<QString, QString> &help)
{
    Exposition e;
    for (const ScrapedNode &n : nodes) {
        e.add(QStringLiteral("pg_up"), "gauge",
              "Whether the last scrape could reach the server (1 for yes, 0 for no).", {}, n.server,
              n.sample.connected ? 1 : 0);
        e.add(QStringLiteral("pg_exporter_last_scrape_duration_seconds"), "gauge",
              "How long this server took to answer the scrape, in seconds.", {}, n.server, n.scrapeSeconds);
    }
    for (const ScrapedNode &n : nodes) {
        if (!n.sample.connected)
            continue; // a gap: old values would be read as current
        if (n.sample.serverStart.isValid())
            e.add(QStringLiteral("pg_postmaster_start_time_seconds"), "gauge",
                  "When the server started, as Unix time in seconds.", {}, n.server,
                  double(n.sample.serverStart.toMSecsSinceEpoch()) / 1000.0);
        for (const ProbeStatus &p : n.sample.probes) {
            const Labels collector{{QStringLiteral("collector"), p.probe}};
            e.add(QStringLiteral("pg_scrape_collector_success"), "gauge",
                  "Whether the probe's last run succeeded (0: failed, or skipped and why is in tusk-cli "
                  "monitor --json).",
                  collector, n.server, probeSucceeded(p) ? 1 : 0);
            if (p.elapsedMicros >= 0)
                e.add(QStringLiteral("pg_scrape_collector_duration_seconds"), "gauge",
                      "The probe's share of its last round trip, in seconds.", collector, n.server,
                      double(p.elapsedMicros) / 1e6);
        }
        for (const MetricValue &v : n.sample.values) {
            const bool counter = v.kind == MetricKind::Counter;
            const auto text = help.constFind(v.name);
            e.add(v.name, counter ? "counter" : "gauge",
                  text != help.cend() ? escaped(*text, false)
                  : counter           ? QByteArray("Cumulative, as the server counts it: rate() it.")
                                      : QByteArray("A tusk probe's value."),
                  v.labels, n.server, v.value);
        }
    }
    return e.text();
}

} // namespace tusk::monitor
