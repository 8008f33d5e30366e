#include "sql/destructive.h"

#include "sql/sqlwords.h"

#include <QStringList>

namespace tusk::sql {

QString destructiveReason(const QString &statement)
{
    QStringList w = sqlWords(statement);
    // WITH ... DELETE/UPDATE: judge the main statement after the CTEs by its verbs.
    if (w.isEmpty())
        return {};
    const QString first = w.first();
    if (first == QLatin1String("DROP"))
        return QStringLiteral("drops %1").arg(w.size() > 1 ? w[1].toLower() : QStringLiteral("an object"));
    if (first == QLatin1String("TRUNCATE"))
        return QStringLiteral("removes every row of the table(s)");
    const bool hasWhere = w.contains(QLatin1String("WHERE"));
    if ((first == QLatin1String("DELETE") ||
         (first == QLatin1String("WITH") && w.contains(QLatin1String("DELETE")))) &&
        !hasWhere)
        return QStringLiteral("deletes every row (no WHERE clause)");
    if ((first == QLatin1String("UPDATE") ||
         (first == QLatin1String("WITH") && w.contains(QLatin1String("UPDATE")))) &&
        !hasWhere)
        return QStringLiteral("updates every row (no WHERE clause)");
    if (first == QLatin1String("ALTER") && w.contains(QLatin1String("DROP")))
        return QStringLiteral("drops part of an object (ALTER … DROP)");
    return {};
}

} // namespace tusk::sql
