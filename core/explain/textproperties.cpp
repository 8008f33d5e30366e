#include "explain/textproperties_p.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

namespace tusk::explain::text {

namespace {

// "12.5", "12472kB", "0.289 ms" → the number; "N" / "N.N" (masked) → null.
QJsonValue number(QString text, bool *masked)
{
    text = text.trimmed();
    if (text == QLatin1String("N") || text == QLatin1String("N.N") || text.startsWith(QLatin1String("N ")) ||
        text.startsWith(QLatin1String("NkB"))) {
        *masked = true;
        return QJsonValue(QJsonValue::Null);
    }
    for (const char *unit : {" ms", "kB", " kB"}) {
        if (text.endsWith(QLatin1String(unit)))
            text.chop(qstrlen(unit));
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? QJsonValue(v) : QJsonValue(text);
}

// A value as JSON would hold it: a number or a boolean when it is one, else the text.
QJsonValue scalar(const QString &text, bool *masked)
{
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    if (text == QLatin1String("N") || text == QLatin1String("N.N")) {
        *masked = true;
        return QJsonValue(QJsonValue::Null);
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? QJsonValue(v) : QJsonValue(text);
}

// Splits at commas outside parentheses, brackets and quotes: "a, f(b, c), 'x,y'" → 3 items.
QStringList topLevelItems(const QString &text)
{
    QStringList out;
    int depth = 0;
    QChar quote;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            ++depth;
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) {
            depth = qMax(0, depth - 1);
        } else if (c == QLatin1Char(',') && depth == 0) {
            out << text.mid(start, i - start).trimmed();
            start = i + 1;
        }
    }
    const QString last = text.mid(start).trimmed();
    if (!last.isEmpty() || !out.isEmpty())
        out << last;
    return out;
}

// "hit=1 read=2 buffers full=0" → {hit: 1, read: 2, "buffers full": 0}.
QList<QPair<QString, QString>> assignments(const QString &text)
{
    // Keys are one word, except WAL's "buffers full" (18).
    static const QRegularExpression re(QStringLiteral("((?:buffers )?[A-Za-z]+)=(\\S+)"));
    QList<QPair<QString, QString>> out;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out.append({m.captured(1).trimmed(), m.captured(2)});
    }
    return out;
}

QString capitalised(QString word)
{
    if (!word.isEmpty())
        word[0] = word.at(0).toUpper();
    return word;
}

// "Buckets: 1024  Batches: 1  Memory Usage: 9kB": the first value, then the other pairs.
QList<QPair<QString, QString>> pairs(const QString &key, const QString &value)
{
    static const QRegularExpression next(QStringLiteral("\\s{2,}(?=[A-Z][A-Za-z -]*:)"));
    QList<QPair<QString, QString>> out;
    const QStringList parts = value.split(next);
    out.append({key, parts.value(0).trimmed()});
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const qsizetype colon = parts.at(i).indexOf(QLatin1Char(':'));
        out.append({parts.at(i).left(colon).trimmed(), parts.at(i).mid(colon + 1).trimmed()});
    }
    return out;
}

// "4096 (originally 1024)" → 4096 and 1024; "4096" → 4096 twice (JSON repeats it too).
void withOriginal(QJsonObject *t, const QString &value, const char *key, const char *originalKey,
                  bool *masked)
{
    static const QRegularExpression re(QStringLiteral("^(\\S+)\\s*\\(originally (\\S+)\\)$"));
    const auto m = re.match(value);
    t->insert(QLatin1String(key), number(m.hasMatch() ? m.captured(1) : value, masked));
    t->insert(QLatin1String(originalKey), number(m.hasMatch() ? m.captured(2) : value, masked));
}

void addBuffers(QJsonObject *t, const QString &value, bool *masked)
{
    for (const QString &group : topLevelItems(value)) {
        const qsizetype space = group.indexOf(QLatin1Char(' '));
        const QString area = capitalised(group.left(space)); // Shared, Local, Temp
        for (const auto &[k, v] : assignments(group.mid(space + 1)))
            t->insert(QStringLiteral("%1 %2 Blocks").arg(area, capitalised(k)), number(v, masked));
    }
}

// ≤15 "read=1.5 write=2"; 16 "shared read=…, temp read=…"; 17+ "shared …, local …, temp …".
void addIoTimings(QJsonObject *t, const QString &value, bool *masked)
{
    for (const QString &group : topLevelItems(value)) {
        QString prefix;
        QString rest = group;
        for (const char *area : {"shared ", "local ", "temp "}) {
            if (group.startsWith(QLatin1String(area))) {
                prefix = capitalised(QLatin1String(area).trimmed()) + QLatin1Char(' ');
                rest = group.mid(qstrlen(area));
            }
        }
        for (const auto &[k, v] : assignments(rest))
            t->insert(QStringLiteral("%1I/O %2 Time").arg(prefix, capitalised(k)), number(v, masked));
    }
}

