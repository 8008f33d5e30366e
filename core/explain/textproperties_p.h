#pragma once

#include <QJsonObject>
#include <QString>

namespace tusk::explain::text {

/// Splits a property line of a TEXT plan ("Sort Method: quicksort  Memory: 25kB", "JIT:",
/// "Trigger t on r: time=1.2 calls=3") into its key and value. False when the line is no
/// `Key: value` line (a wrapped continuation, a target list line of a ModifyTable, …).
bool splitProperty(const QString &content, QString *key, QString *value);

/// Adds one property line to `target` under the keys EXPLAIN (FORMAT JSON) uses for it:
/// "Buffers: shared hit=1 read=2" → "Shared Hit Blocks", "Shared Read Blocks"; "Sort Method:
/// quicksort  Memory: 25kB" → "Sort Method", "Sort Space Type", "Sort Space Used"; "Output",
/// "Sort Key" → arrays; "Planning Time: 1.2 ms" → 1.2; … Unknown keys keep their name and
/// their value (a number when it is one), so nothing is lost. Masked numbers (`N`) become null
/// and set `*masked`.
void addProperty(QJsonObject *target, const QString &key, const QString &value, bool *masked);

/// "Trigger RI_x for constraint c on t: time=1.5 calls=2" as a JSON "Triggers" element.
QJsonObject readTrigger(const QString &key, const QString &value, bool *masked);

} // namespace tusk::explain::text
