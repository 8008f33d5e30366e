#include "monitor/ratecalculator.h"

namespace tusk::monitor {

namespace {
const QLatin1String kResetSuffix("stats_reset_epoch");

QString labelsKey(const Labels &labels)
{
    QString key;
    for (const auto &[name, value] : labels)
        key += name + u'=' + value + u'\x1f';
    return key;
}
} // namespace

void RateCalculator::reset()
{
    m_previous.clear();
    m_resets.clear();
    m_serverStart = {};
}

void RateCalculator::apply(Sample &sample)
{
    if (!sample.connected) {
        m_previous.clear(); // the step across a gap has no rate either
        return;
    }
    if (sample.serverStart.isValid() && m_serverStart.isValid() && sample.serverStart != m_serverStart)
        m_previous.clear(); // restarted: counters started again from zero
    if (sample.serverStart.isValid())
        m_serverStart = sample.serverStart;
    // Families (with labels) whose statistics were reset since the sample before.
    QList<std::pair<QString, QString>> resetNow; // (family prefix, labels)
    for (const MetricValue &v : std::as_const(sample.values)) {
        if (v.kind != MetricKind::Gauge || !v.name.endsWith(kResetSuffix))
            continue;
        const QString prefix = v.name.chopped(kResetSuffix.size());
        const QString key = prefix + labelsKey(v.labels);
        const auto it = m_resets.constFind(key);
        if (it != m_resets.constEnd() && *it != v.value)
            resetNow.append({prefix, labelsKey(v.labels)});
        m_resets.insert(key, v.value);
    }
    const auto wasReset = [&resetNow](const MetricValue &v) {
        if (resetNow.isEmpty())
            return false;
        const QString labels = labelsKey(v.labels);
        for (const auto &[prefix, resetLabels] : resetNow) {
            if (v.name.startsWith(prefix) && labels == resetLabels)
                return true;
        }
        return false;
    };
    for (MetricValue &v : sample.values) {
        if (v.kind != MetricKind::Counter)
            continue;
        const QString key = v.seriesKey();
        const auto it = m_previous.constFind(key);
        if (it != m_previous.constEnd() && !wasReset(v)) {
            const qint64 dtMillis = sample.monotonicMillis - it->atMillis;
            // Down means reset or wrap: no rate for this step, the next one is measured again.
            if (dtMillis > 0 && v.value >= it->value)
                v.rate = (v.value - it->value) * 1000.0 / double(dtMillis);
        }
        m_previous.insert(key, {v.value, sample.monotonicMillis});
    }
    // A series missing from this sample may come from a slower probe (statements every 10 s) or
    // may be gone (a dropped database): kept until it has been missing for kForgetAfterMillis.
    if (sample.monotonicMillis - m_lastPruneMillis >= kForgetAfterMillis) {
        m_lastPruneMillis = sample.monotonicMillis;
        m_previous.removeIf([&](const auto &it) {
            return sample.monotonicMillis - it.value().atMillis > kForgetAfterMillis;
        });
    }
}

} // namespace tusk::monitor
