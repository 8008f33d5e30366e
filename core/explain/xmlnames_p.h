#pragma once

#include <QJsonValue>
#include <QString>

namespace tusk::explain {

/// EXPLAIN's property name for an XML element name: PostgreSQL writes a label's characters
/// outside [A-Za-z0-9_.-] as '-' ("Node Type" → Node-Type, "I/O Read Time" → I-O-Read-Time),
/// so the few labels with a real '-' or a '/' are looked up, the rest get their spaces back.
QString propertyNameFromXml(const QString &element);

/// Whether an element of that (EXPLAIN) name holds a list of same-named groups ("Plans" of
/// "Plan", "Workers" of "Worker", "Triggers", "Target Tables", "Grouping Sets", "Group Keys").
bool isGroupList(const QString &property);

/// The JSON value of an XML text: a number, true/false or text as JSON has it. `masked` is set
/// for the regression tests' `N` / `N.N`, which become null. Properties whose values are SQL
/// text or names stay strings even when they look like numbers ("One-Time Filter": "false").
QJsonValue typedXmlText(const QString &property, const QString &text, bool *masked);

} // namespace tusk::explain
