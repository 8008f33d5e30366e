// Script as CREATE for tables, partitioned tables, partitions and foreign tables.

#include "catalog/scriptrecipe_p.h"

#include "pg/quoting.h"

namespace tusk::catalog::scripts {

namespace {

enum Query { RelationQuery, ParentsQuery, ColumnsQuery, ConstraintsQuery, IndexesQuery, TriggersQuery };

CatalogQuery relationQuery(quint32 oid, int v)
{
    // relispartition/relpartbound/pg_get_partkeydef: PG 10; relam for tables: PG 12.
    const QString partition = v >= 100000 ? QStringLiteral("c.relispartition") : QStringLiteral("false");
    const QString bound =
        v >= 100000 ? QStringLiteral("pg_get_expr(c.relpartbound, c.oid)") : QStringLiteral("NULL::text");
    const QString partkey =
        v >= 100000 ? QStringLiteral("CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END")
                    : QStringLiteral("NULL::text");
    const QString am = v >= 120000 ? QStringLiteral("(SELECT a.amname FROM pg_am a WHERE a.oid = c.relam)")
                                   : QStringLiteral("NULL::name");
    return {
        QStringLiteral("SELECT c.relname, n.nspname, c.relkind, c.relpersistence, %1 AS relispartition, "
                       "%2 AS bound, %3 AS partkey, %4 AS access_method, c.reloptions, t.spcname AS "
                       "tablespace, c.relrowsecurity, c.relforcerowsecurity, obj_description(c.oid, "
                       "'pg_class') AS comment, pg_get_userbyid(c.relowner) AS owner, s.srvname AS server, "
                       "ft.ftoptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT "
                       "JOIN pg_tablespace t ON t.oid = c.reltablespace LEFT JOIN pg_foreign_table ft ON "
                       "ft.ftrelid = c.oid LEFT JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE "
                       "c.oid = $1::oid")
            .arg(partition, bound, partkey, am),
        {QString::number(oid)}};
}

CatalogQuery parentsQuery(quint32 oid)
{
    return {QStringLiteral("SELECT pn.nspname, p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = "
                           "i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = "
                           "$1::oid ORDER BY i.inhseqno"),
            {QString::number(oid)}};
}

CatalogQuery columnsQuery(quint32 oid, int v)
{
    // attidentity: PG 10; attgenerated: PG 12. An identity column's sequence options come from
    // its internal sequence (pg_depend deptype 'i').
    const QString identity = v >= 100000 ? QStringLiteral("a.attidentity") : QStringLiteral("''::\"char\"");
    const QString generated = v >= 120000 ? QStringLiteral("a.attgenerated") : QStringLiteral("''::\"char\"");
    const QString sequence =
        v >= 100000
            ? QStringLiteral("LEFT JOIN LATERAL (SELECT s.seqstart, s.seqincrement, s.seqcache, s.seqcycle "
                             "FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid WHERE "
                             "d.classid = 'pg_class'::regclass AND d.refobjid = a.attrelid AND "
                             "d.refobjsubid = a.attnum AND d.deptype = 'i' LIMIT 1) seq ON true")
            : QStringLiteral("LEFT JOIN LATERAL (SELECT NULL::int8 AS seqstart, NULL::int8 AS "
                             "seqincrement, NULL::int8 AS seqcache, NULL::bool AS seqcycle) seq ON true");
    // PG 18 keeps NOT NULL as a constraint (contype 'n') with a name of its own, NO INHERIT and
    // NOT VALID; notnull_named says the name is not the default <table>_<column>_not_null.
    const QString notNull =
        v >= 180000
            ? QStringLiteral(
                  "LEFT JOIN LATERAL (SELECT con.conname AS notnull_name, con.conname <> "
                  "(rc.relname || '_' || a.attname || '_not_null') AS notnull_named, "
                  "con.connoinherit AS notnull_noinherit, con.convalidated AS notnull_valid FROM "
                  "pg_constraint con JOIN pg_class rc ON rc.oid = con.conrelid WHERE con.conrelid = "
                  "a.attrelid AND con.contype = 'n' AND con.conkey = ARRAY[a.attnum]) nn ON true")
            : QStringLiteral("LEFT JOIN LATERAL (SELECT NULL::name AS notnull_name, false AS notnull_named, "
                             "false AS notnull_noinherit, true AS notnull_valid) nn ON true");
    return {QStringLiteral(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, "
                "a.attislocal, pg_get_expr(d.adbin, d.adrelid) AS default_expr, %1 AS attidentity, "
                "%2 AS attgenerated, CASE WHEN a.attcollation <> 0 AND a.attcollation <> "
                "t.typcollation THEN cn.nspname END AS collation_schema, CASE WHEN a.attcollation <> "
                "0 AND a.attcollation <> t.typcollation THEN co.collname END AS collation_name, "
                "col_description(a.attrelid, a.attnum) AS comment, a.attfdwoptions, seq.seqstart, "
                "seq.seqincrement, seq.seqcache, seq.seqcycle, nn.notnull_name, nn.notnull_named, "
                "nn.notnull_noinherit, nn.notnull_valid FROM pg_attribute a JOIN pg_type t ON "
                "t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = "
                "a.attnum LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace "
                "cn ON cn.oid = co.collnamespace %3 %4 WHERE a.attrelid = $1::oid AND a.attnum > 0 AND "
                "NOT a.attisdropped ORDER BY a.attnum")
                .arg(identity, generated, sequence, notNull),
            {QString::number(oid)}};
}

CatalogQuery constraintsQuery(quint32 oid)
{
    // Only the table's own constraints: a partition's inherited ones come with PARTITION OF.
    // NOT NULL is written on its column (PG 18 also keeps it here, as contype 'n').
    return {
        QStringLiteral("SELECT con.conname, pg_get_constraintdef(con.oid, true) AS definition, "
                       "obj_description(con.oid, 'pg_constraint') AS comment FROM pg_constraint con WHERE "
                       "con.conrelid = $1::oid AND con.contype IN ('p', 'u', 'c', 'x', 'f') AND "
                       "con.conislocal ORDER BY CASE con.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' "
                       "THEN 2 WHEN 'x' THEN 3 ELSE 4 END, con.conname"),
        {QString::number(oid)}};
}

CatalogQuery triggersQuery(quint32 oid, int v)
{
    // A partition's clone of a parent's trigger is internal up to PG 12 and has tgparentid since 13.
    const QString notCloned = v >= 130000 ? QStringLiteral(" AND t.tgparentid = 0") : QString();
    return {
        QStringLiteral("SELECT t.tgname, pg_get_triggerdef(t.oid, true) AS definition, "
                       "obj_description(t.oid, 'pg_trigger') AS comment FROM pg_trigger t WHERE t.tgrelid "
                       "= $1::oid AND NOT t.tgisinternal") +
            notCloned + QStringLiteral(" ORDER BY t.tgname"),
        {QString::number(oid)}};
}

QString identityClause(const RowSet &cols, int r)
{
    QString out = cols.text(r, u"attidentity") == u'a' ? QStringLiteral(" GENERATED ALWAYS AS IDENTITY")
                                                       : QStringLiteral(" GENERATED BY DEFAULT AS IDENTITY");
    // Only what differs from the defaults, so the common case stays short.
    QStringList options;
    const qint64 start = cols.number(r, u"seqstart", 1);
    const qint64 increment = cols.number(r, u"seqincrement", 1);
    const qint64 cache = cols.number(r, u"seqcache", 1);
    if (start != 1)
        options << QStringLiteral("START WITH %1").arg(start);
    if (increment != 1)
        options << QStringLiteral("INCREMENT BY %1").arg(increment);
    if (cache != 1)
        options << QStringLiteral("CACHE %1").arg(cache);
    if (cols.flag(r, u"seqcycle"))
        options << QStringLiteral("CYCLE");
    if (!options.isEmpty())
        out += QStringLiteral(" (") + options.join(u' ') + u')';
    return out;
}

QString columnDefinition(const RowSet &cols, int r, bool foreign)
{
    QString line = pg::quoteIdentifierIfNeeded(cols.text(r, u"attname")) + u' ' + cols.text(r, u"type");
    if (foreign && !cols.isNull(r, u"attfdwoptions"))
        line += QStringLiteral(" OPTIONS (") + fdwOptionList(cols.array(r, u"attfdwoptions")) + u')';
    if (!cols.isNull(r, u"collation_name"))
        line += QStringLiteral(" COLLATE ") +
                pg::qualifiedName(cols.text(r, u"collation_schema"), cols.text(r, u"collation_name"));
    const QString generated = cols.text(r, u"attgenerated");
    const bool identity = !cols.text(r, u"attidentity").isEmpty();
    if (!generated.isEmpty()) {
        line += QStringLiteral(" GENERATED ALWAYS AS (") + cols.text(r, u"default_expr") +
                (generated == u'v' ? QStringLiteral(") VIRTUAL") : QStringLiteral(") STORED"));
    } else if (identity) {
        line += identityClause(cols, r);
    } else if (!cols.isNull(r, u"default_expr")) {
        line += QStringLiteral(" DEFAULT ") + cols.text(r, u"default_expr");
    }
    // An identity column is NOT NULL by definition; a NOT VALID one is added after the table
    // (notValidNotNulls()).
    if (cols.flag(r, u"attnotnull") && !identity && cols.flag(r, u"notnull_valid")) {
        if (cols.flag(r, u"notnull_named"))
            line +=
                QStringLiteral(" CONSTRAINT ") + pg::quoteIdentifierIfNeeded(cols.text(r, u"notnull_name"));
        line += QStringLiteral(" NOT NULL");
        if (cols.flag(r, u"notnull_noinherit"))
            line += QStringLiteral(" NO INHERIT");
    }
    return line;
}

/// PG 18's NOT NULL … NOT VALID: only ALTER TABLE can add one. Inherited columns get theirs from
/// the parent, as in the table's body.
QString notValidNotNulls(const RowSet &cols, bool inherits, const QString &table)
{
    QString out;
    for (int r = 0; r < cols.rowCount(); ++r) {
        if (!cols.flag(r, u"attnotnull") || cols.flag(r, u"notnull_valid") ||
            cols.isNull(r, u"notnull_name") || (inherits && !cols.flag(r, u"attislocal")))
            continue;
        out += QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 NOT NULL %3%4 NOT VALID;\n")
                   .arg(table, pg::quoteIdentifierIfNeeded(cols.text(r, u"notnull_name")),
                        pg::quoteIdentifierIfNeeded(cols.text(r, u"attname")),
                        cols.flag(r, u"notnull_noinherit") ? QStringLiteral(" NO INHERIT") : QString());
    }
    return out;
}

QString triggerStatements(const RowSet &triggers, const QString &table)
{
    QString out;
    for (int r = 0; r < triggers.rowCount(); ++r) {
        out += triggers.text(r, u"definition") + QStringLiteral(";\n");
        out += commentOn(QStringLiteral("TRIGGER"),
                         pg::quoteIdentifierIfNeeded(triggers.text(r, u"tgname")) + QStringLiteral(" ON ") +
                             table,
                         triggers.text(r, u"comment"));
    }
    return out;
}

Script buildTable(const CatalogObject &object, const QList<RowSet> &rows)
{
    const RowSet &rel = rows[RelationQuery];
    if (rel.rowCount() == 0)
        return notFound(object);
    const RowSet &parents = rows[ParentsQuery];
    const RowSet &cols = rows[ColumnsQuery];
    const RowSet &cons = rows[ConstraintsQuery];

    const QString name = pg::qualifiedName(rel.text(0, u"nspname"), rel.text(0, u"relname"));
    const bool foreign = rel.text(0, u"relkind") == u'f';
    const bool partition = rel.flag(0, u"relispartition");
    const QString what = foreign ? QStringLiteral("FOREIGN TABLE") : QStringLiteral("TABLE");

    QString sql = QStringLiteral("CREATE ");
    if (rel.text(0, u"relpersistence") == u'u')
        sql += QStringLiteral("UNLOGGED ");
    sql += what + u' ' + name;

    // The body: a partition takes its columns from the parent and lists only its own constraints.
    QStringList body;
    if (!partition) {
        for (int r = 0; r < cols.rowCount(); ++r) {
            if (parents.rowCount() == 0 || cols.flag(r, u"attislocal"))
                body << columnDefinition(cols, r, foreign);
        }
    }
    for (int r = 0; r < cons.rowCount(); ++r)
        body << QStringLiteral("CONSTRAINT ") + pg::quoteIdentifierIfNeeded(cons.text(r, u"conname")) + u' ' +
                    cons.text(r, u"definition");

    if (partition) {
        const QString parent = pg::qualifiedName(parents.text(0, u"nspname"), parents.text(0, u"relname"));
        sql += QStringLiteral(" PARTITION OF ") + parent;
        if (!body.isEmpty())
            sql += QStringLiteral(" (\n    ") + body.join(QStringLiteral(",\n    ")) + QStringLiteral("\n)");
        sql += u'\n' + rel.text(0, u"bound");
    } else {
        sql += QStringLiteral(" (\n    ") + body.join(QStringLiteral(",\n    ")) + QStringLiteral("\n)");
        if (parents.rowCount() > 0) {
            QStringList names;
            for (int r = 0; r < parents.rowCount(); ++r)
                names << pg::qualifiedName(parents.text(r, u"nspname"), parents.text(r, u"relname"));
            sql += QStringLiteral("\nINHERITS (") + names.join(QStringLiteral(", ")) + u')';
        }
    }
    if (!rel.isNull(0, u"partkey"))
        sql += QStringLiteral("\nPARTITION BY ") + rel.text(0, u"partkey");
    if (foreign) {
        sql += QStringLiteral("\nSERVER ") + pg::quoteIdentifierIfNeeded(rel.text(0, u"server"));
        if (!rel.isNull(0, u"ftoptions"))
            sql += QStringLiteral("\nOPTIONS (") + fdwOptionList(rel.array(0, u"ftoptions")) + u')';
    }
    const QString am = rel.text(0, u"access_method");
    if (!am.isEmpty() && am != QLatin1String("heap"))
        sql += QStringLiteral("\nUSING ") + pg::quoteIdentifierIfNeeded(am);
    if (!rel.isNull(0, u"reloptions"))
        sql += QStringLiteral("\nWITH (") + optionList(rel.array(0, u"reloptions")) + u')';
    if (!rel.isNull(0, u"tablespace"))
        sql += QStringLiteral("\nTABLESPACE ") + pg::quoteIdentifierIfNeeded(rel.text(0, u"tablespace"));
    sql += QStringLiteral(";\n");

    QString after;
    if (rel.flag(0, u"relrowsecurity"))
        after += QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY;\n").arg(name);
    if (rel.flag(0, u"relforcerowsecurity"))
        after += QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY;\n").arg(name);
    if (!partition)
        after += notValidNotNulls(cols, parents.rowCount() > 0, name);
    after += indexStatements(rows[IndexesQuery]);
    after += triggerStatements(rows[TriggersQuery], name);
    after += commentOn(what, name, rel.text(0, u"comment"));
    for (int r = 0; r < cols.rowCount(); ++r)
        after += commentOn(QStringLiteral("COLUMN"),
                           name + u'.' + pg::quoteIdentifierIfNeeded(cols.text(r, u"attname")),
                           cols.text(r, u"comment"));
    for (int r = 0; r < cons.rowCount(); ++r)
        after +=
            commentOn(QStringLiteral("CONSTRAINT"),
                      pg::quoteIdentifierIfNeeded(cons.text(r, u"conname")) + QStringLiteral(" ON ") + name,
                      cons.text(r, u"comment"));
    after += ownerTo(what, name, rel.text(0, u"owner"));
    return sql + (after.isEmpty() ? QString() : u'\n' + after);
}

} // namespace

Recipe table(const CatalogObject &object, int version)
{
    const quint32 oid = object.oid;
    return {{relationQuery(oid, version), parentsQuery(oid), columnsQuery(oid, version),
             constraintsQuery(oid), indexQuery(oid), triggersQuery(oid, version)},
            [object](const QList<RowSet> &rows) { return buildTable(object, rows); }};
}

} // namespace tusk::catalog::scripts
