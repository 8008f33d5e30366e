#pragma once

#include "pg/resultchunk.h"

#include <QByteArray>
#include <QByteArrayView>

/// Field-level escaping shared by the streaming RowWriter and the grid's copy formats, so a
/// cell reads the same whether it was exported to a file or copied to the clipboard.
namespace tusk::exporting {

/// How a column's text becomes a JSON value.
enum class JsonKind { String, Number, Bool, Raw };

/// bool → Bool, json/jsonb → Raw, numeric types except money → Number, anything else → String.
JsonKind jsonKindOf(const pg::Column &column);

/// True when the server's text is also a JSON number (NaN and Infinity are not).
bool isJsonNumber(QByteArrayView v);

/// An RFC 4180 field: quoted when it holds `,` `"` CR or LF, and when empty ("" is the empty
/// string; the caller writes nothing for NULL).
void appendCsvField(QByteArray &out, QByteArrayView v);

/// A JSON string literal with `"`, `\` and control characters escaped.
void appendJsonString(QByteArray &out, QByteArrayView v);

/// The cell as a JSON value of `kind`; numbers that JSON cannot hold fall back to strings.
void appendJsonValue(QByteArray &out, JsonKind kind, QByteArrayView v);

} // namespace tusk::exporting
