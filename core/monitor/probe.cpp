#include "monitor/probe.h"

#include "pg/rowset.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>

namespace tusk::monitor {

namespace {
QStringList words(const QString &value)
{
    return value.split(u' ', Qt::SkipEmptyParts);
}
} // namespace

Result<Probe, QString> Probe::parse(const QString &name, int fromMajor, const QString &text)
{
    Probe p;
    p.name = name;
    p.fromMajor = fromMajor;
    static const QRegularExpression header(
        QStringLiteral(R"(^--\s*(family|interval|labels|gauges|counters|requires|parameters):\s*(.*)$)"));
    QStringList sql;
    for (const QString &line : text.split(u'\n')) {
        const QRegularExpressionMatch m = header.match(line.trimmed());
        if (!m.hasMatch()) {
            if (!line.trimmed().startsWith(QLatin1String("--")))
                sql << line;
            continue;
        }
        const QString key = m.captured(1);
        const QString value = m.captured(2).trimmed();
        if (key == QLatin1String("family"))
            p.family = value;
        else if (key == QLatin1String("interval"))
            p.intervalSeconds = value.toInt();
        else if (key == QLatin1String("labels"))
            p.labels = words(value);
        else if (key == QLatin1String("gauges"))
            p.gauges = words(value);
        else if (key == QLatin1String("requires"))
            p.requiredExtensions = words(value);
        else if (key == QLatin1String("parameters"))
            p.parameters = words(value);
        else
            p.counters = words(value);
    }
    p.sql = sql.join(u'\n').trimmed();
    if (p.family.isEmpty())
        return QStringLiteral("monitor probe %1: no '-- family:' line").arg(name);
    if (p.intervalSeconds <= 0)
        return QStringLiteral("monitor probe %1: '-- interval:' must be a whole number of seconds").arg(name);
    if (p.gauges.isEmpty() && p.counters.isEmpty())
        return QStringLiteral("monitor probe %1: names no gauges or counters").arg(name);
    if (p.sql.isEmpty())
        return QStringLiteral("monitor probe %1: no SQL").arg(name);
    for (const QString &parameter : p.parameters) {
        if (parameter != QLatin1String("every_database"))
            return QStringLiteral("monitor probe %1: unknown parameter %2").arg(name, parameter);
    }
    return p;
}

Result<QList<MetricValue>, QString> Probe::read(const pg::RowSet &rows) const
{
    QList<int> labelColumns;
    for (const QString &l : labels) {
        const int c = rows.column(l);
        if (c < 0)
            return QStringLiteral("%1: the result has no label column %2").arg(name, l);
        labelColumns << c;
    }
    struct Column
    {
        int index;
        QString metric;
        MetricKind kind;
    };
    QList<Column> columns;
    for (const auto &[list, kind] :
         {std::pair{&gauges, MetricKind::Gauge}, std::pair{&counters, MetricKind::Counter}}) {
        for (const QString &c : *list) {
            const int index = rows.column(c);
            if (index < 0)
                return QStringLiteral("%1: the result has no column %2").arg(name, c);
            columns.append({index, family + u'_' + c, kind});
        }
    }
    QList<MetricValue> out;
    out.reserve(rows.rowCount() * columns.size());
    for (int r = 0; r < rows.rowCount(); ++r) {
        Labels rowLabels;
        for (qsizetype i = 0; i < labels.size(); ++i)
            rowLabels.append({labels[i], rows.text(r, labelColumns[i])});
        for (const Column &c : std::as_const(columns)) {
            if (rows.isNull(r, c.index))
                continue; // unknown is not zero: no value for this series in this sample
            bool ok = false;
            const double v = rows.text(r, c.index).toDouble(&ok);
            if (!ok)
                return QStringLiteral("%1: %2 is not a number: %3")
                    .arg(name, c.metric, rows.text(r, c.index));
            out.append({c.metric, rowLabels, c.kind, v});
        }
    }
    return out;
}

Result<QList<Probe>, QString> probesFor(int serverMajor, const QString &dir)
{
    static const QRegularExpression fileName(QStringLiteral(R"(^([a-z0-9_]+)(?:\.(\d+))?\.sql$)"));
    QMap<QString, std::pair<int, QString>> best; // name -> (fromMajor, path)
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return QStringLiteral("no monitoring probes in %1").arg(dir);
    for (const QString &f : files) {
        const QRegularExpressionMatch m = fileName.match(f);
        if (!m.hasMatch())
            return QStringLiteral("monitor probe file %1: expected name.sql or name.N.sql").arg(f);
        const int from = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
        if (from > serverMajor)
            continue;
        const QString name = m.captured(1);
        if (!best.contains(name) || best[name].first < from)
            best[name] = {from, dir + u'/' + f};
    }
    QList<Probe> out;
    for (auto it = best.cbegin(); it != best.cend(); ++it) {
        QFile file(it.value().second);
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        auto probe = Probe::parse(it.key(), it.value().first, QString::fromUtf8(file.readAll()));
        if (!probe)
            return probe.error();
        out.append(*probe);
    }
    return out;
}

} // namespace tusk::monitor
