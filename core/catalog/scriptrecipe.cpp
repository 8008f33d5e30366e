#include "catalog/scriptrecipe_p.h"

#include "pg/quoting.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace tusk::catalog::scripts {

namespace {

/// Splits `key=value` at the first '='.
std::pair<QString, QString> splitOption(const QString &entry)
{
    const qsizetype eq = entry.indexOf(u'=');
    if (eq < 0)
        return {entry, QString()};
    return {entry.left(eq), entry.mid(eq + 1)};
}

/// Option names are lower-case words, possibly namespaced (`toast.autovacuum_enabled`).
QString optionName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?$"));
    return plain.match(name).hasMatch() ? name : pg::quoteIdentifier(name);
}

} // namespace

pg::Error notFound(const CatalogObject &object)
{
    return pg::Error::usage(QCoreApplication::translate("tusk::catalog", "%1 %2 no longer exists")
                                .arg(kindName(object.kind), object.qualifiedName()));
}

pg::Error notScriptable(const QString &why)
{
    return pg::Error::usage(why);
}

QString commentOn(const QString &what, const QString &target, const QString &comment)
{
    if (comment.isEmpty())
        return {};
    return QStringLiteral("COMMENT ON %1 %2 IS %3;\n").arg(what, target, pg::quoteLiteral(comment));
}

QString ownerTo(const QString &what, const QString &target, const QString &owner)
{
    if (owner.isEmpty())
        return {};
    return QStringLiteral("ALTER %1 %2 OWNER TO %3;\n").arg(what, target, pg::quoteIdentifierIfNeeded(owner));
}

QString optionList(const QStringList &keyValues)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_.+-]+$"));
    QStringList out;
    for (const QString &entry : keyValues) {
        const auto [key, value] = splitOption(entry);
        out << optionName(key) + u'=' + (bare.match(value).hasMatch() ? value : pg::quoteLiteral(value));
    }
    return out.join(QStringLiteral(", "));
}

QString fdwOptionList(const QStringList &keyValues)
{
    QStringList out;
    for (const QString &entry : keyValues) {
        const auto [key, value] = splitOption(entry);
        out << pg::quoteIdentifierIfNeeded(key) + u' ' + pg::quoteLiteral(value);
    }
    return out.join(QStringLiteral(", "));
}

CatalogQuery indexQuery(quint32 relationOid)
{
    return {QStringLiteral(
                "SELECT ic.relname AS name, n.nspname AS schema, quote_ident(ic.relname) AS quoted_name, "
                "pg_get_indexdef(x.indexrelid) AS definition, obj_description(x.indexrelid, 'pg_class') AS "
                "comment FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_namespace n ON "
                "n.oid = ic.relnamespace WHERE x.indrelid = $1::oid "
                // Constraints create their own index; a partition's copy of a parent index comes with
                // PARTITION OF.
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid AND "
                "con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')) "
                "AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = x.indexrelid) "
                "ORDER BY ic.relname"),
            {QString::number(relationOid)}};
}

QString cascadingIndexDef(const QString &definition, const QString &quotedName)
{
    // The definition starts with "CREATE [UNIQUE] INDEX <name> ON [ONLY] …": look right after the
    // name only, so a name or expression that happens to contain the words is left alone.
    const QString marker = quotedName + QStringLiteral(" ON ONLY ");
    const qsizetype at = definition.indexOf(marker);
    if (at < 0 || at > qsizetype(sizeof("CREATE UNIQUE INDEX ")))
        return definition;
    QString out = definition;
    out.replace(at + quotedName.size(), 9, QStringLiteral(" ON "));
    return out;
}

QString indexStatements(const RowSet &indexes)
{
    QString out;
    for (int r = 0; r < indexes.rowCount(); ++r) {
        out += cascadingIndexDef(indexes.text(r, u"definition"), indexes.text(r, u"quoted_name")) +
               QStringLiteral(";\n");
        out += commentOn(QStringLiteral("INDEX"),
                         pg::qualifiedName(indexes.text(r, u"schema"), indexes.text(r, u"name")),
                         indexes.text(r, u"comment"));
    }
    return out;
}

} // namespace tusk::catalog::scripts
