#include "monitor/metric.h"

namespace tusk::monitor {

QString MetricValue::seriesKey() const
{
    QString key = name;
    if (labels.isEmpty())
        return key;
    key += u'{';
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i > 0)
            key += u',';
        key += labels[i].first + QStringLiteral("=\"") + labels[i].second + u'"';
    }
    return key + u'}';
}

const MetricValue *Sample::find(const QString &name, const Labels &labels) const
{
    for (const MetricValue &v : values) {
        if (v.name == name && v.labels == labels)
            return &v;
    }
    return nullptr;
}

QList<const MetricValue *> Sample::all(const QString &name) const
{
    QList<const MetricValue *> out;
    for (const MetricValue &v : values) {
        if (v.name == name)
            out.append(&v);
    }
    return out;
}

} // namespace tusk::monitor
