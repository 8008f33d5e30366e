// Script as CREATE for functions, procedures and aggregates.

#include "catalog/scriptrecipe_p.h"

#include "pg/quoting.h"

namespace tusk::catalog::scripts {

namespace {

Script buildRoutine(const CatalogObject &object, const RowSet &p)
{
    if (p.rowCount() == 0)
        return notFound(object);
    const QString what =
        p.text(0, u"kind") == u'p' ? QStringLiteral("PROCEDURE") : QStringLiteral("FUNCTION");
    const QString signature =
        pg::qualifiedName(p.text(0, u"nspname"), p.text(0, u"proname")) + u'(' + p.text(0, u"args") + u')';
    // pg_get_functiondef() gives the whole CREATE OR REPLACE statement, without its semicolon.
    QString sql = p.text(0, u"definition").trimmed() + QStringLiteral(";\n");
    QString after = commentOn(what, signature, p.text(0, u"comment"));
    after += ownerTo(what, signature, p.text(0, u"owner"));
    return sql + u'\n' + after;
}

Script buildAggregate(const CatalogObject &object, const RowSet &a)
{
    if (a.rowCount() == 0)
        return notFound(object);
    const QString signature =
        pg::qualifiedName(a.text(0, u"nspname"), a.text(0, u"proname")) + u'(' + a.text(0, u"args") + u')';
    QStringList parts;
    parts << QStringLiteral("SFUNC = ") + a.text(0, u"sfunc");
    parts << QStringLiteral("STYPE = ") + a.text(0, u"stype");
    if (!a.isNull(0, u"finalfunc"))
        parts << QStringLiteral("FINALFUNC = ") + a.text(0, u"finalfunc");
    if (!a.isNull(0, u"combinefunc"))
        parts << QStringLiteral("COMBINEFUNC = ") + a.text(0, u"combinefunc");
    if (!a.isNull(0, u"initcond"))
        parts << QStringLiteral("INITCOND = ") + pg::quoteLiteral(a.text(0, u"initcond"));
    if (!a.isNull(0, u"sortop"))
        parts << QStringLiteral("SORTOP = ") + a.text(0, u"sortop");
    const QString parallel = a.text(0, u"proparallel");
    if (parallel == u's')
        parts << QStringLiteral("PARALLEL = SAFE");
    else if (parallel == u'r')
        parts << QStringLiteral("PARALLEL = RESTRICTED");
    QString sql = QStringLiteral("CREATE AGGREGATE %1 (\n    %2\n);\n")
                      .arg(signature, parts.join(QStringLiteral(",\n    ")));
    QString after = commentOn(QStringLiteral("AGGREGATE"), signature, a.text(0, u"comment"));
    after += ownerTo(QStringLiteral("AGGREGATE"), signature, a.text(0, u"owner"));
    return sql + u'\n' + after;
}

} // namespace

Recipe routine(const CatalogObject &object, int version)
{
    const QString kind = version >= 110000 ? QStringLiteral("p.prokind") : QStringLiteral("'f'::\"char\"");
    return {
        {{QStringLiteral("SELECT p.proname, n.nspname, %1 AS kind, pg_get_functiondef(p.oid) AS definition, "
                         "pg_get_function_identity_arguments(p.oid) AS args, obj_description(p.oid, "
                         "'pg_proc') AS comment, pg_get_userbyid(p.proowner) AS owner FROM pg_proc p JOIN "
                         "pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = $1::oid")
              .arg(kind),
          {QString::number(object.oid)}}},
        [object](const QList<RowSet> &rows) { return buildRoutine(object, rows[0]); }};
}

Recipe aggregate(const CatalogObject &object)
{
    // regproc/regoperator print names qualified only where the search path needs it.
    return {
        {{QStringLiteral("SELECT p.proname, n.nspname, pg_get_function_identity_arguments(p.oid) AS args, "
                         "a.aggtransfn::regproc::text AS sfunc, format_type(a.aggtranstype, NULL) AS stype, "
                         "NULLIF(a.aggfinalfn, 0)::regproc::text AS finalfunc, NULLIF(a.aggcombinefn, "
                         "0)::regproc::text AS combinefunc, a.agginitval AS initcond, NULLIF(a.aggsortop, "
                         "0)::regoper::text AS sortop, p.proparallel, obj_description(p.oid, 'pg_proc') "
                         "AS comment, pg_get_userbyid(p.proowner) AS owner FROM pg_aggregate a JOIN pg_proc "
                         "p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "
                         "p.oid = $1::oid"),
          {QString::number(object.oid)}}},
        [object](const QList<RowSet> &rows) { return buildAggregate(object, rows[0]); }};
}

} // namespace tusk::catalog::scripts
