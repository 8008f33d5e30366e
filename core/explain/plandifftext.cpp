#include "explain/plandiff.h"
#include "explain/plandifftext_p.h"

#include <QLocale>

#include <cmath>

namespace tusk::explain {

namespace {

// Thousands separated by commas whatever the locale, as the plan views print them.
const QLocale &english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

} // namespace

namespace {

// Aliases of the tables a join combines ("o, c"), so "Hash Join" says which one it is.
QString joinedAliases(const Plan &plan, int id)
{
    QStringList names;
    QVector<int> stack{id};
    while (!stack.isEmpty() && names.size() <= 4) {
        const PlanNode &n = plan.nodes.at(stack.takeLast());
        if (!n.relationName.isEmpty() ||
            (n.nodeType.endsWith(QLatin1String(" Scan")) && !n.alias.isEmpty())) {
            const QString name = n.alias.isEmpty() ? n.relationName : n.alias;
            if (!names.contains(name))
                names << name;
            continue;
        }
        for (auto it = n.children.crbegin(); it != n.children.crend(); ++it)
            stack << *it;
    }
    if (names.size() > 4)
        names = names.mid(0, 4) << QStringLiteral("…");
    return names.join(QStringLiteral(", "));
}

// A Bitmap Heap Scan names no index itself: its Bitmap Index Scans below do.
QStringList bitmapIndexes(const Plan &plan, int id)
{
    QStringList names;
    QVector<int> stack{id};
    while (!stack.isEmpty()) {
        const PlanNode &n = plan.nodes.at(stack.takeLast());
        if (n.nodeType == QLatin1String("Bitmap Index Scan") && !names.contains(n.indexName))
            names << n.indexName;
        if (n.id == id || n.nodeType.startsWith(QLatin1String("Bitmap")))
            stack << n.children;
    }
    return names;
}

} // namespace

QString describeNode(const Plan &plan, int id)
{
    const PlanNode &n = plan.nodes.at(id);
    QString text = describeNode(n);
    if (n.nodeType == QLatin1String("Bitmap Heap Scan")) {
        const QStringList indexes = bitmapIndexes(plan, id);
        if (!indexes.isEmpty() && !n.relationName.isEmpty())
            text.replace(QStringLiteral(" on "),
                         QStringLiteral(" using %1 on ").arg(indexes.join(QStringLiteral(", "))));
    }
    if (n.nodeType.endsWith(QLatin1String("Join")) || n.nodeType == QLatin1String("Nested Loop")) {
        const QString aliases = joinedAliases(plan, id);
        if (!aliases.isEmpty())
            text += QStringLiteral(" (%1)").arg(aliases);
    }
    return text;
}

namespace {

// A before → after pair worth mentioning: at least 10% and `floor` apart.
bool differs(double a, double b, double floor)
{
    return std::abs(a - b) >= floor && std::abs(a - b) >= 0.1 * std::max(std::abs(a), std::abs(b));
}

QString blocks(double n)
{
    return difftext::number(n) + (n == 1 ? QStringLiteral(" block") : QStringLiteral(" blocks"));
}

} // namespace

QString figures(const NodeChange &c, bool analyzed)
{
    const NodeFigures &a = c.was;
    const NodeFigures &b = c.now;
    QStringList parts;
    if (analyzed)
        parts << QStringLiteral("%1 → %2").arg(difftext::duration(a.exclusiveMs),
                                               difftext::duration(b.exclusiveMs));
    else
        parts << QStringLiteral("cost %1 → %2")
                     .arg(difftext::number(a.exclusiveCost), difftext::number(b.exclusiveCost));
    if (differs(a.rowsOut, b.rowsOut, 1))
        parts << QStringLiteral("rows %1 → %2").arg(difftext::number(a.rowsOut), difftext::number(b.rowsOut));
    if (analyzed && differs(a.loops, b.loops, 1))
        parts << QStringLiteral("loops %1 → %2").arg(difftext::number(a.loops), difftext::number(b.loops));
    const Buffers &x = a.exclusiveBuffers;
    const Buffers &y = b.exclusiveBuffers;
    if (differs(double(x.sharedRead), double(y.sharedRead), 8))
        parts << QStringLiteral("shared read %1 → %2")
                     .arg(difftext::number(double(x.sharedRead)), blocks(double(y.sharedRead)));
    if (differs(double(x.sharedHit), double(y.sharedHit), 8))
        parts << QStringLiteral("shared hit %1 → %2")
                     .arg(difftext::number(double(x.sharedHit)), blocks(double(y.sharedHit)));
    const double tempX = double(x.tempRead + x.tempWritten);
    const double tempY = double(y.tempRead + y.tempWritten);
    if (differs(tempX, tempY, 1))
        parts << QStringLiteral("temp %1 → %2").arg(difftext::number(tempX), blocks(tempY));
    return parts.join(QStringLiteral(", "));
}

namespace {

// "12 ms, 3,400 blocks" for a node only one plan has.
QString ownFigures(const NodeFigures &f, bool analyzed)
{
    QStringList parts;
    parts << (analyzed ? difftext::duration(f.exclusiveMs)
                       : QStringLiteral("cost %1").arg(difftext::number(f.exclusiveCost)));
    parts << QStringLiteral("rows %1").arg(difftext::number(f.rowsOut));
    if (f.blocks > 0)
        parts << blocks(f.blocks);
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString describeNode(const PlanNode &n)
{
    QString t = textNodeName(n);
    QString relation = n.relationName;
    if (!n.alias.isEmpty() && n.alias != n.relationName)
        relation += relation.isEmpty() ? n.alias : u' ' + n.alias;
    const QString cte = n.extra.value(QStringLiteral("CTE Name")).toString();
    const QString function = n.extra.value(QStringLiteral("Function Name")).toString();
    if (!n.indexName.isEmpty() && !n.relationName.isEmpty())
        t += QStringLiteral(" using %1 on %2").arg(n.indexName, relation);
    else if (!n.indexName.isEmpty())
        t += QStringLiteral(" on %1").arg(n.indexName);
    else if (!cte.isEmpty())
        t += QStringLiteral(" on %1").arg(cte);
    else if (!function.isEmpty())
        t += QStringLiteral(" on %1").arg(function);
    else if (!relation.isEmpty())
        t += QStringLiteral(" on %1").arg(relation);
    if (!n.subplanName.isEmpty())
        t += QStringLiteral(" (%1)").arg(n.subplanName);
    return t;
}

QString describeChange(const NodeChange &c, const Plan &before, const Plan &after)
{
    const bool analyzed = comparesTimes(before, after);
    switch (c.kind) {
    case NodeChange::Kind::Removed:
        return QStringLiteral("%1 removed (was %2)")
            .arg(describeNode(before, c.before), ownFigures(c.was, analyzed));
    case NodeChange::Kind::Added:
        return QStringLiteral("%1 added: %2").arg(describeNode(after, c.after), ownFigures(c.now, analyzed));
    case NodeChange::Kind::Matched:
        break;
    }
    const QString was = describeNode(before, c.before);
    const QString now = describeNode(after, c.after);
    const QString numbers = figures(c, analyzed);
    // An alias PostgreSQL chose differently (a pruned partition) or a join's inputs swapped is
    // no change of the node itself.
    const int changed = NodeChange::TypeChanged | NodeChange::RelationChanged | NodeChange::JoinTypeChanged |
                        NodeChange::IndexChanged | NodeChange::StrategyChanged;
    if (c.flags & changed)
        return QStringLiteral("%1 became %2: %3").arg(was, now, numbers);
    return QStringLiteral("%1: %2").arg(now, numbers);
}

namespace difftext {

QString duration(double ms)
{
    const double a = std::abs(ms);
    if (a >= 10000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
    if (a >= 100)
        return english().toString(ms, 'f', 0) + QStringLiteral(" ms");
    if (a >= 10)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
    if (a >= 0.1 || a == 0)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', a == 0 ? 0 : 2);
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', 3);
}

QString number(double n)
{
    if (n == std::floor(n) && std::abs(n) < 1e15)
        return english().toString(qint64(n));
    return english().toString(n, 'f', std::abs(n) >= 100 ? 0 : 1);
}

QString signedDuration(double ms)
{
    // A real minus sign: "−40 ms" lines up with "+40 ms".
    if (ms < 0)
        return QStringLiteral("−") + duration(-ms);
    return (ms > 0 ? QStringLiteral("+") : QString()) + duration(ms);
}

QString percentChange(double before, double after)
{
    if (before <= 0)
        return after > 0 ? QStringLiteral("new") : QStringLiteral("±0%");
    const double p = (after - before) / before * 100;
    const QString digits = QString::number(std::abs(p), 'f', std::abs(p) >= 10 ? 0 : 1);
    if (digits == QLatin1String("0") || digits == QLatin1String("0.0"))
        return QStringLiteral("±0%");
    return (p < 0 ? QStringLiteral("−") : QStringLiteral("+")) + digits + u'%';
}

} // namespace difftext

} // namespace tusk::explain
