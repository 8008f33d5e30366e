#include "monitor/samplejson.h"

#include <QJsonArray>

namespace tusk::monitor {

namespace {
QString stateName(ProbeStatus::State s)
{
    switch (s) {
    case ProbeStatus::State::Ok:
        return QStringLiteral("ok");
    case ProbeStatus::State::Failed:
        return QStringLiteral("failed");
    case ProbeStatus::State::Skipped:
        return QStringLiteral("skipped");
    case ProbeStatus::State::NotDue:
        return QStringLiteral("not_due");
    }
    return {};
}
} // namespace

QJsonObject sampleToJson(const Sample &sample)
{
    QJsonObject o;
    o.insert(QStringLiteral("at"), sample.at.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("connected"), sample.connected);
    if (!sample.connected) {
        o.insert(QStringLiteral("error"), sample.error);
        return o;
    }
    o.insert(QStringLiteral("server_version"), sample.serverVersion);
    o.insert(QStringLiteral("server_start"), sample.serverStart.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("round_trip_us"), sample.roundTripMicros);
    QJsonArray probes;
    for (const ProbeStatus &p : sample.probes) {
        QJsonObject j{{QStringLiteral("name"), p.probe}, {QStringLiteral("state"), stateName(p.state)}};
        if (!p.message.isEmpty())
            j.insert(QStringLiteral("message"), p.message);
        if (p.elapsedMicros >= 0)
            j.insert(QStringLiteral("elapsed_us"), p.elapsedMicros);
        probes.append(j);
    }
    o.insert(QStringLiteral("probes"), probes);
    QJsonArray metrics;
    for (const MetricValue &v : sample.values) {
        QJsonObject labels;
        for (const auto &[name, value] : v.labels)
            labels.insert(name, value);
        QJsonObject j{{QStringLiteral("name"), v.name},
                      {QStringLiteral("labels"), labels},
                      {QStringLiteral("kind"),
                       v.kind == MetricKind::Counter ? QStringLiteral("counter") : QStringLiteral("gauge")},
                      {QStringLiteral("value"), v.value}};
        if (v.kind == MetricKind::Counter)
            j.insert(QStringLiteral("rate"), v.hasRate() ? QJsonValue(v.rate) : QJsonValue());
        metrics.append(j);
    }
    o.insert(QStringLiteral("metrics"), metrics);
    if (!sample.statementTexts.isEmpty()) {
        QJsonObject texts;
        for (auto it = sample.statementTexts.cbegin(); it != sample.statementTexts.cend(); ++it)
            texts.insert(it.key(), it.value());
        o.insert(QStringLiteral("statement_texts"), texts);
    }
    return o;
}

} // namespace tusk::monitor
