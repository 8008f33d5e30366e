#pragma once

#include <QString>

namespace tusk::pg {

/// A readable name for a result column's type from its OID and modifier, without asking the
/// server: `int4`, `numeric(12,2)`, `varchar(40)`, `timestamptz(3)`, `text[]`. The built-in
/// types a DBA meets daily are known; any other gives `oid 16385` (extension and user types have
/// OIDs that differ between databases — only the catalog can name them).
QString typeName(quint32 oid, int typeModifier = -1);

} // namespace tusk::pg
