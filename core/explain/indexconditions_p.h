#pragma once

// Reading EXPLAIN's condition texts for the index advisor: which columns a condition compares,
// and how (equality, range). Conservative on purpose: anything unusual is left out.

#include <QString>
#include <QStringList>
#include <QVector>

namespace tusk::explain::detail {

/// A column reference in a condition: `t.col`, `"Customer ID"`, or `lower(t.email)`.
struct ColumnRef
{
    QString qualifier; ///< alias or table before the dot, unquoted; empty when there is none
    QString column;    ///< unquoted
    QString function;  ///< a one-argument function around the column, lower-case, or empty
};

/// One usable comparison from a condition.
struct Comparison
{
    enum class Kind { Equality, Range, PrefixLike };
    ColumnRef column;
    Kind kind = Kind::Equality;
    /// Set when the other side is a column too (a join key): its reference.
    bool otherIsColumn = false;
    ColumnRef other;
};

/// `((a = 1) AND (b > 2))` → {"a = 1", "b > 2"}; outer parentheses are removed. A condition
/// with a top-level OR gives nothing (an index on one branch does not serve the other).
QStringList conjuncts(const QString &condition);

/// The comparisons of a condition an index can serve. An equality with a column on both sides
/// is a join key and comes back twice, once from each side's point of view.
QVector<Comparison> comparisons(const QString &condition);

/// `"a""b"` → `a"b`, `abc` → `abc`.
QString unquoteIdentifier(const QString &text);

} // namespace tusk::explain::detail
