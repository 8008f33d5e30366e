// Script as CREATE for databases, schemas, roles, tablespaces and extensions.

#include "catalog/scriptrecipe_p.h"

#include "pg/quoting.h"

#include <QCoreApplication>

namespace tusk::catalog::scripts {

namespace {

CatalogQuery byOid(const QString &sql, const CatalogObject &object)
{
    return {sql, {QString::number(object.oid)}};
}

Script buildDatabase(const CatalogObject &object, const RowSet &d)
{
    if (d.rowCount() == 0)
        return notFound(object);
    const QString name = pg::quoteIdentifierIfNeeded(d.text(0, u"datname"));
    QStringList options;
    options << QStringLiteral("OWNER = ") + pg::quoteIdentifierIfNeeded(d.text(0, u"owner"));
    // template0: the only template that accepts any encoding and locale.
    options << QStringLiteral("TEMPLATE = template0");
    options << QStringLiteral("ENCODING = ") + pg::quoteLiteral(d.text(0, u"encoding"));
    const QString provider = d.text(0, u"provider");
    if (provider == u'i') {
        options << QStringLiteral("LOCALE_PROVIDER = icu");
        options << QStringLiteral("ICU_LOCALE = ") + pg::quoteLiteral(d.text(0, u"locale"));
    } else if (provider == u'b') {
        options << QStringLiteral("LOCALE_PROVIDER = builtin");
        options << QStringLiteral("BUILTIN_LOCALE = ") + pg::quoteLiteral(d.text(0, u"locale"));
    }
    options << QStringLiteral("LC_COLLATE = ") + pg::quoteLiteral(d.text(0, u"datcollate"));
    options << QStringLiteral("LC_CTYPE = ") + pg::quoteLiteral(d.text(0, u"datctype"));
    options << QStringLiteral("TABLESPACE = ") + pg::quoteIdentifierIfNeeded(d.text(0, u"tablespace"));
    options << QStringLiteral("CONNECTION LIMIT = ") + d.text(0, u"datconnlimit");
    if (d.flag(0, u"datistemplate"))
        options << QStringLiteral("IS_TEMPLATE = true");
    if (!d.flag(0, u"datallowconn"))
        options << QStringLiteral("ALLOW_CONNECTIONS = false");
    return QStringLiteral("CREATE DATABASE %1\n    WITH %2;\n")
               .arg(name, options.join(QStringLiteral("\n    "))) +
           commentOn(QStringLiteral("DATABASE"), name, d.text(0, u"comment"));
}

/// One GRANT per role the member belongs to. Since PostgreSQL 16 a membership may be granted once
/// per grantor (one row each) and carries INHERIT and SET options besides ADMIN; the rows of one
/// role are merged (any grant that gives an option gives it).
QString membershipGrants(const RowSet &m, const QString &member, bool memberInherits)
{
    QString sql;
    for (int i = 0; i < m.rowCount(); ++i) {
        QStringList options;
        if (m.flag(i, u"admin_option"))
            options << QStringLiteral("ADMIN OPTION");
        if (!m.isNull(i, u"inherit_option") && m.flag(i, u"inherit_option") != memberInherits)
            options << (m.flag(i, u"inherit_option") ? QStringLiteral("INHERIT TRUE")
                                                     : QStringLiteral("INHERIT FALSE"));
        if (!m.isNull(i, u"set_option") && !m.flag(i, u"set_option"))
            options << QStringLiteral("SET FALSE");
        sql +=
            QStringLiteral("GRANT %1 TO %2").arg(pg::quoteIdentifierIfNeeded(m.text(i, u"rolname")), member);
        if (!options.isEmpty())
            sql += QStringLiteral(" WITH ") + options.join(QStringLiteral(", "));
        sql += QStringLiteral(";\n");
    }
    return sql;
}

Script buildRole(const CatalogObject &object, const RowSet &r, const RowSet &memberships)
{
    if (r.rowCount() == 0)
        return notFound(object);
    const QString name = pg::quoteIdentifierIfNeeded(r.text(0, u"rolname"));
    auto attribute = [&r](QStringView column, const QString &word) {
        return r.flag(0, column) ? word : QStringLiteral("NO") + word;
    };
    QStringList options{attribute(u"rolcanlogin", QStringLiteral("LOGIN")),
                        attribute(u"rolsuper", QStringLiteral("SUPERUSER")),
                        attribute(u"rolinherit", QStringLiteral("INHERIT")),
                        attribute(u"rolcreatedb", QStringLiteral("CREATEDB")),
                        attribute(u"rolcreaterole", QStringLiteral("CREATEROLE")),
                        attribute(u"rolreplication", QStringLiteral("REPLICATION")),
                        attribute(u"rolbypassrls", QStringLiteral("BYPASSRLS")),
                        QStringLiteral("CONNECTION LIMIT ") + r.text(0, u"rolconnlimit")};
    if (!r.isNull(0, u"rolvaliduntil"))
        options << QStringLiteral("VALID UNTIL ") + pg::quoteLiteral(r.text(0, u"rolvaliduntil"));
    // The password is not readable from the catalog (and should not be copied around anyway).
    QString sql =
        QStringLiteral("CREATE ROLE %1 WITH\n    %2;\n").arg(name, options.join(QStringLiteral("\n    ")));
    sql += membershipGrants(memberships, name, r.flag(0, u"rolinherit"));
    return sql + commentOn(QStringLiteral("ROLE"), name, r.text(0, u"comment"));
}

Script buildTablespace(const CatalogObject &object, const RowSet &t)
{
    if (t.rowCount() == 0)
        return notFound(object);
    const QString name = pg::quoteIdentifierIfNeeded(t.text(0, u"spcname"));
    if (t.text(0, u"location").isEmpty())
        return notScriptable(QCoreApplication::translate("tusk::catalog", "%1 is built in").arg(name));
    QString sql = QStringLiteral("CREATE TABLESPACE %1\n    OWNER %2\n    LOCATION %3")
                      .arg(name, pg::quoteIdentifierIfNeeded(t.text(0, u"owner")),
                           pg::quoteLiteral(t.text(0, u"location")));
    if (!t.isNull(0, u"spcoptions"))
        sql += QStringLiteral("\n    WITH (") + optionList(t.array(0, u"spcoptions")) + u')';
    return sql + QStringLiteral(";\n") + commentOn(QStringLiteral("TABLESPACE"), name, t.text(0, u"comment"));
}

} // namespace

Recipe database(const CatalogObject &object, int version)
{
    // Locale providers: PG 15 (icu, daticulocale); PG 17 renamed it datlocale and added builtin.
    const QString provider =
        version >= 150000 ? QStringLiteral("d.datlocprovider") : QStringLiteral("'c'::\"char\"");
    const QString locale = version >= 170000   ? QStringLiteral("d.datlocale")
                           : version >= 150000 ? QStringLiteral("d.daticulocale")
                                               : QStringLiteral("NULL::text");
    return {
        {byOid(QStringLiteral("SELECT d.datname, pg_get_userbyid(d.datdba) AS owner, "
                              "pg_encoding_to_char(d.encoding) AS encoding, d.datcollate, d.datctype, %1 AS "
                              "provider, %2 AS locale, t.spcname AS tablespace, d.datconnlimit, "
                              "d.datistemplate, d.datallowconn, shobj_description(d.oid, 'pg_database') AS "
                              "comment FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace "
                              "WHERE d.oid = $1::oid")
                   .arg(provider, locale),
               object)},
        [object](const QList<RowSet> &rows) { return buildDatabase(object, rows[0]); }};
}

Recipe schema(const CatalogObject &object)
{
    return {
        {byOid(QStringLiteral("SELECT n.nspname, pg_get_userbyid(n.nspowner) AS owner, "
                              "obj_description(n.oid, 'pg_namespace') AS comment FROM pg_namespace n WHERE "
                              "n.oid = $1::oid"),
               object)},
        [object](const QList<RowSet> &rows) -> Script {
            const RowSet &n = rows[0];
            if (n.rowCount() == 0)
                return notFound(object);
            const QString name = pg::quoteIdentifierIfNeeded(n.text(0, u"nspname"));
            return QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION %2;\n")
                       .arg(name, pg::quoteIdentifierIfNeeded(n.text(0, u"owner"))) +
                   commentOn(QStringLiteral("SCHEMA"), name, n.text(0, u"comment"));
        }};
}

Recipe role(const CatalogObject &object, int version)
{
    // inherit_option and set_option: PG 16.
    const QString options = version >= 160000
                                ? QStringLiteral("bool_or(m.inherit_option) AS inherit_option, "
                                                 "bool_or(m.set_option) AS set_option")
                                : QStringLiteral("NULL::bool AS inherit_option, NULL::bool AS set_option");
    return {
        {byOid(QStringLiteral("SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, "
                              "r.rolcanlogin, r.rolreplication, r.rolbypassrls, r.rolconnlimit, "
                              "r.rolvaliduntil, shobj_description(r.oid, 'pg_authid') AS comment FROM "
                              "pg_roles r WHERE r.oid = $1::oid"),
               object),
         byOid(
             QStringLiteral("SELECT g.rolname, bool_or(m.admin_option) AS admin_option, %1 FROM "
                            "pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = $1::oid "
                            "GROUP BY g.rolname ORDER BY g.rolname")
                 .arg(options),
             object)},
        [object](const QList<RowSet> &rows) { return buildRole(object, rows[0], rows[1]); }};
}

Recipe tablespace(const CatalogObject &object)
{
    return {{byOid(QStringLiteral("SELECT t.spcname, pg_get_userbyid(t.spcowner) AS owner, "
                                  "pg_tablespace_location(t.oid) AS location, t.spcoptions, "
                                  "shobj_description(t.oid, 'pg_tablespace') AS comment FROM pg_tablespace t "
                                  "WHERE t.oid = $1::oid"),
                   object)},
            [object](const QList<RowSet> &rows) { return buildTablespace(object, rows[0]); }};
}

Recipe extension(const CatalogObject &object)
{
    return {{byOid(QStringLiteral("SELECT e.extname, n.nspname, e.extversion FROM pg_extension e JOIN "
                                  "pg_namespace n ON n.oid = e.extnamespace WHERE e.oid = $1::oid"),
                   object)},
            [object](const QList<RowSet> &rows) -> Script {
                const RowSet &e = rows[0];
                if (e.rowCount() == 0)
                    return notFound(object);
                return QStringLiteral(
                           "CREATE EXTENSION IF NOT EXISTS %1\n    WITH SCHEMA %2\n    VERSION %3;\n")
                    .arg(pg::quoteIdentifierIfNeeded(e.text(0, u"extname")),
                         pg::quoteIdentifierIfNeeded(e.text(0, u"nspname")),
                         pg::quoteLiteral(e.text(0, u"extversion")));
            }};
}

} // namespace tusk::catalog::scripts
