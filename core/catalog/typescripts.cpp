// Script as CREATE for enum, composite, domain and range types.

#include "catalog/scriptrecipe_p.h"

#include "pg/quoting.h"

#include <QCoreApplication>

namespace tusk::catalog::scripts {

namespace {

enum Query { TypeQuery, LabelsQuery, AttributesQuery, ConstraintsQuery };

CatalogQuery typeQuery(quint32 oid, int v)
{
    // Range details live in pg_range; multirange names since PG 14.
    const QString multirange =
        v >= 140000 ? QStringLiteral("(SELECT m.typname FROM pg_type m WHERE m.oid = r.rngmultitypid)")
                    : QStringLiteral("NULL::name");
    return {
        QStringLiteral(
            "SELECT t.typname, n.nspname, t.typtype, format_type(t.typbasetype, t.typtypmod) AS base_type, "
            "t.typnotnull, t.typdefault, CASE WHEN t.typcollation <> 0 AND t.typcollation IS DISTINCT FROM "
            "bt.typcollation THEN cn.nspname END AS collation_schema, CASE WHEN t.typcollation <> 0 AND "
            "t.typcollation IS DISTINCT FROM bt.typcollation THEN co.collname END AS collation_name, "
            "format_type(r.rngsubtype, NULL) AS subtype, CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> "
            "st.typcollation THEN rcn.nspname END AS range_collation_schema, CASE WHEN r.rngcollation <> 0 "
            "AND r.rngcollation <> st.typcollation THEN rco.collname END AS range_collation_name, "
            "NULLIF(r.rngsubdiff, 0)::regproc::text AS "
            "subtype_diff, NULLIF(r.rngcanonical, 0)::regproc::text AS canonical, %1 AS multirange, "
            "obj_description(t.oid, 'pg_type') AS comment, pg_get_userbyid(t.typowner) AS owner FROM pg_type "
            "t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_type bt ON bt.oid = t.typbasetype "
            "LEFT JOIN pg_collation co ON co.oid = t.typcollation LEFT JOIN pg_namespace cn ON cn.oid = "
            "co.collnamespace LEFT JOIN pg_range r ON r.rngtypid = t.oid LEFT JOIN pg_type st ON st.oid = "
            "r.rngsubtype LEFT JOIN pg_collation rco ON rco.oid = r.rngcollation LEFT JOIN pg_namespace rcn "
            "ON rcn.oid = rco.collnamespace WHERE t.oid = $1::oid")
            .arg(multirange),
        {QString::number(oid)}};
}

CatalogQuery labelsQuery(quint32 oid)
{
    return {QStringLiteral(
                "SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = $1::oid ORDER BY e.enumsortorder"),
            {QString::number(oid)}};
}

CatalogQuery attributesQuery(quint32 oid)
{
    return {
        QStringLiteral(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, CASE WHEN a.attcollation <> 0 "
            "AND a.attcollation <> at.typcollation THEN cn.nspname END AS collation_schema, CASE WHEN "
            "a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN co.collname END AS "
            "collation_name, col_description(a.attrelid, a.attnum) AS comment FROM pg_type t JOIN "
            "pg_attribute a ON a.attrelid = t.typrelid JOIN pg_type at ON at.oid = a.atttypid LEFT JOIN "
            "pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = "
            "co.collnamespace WHERE t.oid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY "
            "a.attnum"),
        {QString::number(oid)}};
}

CatalogQuery constraintsQuery(quint32 oid)
{
    // CHECK constraints only: NOT NULL comes from typnotnull (PG 17+ also lists it here).
    return {
        QStringLiteral("SELECT c.conname, pg_get_constraintdef(c.oid, true) AS definition FROM pg_constraint "
                       "c WHERE c.contypid = $1::oid AND c.contype = 'c' ORDER BY c.conname"),
        {QString::number(oid)}};
}

QString collateClause(const RowSet &rows, int r)
{
    if (rows.isNull(r, u"collation_name"))
        return {};
    return QStringLiteral(" COLLATE ") +
           pg::qualifiedName(rows.text(r, u"collation_schema"), rows.text(r, u"collation_name"));
}

Script buildType(const CatalogObject &object, const QList<RowSet> &rows)
{
    const RowSet &t = rows[TypeQuery];
    if (t.rowCount() == 0)
        return notFound(object);
    const QString name = pg::qualifiedName(t.text(0, u"nspname"), t.text(0, u"typname"));
    const QString typtype = t.text(0, u"typtype");
    QString what = QStringLiteral("TYPE");
    QString sql;
    if (typtype == u'e') {
        const RowSet &labels = rows[LabelsQuery];
        QStringList quoted;
        for (int r = 0; r < labels.rowCount(); ++r)
            quoted << pg::quoteLiteral(labels.text(r, u"enumlabel"));
        sql = QStringLiteral("CREATE TYPE %1 AS ENUM (\n    %2\n);\n")
                  .arg(name, quoted.join(QStringLiteral(",\n    ")));
    } else if (typtype == u'c') {
        const RowSet &attrs = rows[AttributesQuery];
        QStringList fields;
        for (int r = 0; r < attrs.rowCount(); ++r)
            fields << pg::quoteIdentifierIfNeeded(attrs.text(r, u"attname")) + u' ' + attrs.text(r, u"type") +
                          collateClause(attrs, r);
        sql = QStringLiteral("CREATE TYPE %1 AS (\n    %2\n);\n")
                  .arg(name, fields.join(QStringLiteral(",\n    ")));
        for (int r = 0; r < attrs.rowCount(); ++r)
            sql += commentOn(QStringLiteral("COLUMN"),
                             name + u'.' + pg::quoteIdentifierIfNeeded(attrs.text(r, u"attname")),
                             attrs.text(r, u"comment"));
    } else if (typtype == u'd') {
        what = QStringLiteral("DOMAIN");
        sql =
            QStringLiteral("CREATE DOMAIN %1 AS %2").arg(name, t.text(0, u"base_type")) + collateClause(t, 0);
        if (!t.isNull(0, u"typdefault"))
            sql += QStringLiteral("\n    DEFAULT ") + t.text(0, u"typdefault");
        if (t.flag(0, u"typnotnull"))
            sql += QStringLiteral("\n    NOT NULL");
        const RowSet &checks = rows[ConstraintsQuery];
        for (int r = 0; r < checks.rowCount(); ++r)
            sql += QStringLiteral("\n    CONSTRAINT ") +
                   pg::quoteIdentifierIfNeeded(checks.text(r, u"conname")) + u' ' +
                   checks.text(r, u"definition");
        sql += QStringLiteral(";\n");
    } else if (typtype == u'r') {
        QStringList parts{QStringLiteral("SUBTYPE = ") + t.text(0, u"subtype")};
        if (!t.isNull(0, u"range_collation_name"))
            parts << QStringLiteral("COLLATION = ") + pg::qualifiedName(t.text(0, u"range_collation_schema"),
                                                                        t.text(0, u"range_collation_name"));
        if (!t.isNull(0, u"canonical"))
            parts << QStringLiteral("CANONICAL = ") + t.text(0, u"canonical");
        if (!t.isNull(0, u"subtype_diff"))
            parts << QStringLiteral("SUBTYPE_DIFF = ") + t.text(0, u"subtype_diff");
        if (!t.isNull(0, u"multirange"))
            parts << QStringLiteral("MULTIRANGE_TYPE_NAME = ") +
                         pg::qualifiedName(t.text(0, u"nspname"), t.text(0, u"multirange"));
        sql = QStringLiteral("CREATE TYPE %1 AS RANGE (\n    %2\n);\n")
                  .arg(name, parts.join(QStringLiteral(",\n    ")));
    } else {
        return notScriptable(
            QCoreApplication::translate(
                "tusk::catalog", "%1 is a base type: it is defined in C by the extension that provides it")
                .arg(name));
    }
    QString after = commentOn(what, name, t.text(0, u"comment"));
    after += ownerTo(what, name, t.text(0, u"owner"));
    return sql + u'\n' + after;
}

} // namespace

Recipe type(const CatalogObject &object, int version)
{
    const quint32 oid = object.oid;
    return {{typeQuery(oid, version), labelsQuery(oid), attributesQuery(oid), constraintsQuery(oid)},
            [object](const QList<RowSet> &rows) { return buildType(object, rows); }};
}

} // namespace tusk::catalog::scripts