void addWal(QJsonObject *t, const QString &value, bool *masked)
{
    for (const auto &[k, v] : assignments(value)) {
        const QString key = k == QLatin1String("fpi")            ? QStringLiteral("WAL FPI")
                            : k == QLatin1String("buffers full") ? QStringLiteral("WAL Buffers Full")
                                                                 : QStringLiteral("WAL ") + capitalised(k);
        t->insert(key, number(v, masked));
    }
}

// "Generation 1.3 ms (Deform 0.3 ms), Inlining 9.1 ms, …, Total 149.6 ms" (JIT timing).
QJsonObject jitTiming(const QString &value, bool *masked)
{
    static const QRegularExpression re(QStringLiteral("([A-Z][A-Za-z]*) (\\S+) ms"));
    QJsonObject out;
    auto it = re.globalMatch(value);
    while (it.hasNext()) {
        const auto m = it.next();
        out.insert(m.captured(1), number(m.captured(2), masked));
    }
    return out;
}

// "Inlining true, Optimization false, …" (JIT options).
QJsonObject jitOptions(const QString &value)
{
    QJsonObject out;
    for (const QString &item : topLevelItems(value)) {
        const qsizetype space = item.lastIndexOf(QLatin1Char(' '));
        out.insert(item.left(space), item.mid(space + 1) == QLatin1String("true"));
    }
    return out;
}

// "work_mem = '3MB', random_page_cost = '1.5'" (EXPLAIN (SETTINGS)).
QJsonObject settings(const QString &value)
{
    QJsonObject out;
    for (const QString &item : topLevelItems(value)) {
        const qsizetype eq = item.indexOf(QLatin1String(" = "));
        if (eq < 0)
            continue;
        QString v = item.mid(eq + 3).trimmed();
        if (v.size() >= 2 && v.startsWith(QLatin1Char('\'')) && v.endsWith(QLatin1Char('\'')))
            v = v.mid(1, v.size() - 2).replace(QLatin1String("''"), QLatin1String("'"));
        out.insert(item.left(eq).trimmed(), v);
    }
    return out;
}

// "1  Sort Methods: quicksort, top-N heapsort  Average Memory: 26kB  Peak Memory: 26kB"
// (Incremental Sort's group statistics).
QJsonObject sortGroups(const QString &key, const QString &value, bool *masked)
{
    QJsonObject out;
    for (const auto &[k, v] : pairs(key, value)) {
        if (k == key)
            out.insert(QStringLiteral("Group Count"), number(v, masked));
        else if (k.startsWith(QLatin1String("Sort Method")))
            out.insert(QStringLiteral("Sort Methods Used"), QJsonArray::fromStringList(topLevelItems(v)));
        else
            out.insert(k.contains(QLatin1String("Average")) ? QStringLiteral("Average Sort Space Used")
                       : k.contains(QLatin1String("Peak"))  ? QStringLiteral("Peak Sort Space Used")
                                                            : k,
                       number(v, masked));
    }
    return out;
}

} // namespace

bool splitProperty(const QString &content, QString *key, QString *value)
{
    static const QRegularExpression trigger(QStringLiteral("^(Trigger .+?): (time=.*)$"));
    static const QRegularExpression property(QStringLiteral("^([A-Z][A-Za-z0-9 /_-]*):(?: +(.*)|$)"));
    const QString trimmed = content.trimmed();
    QRegularExpressionMatch m = trigger.match(trimmed);
    if (!m.hasMatch())
        m = property.match(trimmed);
    if (!m.hasMatch())
        return false;
    *key = m.captured(1).trimmed();
    *value = m.captured(2).trimmed();
    return true;
}

