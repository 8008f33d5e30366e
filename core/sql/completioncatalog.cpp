#include "sql/completioncatalog.h"

#include "pg/session.h"

#include <QRegularExpression>

namespace tusk::sql {

namespace {
// One round trip for everything; system schemas only for functions (count, now, ...).
const char kCatalogQuery[] = R"SQL(
SELECT 'k', '', word, '' FROM pg_catalog.pg_get_keywords()
UNION ALL
SELECT 's', nspname, '', '' FROM pg_catalog.pg_namespace
 WHERE nspname !~ '^pg_(toast|temp_|toast_temp_)'
UNION ALL
SELECT 'r', n.nspname, c.relname, '' FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
UNION ALL
SELECT 'c', n.nspname, c.relname, a.attname FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
UNION ALL
SELECT DISTINCT 'f', n.nspname, p.proname, '' FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname <> 'information_schema' AND p.proname !~ '^_'
LIMIT 300000
)SQL";

void addPrefixed(QStringList &out, const QStringList &names, const QString &prefix)
{
    for (const QString &n : names) {
        if (n.startsWith(prefix, Qt::CaseInsensitive))
            out << n;
    }
}

template<typename Set> void addPrefixedSet(QStringList &out, const Set &names, const QString &prefix)
{
    for (const QString &n : names) {
        if (n.startsWith(prefix, Qt::CaseInsensitive))
            out << n;
    }
}
} // namespace

CompletionCatalog::CompletionCatalog(QObject *parent)
    : QObject(parent)
{}

void CompletionCatalog::load(pg::Session *session)
{
    m_loaded = false;
    m_keywords.clear();
    m_schemas.clear();
    m_relationsBySchema.clear();
    m_functionsBySchema.clear();
    m_columnsByRelation.clear();
    m_allRelations.clear();
    m_allColumns.clear();
    m_commonFunctions.clear();
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_generation = session->execute(QString::fromUtf8(kCatalogQuery));
    m_connections << connect(
        session, &pg::Session::rowsArrived, this, [this](quint64 gen, int, const pg::ResultChunk &chunk) {
            if (gen != m_generation)
                return;
            for (int r = 0; r < chunk.rowCount(); ++r)
                addRow(chunk.text(r, 0), chunk.text(r, 1), chunk.text(r, 2), chunk.text(r, 3));
        });
    m_connections << connect(session, &pg::Session::finished, this, [this](quint64 gen) {
        if (gen != m_generation)
            return;
        m_loaded = true;
        emit loaded();
    });
    m_connections << connect(session, &pg::Session::failed, this, [this](quint64 gen, const pg::Error &e) {
        if (gen == m_generation)
            emit failed(e);
    });
}

void CompletionCatalog::addRow(const QString &kind, const QString &schema, const QString &name,
                               const QString &column)
{
    switch (kind.isEmpty() ? u' ' : kind.front().unicode()) {
    case u'k':
        m_keywords << name;
        break;
    case u's':
        m_schemas << schema;
        break;
    case u'r':
        m_relationsBySchema[schema] << name;
        m_allRelations.insert(name);
        break;
    case u'c':
        m_columnsByRelation[schema + u'.' + name] << column;
        m_columnsByRelation[name] << column;
        m_allColumns.insert(column);
        break;
    case u'f':
        m_functionsBySchema[schema] << name;
        if (schema == QLatin1String("pg_catalog") || schema == QLatin1String("public"))
            m_commonFunctions.insert(name);
        break;
    default:
        break;
    }
}

QString CompletionCatalog::resolveAlias(const QString &statement, const QString &alias, QString *schema)
{
    // FROM / JOIN [schema.]relation [AS] alias — enough for the completion of alias.column.
    static const QRegularExpression re(
        QStringLiteral(
            R"RE((?:from|join|update|into)\s+(?:"?([\w$]+)"?\.)?"?([\w$]+)"?(?:\s+(?:as\s+)?(?!(?:join|on|where|left|right|inner|outer|full|cross|natural|group|order|limit|using|set|values|lateral|union|except|intersect|window|having)\b)"?([\w$]+)"?)?)RE"),
        QRegularExpression::CaseInsensitiveOption);
    auto it = re.globalMatch(statement);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString rel = m.captured(2);
        const QString a = m.captured(3);
        if (a.compare(alias, Qt::CaseInsensitive) == 0 || rel.compare(alias, Qt::CaseInsensitive) == 0) {
            if (schema)
                *schema = m.captured(1);
            return rel;
        }
    }
    return {};
}

QStringList CompletionCatalog::complete(const QString &prefix, const QString &qualifier,
                                        const QString &statement) const
{
    QStringList out;
    if (!qualifier.isEmpty()) {
        if (m_relationsBySchema.contains(qualifier) || m_functionsBySchema.contains(qualifier)) {
            addPrefixed(out, m_relationsBySchema.value(qualifier), prefix);
            addPrefixed(out, m_functionsBySchema.value(qualifier), prefix);
            return out;
        }
        QString schema;
        QString relation = resolveAlias(statement, qualifier, &schema);
        if (relation.isEmpty())
            relation = qualifier;
        const QString key = schema.isEmpty() ? relation : schema + u'.' + relation;
        addPrefixed(out, m_columnsByRelation.value(key), prefix);
        out.removeDuplicates();
        return out;
    }
    if (prefix.isEmpty())
        return out;
    addPrefixed(out, m_keywords, prefix);
    addPrefixed(out, m_schemas, prefix);
    addPrefixedSet(out, m_allRelations, prefix);
    addPrefixedSet(out, m_allColumns, prefix);
    addPrefixedSet(out, m_commonFunctions, prefix);
    out.removeDuplicates();
    if (out.size() > 500)
        out = out.mid(0, 500);
    return out;
}

} // namespace tusk::sql
