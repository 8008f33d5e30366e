#include "plan/plantext.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace tusk::widgets::plantext {

namespace {
// Thousands separated by commas whatever the desktop's locale: plans are read side by side
// with psql output and the docs.
const QLocale &english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}
} // namespace

QString duration(double ms)
{
    if (ms >= 10000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
    if (ms >= 100)
        return english().toString(ms, 'f', 0) + QStringLiteral(" ms");
    if (ms >= 10)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
    if (ms >= 0.1 || ms == 0)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms == 0 ? 0 : 2);
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', 3);
}

QString count(double n)
{
    const double a = std::abs(n);
    if (a >= 1e9)
        return QStringLiteral("%1G").arg(n / 1e9, 0, 'f', a >= 1e10 ? 0 : 1);
    if (a >= 1e6)
        return QStringLiteral("%1M").arg(n / 1e6, 0, 'f', a >= 1e7 ? 0 : 1);
    if (a >= 1e4)
        return QStringLiteral("%1k").arg(n / 1e3, 0, 'f', a >= 1e5 ? 0 : 1);
    if (n == std::floor(n))
        return english().toString(qint64(n));
    return QString::number(n, 'f', 1);
}

QString whole(double n)
{
    return english().toString(qint64(std::llround(n)));
}

QString percent(double share)
{
    const double p = share * 100;
    return QStringLiteral("%1%").arg(p, 0, 'f', p >= 10 || p == 0 ? 0 : 1);
}

QString title(const explain::PlanNode &n)
{
    return explain::textNodeName(n);
}

QString subject(const explain::PlanNode &n)
{
    QString relation = n.relationName;
    if (!n.alias.isEmpty() && n.alias != n.relationName)
        relation += u' ' + n.alias;
    if (!n.indexName.isEmpty())
        return relation.isEmpty() ? QStringLiteral("using %1").arg(n.indexName)
                                  : QStringLiteral("using %1 on %2").arg(n.indexName, relation);
    if (!relation.isEmpty())
        return relation;
    const QString cte = n.extra.value(QStringLiteral("CTE Name")).toString();
    if (!cte.isEmpty())
        return QStringLiteral("CTE %1").arg(cte);
    const QString function = n.extra.value(QStringLiteral("Function Name")).toString();
    if (!function.isEmpty())
        return function + QStringLiteral("()");
    if (!n.subplanName.isEmpty())
        return n.subplanName;
    return {};
}

QString misestimate(double factor)
{
    if (factor >= 2)
        return QStringLiteral("↑ %1×").arg(count(std::round(factor)));
    if (factor > 0 && factor <= 0.5)
        return QStringLiteral("↓ %1×").arg(count(std::round(1 / factor)));
    return {};
}

QString warningTitle(explain::WarningKind kind)
{
    using K = explain::WarningKind;
    const char *text = nullptr;
    switch (kind) {
    case K::Misestimate:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "misestimate");
        break;
    case K::SortOnDisk:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "sort on disk");
        break;
    case K::HashBatches:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "hash batches");
        break;
    case K::FilterRemovesMost:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "filter removes most");
        break;
    case K::WorkersNotLaunched:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "workers not launched");
        break;
    case K::HashAggSpill:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "hashagg spill");
        break;
    case K::LossyBitmap:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "lossy bitmap");
        break;
    case K::NestedLoopManyLoops:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "nested loop many loops");
        break;
    case K::SeqScanSelective:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "seq scan selective");
        break;
    case K::StaleStatistics:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "stale statistics");
        break;
    case K::JitDominates:
        text = QT_TRANSLATE_NOOP("tusk::widgets::plantext", "jit dominates");
        break;
    }
    return text ? QCoreApplication::translate("tusk::widgets::plantext", text) : QString();
}

QString severityTitle(explain::Severity severity)
{
    switch (severity) {
    case explain::Severity::Info:
        return QCoreApplication::translate("tusk::widgets::plantext", "info");
    case explain::Severity::Warning:
        return QCoreApplication::translate("tusk::widgets::plantext", "warning");
    case explain::Severity::Critical:
        return QCoreApplication::translate("tusk::widgets::plantext", "critical");
    }
    return {};
}

} // namespace tusk::widgets::plantext
