#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tusk::sql {

/// The names the editor completes, indexed for prefix search: an immutable value built once
/// (off the UI thread) from the catalog's rows, then asked on every keystroke.
///
/// Unqualified names (keywords, schemas, relations, columns, pg_catalog and public functions)
/// sit in one array sorted by their case-folded spelling, so a prefix is a binary search and a
/// walk over the matches only: a keystroke costs microseconds with a million names, where a
/// scan of every name cost milliseconds.
/// @code
/// CompletionIndex index;
/// index.addRow(u'r', "crm", "accounts", {});
/// index.finalize();
/// index.complete("acc", {}); // {"accounts"}
/// @endcode
class CompletionIndex
{
public:
    /// What a catalog row names: k(eyword), s(chema), r(elation), c(olumn) or f(unction).
    void addRow(QChar kind, const QString &schema, const QString &name, const QString &column);
    /// Sorts and removes duplicates; call once after the last addRow().
    void finalize();

    /// Candidates for prefix, best first (keywords, then schemas, relations, columns,
    /// functions; alphabetical within each), at most `limit`. With a qualifier: a schema's
    /// relations and functions, or a relation's columns (qualifier resolved as an alias of
    /// `statement` first, see CompletionCatalog::resolveAlias()).
    QStringList complete(const QString &prefix, const QString &qualifier, const QString &statement = {},
                         int limit = 500) const;

    const QStringList &keywords() const { return m_keywords; }
    qsizetype nameCount() const { return m_names.size(); }

private:
    enum Rank : quint8 { Keyword, Schema, Relation, Column, Function };
    struct Name
    {
        QString folded; ///< lower case, the sort key
        QString text;
        Rank rank;
    };

    QStringList m_keywords;
    QVector<Name> m_names;
    QHash<QString, QStringList> m_relationsBySchema; ///< schema -> relation names
    QHash<QString, QStringList> m_functionsBySchema;
    QHash<QString, QStringList> m_columnsByRelation; ///< "schema.relation" and "relation" -> columns
};

} // namespace tusk::sql
