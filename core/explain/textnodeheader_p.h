#pragma once

#include <QJsonObject>
#include <QString>

namespace tusk::explain::text {

/// Whether `content` (a line of a TEXT plan without its indentation and `->` arrow) begins with
/// the name of a plan node PostgreSQL prints ("Seq Scan", "Hash Left Join", "Partial
/// HashAggregate", …) followed by the end of the line, " on", " using" or the cost parentheses.
/// Used to find where a plan starts in pasted text, so SQL and prompts before it are skipped.
bool startsWithKnownNode(const QString &content);

/// Whether `content` carries `(cost=`, `(actual ` or `(never executed)`: a node line even when
/// its name is not one PostgreSQL core prints (extensions' custom scans).
bool hasNodeFigures(const QString &content);

/// Reads one node line ("Index Scan using i on public.t t1  (cost=…) (actual …)", without the
/// arrow) into the keys EXPLAIN (FORMAT JSON) would print for it ("Node Type", "Join Type",
/// "Strategy", "Relation Name", "Index Name", "Startup Cost", "Actual Rows", …). Returns false
/// with `*error` and `*errorColumn` (0-based in `content`) when the figures are cut off or
/// garbled. Masked numbers (`N`) become null and set `*masked`.
bool readNodeHeader(const QString &content, QJsonObject *node, QString *error, int *errorColumn,
                    bool *masked);

} // namespace tusk::explain::text
