#pragma once

#include "explain/jsonplanparser.h"
#include "result.h"

#include <QJsonValue>
#include <QString>

namespace tusk::explain {

/// A YAML document as the JSON value EXPLAIN (FORMAT JSON) would have printed for the same plan.
struct YamlDocument
{
    QJsonValue value;
    bool numbersMasked = false; ///< Plain `N` / `N.N` (regression output) were read as null.
};

/// Reads the YAML subset PostgreSQL's EXPLAIN (FORMAT YAML) and auto_explain write: block
/// mappings and sequences (also a mapping or sequence opened on a `- ` line), double-quoted
/// (JSON escapes), single-quoted and plain scalars, and `["a", "b"]` flow sequences. Plain
/// scalars are typed like JSON (integers, decimals, true/false, null); a key with nothing after
/// it and nothing nested is an empty group — `[]`, or `{}` for "Settings", as JSON has them.
/// Anchors, tags, block scalars and flow mappings are not part of EXPLAIN's output and are read
/// as plain text or rejected. Errors carry the 1-based line and column in `text`.
Result<YamlDocument, ParseError> readExplainYaml(const QString &text);

} // namespace tusk::explain
