// Script as CREATE for views, materialized views, indexes and sequences; Script as SELECT.

#include "catalog/scriptrecipe_p.h"

#include "pg/quoting.h"

#include <QCoreApplication>

namespace tusk::catalog::scripts {

namespace {

CatalogQuery viewQuery(quint32 oid, int version)
{
    const QString am = version >= 120000
                           ? QStringLiteral("(SELECT a.amname FROM pg_am a WHERE a.oid = c.relam)")
                           : QStringLiteral("NULL::name");
    return {
        QStringLiteral("SELECT c.relname, n.nspname, pg_get_viewdef(c.oid, true) AS definition, "
                       "c.reloptions, c.relispopulated, t.spcname AS tablespace, %1 AS access_method, "
                       "obj_description(c.oid, 'pg_class') AS comment, pg_get_userbyid(c.relowner) AS owner "
                       "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN "
                       "pg_tablespace t ON t.oid = c.reltablespace WHERE c.oid = $1::oid")
            .arg(am),
        {QString::number(oid)}};
}

CatalogQuery columnCommentsQuery(quint32 oid)
{
    return {
        QStringLiteral("SELECT a.attname, col_description(a.attrelid, a.attnum) AS comment FROM "
                       "pg_attribute a WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped "
                       "AND col_description(a.attrelid, a.attnum) IS NOT NULL ORDER BY a.attnum"),
        {QString::number(oid)}};
}

/// pg_get_viewdef() ends the query with ';' — the statement goes on after it.
QString viewBody(const QString &definition)
{
    QString body = definition.trimmed();
    if (body.endsWith(u';'))
        body.chop(1);
    return body;
}

QString columnComments(const RowSet &comments, const QString &relation)
{
    QString out;
    for (int r = 0; r < comments.rowCount(); ++r)
        out += commentOn(QStringLiteral("COLUMN"),
                         relation + u'.' + pg::quoteIdentifierIfNeeded(comments.text(r, u"attname")),
                         comments.text(r, u"comment"));
    return out;
}

Script buildView(const CatalogObject &object, const QList<RowSet> &rows)
{
    const RowSet &v = rows[0];
    if (v.rowCount() == 0)
        return notFound(object);
    const QString name = pg::qualifiedName(v.text(0, u"nspname"), v.text(0, u"relname"));
    // check_option is a reloption in the catalog but a trailing clause in CREATE VIEW.
    QStringList options;
    QString checkOption;
    for (const QString &o : v.array(0, u"reloptions")) {
        if (o.startsWith(QLatin1String("check_option=")))
            checkOption = o.mid(13).toUpper();
        else
            options << o;
    }
    QString sql = QStringLiteral("CREATE OR REPLACE VIEW ") + name;
    if (!options.isEmpty())
        sql += QStringLiteral(" WITH (") + optionList(options) + u')';
    sql += QStringLiteral(" AS\n") + viewBody(v.text(0, u"definition"));
    if (!checkOption.isEmpty())
        sql += QStringLiteral("\nWITH ") + checkOption + QStringLiteral(" CHECK OPTION");
    sql += QStringLiteral(";\n");
    QString after = commentOn(QStringLiteral("VIEW"), name, v.text(0, u"comment"));
    after += columnComments(rows[1], name);
    after += ownerTo(QStringLiteral("VIEW"), name, v.text(0, u"owner"));
    return sql + u'\n' + after;
}

Script buildMaterializedView(const CatalogObject &object, const QList<RowSet> &rows)
{
    const RowSet &v = rows[0];
    if (v.rowCount() == 0)
        return notFound(object);
    const QString name = pg::qualifiedName(v.text(0, u"nspname"), v.text(0, u"relname"));
    QString sql = QStringLiteral("CREATE MATERIALIZED VIEW ") + name;
    const QString am = v.text(0, u"access_method");
    if (!am.isEmpty() && am != QLatin1String("heap"))
        sql += QStringLiteral("\nUSING ") + pg::quoteIdentifierIfNeeded(am);
    if (!v.isNull(0, u"reloptions"))
        sql += QStringLiteral("\nWITH (") + optionList(v.array(0, u"reloptions")) + u')';
    if (!v.isNull(0, u"tablespace"))
        sql += QStringLiteral("\nTABLESPACE ") + pg::quoteIdentifierIfNeeded(v.text(0, u"tablespace"));
    sql += QStringLiteral(" AS\n") + viewBody(v.text(0, u"definition"));
    sql +=
        v.flag(0, u"relispopulated") ? QStringLiteral("\nWITH DATA;\n") : QStringLiteral("\nWITH NO DATA;\n");
    QString after = indexStatements(rows[2]);
    after += commentOn(QStringLiteral("MATERIALIZED VIEW"), name, v.text(0, u"comment"));
    after += columnComments(rows[1], name);
    after += ownerTo(QStringLiteral("MATERIALIZED VIEW"), name, v.text(0, u"owner"));
    return sql + u'\n' + after;
}

Script buildIndex(const CatalogObject &object, const RowSet &x)
{
    if (x.rowCount() == 0)
        return notFound(object);
    const QString name = pg::qualifiedName(x.text(0, u"nspname"), x.text(0, u"relname"));
    QString sql;
    if (!x.isNull(0, u"conname")) {
        // An index made by a constraint is recreated by the constraint.
        sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3;\n")
                  .arg(pg::qualifiedName(x.text(0, u"table_schema"), x.text(0, u"table_name")),
                       pg::quoteIdentifierIfNeeded(x.text(0, u"conname")), x.text(0, u"condef"));
    } else {
        sql = cascadingIndexDef(x.text(0, u"definition"), x.text(0, u"quoted_name")) + QStringLiteral(";\n");
    }
    return sql + commentOn(QStringLiteral("INDEX"), name, x.text(0, u"comment"));
}

Script buildSequence(const CatalogObject &object, const RowSet &s)
{
    if (s.rowCount() == 0)
        return notFound(object);
    const QString name = pg::qualifiedName(s.text(0, u"nspname"), s.text(0, u"relname"));
    const QString column = s.isNull(0, u"column_name")
                               ? QString()
                               : pg::qualifiedName(s.text(0, u"table_schema"), s.text(0, u"table_name")) +
                                     u'.' + pg::quoteIdentifierIfNeeded(s.text(0, u"column_name"));
    if (s.text(0, u"deptype") == u'i') {
        // An identity column's sequence is made (and dropped) with its table.
        return QStringLiteral("-- %1 is the identity sequence of %2: it is created with its table.\n"
                              "-- Its options: START %3, INCREMENT %4, MINVALUE %5, MAXVALUE %6, CACHE %7.\n")
            .arg(name, column, s.text(0, u"seqstart"), s.text(0, u"seqincrement"), s.text(0, u"seqmin"),
                 s.text(0, u"seqmax"), s.text(0, u"seqcache"));
    }
    // UNLOGGED sequences exist since PostgreSQL 15 (relpersistence 'u'; always 'p' before).
    QString sql = QStringLiteral("CREATE %9SEQUENCE %1\n    AS %2\n    START WITH %3\n    INCREMENT BY %4\n"
                                 "    MINVALUE %5\n    MAXVALUE %6\n    CACHE %7\n    %8;\n")
                      .arg(name, s.text(0, u"type"), s.text(0, u"seqstart"), s.text(0, u"seqincrement"),
                           s.text(0, u"seqmin"), s.text(0, u"seqmax"), s.text(0, u"seqcache"),
                           s.flag(0, u"seqcycle") ? QStringLiteral("CYCLE") : QStringLiteral("NO CYCLE"),
                           s.text(0, u"relpersistence") == u'u' ? QStringLiteral("UNLOGGED ") : QString());
    QString after;
    if (!column.isEmpty())
        after += QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2;\n").arg(name, column);
    after += commentOn(QStringLiteral("SEQUENCE"), name, s.text(0, u"comment"));
    after += ownerTo(QStringLiteral("SEQUENCE"), name, s.text(0, u"owner"));
    return sql + u'\n' + after;
}

} // namespace

Recipe view(const CatalogObject &object)
{
    return {{viewQuery(object.oid, 0), columnCommentsQuery(object.oid)},
            [object](const QList<RowSet> &rows) { return buildView(object, rows); }};
}

Recipe materializedView(const CatalogObject &object, int version)
{
    return {{viewQuery(object.oid, version), columnCommentsQuery(object.oid), indexQuery(object.oid)},
            [object](const QList<RowSet> &rows) { return buildMaterializedView(object, rows); }};
}

Recipe index(const CatalogObject &object)
{
    return {
        {{QStringLiteral("SELECT ic.relname, n.nspname, quote_ident(ic.relname) AS quoted_name, "
                         "pg_get_indexdef(x.indexrelid) AS definition, obj_description(x.indexrelid, "
                         "'pg_class') AS comment, tn.nspname AS table_schema, tc.relname AS table_name, "
                         "con.conname, pg_get_constraintdef(con.oid, true) AS condef FROM pg_index x JOIN "
                         "pg_class ic ON ic.oid = x.indexrelid JOIN pg_namespace n ON n.oid = "
                         "ic.relnamespace JOIN pg_class tc ON tc.oid = x.indrelid JOIN pg_namespace tn ON "
                         "tn.oid = tc.relnamespace LEFT JOIN pg_constraint con ON con.conindid = "
                         "x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x') "
                         "WHERE x.indexrelid = $1::oid"),
          {QString::number(object.oid)}}},
        [object](const QList<RowSet> &rows) { return buildIndex(object, rows[0]); }};
}

Recipe sequence(const CatalogObject &object, int version)
{
    if (version < 100000) {
        // Before pg_sequence (PG 10) the options live in the sequence relation itself.
        return {{}, [](const QList<RowSet> &) -> Script {
                    return notScriptable(QCoreApplication::translate(
                        "tusk::catalog", "Scripting sequences needs PostgreSQL 10 or later"));
                }};
    }
    return {{{QStringLiteral(
                  "SELECT c.relname, n.nspname, c.relpersistence, format_type(s.seqtypid, NULL) AS type, "
                  "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
                  "obj_description(c.oid, "
                  "'pg_class') AS comment, pg_get_userbyid(c.relowner) AS owner, own.deptype, "
                  "own.table_schema, own.table_name, own.column_name FROM pg_class c JOIN "
                  "pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid "
                  "LEFT JOIN LATERAL (SELECT d.deptype, tn.nspname AS table_schema, tc.relname AS "
                  "table_name, a.attname AS column_name FROM pg_depend d JOIN pg_class tc ON tc.oid "
                  "= d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace JOIN pg_attribute a "
                  "ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE d.classid = "
                  "'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass "
                  "AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1) own ON true WHERE "
                  "c.oid = $1::oid"),
              {QString::number(object.oid)}}},
            [object](const QList<RowSet> &rows) { return buildSequence(object, rows[0]); }};
}

Recipe select(const CatalogObject &object)
{
    return {{{QStringLiteral("SELECT n.nspname, c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON "
                             "n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND "
                             "a.attnum > 0 AND NOT a.attisdropped WHERE c.oid = $1::oid ORDER BY a.attnum"),
              {QString::number(object.oid)}}},
            [object](const QList<RowSet> &rows) -> Script {
                const RowSet &r = rows[0];
                if (r.rowCount() == 0)
                    return notFound(object);
                QStringList columns;
                for (int i = 0; i < r.rowCount(); ++i) {
                    if (!r.isNull(i, u"attname"))
                        columns << pg::quoteIdentifierIfNeeded(r.text(i, u"attname"));
                }
                // A table without columns is legal; "SELECT FROM t" is its query.
                return QStringLiteral("SELECT %1\nFROM %2\nLIMIT 100;\n")
                    .arg(columns.join(QStringLiteral(", ")),
                         pg::qualifiedName(r.text(0, u"nspname"), r.text(0, u"relname")));
            }};
}

} // namespace tusk::catalog::scripts
