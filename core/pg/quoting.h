#pragma once

#include <QString>
#include <QStringView>

/// The one place where Tusk quotes SQL identifiers and literals.
/// Works without a connection: the output is valid whatever the server's
/// standard_conforming_strings setting, for the UTF-8 client encoding Tusk always uses.
namespace tusk::pg {

/// Longest identifier PostgreSQL keeps, in bytes (NAMEDATALEN - 1); longer names are truncated.
inline constexpr int kMaxIdentifierBytes = 63;

/// Always quotes: `a"b` becomes `"a""b"` (PQescapeIdentifier semantics).
QString quoteIdentifier(QStringView name);

/// Quotes only when needed, like the server's quote_ident(): names that are lower-case
/// identifiers and not reserved keywords stay bare (`accounts`), others are quoted (`"Order"`).
QString quoteIdentifierIfNeeded(QStringView name);

/// `schema.name`, each part quoted if needed; an empty schema gives just the name.
QString qualifiedName(QStringView schema, QStringView name);

/// A string literal: `'it''s'`, or `E'a\\b'` when it holds backslashes (PQescapeLiteral semantics).
/// PostgreSQL text cannot hold U+0000: check with containsNul() before using user input.
QString quoteLiteral(QStringView value);

/// `NULL` for a null QString, else quoteLiteral(value).
QString quoteNullableLiteral(const QString &value);

bool containsNul(QStringView value);

/// True when PostgreSQL would silently truncate this name (> 63 bytes in UTF-8).
bool isIdentifierTooLong(QStringView name);

/// The name as the server keeps it: cut to 63 UTF-8 bytes at a character boundary.
QString truncatedIdentifier(QStringView name);

/// True for keywords that quote_ident() quotes (reserved, column-name and type/function-name).
bool isNonUnreservedKeyword(QStringView lowerCaseWord);

} // namespace tusk::pg
