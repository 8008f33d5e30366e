#include "explain/xmlnames_p.h"

#include "explain/nodereader_p.h"

#include <QHash>
#include <QSet>

namespace tusk::explain {

QString propertyNameFromXml(const QString &element)
{
    // Labels whose '-' or '/' is real (explain.c, PostgreSQL 9.0–18).
    static const QHash<QString, QString> irregular = {
        {QStringLiteral("One-Time-Filter"), QStringLiteral("One-Time Filter")},
        {QStringLiteral("Full-sort-Groups"), QStringLiteral("Full-sort Groups")},
        {QStringLiteral("Pre-sorted-Groups"), QStringLiteral("Pre-sorted Groups")},
        {QStringLiteral("I-O-Read-Time"), QStringLiteral("I/O Read Time")},
        {QStringLiteral("I-O-Write-Time"), QStringLiteral("I/O Write Time")},
        {QStringLiteral("Temp-I-O-Read-Time"), QStringLiteral("Temp I/O Read Time")},
        {QStringLiteral("Temp-I-O-Write-Time"), QStringLiteral("Temp I/O Write Time")},
        {QStringLiteral("Shared-I-O-Read-Time"), QStringLiteral("Shared I/O Read Time")},
        {QStringLiteral("Shared-I-O-Write-Time"), QStringLiteral("Shared I/O Write Time")},
        {QStringLiteral("Local-I-O-Read-Time"), QStringLiteral("Local I/O Read Time")},
        {QStringLiteral("Local-I-O-Write-Time"), QStringLiteral("Local I/O Write Time")},
    };
    const auto it = irregular.constFind(element);
    if (it != irregular.cend())
        return it.value();
    QString name = element;
    name.replace(QLatin1Char('-'), QLatin1Char(' '));
    return name;
}

bool isGroupList(const QString &property)
{
    static const QSet<QString> lists = {
        QStringLiteral("Plans"),         QStringLiteral("Workers"),       QStringLiteral("Triggers"),
        QStringLiteral("Target Tables"), QStringLiteral("Grouping Sets"), QStringLiteral("Group Keys"),
    };
    return lists.contains(property);
}

QJsonValue typedXmlText(const QString &property, const QString &text, bool *masked)
{
    // Names, SQL expressions and enumerations: text in JSON whatever they look like.
    static const QSet<QString> textProperties = {
        QStringLiteral("Node Type"),
        QStringLiteral("Relation Name"),
        QStringLiteral("Schema"),
        QStringLiteral("Alias"),
        QStringLiteral("Index Name"),
        QStringLiteral("CTE Name"),
        QStringLiteral("Function Name"),
        QStringLiteral("Subplan Name"),
        QStringLiteral("Trigger Name"),
        QStringLiteral("Constraint Name"),
        QStringLiteral("Relation"),
        QStringLiteral("Query Text"),
        QStringLiteral("One-Time Filter"),
        QStringLiteral("Repeatable Seed"),
        QStringLiteral("Function Call"),
        QStringLiteral("Table Function Name"),
        QStringLiteral("Remote SQL"),
        QStringLiteral("Command"),
        QStringLiteral("Operation"),
        QStringLiteral("Strategy"),
        QStringLiteral("Partial Mode"),
        QStringLiteral("Join Type"),
        QStringLiteral("Parent Relationship"),
        QStringLiteral("Scan Direction"),
        QStringLiteral("Sort Method"),
        QStringLiteral("Sort Space Type"),
        QStringLiteral("Format"),
        QStringLiteral("Conflict Resolution"),
        QStringLiteral("Cache Mode"),
        QStringLiteral("Storage"),
        QStringLiteral("Item"), // list members are expressions: "1" in an Output list is text
        QStringLiteral("Filter"),
        QStringLiteral("Join Filter"),
        QStringLiteral("Conflict Filter"),
        QStringLiteral("Run Condition"),
        QStringLiteral("Cache Key"),
    };
    if (textProperties.contains(property) || property.endsWith(QLatin1String(" Cond")))
        return text;
    const QJsonValue typed = typedPlanScalar(text.trimmed(), masked);
    return typed.isString() ? QJsonValue(text) : typed; // text keeps its blanks, as in JSON
}

} // namespace tusk::explain
