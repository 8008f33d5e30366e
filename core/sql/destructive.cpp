#include "sql/destructive.h"

#include "sql/sqlwords.h"

#include <QCoreApplication>
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
        return w.size() > 1 ? QCoreApplication::translate("tusk::sql", "drops %1")
                                  .arg(w[1].toLower()) // the object kind as SQL names it
                            : QCoreApplication::translate("tusk::sql", "drops an object");
    if (first == QLatin1String("TRUNCATE"))
        return QCoreApplication::translate("tusk::sql", "removes every row of the table(s)");
    const bool hasWhere = w.contains(QLatin1String("WHERE"));
    if ((first == QLatin1String("DELETE") ||
         (first == QLatin1String("WITH") && w.contains(QLatin1String("DELETE")))) &&
        !hasWhere)
        return QCoreApplication::translate("tusk::sql", "deletes every row (no WHERE clause)");
    if ((first == QLatin1String("UPDATE") ||
         (first == QLatin1String("WITH") && w.contains(QLatin1String("UPDATE")))) &&
        !hasWhere)
        return QCoreApplication::translate("tusk::sql", "updates every row (no WHERE clause)");
    if (first == QLatin1String("ALTER") && w.contains(QLatin1String("DROP")))
        return QCoreApplication::translate("tusk::sql", "drops part of an object (ALTER … DROP)");
    return {};
}

} // namespace tusk::sql