void addProperty(QJsonObject *t, const QString &key, const QString &value, bool *masked)
{
    static const QStringList lists = {
        QStringLiteral("Output"),    QStringLiteral("Sort Key"),
        QStringLiteral("Group Key"), QStringLiteral("Presorted Key"),
        QStringLiteral("Hash Key"),  QStringLiteral("Conflict Arbiter Indexes")};
    if (key == QLatin1String("Buffers")) {
        addBuffers(t, value, masked);
    } else if (key == QLatin1String("I/O Timings")) {
        addIoTimings(t, value, masked);
    } else if (key == QLatin1String("WAL")) {
        addWal(t, value, masked);
    } else if (lists.contains(key)) {
        t->insert(key, QJsonArray::fromStringList(topLevelItems(value)));
    } else if (key == QLatin1String("Sort Method")) {
        for (const auto &[k, v] : pairs(key, value)) {
            if (k == key) {
                t->insert(QStringLiteral("Sort Method"), v);
            } else {
                t->insert(QStringLiteral("Sort Space Type"), k);
                t->insert(QStringLiteral("Sort Space Used"), number(v, masked));
            }
        }
    } else if (key == QLatin1String("Buckets") || key == QLatin1String("Hits") ||
               key == QLatin1String("Batches") || key == QLatin1String("Planned Partitions")) {
        // Hash: "Buckets: 1024  Batches: 1  Memory Usage: 9kB"; Memoize: "Hits: …  Misses: …";
        // HashAggregate (13+): "[Planned Partitions: 4  ]Batches: 5  Memory Usage: …  Disk Usage: …".
        const bool hash = key == QLatin1String("Buckets");
        for (const auto &[k, v] : pairs(key, value)) {
            if (k == QLatin1String("Buckets"))
                withOriginal(t, v, "Hash Buckets", "Original Hash Buckets", masked);
            else if (k == QLatin1String("Batches") && hash)
                withOriginal(t, v, "Hash Batches", "Original Hash Batches", masked);
            else if (k == QLatin1String("Batches"))
                t->insert(QStringLiteral("HashAgg Batches"), number(v, masked));
            else if (k == QLatin1String("Memory Usage"))
                t->insert(QStringLiteral("Peak Memory Usage"), number(v, masked));
            else if (k == QLatin1String("Hits") || k == QLatin1String("Misses") ||
                     k == QLatin1String("Evictions") || k == QLatin1String("Overflows"))
                t->insert(QStringLiteral("Cache ") + k, number(v, masked));
            else
                t->insert(k, number(v, masked));
        }
    } else if (key == QLatin1String("Heap Blocks") || key == QLatin1String("Tuples")) {
        for (const auto &[k, v] : assignments(value)) {
            t->insert(key == QLatin1String("Tuples") ? QStringLiteral("Tuples ") + capitalised(k)
                                                     : capitalised(k) + QLatin1String(" Heap Blocks"),
                      number(v, masked));
        }
    } else if (key == QLatin1String("Storage")) {
        // 17+: "Storage: Memory  Maximum Storage: 17kB".
        for (const auto &[k, v] : pairs(key, value))
            t->insert(k, k == key ? scalar(v, masked) : number(v, masked));
    } else if (key == QLatin1String("Full-sort Groups") || key == QLatin1String("Pre-sorted Groups")) {
        t->insert(key, sortGroups(key, value, masked));
    } else if (key == QLatin1String("Planning Time") || key == QLatin1String("Planning time")) {
        t->insert(QStringLiteral("Planning Time"), number(value, masked));
    } else if (key == QLatin1String("Execution Time") || key == QLatin1String("Execution time")) {
        t->insert(QStringLiteral("Execution Time"), number(value, masked));
    } else if (key == QLatin1String("Total runtime")) {
        t->insert(QStringLiteral("Total Runtime"), number(value, masked));
    } else if (key == QLatin1String("Timing") && value.contains(QLatin1String(" ms"))) {
        t->insert(key, jitTiming(value, masked));
    } else if (key == QLatin1String("Options") && value.contains(QLatin1String("Inlining"))) {
        t->insert(key, jitOptions(value));
    } else if (key == QLatin1String("Settings")) {
        t->insert(key, settings(value));
    } else if (key == QLatin1String("Serialization") || key == QLatin1String("Memory")) {
        // 17+: "Serialization: time=0.1 ms  output=12kB  format=text"; "Memory: used=… allocated=…".
        QJsonObject sub;
        for (const auto &[k, v] : assignments(value)) {
            const QString name = key == QLatin1String("Memory") ? QStringLiteral("Memory ") + capitalised(k)
                                 : k == QLatin1String("output") ? QStringLiteral("Output Volume")
                                                                : capitalised(k);
            sub.insert(name, k == QLatin1String("format") ? QJsonValue(v) : number(v, masked));
        }
        if (key == QLatin1String("Memory")) {
            for (auto it = sub.begin(); it != sub.end(); ++it)
                t->insert(it.key(), it.value());
        } else {
            t->insert(key, sub);
        }
    } else {
        t->insert(key, scalar(value, masked));
    }
}

QJsonObject readTrigger(const QString &key, const QString &value, bool *masked)
{
    // "Trigger <name>[ for constraint <c>][ on <rel>]" (8.4+); the relation only with several.
    static const QRegularExpression re(
        QStringLiteral("^Trigger (.*?)(?: for constraint (.*?))?(?: on (\\S+))?$"));
    const auto m = re.match(key);
    QJsonObject out;
    out.insert(QStringLiteral("Trigger Name"), m.captured(1));
    if (m.hasCaptured(2))
        out.insert(QStringLiteral("Constraint Name"), m.captured(2));
    if (m.hasCaptured(3))
        out.insert(QStringLiteral("Relation"), m.captured(3));
    for (const auto &[k, v] : assignments(value))
        out.insert(capitalised(k), number(v, masked));
    return out;
}

} // namespace tusk::explain::text
