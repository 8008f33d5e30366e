#include "sql/completionindex.h"

#include "sql/completioncatalog.h"

#include <QSet>

#include <algorithm>

namespace tusk::sql {

namespace {
void addPrefixed(QStringList &out, const QStringList &names, const QString &prefix)
{
    for (const QString &n : names) {
        if (n.startsWith(prefix, Qt::CaseInsensitive))
            out << n;
    }
}
} // namespace

void CompletionIndex::addRow(QChar kind, const QString &schema, const QString &name, const QString &column)
{
    switch (kind.unicode()) {
    case u'k':
        m_keywords << name;
        m_names.append({name.toLower(), name, Keyword});
        break;
    case u's':
        m_names.append({schema.toLower(), schema, Schema});
        break;
    case u'r':
        m_relationsBySchema[schema] << name;
        m_names.append({name.toLower(), name, Relation});
        break;
    case u'c':
        m_columnsByRelation[schema + u'.' + name] << column;
        m_columnsByRelation[name] << column;
        m_names.append({column.toLower(), column, Column});
        break;
    case u'f':
        m_functionsBySchema[schema] << name;
        // Other schemas' functions are offered after "schema." only.
        if (schema == QLatin1String("pg_catalog") || schema == QLatin1String("public"))
            m_names.append({name.toLower(), name, Function});
        break;
    default:
        break;
    }
}

void CompletionIndex::finalize()
{
    // By folded text, then by rank, so a duplicate keeps its best rank (a column named like a
    // keyword is offered once, as the keyword).
    std::sort(m_names.begin(), m_names.end(), [](const Name &a, const Name &b) {
        if (const int c = a.folded.compare(b.folded); c != 0)
            return c < 0;
        if (const int c = a.text.compare(b.text); c != 0)
            return c < 0;
        return a.rank < b.rank;
    });
    m_names.erase(std::unique(m_names.begin(), m_names.end(),
                              [](const Name &a, const Name &b) { return a.text == b.text; }),
                  m_names.end());
    m_names.squeeze();
    for (QStringList &columns : m_columnsByRelation)
        columns.removeDuplicates(); // a relation name shared by two schemas
}

QStringList CompletionIndex::complete(const QString &prefix, const QString &qualifier,
                                      const QString &statement, int limit) const
{
    QStringList out;
    if (!qualifier.isEmpty()) {
        if (m_relationsBySchema.contains(qualifier) || m_functionsBySchema.contains(qualifier)) {
            addPrefixed(out, m_relationsBySchema.value(qualifier), prefix);
            addPrefixed(out, m_functionsBySchema.value(qualifier), prefix);
            out.removeDuplicates(); // overloaded functions
            return out.mid(0, limit);
        }
        QString schema;
        QString relation = CompletionCatalog::resolveAlias(statement, qualifier, &schema);
        if (relation.isEmpty())
            relation = qualifier;
        const QString key = schema.isEmpty() ? relation : schema + u'.' + relation;
        addPrefixed(out, m_columnsByRelation.value(key), prefix);
        return out.mid(0, limit);
    }
    if (prefix.isEmpty())
        return out;
    const QString folded = prefix.toLower();
    auto it = std::lower_bound(m_names.cbegin(), m_names.cend(), folded,
                               [](const Name &n, const QString &key) { return n.folded < key; });
    // Matches, best rank first; a bounded walk so a one-letter prefix stays cheap.
    QVector<const Name *> matches;
    for (; it != m_names.cend() && it->folded.startsWith(folded) && matches.size() < limit * 8; ++it)
        matches.append(&*it);
    std::stable_sort(matches.begin(), matches.end(),
                     [](const Name *a, const Name *b) { return a->rank < b->rank; });
    for (const Name *n : std::as_const(matches)) {
        if (out.size() >= limit)
            break;
        out << n->text;
    }
    return out;
}

} // namespace tusk::sql
